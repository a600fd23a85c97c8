"""Keep generated HTML out of Python-Markdown, and put it back into the converted page.

Each block is parked here and an HTML comment stands in its place, which
Markdown passes on untouched and cheaply: parsing the big tables as raw
HTML cost more than the rest of a build, and Markdown would read `|`, `*`
or an indented line inside a block as syntax. The blocks are restored in
`on_page_content` with the highest priority, so that no other plugin reads
`page.content` while it still holds stand-ins.

Blocks that are shown but not searched (an area's table of its measures,
which repeats the measure pages) are parked until search has read the page
(`park_unsearched`): search reads their stand-ins, which are comments to
it, and they are restored in `on_page_context` after search.

Blocks of pages that are left out of search can be parked late
(`park_late`): only a function that makes the block is kept, and the block
is made and put into the finished page as it is written (`fill_late`,
from `on_post_page`). MkDocs keeps every page's content until the pages
are written; the facet pages' tables of thousands of measures then never sit in
memory together, and are made once, when written.

Python-Markdown's own `htmlStash` would need an extension whose
preprocessor finds our stand-ins anyway; a comment token and one regular
expression per page are simpler and just as safe.
"""

from __future__ import annotations

import itertools
import re
import secrets
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


class MissingBlock(RuntimeError):
    """A stand-in reached the converted page but its block is gone: a bug in the glue, never silent."""


class HtmlStash:
    def __init__(self) -> None:
        self._blocks: dict[str, str] = {}
        # Numbers the blocks; not len(_blocks), which shrinks as blocks are used.
        self._serial = itertools.count()
        # Per build, so that a comment an editor happens to type never matches.
        self._nonce = secrets.token_hex(6)
        self._pattern = self._stand_ins("block")
        self._late: dict[str, Callable[[], str]] = {}
        self._late_pattern = self._stand_ins("late")
        self._unsearched: dict[str, str] = {}
        self._unsearched_pattern = self._stand_ins("unsearched")

    def _stand_ins(self, kind: str) -> re.Pattern[str]:
        return re.compile(rf"<!--ap-{kind}-{self._nonce}-\d+-->")

    def _parked(self, kind: str, blocks: dict[str, T], block: T) -> str:
        """A new stand-in of `kind` for `block`, on lines of its own so that Markdown keeps it as a block."""
        token = f"<!--ap-{kind}-{self._nonce}-{next(self._serial)}-->"
        blocks[token] = block
        return f"\n\n{token}\n\n"

    def park(self, html: str) -> str:
        """A stand-in for `html`, put back by `restore`."""
        return self._parked("block", self._blocks, html)

    def restore(self, html: str) -> str:
        """The converted page with every stand-in replaced by its block; each block is used once."""
        return self._pattern.sub(self._take, html)

    def _take(self, match: re.Match[str]) -> str:
        return _taken(self._blocks, match[0])

    def park_unsearched(self, html: str) -> str:
        """A stand-in for a block that is shown but not searched: it stays in the page until search has read it.

        `restore_unsearched` puts it in, after search (on_page_context). Search
        then neither indexes the block nor spends time parsing it.
        """
        return self._parked("unsearched", self._unsearched, html)

    def restore_unsearched(self, html: str, finish: Callable[[str], str]) -> str:
        """The page with each unsearched stand-in replaced by its block, passed through `finish`."""
        if "<!--ap-unsearched-" not in html:
            return html
        return self._unsearched_pattern.sub(lambda match: finish(_taken(self._unsearched, match[0])), html)

    def park_late(self, render: Callable[[], str]) -> str:
        """A stand-in for the block `render` makes when the page is written (`fill_late`)."""
        return self._parked("late", self._late, render)

    def left(self) -> int:
        """How many late or unsearched blocks were never put into a page (a bug in the glue: the build stops)."""
        return len(self._late) + len(self._unsearched)

    def fill_late(self, output: str, finish: Callable[[str], str]) -> str:
        """The written page with each late stand-in replaced by its block, made now and passed through `finish`."""
        return self._late_pattern.sub(lambda match: finish(_taken(self._late, match[0])()), output)


def _taken(blocks: dict[str, T], token: str) -> T:
    """The block parked under `token`, removed: each is used once, and a missing one is a bug, never silent."""
    try:
        return blocks.pop(token)
    except KeyError:
        raise MissingBlock(f"generated block {token} was used twice or never parked") from None

"""Split a Markdown file into its YAML front matter and its body, reporting every way it can fail.

MkDocs' own reader swallows broken front matter and renders the page without
it; a measure page read that way would silently vanish from every tally, so
measure pages are read here instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from actionplan.load import yamlsource
from actionplan.problems import Problem

_FENCE = re.compile(r"^---[ \t]*$")
_END = re.compile(r"^(---|\.\.\.)[ \t]*$")


@dataclass(frozen=True)
class FrontMatter:
    """The front matter's root node and the body that follows it.

    `first_line` is the file line on which the YAML starts, so that a node's
    position can be turned into a line an editor's editor shows; `body_line`
    is the line on which the body starts.
    """

    root: yaml.MappingNode
    body: str
    first_line: int
    body_line: int
    yaml_lines: tuple[str, ...] = ()


def decode(data: bytes, shown_path: str) -> tuple[str | None, Problem | None]:
    """Decode UTF-8 (with or without a byte order mark) into text with Unix newlines."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return None, Problem(
            shown_path,
            line,
            None,
            "filen är inte sparad som UTF-8 (ett tecken på raden går inte att läsa). "
            "Spara om filen med teckenkodningen UTF-8.",
        )
    return text.replace("\r\n", "\n").replace("\r", "\n"), None


def read(path: str | Path, shown_path: str) -> tuple[FrontMatter | None, Problem | None]:
    """Read a measure page; return its front matter or the one problem that stops reading."""
    # Unbuffered: the whole file in one read, without a buffer object for each of thousands of pages.
    with open(path, "rb", buffering=0) as file:
        data = file.read()
    text, problem = decode(data, shown_path)
    if text is None:
        return None, problem
    return split(text, shown_path)


def starts_with_front_matter(text: str) -> bool:
    return bool(_FENCE.match(text.split("\n", 1)[0]))


def split(text: str, shown_path: str) -> tuple[FrontMatter | None, Problem | None]:
    lines = text.split("\n")
    if not _FENCE.match(lines[0]):
        return None, Problem(
            shown_path,
            1,
            None,
            "sidan saknar front matter: första raden ska vara tre bindestreck (---), "
            "följda av fälten och ännu en rad med ---.",
        )
    end = next((i for i in range(1, len(lines)) if _END.match(lines[i])), None)
    if end is None:
        return None, Problem(
            shown_path,
            1,
            None,
            "front matter avslutas aldrig: lägg till en rad med tre bindestreck (---) efter sista fältet.",
        )
    first_line = 2
    document = yamlsource.parse("\n".join(lines[1:end]), shown_path, first_line)
    if document.problem:
        return None, document.problem
    if document.root is None:
        return None, Problem(shown_path, 1, None, "front matter är tom: fälten saknas.")
    if not isinstance(document.root, yaml.MappingNode):
        return None, Problem(
            shown_path,
            yamlsource.line_of(document.root, first_line),
            None,
            "front matter ska bestå av fält på formen namn: värde, en per rad, men är "
            f"{yamlsource.kind_of(document.root)}.",
        )
    body = "\n".join(lines[end + 1 :])
    return FrontMatter(document.root, body, first_line, end + 2, tuple(lines[1:end])), None

"""Where each kind of page lives in the docs folder, and links between pages.

Pages are named by their source path relative to the docs folder
(`2021/atgarder/1-4.md`). The site is built with directory URLs, so that
source becomes the URL `2021/atgarder/1-4/`; links are made relative to the
page they appear on, which keeps the site working from any folder or server
path and offline.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path

from actionplan.model import Measure

MEASURES_FOLDER = "atgarder"


def measure_page(year: int, measure_id: str) -> str:
    """The page of a measure: `1.10` lives in `1-10.md`, never to be confused with `1-1.md`."""
    return f"{year}/{MEASURES_FOLDER}/{measure_id.replace('.', '-')}.md"


def area_page(year: int, number: int) -> str:
    return f"{year}/utvecklingsomrade-{number}.md"


def area_pages(docs: Path, year: int) -> list[Path]:
    """The area overview pages of a year that exist in the docs folder."""
    return sorted((docs / str(year)).glob("utvecklingsomrade-*.md"))


def all_measures_page(year: int) -> str:
    return f"{year}/alla-atgarder.md"


def statistics_page(year: int) -> str:
    return f"{year}/statistik.md"


def facet_page(year: int, facet_slug: str, value_slug: str) -> str:
    return f"{year}/{facet_slug}/{value_slug}.md"


@functools.cache
def slug(text: str) -> str:
    """A URL-safe name: `Skäggetorp` becomes `skaggetorp`, `Samtliga nämnder` `samtliga-namnder`."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"


def url_of(source: str) -> str:
    """The directory URL MkDocs gives a source page (`a/index.md` -> `a/`, `a/b.md` -> `a/b/`)."""
    stem = source[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        stem = stem[: -len("index")]
        return stem
    return stem + "/"


class Links:
    """Hrefs from one page to others, relative to that page."""

    def __init__(self, current_source: str) -> None:
        self.current_url = url_of(current_source)
        self._here = [part for part in self.current_url.split("/") if part]

    def to(self, source: str, anchor: str = "") -> str:
        # Both ends are directory URLs inside the site, so the relative path is
        # "../" per folder left plus the rest of the target (faster than
        # os.path.relpath, which matters for tables of thousands of rows).
        there = [part for part in url_of(source).split("/") if part]
        common = 0
        for mine, theirs in zip(self._here, there, strict=False):  # lengths differ by design
            if mine != theirs:
                break
            common += 1
        steps = [".."] * (len(self._here) - common) + there[common:]
        href = "/".join(steps) + "/" if steps else "./"
        return href + (f"#{anchor}" if anchor else "")

    def measure(self, measure: Measure) -> str:
        return self.to(str(measure.source))

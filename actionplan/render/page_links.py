"""Links from the page being written to other pages, relative so that the site works from any path and offline.

The URL a source page gets (`2021/atgarder/1-4.md` -> `2021/atgarder/1-4/`)
is the site generator's rule, so the glue hands it in as `url_of`. What the
theme gives meaning to (the attribute that keeps an element out of search,
the class of a button) comes in the same way, as `ThemeNames`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from actionplan.model import Measure

UrlOf = Callable[[str], str]


@dataclass(frozen=True)
class ThemeNames:
    """Names the theme gives meaning to; empty where a theme has no such thing.

    `search_exclude` is an attribute written on elements that repeat what
    other pages say, so that search does not list them; `button` is the
    class that makes a button look like the theme's buttons.
    """

    search_exclude: str = ""
    button: str = ""

    def excluded_from_search(self) -> str:
        """The attribute, with its leading space, ready to write inside a start tag."""
        return f" {self.search_exclude}" if self.search_exclude else ""


class Links:
    """Hrefs from one page to others, relative to that page, and the theme's names for that page's HTML."""

    def __init__(self, current_source: str, url_of: UrlOf, theme: ThemeNames | None = None) -> None:
        self.url_of = url_of
        self.theme = theme or ThemeNames()
        self.current_url = url_of(current_source)
        # The folder the current page's URL lies in: "2021/atgarder/1-4/" -> 2021, atgarder, 1-4.
        self._here = self.current_url.split("/")[:-1]

    def for_page(self, source: str) -> Links:
        """Links from another page, with the same URL rule and theme names."""
        return Links(source, self.url_of, self.theme)

    def to(self, source: str, anchor: str = "") -> str:
        # "../" per folder left, then the rest of the target's URL (faster than
        # os.path.relpath, which matters for tables of thousands of rows).
        there = self.url_of(source).split("/")
        common = 0
        for mine, theirs in zip(self._here, there[:-1], strict=False):  # lengths differ by design
            if mine != theirs:
                break
            common += 1
        href = "/".join([".."] * (len(self._here) - common) + there[common:]) or "./"
        return href + (f"#{anchor}" if anchor else "")

    def measure(self, measure: Measure) -> str:
        return self.to(str(measure.source))

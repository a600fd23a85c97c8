"""What the site generator's glue calls: one object per build that knows the whole plan.

The glue (`hooks.py`, `macros.py`) passes page paths in and gets Markdown
back; it never reaches into the model. Moving to another generator means
rewriting the glue against this class, nothing more.

Generated HTML does not go through Markdown: each block is parked here and
an HTML comment stands in its place, which Markdown passes on untouched and
cheaply; `unstash` puts the blocks back into the rendered page. Parsing the
big tables as Markdown's raw HTML cost more than the rest of a build.
"""

from __future__ import annotations

import itertools
import json
import re
import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from actionplan import catalogue as catalogue_loader
from actionplan import gitdates, layout
from actionplan.catalogue import Catalogue
from actionplan.facets import facets
from actionplan.layout import Links
from actionplan.problems import Problem, in_order, report
from actionplan.render import all_measures, editor_guide, measure_page, overviews
from actionplan.render.html import esc

# Where the glue keeps the Site on the generator's configuration for one build.
CONFIG_KEY = "actionplan"


class UnknownPage(ValueError):
    """A macro was asked for a follow-up year or an area that the data does not have."""


@dataclass
class Site:
    """The loaded plan (or the problems that stopped it) and the pages' last-changed dates."""

    catalogue: Catalogue | None
    problems: list[Problem]
    last_changed: dict[str, date] = field(default_factory=dict)
    # Years with pages on the site: with measures, or at least an area overview.
    years: tuple[int, ...] = ()
    _blocks: dict[str, str] = field(default_factory=dict, repr=False)
    # Numbers the blocks; not len(_blocks), which shrinks as blocks are used.
    _serial: Iterator[int] = field(default_factory=itertools.count, repr=False)
    # Per build, so that a comment an editor happens to type never matches.
    _nonce: str = field(default_factory=lambda: secrets.token_hex(6), repr=False)

    @classmethod
    def load(cls, root: Path, docs_dir: Path) -> Site:
        """Read everything once; `docs_dir` may be absolute or relative to `root`."""
        docs = (root / docs_dir).resolve()
        catalogue, problems = catalogue_loader.load(root, docs_dir=_shown(docs, root))
        if catalogue is None:
            return cls(None, problems)
        years = {year for year in catalogue.years}
        years |= {f.year for f in catalogue.vocabulary.follow_ups if any(layout.area_pages(docs, f.year))}
        return cls(catalogue, problems, gitdates.last_changed(docs), tuple(sorted(years)))

    def report(self) -> str:
        return report(self.problems)

    @staticmethod
    def escaped_title(title: str) -> str:
        """A page title as the theme must receive it: HTML-escaped, since it prints titles as they are."""
        return esc(title)

    # HTML kept out of Markdown --------------------------------------------

    def stash(self, html: str) -> str:
        """A stand-in for `html`, on lines of its own so that Markdown keeps it as a block."""
        token = f"<!--ap-block-{self._nonce}-{next(self._serial)}-->"
        self._blocks[token] = html
        return f"\n\n{token}\n\n"

    def unstash(self, html: str) -> str:
        """The rendered page with every stand-in replaced by its block."""
        pattern = re.compile(rf"<!--ap-block-{self._nonce}-\d+-->")
        return pattern.sub(lambda match: self._blocks.pop(match[0], ""), html)

    # Measure pages ------------------------------------------------------

    def measure_sources(self) -> list[str]:
        return [str(m.source) for m in self.catalogue.measures] if self.catalogue else []

    def is_measure(self, source: str) -> bool:
        return self.catalogue is not None and self.catalogue.by_source(source) is not None

    def measure_title(self, source: str) -> str:
        return measure_page.page_title(self.catalogue.by_source(source))

    def measure_markdown(self, source: str) -> str:
        """The measure page: heading and facts, the description, neighbours and date.

        The description is the body this package read and checked, not the
        generator's: MkDocs reads some front matter differently (a closing
        --- without a newline, a date that is no date) and would show it as text.
        """
        measure = self.catalogue.by_source(source)
        links = Links(source)
        header = measure_page.measure_header(measure, self.catalogue.vocabulary, links)
        changed = self.last_changed.get(source)
        footer = measure_page.measure_footer(self.catalogue.neighbours(measure), links, changed)
        # Only blank lines are trimmed: leading spaces may start a code block.
        description = measure.body.strip("\n") if measure.body.strip() else "*Ingen beskrivning.*"
        return f"{self.stash(header)}## Beskrivning\n\n{description}\n{self.stash(footer)}"

    # Navigation ---------------------------------------------------------

    def navigation(self, nav: list | None, docs: Path) -> list | None:
        """`nav` from mkdocs.yml with a section per follow-up year inserted after its first entry.

        Each section lists the year's area overviews and its pages of all
        measures and statistics, where they exist, so that a new year needs
        no edit of mkdocs.yml. Without a `nav` the generator lists every page
        itself, and nothing is added.
        """
        if self.catalogue is None or nav is None:
            return nav
        sections = []
        for year in reversed(self.years):
            pages = [
                # Labels are printed unescaped by the theme, like titles.
                {esc(f"{a.number}. {a.title}"): layout.area_page(year, a.number)}
                for a in self.catalogue.vocabulary.areas
                if (docs / layout.area_page(year, a.number)).is_file()
            ]
            pages += [
                {label: source}
                for label, source in (
                    ("Alla åtgärder", layout.all_measures_page(year)),
                    ("Statistik", layout.statistics_page(year)),
                )
                if (docs / source).is_file()
            ]
            sections.append({f"Uppföljning {year}": pages})
        return nav[:1] + sections + nav[1:]

    # Generated pages ----------------------------------------------------

    def generated_pages(self) -> dict[str, str]:
        """{source path: Markdown} of the pages made from the data: one per facet value and year.

        They are left out of search: they repeat the measure pages, which a
        search should find instead.
        """
        if self.catalogue is None:
            return {}
        pages = {}
        for year in self.years:
            for facet in facets(self.catalogue.vocabulary):
                for value in facet.values:
                    # JSON-quoted: a JSON string is a valid YAML scalar whatever it holds.
                    title = json.dumps(overviews.facet_title(facet, value, year), ensure_ascii=False)
                    body = self.stash(overviews.facet_body(self.catalogue, year, facet, value))
                    pages[facet.page(year, value)] = f"---\ntitle: {title}\nsearch:\n  exclude: true\n---\n{body}"
        return pages

    # Blocks for the pages that aggregate (called by the macros) ---------

    def year_tally(self, year: int, page: str) -> str:
        self._known(year)
        return self._block(lambda: overviews.year_tally(self.catalogue, year, Links(page)))

    def area_overview(self, year: int, area: int, page: str) -> str:
        self._known(year, area)
        return self._block(lambda: overviews.area_overview(self.catalogue, year, area, Links(page)))

    def statistics(self, year: int, page: str) -> str:
        """Markdown headings (so that they reach the table of contents) over stashed blocks."""
        self._known(year)
        if self.catalogue is None:
            return ""
        sections = overviews.statistics(self.catalogue, year, Links(page))
        return "".join(f"\n\n## {heading}\n{self.stash(html)}" for heading, html in sections)

    def all_measures(self, year: int, page: str) -> str:
        self._known(year)
        return self._block(lambda: all_measures.all_measures(self.catalogue, year, Links(page)))

    def field_reference(self) -> str:
        return self._block(lambda: editor_guide.field_reference(self.catalogue.vocabulary))

    def vocabulary_reference(self) -> str:
        return self._block(lambda: editor_guide.vocabulary_reference(self.catalogue.vocabulary))

    def development_over_time(self) -> str:
        return self._block(lambda: overviews.development_over_time(self.catalogue))

    def follow_up_facts(self, year: int) -> str:
        self._known(year)
        return self._block(lambda: overviews.follow_up_facts(self.catalogue.vocabulary, year))

    def _known(self, year: int, area: int | None = None) -> None:
        """Refuse, in Swedish, a year or an area that a page's macro call names wrongly."""
        if self.catalogue is None:
            return
        vocabulary = self.catalogue.vocabulary
        if vocabulary.follow_up(year) is None:
            known = ", ".join(str(f.year) for f in vocabulary.follow_ups)
            raise UnknownPage(f"Uppföljningsåret {year} finns inte i data/measures.yml. Kända år: {known}.")
        if area is not None and area not in [a.number for a in vocabulary.areas]:
            known = ", ".join(str(a.number) for a in vocabulary.areas)
            raise UnknownPage(f"Utvecklingsområde {area} finns inte. Tillåtna: {known}.")

    def _block(self, render) -> str:
        # Without a loaded plan (while previewing broken content) every page
        # shows the problems instead, so the blocks are left empty.
        return self.stash(render()) if self.catalogue else ""

    # While previewing ---------------------------------------------------

    def problem_page(self) -> str:
        """Shown instead of every page while `mkdocs serve` previews content with problems."""
        items = "".join(f"<li><code>{esc(problem)}</code></li>" for problem in in_order(self.problems))
        return self.stash(
            '<h1 id="problem">Innehållet behöver rättas</h1>'
            f'<div class="ap-problems" role="alert"><p>Webbplatsen kan inte byggas förrän '
            f"{len(self.problems)} problem är rättade. Spara filen igen när du har rättat, så "
            f"laddas sidan om.</p><ul>{items}</ul></div>"
        )


def _shown(docs: Path, root: Path) -> str:
    """The docs folder as problems name it: relative to the project where it lies inside it."""
    return docs.relative_to(root.resolve()).as_posix() if docs.is_relative_to(root.resolve()) else str(docs)

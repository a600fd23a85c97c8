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

import json
import re
import secrets
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


@dataclass
class Site:
    """The loaded plan (or the problems that stopped it) and the pages' last-changed dates."""

    catalogue: Catalogue | None
    problems: list[Problem]
    changed: dict[str, date] = field(default_factory=dict)
    _blocks: dict[str, str] = field(default_factory=dict, repr=False)
    # Per build, so that a comment an editor happens to type never matches.
    _nonce: str = field(default_factory=lambda: secrets.token_hex(6), repr=False)

    @classmethod
    def load(cls, root: Path, docs_dir: Path) -> Site:
        """Read everything once; `docs_dir` may be absolute or relative to `root`."""
        docs = (root / docs_dir).resolve()
        shown_docs = docs.relative_to(root.resolve()).as_posix() if docs.is_relative_to(root.resolve()) else str(docs)
        catalogue, problems = catalogue_loader.load(root, docs_dir=shown_docs)
        changed = gitdates.last_changed(docs) if catalogue else {}
        return cls(catalogue, problems, changed)

    def report(self) -> str:
        return report(self.problems)

    # HTML kept out of Markdown --------------------------------------------

    def stash(self, html: str) -> str:
        """A stand-in for `html`, on lines of its own so that Markdown keeps it as a block."""
        token = f"<!--ap-block-{self._nonce}-{len(self._blocks)}-->"
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

    def measure_markdown(self, source: str, body: str) -> str:
        """The measure page: heading and facts, the editor's description, neighbours and date."""
        measure = self.catalogue.by_source(source)
        words, links = self.catalogue.vocabulary, Links(source)
        header = measure_page.measure_header(measure, words, links)
        footer = measure_page.measure_footer(self.catalogue.neighbours(measure), links, self.changed.get(source))
        description = body.strip() or "*Ingen beskrivning.*"
        return f"{self.stash(header)}## Beskrivning\n\n{description}\n{self.stash(footer)}"

    # Navigation ---------------------------------------------------------

    def navigation(self, nav: list, docs: Path) -> list:
        """`nav` from mkdocs.yml with a section per follow-up year inserted after its first entry.

        Each section lists the year's area overviews and its pages of all
        measures and statistics, where they exist, so that a new year needs
        no edit of mkdocs.yml.
        """
        if self.catalogue is None:
            return nav
        sections = []
        for year in sorted(self.catalogue.years, reverse=True):
            pages = [
                {f"{a.number}. {a.title}": layout.area_page(year, a.number)}
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
        for year in self.catalogue.years:
            for chosen in facets(self.catalogue.vocabulary):
                for value in chosen.values:
                    # The title is HTML-escaped because the theme prints titles as
                    # they are, and JSON-quoted: a JSON string is a valid YAML scalar.
                    title = json.dumps(esc(overviews.facet_title(chosen, value, year)), ensure_ascii=False)
                    body = self.stash(overviews.facet_body(self.catalogue, year, chosen, value))
                    pages[chosen.page(year, value)] = f"---\ntitle: {title}\nsearch:\n  exclude: true\n---\n{body}"
        return pages

    # Blocks for the pages that aggregate (called by the macros) ---------

    def year_tally(self, year: int, page: str) -> str:
        return self._block(lambda: overviews.year_tally(self.catalogue, year, Links(page)))

    def area_overview(self, year: int, area: int, page: str) -> str:
        return self._block(lambda: overviews.area_overview(self.catalogue, year, area, Links(page)))

    def statistics(self, year: int, page: str) -> str:
        """Markdown headings (so that they reach the table of contents) over stashed blocks."""
        if self.catalogue is None:
            return ""
        sections = overviews.statistics(self.catalogue, year, Links(page))
        return "".join(f"\n\n## {heading}\n{self.stash(html)}" for heading, html in sections)

    def all_measures(self, year: int, page: str) -> str:
        return self._block(lambda: all_measures.all_measures(self.catalogue, year, Links(page)))

    def field_reference(self) -> str:
        return self._block(lambda: editor_guide.field_reference(self.catalogue.vocabulary))

    def vocabulary_reference(self) -> str:
        return self._block(lambda: editor_guide.vocabulary_reference(self.catalogue.vocabulary))

    def development_over_time(self) -> str:
        return self._block(lambda: overviews.development_over_time(self.catalogue))

    def follow_up_facts(self, year: int) -> str:
        return self._block(lambda: overviews.follow_up_facts(self.catalogue.vocabulary, year))

    def _block(self, render) -> str:
        # Without a loaded plan (while previewing broken content) every page
        # shows the problems instead, so the blocks are left empty.
        return self.stash(render()) if self.catalogue else ""

    # While previewing ---------------------------------------------------

    def problem_page(self) -> str:
        """Shown instead of every page while `mkdocs serve` previews content with problems."""
        items = "".join(f"<li><code>{esc(problem)}</code></li>" for problem in in_order(self.problems))
        return (
            '<h1 id="problem">Innehållet behöver rättas</h1>\n\n'
            f'<div class="ap-problems" role="alert"><p>Webbplatsen kan inte byggas förrän '
            f"{len(self.problems)} problem är rättade. Spara filen igen när du har rättat, så "
            f"laddas sidan om.</p><ul>{items}</ul></div>\n"
        )

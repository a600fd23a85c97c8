"""What the site generator's glue calls: one object per build that knows the whole plan.

The glue (`hooks.py`, `macros.py`) passes page paths in and gets Markdown
back; it never reaches into the model. Moving to another generator means
rewriting the glue against this class, nothing more.
"""

from __future__ import annotations

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

    # Measure pages ------------------------------------------------------

    def measure_sources(self) -> list[str]:
        return [str(m.source) for m in self.catalogue.measures] if self.catalogue else []

    def is_measure(self, source: str) -> bool:
        return self.catalogue is not None and self.catalogue.by_source(source) is not None

    def measure_title(self, source: str) -> str:
        return measure_page.page_title(self.catalogue.by_source(source))

    def measure_markdown(self, source: str, body: str) -> str:
        measure = self.catalogue.by_source(source)
        siblings = self.catalogue.of_area(measure.year, measure.area)
        index = siblings.index(measure)
        neighbours = (
            siblings[index - 1] if index > 0 else None,
            siblings[index + 1] if index + 1 < len(siblings) else None,
        )
        return measure_page.measure_markdown(
            measure, body, neighbours, self.catalogue.vocabulary, Links(source), self.changed.get(source)
        )

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
        """{source path: Markdown} of the pages made from the data: one per facet value and year."""
        if self.catalogue is None:
            return {}
        pages = {}
        for year in self.catalogue.years:
            for chosen in facets(self.catalogue.vocabulary):
                for value in chosen.values:
                    pages[chosen.page(year, value)] = overviews.facet_document(self.catalogue, year, chosen, value)
        return pages

    # Blocks for the pages that aggregate (called by the macros) ---------

    def year_tally(self, year: int, page: str) -> str:
        return overviews.year_tally(self.catalogue, year, Links(page)) if self.catalogue else ""

    def area_overview(self, year: int, area: int, page: str) -> str:
        return overviews.area_overview(self.catalogue, year, area, Links(page)) if self.catalogue else ""

    def statistics(self, year: int, page: str) -> str:
        return overviews.statistics(self.catalogue, year, Links(page)) if self.catalogue else ""

    def all_measures(self, year: int, page: str) -> str:
        return all_measures.all_measures(self.catalogue, year, Links(page)) if self.catalogue else ""

    def field_reference(self) -> str:
        return editor_guide.field_reference(self.catalogue.vocabulary) if self.catalogue else ""

    def vocabulary_reference(self) -> str:
        return editor_guide.vocabulary_reference(self.catalogue.vocabulary) if self.catalogue else ""

    def development_over_time(self) -> str:
        return overviews.development_over_time(self.catalogue) if self.catalogue else ""

    def follow_up_facts(self, year: int) -> str:
        return overviews.follow_up_facts(self.catalogue.vocabulary, year) if self.catalogue else ""

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

"""What the site generator's glue calls: one object per build that knows the whole, checked plan.

A `Site` exists only for content without problems: `Site.load` returns the
problems instead, and what to show then is the glue's business. Every
method returns plain data or HTML fragments (escaped, ready to insert into
a page after its Markdown has been converted); none knows which generator,
Markdown dialect or theme will use them. The URL rule and the theme's names
are handed in by the glue.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from actionplan import gitdates, layout, pipeline
from actionplan.aggregate.catalogue import Catalogue
from actionplan.aggregate.facets import facets
from actionplan.model import FORWARD, MERGED, NOT_FOLLOWED_UP, Measure
from actionplan.problems import Problems
from actionplan.render import all_measures, badges, editor_guide, measure_page, overviews, page_sources, site_pages
from actionplan.render.page_links import Links, ThemeNames, UrlOf
from actionplan.render.tables import SharedRows
from actionplan.report import site_report
from actionplan.report.report_model import report_page
from actionplan.words import sentence


class UnknownPage(ValueError):
    """A macro was asked for a follow-up year or an area that the data does not have."""


@dataclass(frozen=True)
class MeasurePageParts:
    """A measure page's HTML above and below the editor's own description (`Site.measure_description`)."""

    header_html: str
    footer_html: str
    # What search indexes around the description: the heading and the searched facts, and the Historik.
    search_head_html: str
    search_foot_html: str


@dataclass(frozen=True)
class GeneratedPage:
    """A page made from the data alone (one per facet value and year, and the report); it repeats the measure pages.

    Its HTML is made by `render` when the page is written, not when the pages
    are listed: thousands of measures make megabytes of these tables, and a
    generator that keeps every page's content until the end of the build
    would otherwise hold them all at once.
    """

    source: str
    title: str
    render: Callable[[], str]
    # Whether `render` makes the page's own level-1 heading (the report's title); else the theme heads the page.
    own_heading: bool = False
    # Whether the page shows a table of measures, which needs the page's width (a facet value's page).
    measure_table: bool = False


@dataclass(frozen=True)
class YearSection:
    """A follow-up year's pages for the navigation: (label, source) in the order shown."""

    year: int
    pages: tuple[tuple[str, str], ...]


@dataclass
class Site:
    """The loaded plan, the generator's URL rule and theme names, and the pages' last-changed dates."""

    catalogue: Catalogue
    url_of: UrlOf
    theme: ThemeNames = field(default_factory=ThemeNames)
    last_changed: dict[str, date] = field(default_factory=dict)
    # Whether this build writes the report documents (publishing); only then do report pages link them.
    documents: bool = False

    @classmethod
    def load(
        cls,
        root: Path,
        docs_dir: str,
        url_of: UrlOf,
        theme: ThemeNames | None = None,
        scanner: pipeline.CallScanner | None = None,
    ) -> Site | Problems:
        """Read everything once; `docs_dir` is relative to `root`, as problems name the files."""
        loaded = pipeline.load(root, docs_dir, scanner)
        if isinstance(loaded, Problems):
            return loaded
        return cls(loaded, url_of, theme or ThemeNames(), gitdates.last_changed(root / docs_dir))

    def links(self, source: str) -> Links:
        return Links(source, self.url_of, self.theme)

    @functools.cached_property
    def years(self) -> tuple[int, ...]:
        """Years with pages on the site: with measures, or at least an area overview."""
        texts = self.catalogue.texts
        return tuple(sorted({*self.catalogue.years, *(year for year, _ in texts.overviews)}))

    # Measure pages ------------------------------------------------------

    @property
    def measures(self) -> tuple[Measure, ...]:
        """Every measure, each of which is a page of its own (its `source`)."""
        return self.catalogue.measures

    def status_stylesheet(self) -> tuple[str, str]:
        """(path in the site, CSS) of the stylesheet that gives status badges their colours and icons."""
        vocabulary = self.catalogue.vocabulary
        return layout.STATUS_STYLESHEET, badges.status_stylesheet((*vocabulary.statuses, NOT_FOLLOWED_UP))

    def measure_title(self, measure: Measure) -> str:
        """The title of the measure's page as plain text, naming its year."""
        return measure_page.heading(measure)

    def measure_search_tags(self, measure: Measure) -> list[str]:
        """What a search result for the measure's page shows beside its title (its status), as escaped text."""
        return measure_page.search_tags(measure, self.catalogue.vocabulary)

    def measure_description(self, measure: Measure) -> str:
        """The editor's Markdown description of the measure (a measure page's only Markdown).

        It is the body this package read and checked, not the generator's:
        MkDocs reads some front matter differently (a closing --- without a
        newline, a date that is no date) and would show it as text.
        """
        # Only blank lines are trimmed: leading spaces may start a code block.
        return measure.body.strip("\n") if measure.body.strip() else "*Ingen beskrivning.*"

    def measure_page(self, measure: Measure) -> MeasurePageParts:
        """The HTML around the measure's description, and what search indexes of it."""
        source = str(measure.source)
        links = self.links(source)
        changed = self.last_changed.get(source)
        catalogue, vocabulary = self.catalogue, self.catalogue.vocabulary
        # A measure carried forward or merged is expected in the next year's pages, once that year has some.
        expected_next = catalogue.next_year(measure.year)
        if expected_next is not None and vocabulary.disposition(measure.next_year).lineage not in (FORWARD, MERGED):
            expected_next = None
        lineage_rows = measure_page.lineage_links(
            catalogue.continues(measure), catalogue.continued_by(measure), measure.year, expected_next, links
        )
        history = measure_page.history(measure, catalogue.lineage(measure), vocabulary, links)
        facts = measure_page.fact_rows(measure, vocabulary, links, lineage_rows)
        return MeasurePageParts(
            header_html=measure_page.measure_header(measure, facts, links),
            footer_html=measure_page.measure_footer(catalogue.neighbours(measure), links, changed, history),
            search_head_html=measure_page.search_head(measure, facts),
            search_foot_html=history,
        )

    # Navigation ---------------------------------------------------------

    def year_sections(self) -> list[YearSection]:
        """A section per follow-up year, newest first: its area overviews, all measures and statistics.

        Only pages that exist are listed, so that a new year needs no edit of
        the generator's configuration.
        """
        sections = []
        for year in reversed(self.years):
            pages = [
                (f"{a.number}. {a.title}", layout.area_page(year, a.number))
                for a in self.catalogue.vocabulary.areas
                if layout.area_page(year, a.number) in self.catalogue.texts.pages
            ]
            pages += [
                (label, source)
                for label, source in (
                    ("Alla åtgärder", layout.all_measures_page(year)),
                    ("Statistik", layout.statistics_page(year)),
                )
                if source in self.catalogue.texts.pages
            ]
            if year in site_report.report_years(self.catalogue):
                # Generated (see generated_pages), so not looked for in the docs folder.
                pages.append(("Rapport", report_page(year)))
            sections.append(YearSection(year, tuple(pages)))
        return sections

    # Generated pages ----------------------------------------------------

    def generated_pages(self) -> list[GeneratedPage]:
        """The pages made from the data: one per facet value and year."""
        pages = []
        rows = SharedRows()
        for year in self.years:
            for facet in facets(self.catalogue.vocabulary, year):
                for value in facet.values:
                    source = facet.page(year, value)
                    render = functools.partial(
                        overviews.facet_body, self.catalogue, year, facet, value, self.links(source), rows
                    )
                    title = overviews.facet_title(facet, value, year)
                    pages.append(GeneratedPage(source, title, render, measure_table=True))
        for source, title, body in (
            (layout.ACCESSIBILITY_PAGE, site_pages.ACCESSIBILITY_TITLE, site_pages.statement_body),
            (layout.CONTACT_PAGE, site_pages.CONTACT_TITLE, site_pages.contact_body),
        ):
            render = functools.partial(body, self.catalogue.facts, self.links(source))
            pages.append(GeneratedPage(source, title, render))
        for year in site_report.report_years(self.catalogue):
            render = functools.partial(site_report.page_body, self.catalogue, year, self.documents)
            title = site_report.page_title(self.catalogue, year)
            pages.append(GeneratedPage(report_page(year), title, render, own_heading=True))
        return pages

    # Whose site this is ---------------------------------------------------

    def missing_facts_note(self) -> str | None:
        """The one line a build prints while the site shows facts only the municipality can give as missing."""
        return self.catalogue.facts.missing_note()

    def footer_line(self) -> str:
        """What every page's footer says about whose site this is, as escaped HTML."""
        return site_pages.footer_line(self.catalogue.facts)

    def footer_links(self) -> list[tuple[str, str]]:
        """(source, label) of the pages every footer links: the accessibility statement and the contact page."""
        return [
            (layout.ACCESSIBILITY_PAGE, site_pages.ACCESSIBILITY_TITLE),
            (layout.CONTACT_PAGE, site_pages.CONTACT_TITLE),
        ]

    # The follow-up report -------------------------------------------------

    def report_prose(self, page: str) -> tuple[str, str]:
        """(HTML lead, Markdown) of the newest year's report prose (chapter 1 and the opening of chapter 2).

        Kept once in data/<year>/rapporttext.md: the report reads the same
        file. The year is the one the start page opens on; while its prose is
        unwritten the lead says so and links the newest adopted year's report.
        """
        year = self.newest_year
        if year is None:
            return "", ""
        return site_report.start_page_prose(self.catalogue, year, self.links(page))

    def write_documents(self, site_dir: Path) -> list[Path]:
        """Each year's report as PDF and Word next to its page in the built site (when publishing)."""
        return site_report.write_documents(self.catalogue, site_dir)

    # Blocks for the pages that aggregate (called by the macros) ---------

    def year_tally(self, year: int, page: str) -> str:
        self._known(year)
        return overviews.year_tally(self.catalogue, year, self.links(page))

    def area_overview(self, year: int, area: int, page: str) -> tuple[str, str]:
        """(tally, table of the area's measures); the glue keeps the table out of search."""
        self._known(year, area)
        return overviews.area_overview(self.catalogue, year, area, self.links(page))

    def statistics(self, year: int, page: str) -> list[tuple[str, str]]:
        """(heading, HTML) sections; the headings are plain text, for the page's table of contents."""
        self._known(year)
        return overviews.statistics(self.catalogue, year, self.links(page))

    def all_measures(self, year: int, page: str) -> Callable[[], str]:
        """What makes the year's table of every measure; the year is checked now, the table made when called.

        The table is the largest block of the site (a row per measure, with
        values for the filters); the glue makes it as the page is written.
        """
        self._known(year)
        return functools.partial(all_measures.all_measures, self.catalogue, year, self.links(page))

    def field_reference(self) -> str:
        return editor_guide.field_reference(self.catalogue.vocabulary)

    def vocabulary_reference(self) -> str:
        return editor_guide.vocabulary_reference(self.catalogue.vocabulary)

    def new_year_guide(self, templates: Path) -> str:
        """The editor guide's 'Starta ett nytt uppföljningsår', with a page as new-year would write it."""
        catalogue = self.catalogue
        pages = {year: len(catalogue.of_year(year)) for year in catalogue.years}
        example = None
        newest = catalogue.newest_year
        carried = [
            m
            for m in catalogue.of_year(newest or 0)
            if catalogue.vocabulary.disposition(m.next_year).lineage == FORWARD
        ]
        if newest is not None and carried:
            measure = carried[0]
            source = f"docs/{layout.measure_page(newest + 1, measure.id)}"
            example = (source, page_sources.carried_page(measure, catalogue.vocabulary))
        names = sorted(page_sources.year_pages(templates, 0)) if templates.is_dir() else []
        year_pages = [f"docs/ÅR/{name.split('/', 1)[1]}" for name in names]
        return editor_guide.new_year_guide(catalogue.vocabulary, pages, year_pages, example)

    def adopt_year_guide(self) -> str:
        catalogue = self.catalogue
        return editor_guide.adopt_year_guide(
            catalogue.vocabulary, {y: len(catalogue.of_year(y)) for y in catalogue.years}
        )

    def markup_reference(self) -> str:
        return editor_guide.markup_reference()

    def development_over_time(self, page: str) -> str:
        return overviews.development_over_time(self.catalogue, self.links(page))

    @property
    def newest_year(self) -> int | None:
        """The newest follow-up year with pages: the year the start page opens on."""
        return self.years[-1] if self.years else None

    def newest_year_overview(self, page: str) -> list[tuple[str, str]]:
        """(heading, HTML) sections on the newest year, for the start page; none when no year has pages."""
        year = self.newest_year
        if year is None:
            return []
        return overviews.newest_year_overview(self.catalogue, year, self.links(page))

    def follow_up_facts(self, year: int) -> str:
        self._known(year)
        return overviews.follow_up_facts(self.catalogue.vocabulary, year)

    def _known(self, year: int, area: int | None = None) -> None:
        """Refuse, in Swedish, a year or an area that a page's macro call names wrongly."""
        vocabulary = self.catalogue.vocabulary
        if vocabulary.follow_up(year) is None:
            raise UnknownPage(sentence(vocabulary.unknown_year(year)))
        if area is not None and area not in [a.number for a in vocabulary.areas]:
            known = ", ".join(str(a.number) for a in vocabulary.areas)
            raise UnknownPage(f"Utvecklingsområde {area} finns inte. Tillåtna: {known}.")

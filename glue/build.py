"""One build's state and what it does at each MkDocs event; `hooks.py` only forwards the events here.

A build either has a `Site` (the content is whole) or, while previewing
broken content, the `Problems` that every page shows instead. The package
never sees the broken mode: no macro is called then.

Events, in the order MkDocs runs them for a build, and what each does here:

| event (priority)                 | what the build does                                                          |
| -------------------------------- | ---------------------------------------------------------------------------- |
| on_config (100, `Build()`)       | the package loads and checks everything once (`Site.load`); the nav gets a   |
|                                  | section per year. Broken content: `build` stops, `serve` shows the problems. |
| on_env                           | the footer's facts and the Content-Security-Policy (`glue/content_policy.py`)|
|                                  | for every template; none under `serve`, whose live reload is inline.         |
| on_files                         | each measure file gets its `MeasurePage` and each page made from the data    |
|                                  | (facets, reports) its `DataPage`: the one place a page is recognised. The    |
|                                  | status stylesheet is added.                                                  |
| Page.read_source (our pages)     | a `MeasurePage` reads the description the package already checked, never     |
|                                  | the file; a `DataPage` its title and search exclusion, never front matter.   |
| on_page_read_source (others)     | a hand-written page's text as the package read and checked it: every editor's|
|                                  | file is read once per build, by `actionplan/load/`.                          |
| on_page_markdown (100)           | other pages' titles escaped, before mkdocs-macros renders the few pages that |
|                                  | opt in (our pages never reach Jinja).                                        |
| (Markdown converts)              | parked HTML is only an HTML comment to Python-Markdown (`glue/stash.py`).    |
| on_page_content (100, first)     | nh3 sanitises; parked blocks go back in; tables get their regions. A measure |
|                                  | page keeps only its converted description (`description_html`), so that     |
|                                  | thousands of pages never hold their facts panels at once.                    |
| on_page_context (100, before     | a measure page's content becomes what search indexes: the heading and the    |
|   Material's search)             | searched facts as text, the description, the Historik (`search_*_html`).    |
| on_page_context (-100, after)    | a measure page gets its whole content (panel, description, footer); other    |
|                                  | pages the blocks search leaves out (an area's table of measures).            |
| on_post_page (-100, last)        | late blocks (facet pages, all measures, report) made as the page is written; |
|                                  | the page's Markdown and content are let go.                                  |
| on_post_build (-100, last)       | the exports; when publishing, the report documents.                          |

So page.content is set three times for a measure page: MkDocs sets the
converted description, the search step the text search reads, the step after
search the page itself. The two on_page_context steps are the only way to give
Material's search (which reads page.content in that event) less than the page.
"""

from __future__ import annotations

import logging
import os
import re
import stat
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents
from mkdocs.utils import CountHandler

from actionplan import layout, settings, words
from actionplan.exports.all_exports import write_exports
from actionplan.glue_loader import PAGE_TEMPLATES
from actionplan.model import Measure
from actionplan.problems import Problems
from actionplan.render.measure_page import HEADING_ID as MEASURE_HEADING_ID
from actionplan.report.site_report import documents_wanted
from actionplan.site import GeneratedPage, MeasurePageParts, Site, UnknownPage
from glue import accessibility, content_policy, page_calls, theme
from glue.navigation import with_year_sections
from glue.problem_page import problem_page
from glue.sanitise import sanitise
from glue.stash import HtmlStash, MissingBlock
from glue.urls import directory_url

log = logging.getLogger("mkdocs.plugins.actionplan")

# Where the build keeps itself on MkDocs' configuration, for macros.py.
CONFIG_KEY = "actionplan"


class MeasurePage(Page):
    """A measure page, recognised once (on_files): it carries its measure and, while written, its parts.

    MkDocs never reads its file: the package already read and checked it, and
    MkDocs reads some front matter differently (a closing --- without a
    newline, a date that is no date) and would show it as text.
    """

    def __init__(self, file: File, config: MkDocsConfig, measure: Measure, site: Site) -> None:
        self.measure = measure
        self._site = site
        # Titles are printed raw by the theme: escaped once, here.
        super().__init__(theme.title(site.measure_title(measure)), file, config)
        # Between on_page_content and the step after search: the converted description, then the parts around it.
        self.description_html: str | None = None
        self.parts: MeasurePageParts | None = None

    def read_source(self, config: MkDocsConfig) -> None:
        # Only the description is Markdown, and it never goes through Jinja: it is shown as typed.
        self.markdown = self._site.measure_description(self.measure) + "\n"
        self.meta = {
            "title": self.title,
            "render_macros": False,
            theme.SEARCH_TAGS: self._site.measure_search_tags(self.measure),
        }


class DataPage(Page):
    """A page made from the data alone (a facet value's measures, a year's report), recognised once (on_files).

    Its content is a stand-in for HTML made as the page is written; it is
    left out of search (it repeats the measure pages). `nav_label` is the
    label its navigation entry gives it, where it has one.
    """

    def __init__(self, file: File, config: MkDocsConfig, made: GeneratedPage, nav_label: str | None) -> None:
        self._title_html = theme.title(made.title)
        self._made = made
        super().__init__(nav_label or self._title_html, file, config)

    def read_source(self, config: MkDocsConfig) -> None:
        self.markdown = self.file.content_string
        self.meta = {"title": self._title_html, **theme.SEARCH_EXCLUDED}
        if self._made.own_heading:
            # Its heading comes with the content made as the page is written; the theme adds none.
            self.meta[theme.OWN_HEADING] = True
        if self._made.measure_table:
            theme.wide(self.meta)


class Build:
    def __init__(self, config: MkDocsConfig, command: str) -> None:
        if not config.use_directory_urls:
            raise PluginError("actionplan: use_directory_urls must be true; glue/urls.py implements that rule.")
        self.command = command
        self.stash = HtmlStash()
        config_file = Path(config.config_file_path)
        self.config_dir = config_file.parent
        # The same reader as `atgardsplan check`, so that both read the same pages.
        self.docs_dir = settings.docs_dir(config_file)
        loaded = Site.load(config_file.parent, self.docs_dir, directory_url, theme.MATERIAL, page_calls.scan)
        self.site: Site | None = loaded if isinstance(loaded, Site) else None
        # Labels of the navigation's entries for pages made from the data (a year's "Rapport").
        self._nav_labels: dict[str, str] = {}
        if self.site is not None:
            # Publishing writes the report documents (on_post_build), and only then are they linked.
            self.site.documents = command == "build" and documents_wanted()
            # Logged as information: what only the municipality can give is shown as missing, not an error.
            note = self.site.missing_facts_note()
            if note is not None:
                log.info(note)
        self.problems: Problems | None = loaded if isinstance(loaded, Problems) else None
        if command == "serve":
            _not_strict_while_previewing()
        if self.problems is not None:
            if command != "serve":
                raise PluginError(self.problems.report())
            # While previewing, every page shows the problems instead (on_page_markdown)
            # and the server keeps running. Printed rather than logged: strict mode
            # would count a logged error and stop the preview build.
            print(self.problems.report(), file=sys.stderr)
            # Without a loaded plan, measure pages cannot be kept out of the nav.
            config.validation.nav.omitted_files = logging.DEBUG
        config[CONFIG_KEY] = self
        if self.site is not None and config.nav is not None:
            sections = self.site.year_sections()
            self._nav_labels = {source: theme.title(label) for s in sections for label, source in s.pages}
            config.nav = with_year_sections(config.nav, sections)

    # Events -------------------------------------------------------------

    def on_env(self, env: Any) -> None:
        """Whose site this is, for every page's footer (overrides/partials/copyright.html), 404 page included.

        And the Content-Security-Policy of every page (overrides/main.html), but for the preview's: `mkdocs
        serve` reloads the page with an inline script of its own, which the policy would block.
        """
        env.globals["ap_content_policy"] = content_policy.META if self.command != "serve" else ""
        if self.site is None:
            env.globals["ap_footer"], env.globals["ap_footer_links"] = "", []
            return
        env.globals["ap_footer"] = self.site.footer_line()
        links = self.site.footer_links()
        env.globals["ap_footer_links"] = [(directory_url(source), theme.title(label)) for source, label in links]

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        if self.site is None:
            # With content that loads, the check has already refused every
            # link, pipe or device in docs; only a preview of broken content
            # gets this far with one, and must neither publish nor open it.
            files = _only_regular_files_inside(files, Path(config.docs_dir))
            # Every page shows the problems (on_page_markdown). Its source is
            # replaced too, so that MkDocs never parses a broken front matter
            # (an alias bomb there would exhaust the memory of the preview).
            for file in files.documentation_pages():
                file.content_string = "---\ntitle: Innehållet behöver rättas\n---\n"
            # Linked from every page (mkdocs.yml); without a vocabulary there are no statuses to style.
            files.append(File.generated(config, layout.STATUS_STYLESHEET, content="/* Inga statusar. */\n"))
            return files
        for measure in self.site.measures:
            file = files.get_file_from_path(str(measure.source))
            if file is not None:
                # Measure pages are reached through their area's overview, not the navigation.
                file.inclusion = InclusionLevel.NOT_IN_NAV
                MeasurePage(file, config, measure, self.site)
        for page in self.site.generated_pages():
            # Made as the page is written (on_post_page): out of search, nothing needs it earlier.
            content = self.stash.park_late(page.render)
            file = File.generated(config, page.source, content=content, inclusion=InclusionLevel.NOT_IN_NAV)
            files.append(file)
            DataPage(file, config, page, self._nav_labels.get(page.source))
        path, css = self.site.status_stylesheet()
        files.append(File.generated(config, path, content=css))
        return files

    def on_page_read_source(self, page: Page) -> str | None:
        """A hand-written page's text as the package read it (None: MkDocs reads it, as while previewing problems)."""
        return None if self.site is None else self.site.catalogue.texts.pages.get(page.file.src_uri)

    def on_page_markdown(self, markdown: str, page: Page) -> str:
        if self.site is None:
            assert self.problems is not None
            page.meta["render_macros"] = False
            return self.stash.park(problem_page(self.problems))
        if isinstance(page, MeasurePage | DataPage):
            return markdown  # titled when made (on_files, read_source)
        if "description" in page.meta:
            # Printed raw into the page's <meta> by the theme, like titles.
            page.meta["description"] = theme.title(str(page.meta["description"]))
        year = layout.year_of(page.file.src_uri)
        if year is not None:
            markdown = self._naming_year(markdown, page, year)
        if "title" in page.meta:
            # A label given in the navigation stays as the navigation gives it.
            escaped = theme.title(str(page.meta["title"]))
            if page.title == page.meta["title"]:
                page.title = escaped
            page.meta["title"] = escaped
        return markdown

    def _naming_year(self, markdown: str, page: Page, year: int) -> str:
        """A page of a follow-up year names the year in its title and its heading: 'Utvecklingsområde 1: … (2021)'.

        With several years on the site, two years' overviews of an area would
        otherwise read alike in the browser's tab, the heading and the
        printout. The editor's heading gets the year at its end; a page
        without one gets a heading from its title (the theme would otherwise
        head it with its navigation label, which does not name the year).
        """
        title = str(page.meta.get("title") or page.title or "")
        if "title" in page.meta:
            named = words.with_year(title, year)
            if page.title == page.meta["title"]:
                page.title = named
            page.meta["title"] = named
        heading = _first_heading(markdown)
        if heading is not None:
            text = heading["text"]
            return markdown[: heading.start("text")] + words.with_year(text, year) + markdown[heading.end("text") :]
        return f"{self.stash.park(f'<h1>{theme.title(words.with_year(title, year))}</h1>')}\n{markdown}"

    def on_page_content(self, html: str, page: Page) -> str:
        sanitised = sanitise(html)
        if not isinstance(page, MeasurePage):
            try:
                return _finished(self.stash.restore(sanitised))
            except MissingBlock as error:
                raise PluginError(f"actionplan: {error}") from None
        page.toc = _under_measure_heading(page)
        # Until the page is written, a measure page's content is its converted
        # description alone: the panel around it is made when the page is
        # (on_page_context_for_search), so that thousands of measure pages
        # never hold their panels at the same time.
        page.markdown = None
        # Only the Latin-1 pass: its tables are put in their regions with the whole page,
        # where the heading above them ("Beskrivning") names them.
        page.description_html = _latin1(sanitised)
        return page.description_html

    def on_page_context_for_search(self, page: Page) -> None:
        """A measure page's content as search needs it, just before search reads it.

        The heading, the searched facts as text and the description: search
        would otherwise parse the whole panel, its links and labels, only to
        leave most of them out; on a site of thousands of measures that was
        the largest cost of the build. The page gets its whole content in
        on_page_context, once search has read it.
        """
        if not isinstance(page, MeasurePage) or page.description_html is None:
            return
        assert self.site is not None, "measure pages are recognised only in content that loads"
        page.parts = self.site.measure_page(page.measure)
        # Only what search reads needs the spaces between blocks (accessibility.spaced_blocks).
        page.content = theme.compact_for_search(
            _finished(f"{page.parts.search_head_html}\n{page.description_html}\n{page.parts.search_foot_html}")
        )

    def on_page_context(self, page: Page) -> None:
        """Give a page its whole content once search has indexed it.

        A measure page gets its panel (see on_page_context_for_search), any
        other page the blocks it shows but search leaves out (park_unsearched).
        """
        if isinstance(page, MeasurePage):
            if page.parts is not None and page.description_html is not None:
                parts, description = page.parts, page.description_html
                page.content = _finished(f"{parts.header_html}\n{description}\n{parts.footer_html}", spaced=False)
            page.parts = page.description_html = None
        elif page.content:
            try:
                page.content = self.stash.restore_unsearched(page.content, _finished_late)
            except MissingBlock as error:
                raise PluginError(f"actionplan: {error}") from None

    def on_post_page(self, output: str, page: Page) -> str:
        """The written page with the blocks parked late (pages left out of search) made and put in.

        The page's Markdown and content are let go: MkDocs keeps every page
        until the build ends, but once a page is written nothing reads them
        again (search read the content in on_page_context, anchors are checked
        from their own lists), and on a site of thousands of measures they
        were the larger part of the build's memory.
        """
        page.content = None
        page.markdown = None
        try:
            return self.stash.fill_late(output, _finished_late)
        except MissingBlock as error:
            raise PluginError(f"actionplan: {error}") from None

    def on_post_build(self, config: MkDocsConfig) -> None:
        """Write each year's exports (CSV, XLSX, JSON) into the built site, from the plan already loaded.

        When publishing (ATGARDSPLAN_DOCUMENTS=1), also each year's report as PDF and Word; never
        while previewing: the documents take seconds, and `serve` must reload quickly.
        """
        if self.site is None:
            return
        if self.stash.left():
            raise PluginError(f"actionplan: {self.stash.left()} generated blocks were never written")
        write_exports(self.site.catalogue, Path(config.site_dir), directory_url, config.site_url or "")
        if self.command == "build" and documents_wanted():
            for path in self.site.write_documents(Path(config.site_dir)):
                log.info("Skrev %s", path.relative_to(config.site_dir).as_posix())

    # Macros -------------------------------------------------------------

    def macro_calls(self, env: Any) -> MacroCalls:
        return MacroCalls(self, env)


class MacroCalls:
    """The macros the aggregating pages may call, bound to this build and the page being rendered.

    Only called when the build has a Site: pages are not rendered through
    Jinja while previewing broken content.
    """

    def __init__(self, build: Build, env: Any) -> None:
        self._build = build
        self._env = env

    @property
    def _site(self) -> Site:
        assert self._build.site is not None, "macros are not rendered while the content has problems"
        return self._build.site

    def _page(self) -> str:
        return str(self._env.page.file.src_uri)

    def _shown_page(self) -> str:
        """The page's file as an editor finds it in the repository, e.g. docs/2021/statistik.md."""
        return f"{self._build.docs_dir}/{self._page()}"

    def _block(self, html: str) -> str:
        return self._build.stash.park(html)

    # A year or area may be written quoted ("2021"): the check accepts it as the number.

    def year_tally(self, year: int | str) -> str:
        """The year's overall tally with a chart, and a table of the areas."""
        return self._reported(lambda: self._block(self._site.year_tally(int(year), self._page())))

    def area_overview(self, year: int | str, area: int | str) -> str:
        """An area's tally and the table of its measures.

        The table is shown but not searched: it repeats the measure pages, which
        search finds one by one, and parsing it was a large part of search's work.
        """

        def overview() -> str:
            summary, table = self._site.area_overview(int(year), int(area), self._page())
            theme.wide(self._env.page.meta)
            return self._block(summary) + self._build.stash.park_unsearched(table)

        return self._reported(overview)

    def statistics(self, year: int | str) -> str:
        """Tallies per area, district, administration and next-year disposition.

        Markdown headings (so that they reach the table of contents) over parked blocks.
        """

        def sections() -> str:
            parts = self._site.statistics(int(year), self._page())
            return "".join(f"\n\n## {heading}\n{self._block(html)}" for heading, html in parts)

        return self._reported(sections)

    def newest_year_overview(self) -> str:
        """The start page's part on the newest follow-up year: facts and tally, with headings for the contents."""
        parts = self._site.newest_year_overview(self._page())
        return "".join(f"\n\n## {heading}\n{self._block(html)}" for heading, html in parts)

    def all_measures(self, year: int | str) -> str:
        """Every measure of the year in one table, with filters and sorting."""

        # Made as the page is written (the page is left out of search, so nothing needs it earlier):
        # a row per measure, the largest block of the site.
        def table() -> str:
            made = self._site.all_measures(int(year), self._page())
            theme.wide(self._env.page.meta)
            return self._build.stash.park_late(made)

        return self._reported(table)

    def follow_up_facts(self, year: int | str) -> str:
        """The follow-up report's document facts."""
        return self._reported(lambda: self._block(self._site.follow_up_facts(int(year))))

    def report_prose(self) -> str:
        """The newest year's report prose from data/<year>/rapporttext.md, as Markdown under a lead naming the year.

        Markdown, so that its headings reach the contents. The report (page,
        PDF, Word) reads the same file, so the text is kept once.
        """
        lead, markdown = self._site.report_prose(self._page())
        return (self._block(lead) if lead else "") + "\n\n" + markdown

    def development_over_time(self) -> str:
        """Every follow-up year's figures and the later plans."""
        return self._block(self._site.development_over_time(self._page()))

    def new_year_guide(self) -> str:
        """The editor guide's section on starting a new follow-up year, from the commands and fields as they are."""
        templates = Path(self._build.config_dir) / PAGE_TEMPLATES
        return self._block(self._site.new_year_guide(templates))

    def adopt_year_guide(self) -> str:
        """The editor guide's section on adopting a year."""
        return self._block(self._site.adopt_year_guide())

    def field_reference(self) -> str:
        """The editor guide's table of front-matter fields and their allowed values."""
        return self._block(self._site.field_reference())

    def vocabulary_reference(self) -> str:
        """The editor guide's tables of statuses, dispositions and administrations."""
        return self._block(self._site.vocabulary_reference())

    def markup_reference(self) -> str:
        """The editor guide's list of allowed HTML tags and link schemes."""
        return self._block(self._site.markup_reference())

    def _reported(self, render: Callable[[], str]) -> str:
        """Turn a wrong year or area in a macro call into one Swedish line naming the page.

        mkdocs-macros would print a traceback; an error logged here fails the
        strict build instead.
        """
        try:
            return render()
        except UnknownPage as problem:
            log.error("%s: %s", self._shown_page(), problem)
            return ""


def _finished(html: str, *, spaced: bool = True) -> str:
    """Search snippets keep their spaces; tables scroll in named regions (WCAG 1.4.10); Latin-1 (`_latin1`)."""
    if spaced:
        html = accessibility.spaced_blocks(html)
    if "<table" in html:
        html = accessibility.scrollable_tables(html)
    return _latin1(html)


def _latin1(html: str) -> str:
    """Characters beyond Latin-1 (a dash, typographic quotes) as character references.

    Python keeps a text that has a single one of them at two bytes a
    character instead of one, and MkDocs keeps a page's content from its
    conversion until it is written. Browsers and the search index read them
    as the characters they are.
    """
    return html.encode("latin-1", "xmlcharrefreplace").decode("latin-1")


def _finished_late(html: str) -> str:
    """A block put in after search has read its page: tables in named regions only.

    Search never reads these blocks, so they need no spaces between blocks;
    late blocks are written at once, never kept, and the package writes its
    tables with characters beyond Latin-1 as references already, so the
    Latin-1 pass (which copies the block twice) would save nothing.
    """
    return accessibility.scrollable_tables(html) if "<table" in html else html


# A Markdown heading of level 1 (`# Title`, `# Title {#id}`), and the start of a fenced code block.
_H1 = re.compile(r"^#[ \t]+(?P<text>.*?)(?:[ \t]+\{[^}\n]*\})?[ \t#]*$", re.MULTILINE)
_FENCE = re.compile(r"^ {0,3}(?:```|~~~)", re.MULTILINE)


def _first_heading(markdown: str) -> re.Match[str] | None:
    """The page's level-1 heading in Markdown, unless none comes before the first code block."""
    heading = _H1.search(markdown)
    fence = _FENCE.search(markdown)
    if heading is None or (fence is not None and fence.start() < heading.start()):
        return None
    return heading


def _under_measure_heading(page: Page) -> TableOfContents:
    """A measure page's contents: its heading (made by the package, so unknown to Markdown) over the editor's own.

    Material's "Gå till innehållet" link leads to the first entry, now the
    measure's heading rather than past its facts; and the contents list
    shows what is under it, the editor's own headings.
    """
    heading = AnchorLink(page.title or "", MEASURE_HEADING_ID, 1)
    heading.children = list(page.toc)
    return TableOfContents([heading])


def _not_strict_while_previewing() -> None:
    """A preview shows what it can: a warning (a broken link) is printed but must not stop the rebuild.

    In strict mode MkDocs counts warnings with a handler it adds before
    `on_config` and aborts the rebuild at the end, which leaves the browser
    waiting for a page that never comes. `mkdocs build` and `atgardsplan
    check` stay strict; only the preview drops the counter.
    """
    logger = logging.getLogger("mkdocs")
    for handler in list(logger.handlers):
        if isinstance(handler, CountHandler):
            logger.removeHandler(handler)


def _only_regular_files_inside(files: Files, docs: Path) -> Files:
    """The files without links, pipes or devices, and without anything reached through a linked folder.

    The check reports each of them; this keeps them unpublished (and keeps a
    pipe from being read, which would wait forever) while a preview runs.
    """
    inside, written = os.path.realpath(docs), os.path.abspath(docs)
    for file in list(files):
        path = file.abs_src_path
        if path is None:
            continue
        try:
            mode = os.lstat(path).st_mode
        except OSError:
            files.remove(file)
            continue
        # Through a linked folder, the real path differs from the written one.
        real = os.path.relpath(os.path.realpath(path), inside)
        if not stat.S_ISREG(mode) or real != os.path.relpath(os.path.abspath(path), written):
            files.remove(file)
    return files

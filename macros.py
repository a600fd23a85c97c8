"""mkdocs-macros glue: the macros that aggregate pages may call.

The plan is loaded once per build by `hooks.py` (before this runs) and
handed over on the MkDocs config; each macro passes the current page along,
so that links are relative to it.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path

from actionplan.site import CONFIG_KEY, UnknownPage

log = logging.getLogger("mkdocs.plugins.actionplan")


def define_env(env):
    site = env.conf[CONFIG_KEY]

    def page() -> str:
        return env.page.file.src_uri

    def shown_page() -> str:
        """The page's file as an editor finds it in the repository, e.g. docs/2021/statistik.md."""
        docs = Path(env.conf.docs_dir).relative_to(Path(env.conf.config_file_path).parent)
        return f"{docs.as_posix()}/{page()}"

    def reported(macro):
        """Turn a wrong year or area in a macro call into one Swedish line naming the page.

        mkdocs-macros would print a traceback; an error logged here fails the
        strict build instead, and the failed build's output is emptied.
        """

        @functools.wraps(macro)
        def call(*args):
            try:
                return macro(*args)
            except UnknownPage as problem:
                log.error("%s: %s", shown_page(), problem)
                return ""

        return env.macro(call)

    @reported
    def year_tally(year: int) -> str:
        """The year's overall tally with a chart, and a table of the areas."""
        return site.year_tally(year, page())

    @reported
    def area_overview(year: int, area: int) -> str:
        """An area's tally and the table of its measures."""
        return site.area_overview(year, area, page())

    @reported
    def statistics(year: int) -> str:
        """Tallies per area, district, administration and next-year disposition."""
        return site.statistics(year, page())

    @reported
    def all_measures(year: int) -> str:
        """Every measure of the year in one table, with filters and sorting."""
        return site.all_measures(year, page())

    @reported
    def follow_up_facts(year: int) -> str:
        """The follow-up report's document facts."""
        return site.follow_up_facts(year)

    @env.macro
    def development_over_time() -> str:
        """Every follow-up year's figures and the later plans."""
        return site.development_over_time()

    @env.macro
    def field_reference() -> str:
        """The editor guide's table of front-matter fields and their allowed values."""
        return site.field_reference()

    @env.macro
    def vocabulary_reference() -> str:
        """The editor guide's tables of statuses, dispositions and administrations."""
        return site.vocabulary_reference()

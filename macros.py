"""mkdocs-macros glue: the macros that aggregate pages may call.

The plan is loaded once per build by `hooks.py` (before this runs) and
handed over on the MkDocs config; each macro passes the current page along,
so that links are relative to it.
"""

from __future__ import annotations

SITE_KEY = "actionplan"


def define_env(env):
    site = env.conf[SITE_KEY]

    def page() -> str:
        return env.page.file.src_uri

    @env.macro
    def year_tally(year: int) -> str:
        """The year's overall tally with a chart, and a table of the areas."""
        return site.year_tally(year, page())

    @env.macro
    def area_overview(year: int, area: int) -> str:
        """An area's tally and the table of its measures."""
        return site.area_overview(year, area, page())

    @env.macro
    def statistics(year: int) -> str:
        """Tallies per area, district, administration and next-year disposition."""
        return site.statistics(year, page())

    @env.macro
    def all_measures(year: int) -> str:
        """Every measure of the year in one table, with filters and sorting."""
        return site.all_measures(year, page())

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

    @env.macro
    def follow_up_facts(year: int) -> str:
        """The follow-up report's document facts."""
        return site.follow_up_facts(year)

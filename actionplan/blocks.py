"""The blocks a hand-written page may ask for, and the calls that ask for them, checked while loading.

The glue offers each block to the page's template language (with MkDocs,
as an mkdocs-macros macro of the same name); the package knows only names
and parameters, so that `atgardsplan check` can check every call without
the generator.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Each block's parameters, in order: a follow-up year, a development area.
BLOCKS: dict[str, tuple[str, ...]] = {
    "year_tally": ("year",),
    "area_overview": ("year", "area"),
    "statistics": ("year",),
    "all_measures": ("year",),
    "follow_up_facts": ("year",),
    # The newest year's report prose (data/<year>/rapporttext.md), shown on the start page.
    "report_prose": (),
    "development_over_time": (),
    "newest_year_overview": (),
    "new_year_guide": (),
    "adopt_year_guide": (),
    "field_reference": (),
    "vocabulary_reference": (),
    "markup_reference": (),
}


@dataclass(frozen=True)
class BlockCall:
    """One call in a page: its block's name and arguments as written, and the file line it is on."""

    name: str
    line: int
    args: tuple[object, ...] = ()
    kwargs: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class CallSyntaxProblem:
    """A piece of template syntax in a page that is no call the package can check."""

    line: int
    message: str

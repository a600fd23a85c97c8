"""The ways measures are grouped: by district, administration, status and next-year disposition.

Each facet has a page per value listing its measures, a row per value in the
statistics tables, and links from every measure page to the values it has.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from actionplan import layout
from actionplan.model import Measure, Vocabulary

# The folder of each facet's pages; a value's page is named after slug(value key).
FOLDERS = {"district": "omrade", "administration": "ansvarig", "status": "status", "next_year": "nasta-ar"}


def page_of(key: str, value: str, year: int) -> str:
    """The page of one facet value, e.g. ("district", "Skäggetorp", 2021) -> 2021/omrade/skaggetorp.md."""
    return layout.facet_page(year, FOLDERS[key], layout.slug(value))


@dataclass(frozen=True)
class FacetValue:
    """One value of a facet: `key` as written in front matter, `label` as shown."""

    key: str
    label: str
    description: str = ""


@dataclass(frozen=True)
class Facet:
    key: str
    label: str
    plural: str
    values: tuple[FacetValue, ...]
    members: Callable[[Measure], tuple[str, ...]]
    # A measure may have several values (districts, administrations), so the
    # rows of a tally by this facet do not add up to the number of measures.
    multi_valued: bool = False

    def measures(self, measures: Iterable[Measure], value: FacetValue) -> list[Measure]:
        return [m for m in measures if value.key in self.members(m)]

    def page(self, year: int, value: FacetValue) -> str:
        return page_of(self.key, value.key, year)


def facets(vocabulary: Vocabulary, year: int | None = None) -> tuple[Facet, ...]:
    """All facets, in the order the statistics page shows them.

    With `year`, the status and next-year values are that year's: an open
    year has Ej uppföljd and Ej beslutad as well.
    """
    statuses = vocabulary.statuses if year is None else vocabulary.statuses_of(year)
    dispositions = vocabulary.dispositions if year is None else vocabulary.dispositions_of(year)
    return (
        Facet(
            "district",
            "Område",
            "Områden",
            tuple(FacetValue(d.name, d.name) for d in vocabulary.districts),
            lambda m: m.districts,
            multi_valued=True,
        ),
        Facet(
            "administration",
            "Ansvarig",
            "Ansvariga förvaltningar",
            tuple(FacetValue(a.abbreviation, a.abbreviation, a.name or "") for a in vocabulary.administrations),
            lambda m: m.organisations,
            multi_valued=True,
        ),
        Facet(
            "status",
            "Status",
            "Status",
            tuple(FacetValue(s.key, s.label) for s in statuses),
            lambda m: (m.status,),
        ),
        Facet(
            "next_year",
            "Nästa års plan",
            "Hantering i nästa års plan",
            tuple(FacetValue(d.key, d.label, d.description) for d in dispositions),
            lambda m: (m.next_year,),
        ),
    )

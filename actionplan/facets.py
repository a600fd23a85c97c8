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
SLUGS = {"district": "omrade", "administration": "ansvarig", "status": "status", "next_year": "nasta-ar"}


def page_of(key: str, value: str, year: int) -> str:
    """The page of one facet value, e.g. ("district", "Skäggetorp", 2021) -> 2021/omrade/skaggetorp.md."""
    return layout.facet_page(year, SLUGS[key], layout.slug(value))


@dataclass(frozen=True)
class FacetValue:
    """One value of a facet: `key` as written in front matter, `label` as shown."""

    key: str
    label: str
    slug: str
    description: str = ""


@dataclass(frozen=True)
class Facet:
    key: str
    slug: str
    label: str
    plural: str
    values: tuple[FacetValue, ...]
    members: Callable[[Measure], tuple[str, ...]]

    def measures(self, measures: Iterable[Measure], value: FacetValue) -> list[Measure]:
        return [m for m in measures if value.key in self.members(m)]

    def value(self, key: str) -> FacetValue:
        return next(v for v in self.values if v.key == key)

    def page(self, year: int, value: FacetValue) -> str:
        return layout.facet_page(year, self.slug, value.slug)


def facets(vocabulary: Vocabulary) -> tuple[Facet, ...]:
    """All facets, in the order the statistics page shows them."""
    return (
        Facet(
            "district",
            SLUGS["district"],
            "Område",
            "Områden",
            tuple(FacetValue(d.name, d.name, layout.slug(d.name)) for d in vocabulary.districts),
            lambda m: m.districts,
        ),
        Facet(
            "administration",
            SLUGS["administration"],
            "Ansvarig",
            "Ansvariga förvaltningar",
            tuple(
                FacetValue(a.abbreviation, a.abbreviation, layout.slug(a.abbreviation), a.name or "")
                for a in vocabulary.administrations
            ),
            lambda m: m.organisations,
        ),
        Facet(
            "status",
            SLUGS["status"],
            "Status",
            "Status",
            tuple(FacetValue(s.key, s.label, layout.slug(s.key)) for s in vocabulary.statuses),
            lambda m: (m.status,),
        ),
        Facet(
            "next_year",
            SLUGS["next_year"],
            "Nästa års plan",
            "Hantering i nästa års plan",
            tuple(FacetValue(d.key, d.label, layout.slug(d.key), d.description) for d in vocabulary.dispositions),
            lambda m: (m.next_year,),
        ),
    )

"""The ways measures are grouped: by district, administration, status and next-year disposition.

Each facet has a page per value listing its measures, a row per value in the
statistics tables, and links from every measure page to the values it has.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from actionplan import layout
from actionplan.model import Measure, Vocabulary


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
            "omrade",
            "Område",
            "Områden",
            tuple(FacetValue(d.name, d.name, layout.slug(d.name)) for d in vocabulary.districts),
            lambda m: m.districts,
        ),
        Facet(
            "administration",
            "ansvarig",
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
            "status",
            "Status",
            "Status",
            tuple(FacetValue(s.key, s.label, layout.slug(s.key)) for s in vocabulary.statuses),
            lambda m: (m.status,),
        ),
        Facet(
            "next_year",
            "nasta-ar",
            "Nästa års plan",
            "Hantering i nästa års plan",
            tuple(FacetValue(d.key, d.label, layout.slug(d.key), d.description) for d in vocabulary.dispositions),
            lambda m: (m.next_year,),
        ),
    )


def facet(vocabulary: Vocabulary, key: str) -> Facet:
    return next(f for f in facets(vocabulary) if f.key == key)

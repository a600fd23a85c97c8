"""The loaded plan as one value: every measure of every follow-up year, indexed for the pages that ask."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from actionplan.model import Measure, Vocabulary


@dataclass(frozen=True)
class Catalogue:
    """All measures of all follow-up years, in numeric order, with their vocabulary.

    Lookups are indexed once: every page of a build asks them, and a scan per
    page would make a build quadratic in the number of measures.
    """

    vocabulary: Vocabulary
    measures: tuple[Measure, ...]

    @cached_property
    def years(self) -> tuple[int, ...]:
        """The follow-up years that have measure pages."""
        return tuple(sorted({m.year for m in self.measures}))

    @cached_property
    def _by_group(self) -> dict[tuple[int, int | None], tuple[Measure, ...]]:
        groups: dict[tuple[int, int | None], list[Measure]] = {}
        for measure in self.measures:
            groups.setdefault((measure.year, None), []).append(measure)
            groups.setdefault((measure.year, measure.area), []).append(measure)
        return {key: tuple(members) for key, members in groups.items()}

    @cached_property
    def _by_source(self) -> dict[str, Measure]:
        return {str(m.source): m for m in self.measures}

    @cached_property
    def _place_in_area(self) -> dict[str, int]:
        return {
            str(m.source): index
            for (year, area), members in self._by_group.items()
            if area is not None
            for index, m in enumerate(members)
        }

    def of_year(self, year: int) -> tuple[Measure, ...]:
        return self._by_group.get((year, None), ())

    def of_area(self, year: int, area: int) -> tuple[Measure, ...]:
        return self._by_group.get((year, area), ())

    def by_source(self, source: str) -> Measure | None:
        """The measure whose page is `source`, or None for any other page."""
        return self._by_source.get(source)

    def neighbours(self, measure: Measure) -> tuple[Measure | None, Measure | None]:
        """The measures before and after this one in its area, in numeric order."""
        siblings = self.of_area(measure.year, measure.area)
        index = self._place_in_area[str(measure.source)]
        return (
            siblings[index - 1] if index > 0 else None,
            siblings[index + 1] if index + 1 < len(siblings) else None,
        )

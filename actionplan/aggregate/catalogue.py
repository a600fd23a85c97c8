"""The loaded plan as one value: every measure of every follow-up year, indexed for the pages that ask."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from actionplan.model import Measure, SiteFacts, Texts, Vocabulary


@dataclass(frozen=True)
class Catalogue:
    """All measures of all follow-up years, in numeric order, with their vocabulary.

    Lookups are indexed once: every page of a build asks them, and a scan per
    page would make a build quadratic in the number of measures.
    """

    vocabulary: Vocabulary
    measures: tuple[Measure, ...]
    # The other editors' files that pages and documents reuse (the years' prose, the area overviews).
    texts: Texts = Texts()
    # Whose site this is, whom to ask, how accessible it was found (data/webbplats.yml, the tests' figures).
    facts: SiteFacts = SiteFacts()

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

    @cached_property
    def newest_year(self) -> int | None:
        return self.years[-1] if self.years else None

    def previous_year(self, year: int) -> int | None:
        """The newest year before `year` with measure pages: the year `continues` refers to."""
        return max((y for y in self.years if y < year), default=None)

    def next_year(self, year: int) -> int | None:
        """The oldest year after `year` with measure pages: the year whose `continues` may name this one's."""
        return min((y for y in self.years if y > year), default=None)

    @cached_property
    def _successors(self) -> dict[str, tuple[Measure, ...]]:
        successors: dict[str, list[Measure]] = {}
        for measure in self.measures:
            before = self.previous_year(measure.year)
            for measure_id in measure.continues:
                successors.setdefault(f"{before}/{measure_id}", []).append(measure)
        return {key: tuple(members) for key, members in successors.items()}

    @cached_property
    def _by_year_id(self) -> dict[tuple[int, str], Measure]:
        return {(m.year, m.id): m for m in self.measures}

    def continues(self, measure: Measure) -> tuple[Measure, ...]:
        """The measures of the previous follow-up year that this one continues."""
        before = self.previous_year(measure.year)
        found = (self._by_year_id.get((before, i)) for i in measure.continues) if before else ()
        return tuple(m for m in found if m is not None)

    def continued_by(self, measure: Measure) -> tuple[Measure, ...]:
        """The measures of the next follow-up year that continue this one."""
        return self._successors.get(f"{measure.year}/{measure.id}", ())

    def lineage(self, measure: Measure) -> tuple[Measure, ...]:
        """The measure with everything it continues and everything that continues it, at any distance, in order."""
        seen = {measure.source: measure}
        for step in (self.continues, self.continued_by):
            queue = [measure]
            while queue:
                for other in step(queue.pop()):
                    if other.source not in seen:
                        seen[other.source] = other
                        queue.append(other)
        return tuple(sorted(seen.values(), key=lambda m: m.sort_key))

    def neighbours(self, measure: Measure) -> tuple[Measure | None, Measure | None]:
        """The measures before and after this one in its area, in numeric order."""
        siblings = self.of_area(measure.year, measure.area)
        index = self._place_in_area[str(measure.source)]
        return (
            siblings[index - 1] if index > 0 else None,
            siblings[index + 1] if index + 1 < len(siblings) else None,
        )

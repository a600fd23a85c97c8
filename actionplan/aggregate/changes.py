"""What changed since last year: the status of each measure beside the status of the measures it continues.

A measure of a follow-up year continues measures of the previous year with
pages (`continues`, the lineage `new-year` writes). Its status is compared
with theirs: it changed when it has a status (not Ej uppföljd) and some
measure it continues had another. The report and the statistics page both
show this, per development area and in total.
"""

from __future__ import annotations

from dataclasses import dataclass

from actionplan.aggregate.catalogue import Catalogue
from actionplan.model import NOT_FOLLOWED_UP, Measure


@dataclass(frozen=True)
class Continuation:
    """A measure and the measures of the previous year it continues."""

    measure: Measure
    earlier: tuple[Measure, ...]

    @property
    def followed_up(self) -> bool:
        return followed_up(self.measure)

    @property
    def changed(self) -> bool:
        return self.followed_up and any(m.status != self.measure.status for m in self.earlier)


@dataclass(frozen=True)
class YearChanges:
    year: int
    previous: int
    continuations: tuple[Continuation, ...]

    def of_area(self, area: int | None) -> tuple[Continuation, ...]:
        """The area's continuing measures (all of them for None)."""
        return tuple(c for c in self.continuations if area is None or c.measure.area == area)

    def changed(self, area: int | None = None) -> tuple[Continuation, ...]:
        return tuple(c for c in self.of_area(area) if c.changed)

    def not_followed_up(self, area: int | None = None) -> tuple[Continuation, ...]:
        return tuple(c for c in self.of_area(area) if not c.followed_up)


def followed_up(measure: Measure) -> bool:
    """Whether the measure has a status (in an open year it may still be empty: Ej uppföljd)."""
    return bool(measure.status) and measure.status != NOT_FOLLOWED_UP.key


def since_previous(catalogue: Catalogue, year: int) -> YearChanges | None:
    """The year's continuing measures beside last year's, or None when none of its measures continues one."""
    previous = catalogue.previous_year(year)
    if previous is None:
        return None
    continuations = tuple(
        Continuation(measure, earlier)
        for measure in catalogue.of_year(year)
        if (earlier := catalogue.continues(measure))
    )
    return YearChanges(year, previous, continuations) if continuations else None

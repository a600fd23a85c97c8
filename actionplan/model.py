"""The plan's data as frozen values: the shared vocabulary and the measures.

Nothing here reads files or knows about MkDocs; loading and validation live in
their own modules and hand these values to the renderers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath

# Joins the several values of a measure (its districts, its administrations)
# where one text must hold them all; no district or administration may contain it.
VALUE_SEPARATOR = "|"


@dataclass(frozen=True)
class Status:
    """A follow-up status such as Genomförd, with how it is shown."""

    key: str
    label: str
    colour: str
    icon: str


@dataclass(frozen=True)
class Area:
    """A development area (utvecklingsområde)."""

    number: int
    title: str


@dataclass(frozen=True)
class District:
    name: str


@dataclass(frozen=True)
class Administration:
    """A responsible administration; `name` only where the sources give it."""

    abbreviation: str
    name: str | None = None


@dataclass(frozen=True)
class Disposition:
    """What happens to a measure in next year's plan."""

    key: str
    label: str
    description: str


@dataclass(frozen=True)
class StatedTally:
    """Figures an official document states for one follow-up year."""

    total: dict[str, int]
    areas: dict[int, dict[str, int]]


@dataclass(frozen=True)
class FollowUp:
    """One yearly follow-up: the document it comes from and what it states.

    A follow-up that has no measure pages on the site (known only from a
    later letter) is shown with its stated figures, marked as reported. A
    follow-up being written has pages but no stated figures yet.
    """

    year: int
    title: str
    document: str
    date: str
    measures: int | None = None
    stated: StatedTally | None = None
    diarienummer: str | None = None
    organisation: str | None = None


@dataclass(frozen=True)
class Plan:
    """A later action plan known only by the number of measures it holds."""

    year: int
    measures: int
    document: str
    date: str


@dataclass(frozen=True)
class Vocabulary:
    """Everything `data/measures.yml` defines: areas and follow-ups by number, the rest in the file's order."""

    statuses: tuple[Status, ...]
    areas: tuple[Area, ...]
    districts: tuple[District, ...]
    administrations: tuple[Administration, ...]
    dispositions: tuple[Disposition, ...]
    follow_ups: tuple[FollowUp, ...]
    plans: tuple[Plan, ...] = ()

    def status(self, key: str) -> Status:
        return next(s for s in self.statuses if s.key == key)

    def area(self, number: int) -> Area:
        return next(a for a in self.areas if a.number == number)

    def administration(self, abbreviation: str) -> Administration:
        return next(a for a in self.administrations if a.abbreviation == abbreviation)

    def disposition(self, key: str) -> Disposition:
        return next(d for d in self.dispositions if d.key == key)

    def follow_up(self, year: int) -> FollowUp | None:
        return next((f for f in self.follow_ups if f.year == year), None)


@dataclass(frozen=True)
class Responsible:
    """One responsible administration, with the sub-unit the report names."""

    organisation: str
    unit: str | None = None

    def __str__(self) -> str:
        return f"{self.organisation} ({self.unit})" if self.unit else self.organisation


def id_sort_key(measure_id: str) -> tuple[int, ...]:
    """Sort measure numbers numerically, so that 1.9 comes before 1.10."""
    return tuple(int(part) for part in measure_id.split("."))


@dataclass(frozen=True)
class Measure:
    """One measure (åtgärd) of one follow-up year, as its page states it.

    `source` is the page's path relative to the docs folder, e.g.
    `2021/atgarder/1-4.md`; `body` is the description in Markdown.
    """

    year: int
    id: str
    title: str
    area: int
    districts: tuple[str, ...]
    responsible: tuple[Responsible, ...]
    financing: str
    status: str
    next_year: str
    source: PurePosixPath
    body: str = ""
    comment: str = ""
    next_year_text: str = ""
    responsible_text: str = ""
    field_lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    @property
    def sort_key(self) -> tuple[int, ...]:
        return (self.year, *id_sort_key(self.id))

    @property
    def organisations(self) -> tuple[str, ...]:
        """The responsible administrations without sub-units, each once."""
        return tuple(dict.fromkeys(r.organisation for r in self.responsible))

"""The plan's data as frozen values: the shared vocabulary and the measures.

Nothing here reads files or knows about MkDocs; loading and validation live in
their own modules and hand these values to the renderers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import PurePosixPath
from typing import TypeVar

from actionplan.layout import RESULTS_FILE, SITE_FILE, VOCABULARY_FILE

_T = TypeVar("_T")

# Joins the several values of a measure (its districts, its administrations)
# where one text must hold them all; no district or administration may contain it.
VALUE_SEPARATOR = "|"


class UnknownKey(LookupError):
    """A lookup asked the vocabulary for a key it does not define.

    Loading only lets through measures whose keys the vocabulary has, so this
    means a programming error (or a check that is missing), never an editor's.
    """

    def __init__(self, kind: str, key: object) -> None:
        super().__init__(f"unknown {kind}: {key!r}")
        self.kind = kind
        self.key = key


def _index(items: Iterable[_T], key: Callable[[_T], object]) -> dict[object, _T]:
    return {key(item): item for item in items}


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


# How a next-year disposition carries a measure into the next follow-up year
# (the `lineage` of each entry under next_year in data/measures.yml):
# `forward` gets a page of its own there from `atgardsplan new-year`, `merged`
# is continued by a measure the editor names, `dropped` cannot be continued.
# `undecided` is the package's own, for a measure of an open year.
FORWARD = "forward"
MERGED = "merged"
DROPPED = "dropped"
UNDECIDED = "undecided"
LINEAGES = (FORWARD, MERGED, DROPPED)


@dataclass(frozen=True)
class Disposition:
    """What happens to a measure in next year's plan."""

    key: str
    label: str
    description: str
    lineage: str = FORWARD


# What a measure of an open year has until the editor fills the field in.
# Added by the package, never written in a page: an editor leaves the field
# empty. Grey with white text (contrast 5.3:1), its own icon.
NOT_FOLLOWED_UP = Status("ej_uppfoljd", "Ej uppföljd", "#6b6b6b", "dashed")
NOT_DECIDED = Disposition(
    "ej_beslutad", "Ej beslutad", "har ännu ingen beslutad hantering i nästa års åtgärdsplan", UNDECIDED
)


@dataclass(frozen=True)
class StatedTally:
    """Figures an official document states for one follow-up year."""

    total: dict[str, int]
    areas: dict[int, dict[str, int]]


# The key of a stated tally's line in FollowUp.lines: "figures total", "figures 3".
FIGURES_LINE = "figures {scope}"


@dataclass(frozen=True)
class FollowUp:
    """One yearly follow-up: the document it comes from and what it states.

    A follow-up that has no measure pages on the site (known only from a
    later letter) is shown with its stated figures, marked as reported.

    A year is *adopted* (`adopted` is the date it was fastställd): its
    stated figures are the official ones and the pages must agree with them.
    Otherwise it is *open*: being followed up, its measures may still lack
    a status, and stated figures are shown beside the computed ones but not
    enforced. `document` and `date` are those of the document that states
    the figures, known once there is one.
    """

    year: int
    title: str
    document: str | None = None
    date: str | None = None
    measures: int | None = None
    stated: StatedTally | None = None
    diarienummer: str | None = None
    organisation: str | None = None
    adopted: str | None = None
    # Lines in data/measures.yml, for problems: "year" (the entry), "measures", and the stated figures'
    # (FIGURES_LINE of "total" or of an area's number).
    lines: Mapping[str, int] = field(default_factory=dict, compare=False, repr=False)

    @property
    def is_adopted(self) -> bool:
        return self.adopted is not None

    def figures_line(self, area: int | None = None) -> int | None:
        """The line of the stated figures in total (or of an area), else of the year's entry; None if unknown."""
        scope = "total" if area is None else str(area)
        return self.lines.get(FIGURES_LINE.format(scope=scope)) or self.lines.get("year")


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
        if key == NOT_FOLLOWED_UP.key:
            return NOT_FOLLOWED_UP
        return self._get("status", self._statuses, key)

    def is_adopted(self, year: int) -> bool:
        """Whether the year's figures are official; a year not in the data is not."""
        follow_up = self.follow_up(year)
        return follow_up is not None and follow_up.is_adopted

    def unknown_year(self, year: object, vocabulary_file: str = VOCABULARY_FILE) -> str:
        """The one wording for a follow-up year the vocabulary does not have (a problem line's lower-case text)."""
        known = ", ".join(str(f.year) for f in self.follow_ups) or "inga"
        return f"uppföljningsåret {year} finns inte under follow_ups i {vocabulary_file}. Kända år: {known}."

    def statuses_of(self, *years: int) -> tuple[Status, ...]:
        """The statuses a tally of these years shows: with Ej uppföljd when one of them is open."""
        if all(self.is_adopted(year) for year in years):
            return self.statuses
        return (*self.statuses, NOT_FOLLOWED_UP)

    def dispositions_of(self, year: int) -> tuple[Disposition, ...]:
        """The next-year dispositions a year's measures can have: with Ej beslutad when the year is open."""
        return self.dispositions if self.is_adopted(year) else (*self.dispositions, NOT_DECIDED)

    def area(self, number: int) -> Area:
        return self._get("area", self._areas, number)

    def administration(self, abbreviation: str) -> Administration:
        return self._get("administration", self._administrations, abbreviation)

    def disposition(self, key: str) -> Disposition:
        if key == NOT_DECIDED.key:
            return NOT_DECIDED
        return self._get("next_year", self._dispositions, key)

    def follow_up(self, year: int) -> FollowUp | None:
        """The follow-up of `year`, or None: asking whether a year is known is a normal question."""
        return self._follow_ups.get(year)

    def known_follow_up(self, year: int) -> FollowUp:
        """The follow-up of a year the caller has already checked; UnknownKey otherwise."""
        return self._get("follow_up", self._follow_ups, year)

    @staticmethod
    def _get(kind: str, index: dict[object, _T], key: object) -> _T:
        try:
            return index[key]
        except KeyError:
            raise UnknownKey(kind, key) from None

    # Indexed once: every row of every table asks these.
    @cached_property
    def _statuses(self) -> dict[object, Status]:
        return _index(self.statuses, lambda s: s.key)

    @cached_property
    def _areas(self) -> dict[object, Area]:
        return _index(self.areas, lambda a: a.number)

    @cached_property
    def _administrations(self) -> dict[object, Administration]:
        return _index(self.administrations, lambda a: a.abbreviation)

    @cached_property
    def _dispositions(self) -> dict[object, Disposition]:
        return _index(self.dispositions, lambda d: d.key)

    @cached_property
    def _follow_ups(self) -> dict[object, FollowUp]:
        return _index(self.follow_ups, lambda f: f.year)

    # What each measure's fields are checked against, made once rather than for every page read.
    @cached_property
    def area_numbers(self) -> tuple[int, ...]:
        return tuple(a.number for a in self.areas)

    @cached_property
    def district_names(self) -> tuple[str, ...]:
        return tuple(d.name for d in self.districts)

    @cached_property
    def abbreviations(self) -> tuple[str, ...]:
        return tuple(a.abbreviation for a in self.administrations)

    @cached_property
    def status_labels(self) -> dict[str, str]:
        """{key: label} of the statuses, in the file's order."""
        return {s.key: s.label for s in self.statuses}

    @cached_property
    def disposition_labels(self) -> dict[str, str]:
        """{key: label} of the next-year dispositions, in the file's order."""
        return {d.key: d.label for d in self.dispositions}


# Slots: thousands of these live through the whole build, and a slotted
# object is about half the size of one with a __dict__.
@dataclass(frozen=True, slots=True)
class Responsible:
    """One responsible administration, with the sub-unit the report names."""

    organisation: str
    unit: str | None = None

    def __str__(self) -> str:
        return f"{self.organisation} ({self.unit})" if self.unit else self.organisation


def id_sort_key(measure_id: str) -> tuple[int, ...]:
    """Sort measure numbers numerically, so that 1.9 comes before 1.10."""
    return tuple(int(part) for part in measure_id.split("."))


@dataclass(frozen=True, slots=True)  # slots: see Responsible
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
    # Ids of the measures of the previous follow-up year that this one continues.
    continues: tuple[str, ...] = ()
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


@dataclass(frozen=True)
class Texts:
    """The editors' files other than measure pages that pages and documents reuse, as read once by `load/`.

    `pages` are the hand-written pages' texts by source (relative to the
    docs folder), which the generator is given instead of reading the files
    again; `prose` each follow-up year's `data/<year>/rapporttext.md` that
    exists; `overviews` each area overview's text by (year, area).
    """

    pages: Mapping[str, str] = field(default_factory=dict)
    prose: Mapping[int, str] = field(default_factory=dict)
    overviews: Mapping[tuple[int, int], str] = field(default_factory=dict)
    # The years whose prose still says a section is to be written, with the line that says it.
    prose_pending: Mapping[int, int] = field(default_factory=dict)

    def prose_written(self, year: int) -> bool:
        """Whether the year's prose exists with every section written."""
        return year in self.prose and year not in self.prose_pending

    def area_pages(self, year: int) -> list[int]:
        """The areas of `year` that have an overview page, in order."""
        return sorted(area for (page_year, area) in self.overviews if page_year == year)


# Whose site this is, and how accessible it was found ---------------------------


@dataclass(frozen=True)
class AxeRun:
    """axe-core on one kind of page at one width: how many rules the page broke."""

    kind: str
    url: str
    width: int
    violations: int


@dataclass(frozen=True)
class TestResults:
    """The last complete run of the accessibility tests, as the tests wrote it."""

    day: date
    axe_core: str
    browser: str
    runs: tuple[AxeRun, ...]
    # Every page of the site opened at this width: how many, and how many scrolled sideways (WCAG 1.4.10).
    reflow_width: int
    reflow_pages: int
    reflow_failures: int

    @property
    def violations(self) -> int:
        return sum(run.violations for run in self.runs)

    @property
    def clean(self) -> bool:
        return self.violations == 0 and self.reflow_failures == 0


@dataclass(frozen=True)
class SiteFacts:
    """Whose the site is and whom to ask; None where the file leaves a fact empty."""

    organisation: str | None = None
    plan: str | None = None
    diarienummer: str | None = None
    contact_name: str | None = None
    email: str | None = None
    phone: str | None = None
    response_time: str | None = None
    reviewed: date | None = None
    known_issues: tuple[str, ...] = ()
    results: TestResults | None = None

    def missing_note(self) -> str | None:
        """The one line a build prints when the site shows facts as missing, or None when none are."""
        missing = self.missing()
        if not missing:
            return None
        return f"Kontaktsidan och tillgänglighetsredogörelsen visar som saknat: {'; '.join(missing)}."

    def missing(self) -> list[str]:
        """What the site shows as missing, in the words of the build's note (empty when nothing is)."""
        wanted = [
            ("organisation", self.organisation),
            ("plan", self.plan),
            ("diarienummer", self.diarienummer),
            ("contact.email eller contact.phone", self.email or self.phone),
            ("accessibility.response_time", self.response_time),
            ("accessibility.reviewed", self.reviewed),
        ]
        names = [name for name, value in wanted if not value]
        missing = [f"{', '.join(names)} i {SITE_FILE}"] if names else []
        if self.results is None:
            missing.append(f"testresultaten i {RESULTS_FILE}")
        return missing

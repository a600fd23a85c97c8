"""The follow-up report of one year as a plain structure, built from the catalogue and the year's prose.

The structure follows the official document (`uppfoljning-2021.txt`): title,
document facts, contents, chapter 1 (Inledning with 1.1 and 1.2) and the
introduction of chapter 2 from `data/<year>/rapporttext.md` (which the start
page reads too, so the prose is kept once), then one section per development
area, "2.N Utvecklingsområde N: title", with the summary from the area page's
"Året som gått", the tally in the report's words and every measure in numeric
order. Writers only lay this out; every text here is plain (never markup).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from actionplan import dates, layout, tally, words
from actionplan.aggregate import changes
from actionplan.aggregate.catalogue import Catalogue
from actionplan.model import NOT_FOLLOWED_UP as NOT_FOLLOWED_UP_STATUS
from actionplan.model import Area, FollowUp, Measure, Status, Vocabulary
from actionplan.render.charts import chart_summary
from actionplan.render.page_sources import FOLLOW_UP_CHAPTER
from actionplan.report import prose
from actionplan.report.prose import Paragraph
from actionplan.words import sentence

# What a measure without a status counts as in a year still being followed up.
NOT_FOLLOWED_UP = NOT_FOLLOWED_UP_STATUS.label
PLAN_TITLE = "Åtgärdsplan mot segregation {year}"
# How the 2021 document writes a status no measure of an area has: "Genomförda: -".
ZERO = "-"
# The documents of a year, by the name `--document` takes: the follow-up, the plan, the letter to the board.
DOCUMENTS = ("uppfoljning", "plan", "skrivelse")
_FILE_STEMS = {"uppfoljning": "rapport", "plan": "atgardsplan", "skrivelse": "tjansteskrivelse"}
_NUMBERED = re.compile(r"^(\d+(?:\.\d+)*)\.?\s+(.+)$")


class ReportRefused(ValueError):
    """The report cannot be made (an unknown year, or a year without pages); the message is Swedish."""


def report_page(year: int) -> str:
    """The generated report page's source path (it has no file in the docs folder)."""
    return f"{year}/rapport.md"


def document_name(year: int, suffix: str, document: str = "uppfoljning") -> str:
    """`rapport-2021.pdf`, `atgardsplan-2021.pdf`, `tjansteskrivelse-2021.docx`: beside the report page."""
    return f"{_FILE_STEMS[document]}-{year}.{suffix}"


@dataclass(frozen=True)
class StatusText:
    """A measure's status as the report prints it: the word always, icon and colour where known."""

    key: str | None
    label: str
    icon: str | None = None
    colour: str | None = None


@dataclass(frozen=True)
class MeasureEntry:
    id: str
    title: str
    anchor: str
    description: tuple[str, ...]
    districts: str
    responsible: str
    financing: str
    # None in the plan, which has no statuses.
    status: StatusText | None
    comment: tuple[str, ...]
    next_year: str

    @property
    def heading(self) -> str:
        # The official document writes "1.1. Bilda områdesteam".
        return f"{self.id}. {self.title}"


@dataclass(frozen=True)
class TallyLine:
    status: StatusText
    count: int

    @property
    def text(self) -> str:
        """'Genomförda: 6 åtgärder', and as the 2021 document writes a zero, 'Genomförda: -'."""
        return f"{plural(self.status.label)}: {words.measures(self.count) if self.count else ZERO}"


@dataclass(frozen=True)
class StatusOverview:
    """The status of the whole plan and per area, as a table and a chart near the document's start."""

    title: str
    statuses: tuple[Status, ...]
    rows: tuple[tuple[str, dict[str, int]], ...]
    total: dict[str, int]

    @property
    def summary(self) -> str:
        """The chart's text alternative: every figure of the table, in words."""
        return "; ".join(
            chart_summary(label, counts, self.statuses) for label, counts in (("Alla åtgärder", self.total), *self.rows)
        )


@dataclass(frozen=True)
class ChangeLine:
    """A continuing measure whose status changed: '1.4 Titel: Pågår 2021, Genomförd 2022'."""

    id: str
    title: str
    before: tuple[StatusText, ...]
    after: StatusText

    @property
    def text(self) -> str:
        before = ", ".join(dict.fromkeys(s.label for s in self.before))
        return f"{self.id} {self.title}: från {before} till {self.after.label}"


@dataclass(frozen=True)
class ChangeRow:
    """One area's (or, with an empty label, all areas') continuing measures and how many changed status."""

    label: str
    continuing: int
    changed: tuple[ChangeLine, ...]
    not_followed_up: int

    @property
    def text(self) -> str:
        text = f"{self.label}: " if self.label else ""
        text += f"{len(self.changed)} av {words.measures(self.continuing)} som fortsätter har ändrad status"
        if self.not_followed_up:
            text += f", {self.not_followed_up} är ännu inte uppföljda"
        return text + "."


@dataclass(frozen=True)
class Changes:
    """What changed since the previous follow-up year, in total and per area."""

    year: int
    previous: int
    total: ChangeRow
    areas: tuple[ChangeRow, ...]

    @property
    def heading(self) -> str:
        return f"Förändringar sedan {self.previous}"


@dataclass(frozen=True)
class Section:
    """A numbered section; `level` 1 is a chapter ("2"), 2 a section in it ("2.3")."""

    number: str
    title: str
    level: int
    paragraphs: tuple[Paragraph, ...] = ()
    area: int | None = None
    tally: tuple[TallyLine, ...] = ()
    measures: tuple[MeasureEntry, ...] = ()

    @property
    def heading(self) -> str:
        return f"{self.number} {self.title}" if self.number else self.title

    @property
    def anchor(self) -> str:
        return "avsnitt-" + (self.number.replace(".", "-") if self.number else layout.slug(self.title))


@dataclass(frozen=True)
class Report:
    year: int
    title: str
    facts: tuple[tuple[str, str], ...]
    draft: bool
    measures: int
    not_followed_up: int
    sections: tuple[Section, ...]
    diarienummer: str | None = None
    # Which of DOCUMENTS this is: the plan has no statuses, tallies or changes.
    document: str = "uppfoljning"
    overview: StatusOverview | None = None
    changes: Changes | None = None

    @property
    def running_title(self) -> str:
        """The title and Dnr, for the running header of a printed page."""
        return f"{self.title} – Dnr {self.diarienummer}" if self.diarienummer else self.title

    @property
    def draft_notice(self) -> str:
        """The sentence an open year's report opens with."""
        notice = f"Utkast: uppföljningen {self.year} är inte fastställd och kan ändras."
        if self.not_followed_up:
            return (
                f"{notice} {self.not_followed_up} av {self.measures} åtgärder saknar status "
                f"och visas som {NOT_FOLLOWED_UP}."
            )
        return f"{notice} Alla {self.measures} åtgärder har status."


def plural(label: str) -> str:
    """The report's plural of a status word: "Genomförd" -> "Genomförda", "Pågår" stays.

    The vocabulary holds the singular only; Swedish participles in -d take -a,
    and a verb form such as "Pågår" is the same in the plural.
    """
    return label + "a" if label.endswith("d") else label


def build(catalogue: Catalogue, year: int, draft: bool | None = None) -> Report:
    """The report of `year`; `draft` defaults to whether the year is still open (no stated figures yet).

    Raises ReportRefused with a Swedish message for a year the data does not
    know or a year without measure pages.
    """
    vocabulary = catalogue.vocabulary
    follow_up = _known_year_with_pages(catalogue, year)
    measures = catalogue.of_year(year)
    if draft is None:
        # An open year (not yet fastställd) is still being followed up.
        draft = not follow_up.is_adopted
    facts = [("Diarienummer", follow_up.diarienummer), ("Datum", _date(follow_up.date))]
    facts.append(("Organisation", follow_up.organisation))
    prose_file = layout.prose_file(year)
    sections = _prose_sections(catalogue.texts.prose.get(year, ""))
    if not sections:
        # A new year's report keeps the document's structure until its prose is written.
        missing = Paragraph(f"Inledningen är inte skriven ännu. Skriv den i {prose_file}.")
        sections.append(Section("1", "Inledning", 1, (missing,)))
    # The areas are sections of the prose's last chapter when it is the follow-up
    # chapter ("2 Uppföljning av åtgärdsplan mot segregation"), else of a new one.
    chapters = [s for s in sections if s.level == 1]
    if chapters[-1].title.startswith(FOLLOW_UP_CHAPTER) and chapters[-1].number:
        chapter = chapters[-1].number
    else:
        last = chapters[-1].number.split(".")[0]
        chapter = str(int(last) + 1) if last.isdigit() else str(len(chapters) + 1)
        sections.append(Section(chapter, FOLLOW_UP_CHAPTER, 1))
    areas = _areas(catalogue, year)
    for index, area in enumerate(areas, start=1):
        members = catalogue.of_area(year, area.number)
        overview = catalogue.texts.overviews.get((year, area.number), "")
        sections.append(
            Section(
                f"{chapter}.{index}",
                f"Utvecklingsområde {area.number}: {area.title}",
                2,
                tuple(prose.section(overview, prose.SUMMARY_HEADING)),
                area.number,
                _tally(members, vocabulary, year),
                tuple(_entry(m, vocabulary) for m in members),
            )
        )
    return Report(
        year=year,
        title=follow_up.title,
        facts=tuple((term, value) for term, value in facts if value),
        draft=draft,
        measures=len(measures),
        not_followed_up=sum(1 for m in measures if not followed_up(m)),
        sections=tuple(sections),
        diarienummer=follow_up.diarienummer,
        overview=_overview(catalogue, year, areas),
        changes=_changes(catalogue, year, vocabulary),
    )


def build_plan(catalogue: Catalogue, year: int) -> Report:
    """The plan of `year`: "Åtgärdsplan mot segregation YEAR", its areas and every measure, without statuses.

    The measures are the follow-up year's pages (the plan that year follows
    up); nothing is written that the pages and data/measures.yml do not hold.
    """
    vocabulary = catalogue.vocabulary
    follow_up = _known_year_with_pages(catalogue, year)
    measures = catalogue.of_year(year)
    areas = _areas(catalogue, year)
    in_areas = words.count(len(areas), "utvecklingsområde", "utvecklingsområden")
    count = f"Åtgärdsplanen innehåller {words.measures(len(measures))} inom {in_areas}."
    sections = [Section("1", "Utvecklingsområden och åtgärder", 1, (Paragraph(count),))]
    for index, area in enumerate(areas, start=1):
        members = catalogue.of_area(year, area.number)
        sections.append(
            Section(
                f"1.{index}",
                f"Utvecklingsområde {area.number}: {area.title}",
                2,
                area=area.number,
                measures=tuple(_entry(m, vocabulary, with_status=False) for m in members),
            )
        )
    facts = (("Diarienummer", follow_up.diarienummer), ("Organisation", follow_up.organisation))
    return Report(
        year=year,
        title=PLAN_TITLE.format(year=year),
        facts=tuple((term, value) for term, value in facts if value),
        draft=False,
        measures=len(measures),
        not_followed_up=0,
        sections=tuple(sections),
        diarienummer=follow_up.diarienummer,
        document="plan",
    )


def _known_year_with_pages(catalogue: Catalogue, year: int) -> FollowUp:
    follow_up = catalogue.vocabulary.follow_up(year)
    years_with_pages = ", ".join(str(y) for y in catalogue.years) or "inga"
    if follow_up is None:
        raise ReportRefused(
            f"{sentence(catalogue.vocabulary.unknown_year(year))} År med åtgärdssidor: {years_with_pages}."
        )
    if not catalogue.of_year(year):
        raise ReportRefused(
            f"Uppföljningen {year} har inga åtgärdssidor på webbplatsen, så det finns ingen rapport att göra. "
            f"År med åtgärdssidor: {years_with_pages}."
        )
    return follow_up


def _areas(catalogue: Catalogue, year: int) -> list[Area]:
    return [
        area
        for area in catalogue.vocabulary.areas
        if catalogue.of_area(year, area.number) or (year, area.number) in catalogue.texts.overviews
    ]


def _overview(catalogue: Catalogue, year: int, areas: list[Area]) -> StatusOverview:
    vocabulary = catalogue.vocabulary
    statuses = vocabulary.statuses_of(year)
    rows = tuple(
        (f"{area.number}. {area.title}", tally.by_status(catalogue.of_area(year, area.number), vocabulary, year))
        for area in areas
    )
    total = tally.by_status(catalogue.of_year(year), vocabulary, year)
    return StatusOverview(f"Status för åtgärderna {year}", statuses, rows, total)


def _changes(catalogue: Catalogue, year: int, vocabulary: Vocabulary) -> Changes | None:
    found = changes.since_previous(catalogue, year)
    if found is None:
        return None

    def row(label: str, area: int | None) -> ChangeRow:
        lines = tuple(
            ChangeLine(
                c.measure.id,
                c.measure.title,
                tuple(status_text(m, vocabulary) for m in c.earlier),
                status_text(c.measure, vocabulary),
            )
            for c in found.changed(area)
        )
        return ChangeRow(label, len(found.of_area(area)), lines, len(found.not_followed_up(area)))

    areas = tuple(
        row(f"Utvecklingsområde {area.number}", area.number) for area in vocabulary.areas if found.of_area(area.number)
    )
    return Changes(year, found.previous, row("Alla utvecklingsområden", None), areas)


def _status(status: Status) -> StatusText:
    return StatusText(status.key, status.label, status.icon, status.colour)


def _date(text: str | None) -> str | None:
    try:
        return dates.swedish_iso(text) if text else None
    except ValueError:
        return text


def _prose_sections(markdown: str) -> list[Section]:
    """Chapters and sections from the prose file: `##` headings are chapters, deeper ones sections.

    A first-level heading (the page's title, if any) is left out: the report has its own.
    """
    sections: list[Section] = []
    heading: prose.Heading | None = None
    paragraphs: list[Paragraph] = []

    def close() -> None:
        if heading is not None:
            match = _NUMBERED.match(heading.text)
            number, title = (match[1], match[2]) if match else ("", heading.text)
            sections.append(Section(number, title, 1 if heading.level <= 2 else 2, tuple(paragraphs)))
        paragraphs.clear()

    for block in prose.blocks(markdown):
        if isinstance(block, prose.Heading):
            if block.level == 1:
                continue
            close()
            heading = block
        elif heading is not None:
            paragraphs.append(block)
    close()
    return sections


followed_up = changes.followed_up


def status_text(measure: Measure, vocabulary: Vocabulary) -> StatusText:
    """The measure's status; a measure without one (an open year) counts as "Ej uppföljd"."""
    return _status(vocabulary.status(measure.status) if followed_up(measure) else NOT_FOLLOWED_UP_STATUS)


def _tally(members: tuple[Measure, ...], vocabulary: Vocabulary, year: int) -> tuple[TallyLine, ...]:
    """The area's counts in the vocabulary's order, every status with a zero as "-" like the 2021 document.

    Ej uppföljd (an open year's measures without a status) only when some measure is.
    """
    counts = tally.by_status(members, vocabulary, year)
    return tuple(
        TallyLine(_status(vocabulary.status(key)), count)
        for key, count in counts.items()
        if count or key != NOT_FOLLOWED_UP_STATUS.key
    )


def _entry(measure: Measure, vocabulary: Vocabulary, with_status: bool = True) -> MeasureEntry:
    return MeasureEntry(
        id=measure.id,
        title=measure.title,
        anchor="atgard-" + measure.id.replace(".", "-"),
        description=tuple(prose.plain_paragraphs(measure.body)),
        districts=_joined(measure.districts),
        responsible=measure.responsible_text or ", ".join(str(r) for r in measure.responsible),
        financing=measure.financing,
        status=status_text(measure, vocabulary) if with_status else None,
        comment=tuple(prose.plain_paragraphs(measure.comment)) if with_status else (),
        next_year=(measure.next_year_text or _disposition(measure, vocabulary)) if with_status else "",
    )


def _joined(values: tuple[str, ...]) -> str:
    """'Berga, Ryd och Skäggetorp', as the official document lists districts."""
    return values[0] if len(values) == 1 else f"{', '.join(values[:-1])} och {values[-1]}" if values else ""


def _disposition(measure: Measure, vocabulary: Vocabulary) -> str:
    if not measure.next_year:
        return ""
    disposition = vocabulary.disposition(measure.next_year)
    return f"I planen för {measure.year + 1}: {disposition.label}."

"""The new plan's measures in one go: a workbook the coordinator fills, read back into measure pages.

`atgardsplan plan-form --year YEAR` writes `plan-YEAR.xlsx`: on the sheet
`Plan`, a row per measure the open year already has (read-only, so that the
numbers in use can be seen) and empty rows for the new ones; the sheet
`Året innan` shows the previous year's measures and what becomes of each, so
that a measure that takes over others (`Ingår i annan åtgärd`) can name them
under `Fortsätter`. `atgardsplan new --from FILE` reads it back and shows the
pages it would make; with `--apply` it writes them all or none.

Every cell is written as text (never a formula), labels are found whatever
their case and spacing, and every problem is one Swedish line naming the
file, the row and the column.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from openpyxl import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from actionplan import layout
from actionplan.aggregate.catalogue import Catalogue
from actionplan.editing import workbook_reading
from actionplan.editing.follow_up_forms import (
    LINE_HEIGHT,
    LISTS_SHEET,
    READ_ONLY_FILL,
    UNLOCKED,
    WRAP,
    YEAR_LABEL,
    Column,
    label_key,
    list_choice,
    plain_description,
    row_height,
    text_cell,
)
from actionplan.exports.xlsxfile import HEADER_FILL, HEADER_FONT, TEXT_FORMAT
from actionplan.load.markup import markup_problems
from actionplan.model import DROPPED, Measure, Responsible, Vocabulary, id_sort_key
from actionplan.render.page_sources import open_year_page
from actionplan.validate import lineage

PLAN_SHEET = "Plan"
PREVIOUS_SHEET = "Året innan"
HEADER_ROW = 3
FIRST_ROW = HEADER_ROW + 1
# Empty rows offered for new measures (the 2022 plan had 17 new ones).
BLANK_ROWS = 60

NUMBER, AREA, TITLE, DESCRIPTION = "Nr", "Utvecklingsområde", "Åtgärd", "Beskrivning"
DISTRICTS, RESPONSIBLE, FINANCING, CONTINUES = "Områden", "Ansvariga", "Finansiering och tid", "Fortsätter"
# (header, width in Excel's units, required for a new measure)
COLUMNS: tuple[tuple[str, int, bool], ...] = (
    (NUMBER, 7, False),
    (AREA, 22, True),
    (TITLE, 34, True),
    (DESCRIPTION, 50, True),
    (DISTRICTS, 16, True),
    (RESPONSIBLE, 16, True),
    (FINANCING, 24, True),
    (CONTINUES, 12, False),
)
HEADERS = tuple(header for header, _, _ in COLUMNS)
# A list in one cell: "Berga, Ryd", one per line (Alt+Enter) or with semicolons.
_LIST_SEPARATOR = re.compile(r"[,;\n]+")
_ID = re.compile(r"^([1-9][0-9]*)\.([1-9][0-9]*)$")
_RESPONSIBLE = re.compile(r"^(?P<organisation>[^()]+?)\s*(?:\((?P<unit>[^()]+)\))?$")
_LEADING_NUMBER = re.compile(r"^\s*([0-9]+)\b")

# The table as the follow-up forms' row heights see it.
TABLE = tuple(Column(header, width) for header, width, _ in COLUMNS)


class PlanRefused(Exception):
    """Nothing was written; the message says why, in Swedish."""


def file_name(year: int) -> str:
    return f"plan-{year}.xlsx"


def open_year(catalogue: Catalogue, year: int) -> int | None:
    """The year before `year` with pages, after checking that `year` is open and has pages; PlanRefused otherwise."""
    vocabulary = catalogue.vocabulary
    follow_up = vocabulary.follow_up(year)
    if follow_up is None:
        raise PlanRefused(f"{vocabulary.unknown_year(year)} Starta året med atgardsplan new-year {year}.")
    if follow_up.is_adopted:
        raise PlanRefused(
            f"uppföljningen {year} är fastställd ({follow_up.document}, {follow_up.adopted}); nya åtgärder hör "
            f"till ett öppet år. Starta nästa år med atgardsplan new-year {year + 1}."
        )
    if year not in catalogue.years and not catalogue.texts.area_pages(year):
        raise PlanRefused(f"uppföljningen {year} har inga sidor ännu. Starta året med atgardsplan new-year {year}.")
    return catalogue.previous_year(year)


def plan_workbook(catalogue: Catalogue, year: int) -> Workbook:
    """The form: the year's measures (read-only), empty rows for new ones, the year before on a sheet of its own."""
    vocabulary = catalogue.vocabulary
    before = open_year(catalogue, year)
    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)  # a new workbook's one sheet
    sheet.title = PLAN_SHEET
    _lists_sheet(workbook, vocabulary)
    last_letter = _letter(len(COLUMNS) - 1)

    text_cell(sheet, 1, 1, YEAR_LABEL).font = HEADER_FONT
    text_cell(sheet, 1, 2, str(year)).font = HEADER_FONT
    sheet.merge_cells(f"A2:{last_letter}2")
    instruction = _instruction(vocabulary, year, before)
    text_cell(sheet, 2, 1, instruction).alignment = WRAP
    line_width = sum(width for _, width, _ in COLUMNS) * 1.1
    sheet.row_dimensions[2].height = LINE_HEIGHT * (math.ceil(len(instruction) / line_width) + 1)
    for index, (header, width, _) in enumerate(COLUMNS):
        cell = text_cell(sheet, HEADER_ROW, index + 1, header)
        cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL, WRAP
        sheet.column_dimensions[_letter(index)].width = width
    sheet.freeze_panes = f"A{FIRST_ROW}"

    existing = catalogue.of_year(year)
    for offset, measure in enumerate(existing):
        row = FIRST_ROW + offset
        values = row_values(measure)
        sheet.row_dimensions[row].height = row_height(values, TABLE)
        for index, value in enumerate(values):
            cell = text_cell(sheet, row, index + 1, value)
            cell.alignment, cell.fill = WRAP, READ_ONLY_FILL
    first_blank = FIRST_ROW + len(existing)
    for row in range(first_blank, first_blank + BLANK_ROWS):
        sheet.row_dimensions[row].height = 2 * LINE_HEIGHT + 4
        for index in range(len(COLUMNS)):
            blank = sheet.cell(row=row, column=index + 1)
            blank.number_format = TEXT_FORMAT  # what is typed stays text: 1.10 is not the number 1.1
            blank.alignment, blank.protection = WRAP, UNLOCKED
    last = first_blank + BLANK_ROWS - 1
    # A range on the lists sheet, not an inline list: an area's title may hold a comma.
    areas = list_choice(
        AREA,
        f"{LISTS_SHEET}!$A$2:$A${len(vocabulary.areas) + 1}",
        f"{AREA}: välj ett av utvecklingsområdena i listan.",
    )
    areas.add(f"{_letter(HEADERS.index(AREA))}{first_blank}:{_letter(HEADERS.index(AREA))}{last}")
    sheet.add_data_validation(areas)
    for header, allowed in (
        (DISTRICTS, vocabulary.district_names),
        (RESPONSIBLE, vocabulary.abbreviations),
    ):
        # Several values to a cell: no list to choose from, but the allowed values as the cell's prompt.
        prompt = DataValidation(
            type=None, showInputMessage=True, promptTitle=header, prompt=_prompt(", ".join(allowed))
        )
        letter = _letter(HEADERS.index(header))
        prompt.add(f"{letter}{first_blank}:{letter}{last}")
        sheet.add_data_validation(prompt)
    _print_setup(sheet, f"Planformulär {year}")
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False
    if before is not None:
        _previous_sheet(workbook, catalogue, before, year)
    return workbook


def row_values(measure: Measure) -> list[str]:
    """A measure as a row of the form, in the columns' order."""
    return [
        measure.id,
        str(measure.area),
        measure.title,
        plain_description(measure.body),
        ", ".join(measure.districts),
        ", ".join(str(r) for r in measure.responsible),
        measure.financing,
        ", ".join(measure.continues),
    ]


def _instruction(vocabulary: Vocabulary, year: int, before: int | None) -> str:
    taking_over = (
        f" En ny åtgärd som tar över åtgärder {before} (se bladet {PREVIOUS_SHEET}) anger deras nummer under "
        f"{CONTINUES}, till exempel 1.7, 1.12."
        if before is not None
        else ""
    )
    return (
        f"Skriv årets nya åtgärder för {year} på de tomma raderna, en åtgärd per rad. De grå raderna är åtgärder "
        f"som redan finns och ändras inte här. {NUMBER} får vara tomt (då blir det nästa lediga nummer i "
        f"utvecklingsområdet). {AREA} väljer du i listan. Flera {DISTRICTS.lower()} eller {RESPONSIBLE.lower()} "
        f"skrivs med kommatecken emellan, till exempel Berga, Ryd; en enhet inom parentes: KLF (HR). En ny rad i "
        f"en text får du med Alt+Enter.{taking_over} Spara filen som Excel-arbetsbok och läs in den med "
        f"atgardsplan new --from {file_name(year)}."
    )


def _previous_sheet(workbook: Workbook, catalogue: Catalogue, before: int, year: int) -> None:
    """The year before: every measure, what becomes of it in `year`'s plan, and which measure continues it now."""
    vocabulary = catalogue.vocabulary
    sheet = workbook.create_sheet(PREVIOUS_SHEET)
    assert isinstance(sheet, Worksheet)
    headers = (
        (NUMBER, 7),
        (TITLE, 50),
        (f"I planen för {year}", 24),
        (f"Fortsätts av (åtgärd {year})", 16),
    )
    for index, (header, width) in enumerate(headers):
        cell = text_cell(sheet, 1, index + 1, header)
        cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL, WRAP
        sheet.column_dimensions[_letter(index)].width = width
    for row, measure in enumerate(catalogue.of_year(before), start=2):
        disposition = vocabulary.disposition(measure.next_year)
        values = [
            measure.id,
            measure.title,
            disposition.label,
            ", ".join(m.id for m in catalogue.continued_by(measure)),
        ]
        for index, value in enumerate(values):
            text_cell(sheet, row, index + 1, value).alignment = WRAP
    sheet.freeze_panes = "A2"
    _print_setup(sheet, f"Åtgärder {before}")
    sheet.protection.sheet = True


def _lists_sheet(workbook: Workbook, vocabulary: Vocabulary) -> None:
    """A hidden, protected sheet with the areas the drop-down list offers."""
    lists = workbook.create_sheet(LISTS_SHEET)
    assert isinstance(lists, Worksheet)
    text_cell(lists, 1, 1, AREA)
    for row, area in enumerate(vocabulary.areas, start=2):
        text_cell(lists, row, 1, area_label(area.number, area.title))
    lists.sheet_state = "hidden"
    lists.protection.sheet = True


def area_label(number: int, title: str) -> str:
    return f"{number} {title}"


def _prompt(text: str) -> str:
    # Excel refuses an input message over 255 characters.
    return text if len(text) <= 255 else text[:254] + "…"


def _letter(index: int) -> str:
    return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[index]


def _print_setup(sheet: Worksheet, title: str) -> None:
    """A4 landscape, as wide as the page, the header row on every page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    header_row = HEADER_ROW if sheet.title == PLAN_SHEET else 1
    sheet.print_title_rows = f"{header_row}:{header_row}"
    footer = sheet.oddFooter
    assert footer is not None  # a new sheet has one
    # & starts a code in Excel's footer text; && is a literal one.
    footer.center.text = f"{title.replace('&', '&&')} – sida &P av &N"


# Reading -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FormRow:
    """One row of a sheet as read: its number as Excel shows it, each cell's text, and which cells hold formulas."""

    number: int
    texts: tuple[str, ...]
    formulas: frozenset[int] = frozenset()


@dataclass(frozen=True)
class PlannedMeasure:
    """A new measure from a row of the form, and the page it becomes."""

    row: int
    measure: Measure
    continues: tuple[str, ...]
    page: str  # relative to the project
    text: str


@dataclass
class Plan:
    """What a filled-in form gives: the year, its new measures, and every problem found (then nothing is written)."""

    year: int | None = None
    measures: list[PlannedMeasure] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    # Measures of the year before that are to go on but that no measure of the year (with the new ones) continues.
    uncontinued: list[Measure] = field(default_factory=list)


def read_plan(catalogue: Catalogue, docs_dir: str, shown: str, rows: list[FormRow], year: int | None) -> Plan:
    """The new measures of a filled-in form's `rows` (sheet Plan), checked against the plan and each other.

    `shown` names the file in problems; `year`, when given, must be the form's.
    """
    plan = Plan()
    found: list[tuple[int, str]] = []

    def problem(row: int | None, column: str | None, message: str) -> None:
        place = f"{shown}, rad {row}" if row is not None else shown
        found.append((row or 0, f"{place}: {column}: {message}" if column else f"{place}: {message}"))

    _read_rows(plan, catalogue, docs_dir, rows, year, problem)
    # In the order of the rows, as the coordinator goes through the form.
    plan.problems = [line for _, line in sorted(found, key=lambda pair: pair[0])]
    return plan


def _read_rows(
    plan: Plan,
    catalogue: Catalogue,
    docs_dir: str,
    rows: list[FormRow],
    year: int | None,
    problem: Callable[[int | None, str | None, str], None],
) -> None:

    by_label = {label_key(text): index for index, text in _header(rows)}
    written_year = _year_of(rows)
    missing = [header for header, _, _ in COLUMNS if label_key(header) not in by_label]
    if missing or written_year is None:
        problem(
            None,
            None,
            "är inget planformulär: bladet Plan ska ha Uppföljningsår i A1 och kolumnerna "
            f"{', '.join(HEADERS)} (saknas: {', '.join(missing) or YEAR_LABEL}). Skapa ett med atgardsplan plan-form.",
        )
        return
    if not (written_year.isascii() and written_year.isdigit()):
        problem(1, YEAR_LABEL, f"'{written_year}' är inget år. Skriv till exempel 2022.")
        return
    plan.year = int(written_year)
    if year is not None and year != plan.year:
        problem(1, YEAR_LABEL, f"formuläret gäller {plan.year}, men --year är {year}.")
        return
    try:
        before = open_year(catalogue, plan.year)
    except PlanRefused as refusal:
        problem(1, YEAR_LABEL, str(refusal))
        return
    vocabulary = catalogue.vocabulary
    existing = {m.id: m for m in catalogue.of_year(plan.year)}
    earlier = {m.id: m for m in catalogue.of_year(before)} if before is not None else {}
    titles = {_folded(m.title): m.id for m in existing.values()}
    taken = set(existing)
    header_row = _header_row(rows)
    pending: list[tuple[FormRow, dict[str, str], list[str]]] = []
    for row in rows:
        if row.number <= header_row:
            continue
        values = {header: _cell(row, by_label[label_key(header)]) for header in HEADERS}
        if not any(values.values()):
            continue
        formulas = [h for h in HEADERS if by_label[label_key(h)] in row.formulas]
        if values[NUMBER] in existing and not formulas:
            if _differs(values, existing[values[NUMBER]]):
                page = f"{docs_dir}/{layout.measure_page(plan.year, values[NUMBER])}"
                problem(
                    row.number,
                    None,
                    f"åtgärd {values[NUMBER]} finns redan och ändras inte här; ändra den på sidan {page}.",
                )
            continue
        pending.append((row, values, formulas))
    # Numbers chosen in the form first, so that a row without one takes the next number free after them.
    for row, values, formulas in pending:
        number = values[NUMBER]
        if number and _ID.match(number) and NUMBER not in formulas:
            if number in taken:
                problem(
                    row.number, NUMBER, f"{number} används redan för {plan.year}; varje åtgärd har ett eget nummer."
                )
            taken.add(number)
    for row, values, formulas in pending:
        planned = _planned(plan, catalogue, docs_dir, row, values, formulas, taken, earlier, titles, problem)
        if planned is not None:
            plan.measures.append(planned)
    continued = {i for m in existing.values() for i in m.continues} | {i for p in plan.measures for i in p.continues}
    plan.uncontinued = lineage.uncontinued(earlier.values(), continued, vocabulary)


def _planned(
    plan: Plan,
    catalogue: Catalogue,
    docs_dir: str,
    row: FormRow,
    values: dict[str, str],
    formulas: list[str],
    taken: set[str],
    earlier: dict[str, Measure],
    titles: dict[str, str],
    problem: Callable[[int | None, str | None, str], None],
) -> PlannedMeasure | None:
    """The measure a new row gives, or None after saying every problem of the row."""
    assert plan.year is not None
    vocabulary = catalogue.vocabulary
    # A formula's value is not what the cell says to a reader of the file: the cell is not read further.
    found = [(header, "cellen innehåller en formel. Skriv värdet som text.") for header in formulas]
    values = {header: "" if header in formulas else value for header, value in values.items()}
    for header, _, required in COLUMNS:
        if required and not values[header] and header not in formulas:
            found.append((header, "fältet är tomt. Det måste fyllas i."))
    area = _area(values[AREA], vocabulary, found) if values[AREA] else None
    number = values[NUMBER]
    if number:
        match = _ID.match(number)
        if match is None:
            found.append(
                (NUMBER, f"'{number}' har fel form. Skriv område.nummer, till exempel 1.20, eller lämna tomt.")
            )
        elif area is not None and int(match[1]) != area:
            found.append((NUMBER, f"{number} hör till utvecklingsområde {match[1]}, men {AREA} är {area}."))
    districts = _values(values[DISTRICTS], vocabulary.district_names, DISTRICTS, "inget känt område", found)
    responsible = _responsible(values[RESPONSIBLE], vocabulary, found)
    continues = _continues(values[CONTINUES], earlier, vocabulary, plan.year, found)
    title = " ".join(values[TITLE].split())
    if title and _folded(title) in titles:
        found.append((TITLE, f"det finns redan en åtgärd med den titeln för {plan.year}: {titles[_folded(title)]}."))
    # A line break in a cell (Alt+Enter) starts a paragraph, as it looks in the cell.
    description = "\n\n".join(line.strip() for line in values[DESCRIPTION].splitlines() if line.strip())
    for markup in markup_problems(description, 1, "", "beskrivning"):
        found.append((DESCRIPTION, markup.message))
        break
    for header, message in found:
        problem(row.number, header, message)
    if found or area is None or districts is None or responsible is None or continues is None:
        return None
    if not number:
        number = _next_free(area, taken)
    taken.add(number)
    titles[_folded(title)] = number
    source = layout.measure_page(plan.year, number)
    measure = Measure(
        year=plan.year,
        id=number,
        title=title,
        area=area,
        districts=tuple(districts),
        responsible=tuple(responsible),
        financing=" ".join(values[FINANCING].split()),
        status="",
        next_year="",
        source=PurePosixPath(source),
        body=description + "\n",
        continues=continues,
    )
    text = open_year_page(measure, vocabulary, continues)
    return PlannedMeasure(row.number, measure, continues, f"{docs_dir}/{source}", text)


def _header_row(rows: list[FormRow]) -> int:
    """The row of the table's headers (the first whose column A says Nr), 0 when there is none."""
    return next((row.number for row in rows if row.texts and label_key(row.texts[0]) == label_key(NUMBER)), 0)


def _header(rows: list[FormRow]) -> list[tuple[int, str]]:
    number = _header_row(rows)
    return next((list(enumerate(row.texts)) for row in rows if row.number == number), [])


def _year_of(rows: list[FormRow]) -> str | None:
    for row in rows:
        if row.texts and label_key(row.texts[0]) == label_key(YEAR_LABEL):
            return row.texts[1].strip() if len(row.texts) > 1 else ""
    return None


def _cell(row: FormRow, index: int) -> str:
    text = row.texts[index] if index < len(row.texts) else ""
    return text.strip()


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def _differs(values: dict[str, str], measure: Measure) -> bool:
    written = row_values(measure)
    return any(_folded(values[header]) != _folded(written[index]) for index, header in enumerate(HEADERS))


def _area(text: str, vocabulary: Vocabulary, found: list[tuple[str, str]]) -> int | None:
    """An area as chosen in the list ("3 Utbildning …") or typed as its number."""
    match = _LEADING_NUMBER.match(text)
    if match is not None and int(match[1]) in vocabulary.area_numbers:
        return int(match[1])
    allowed = ", ".join(str(n) for n in vocabulary.area_numbers)
    found.append((AREA, f"'{text}' är inget utvecklingsområde. Välj i listan (eller skriv numret: {allowed})."))
    return None


def _split(text: str) -> list[str]:
    return [" ".join(part.split()) for part in _LIST_SEPARATOR.split(text) if part.strip()]


def _values(text: str, known: Sequence[str], header: str, what: str, found: list[tuple[str, str]]) -> list[str] | None:
    """Each value of a list in one cell, as the vocabulary writes it (case aside)."""
    by_key = {label_key(value): value for value in known}
    result = []
    for part in _split(text):
        value = by_key.get(label_key(part))
        if value is None:
            found.append((header, f"'{part}' är {what}. Tillåtna: {', '.join(known)}."))
            return None
        if value not in result:
            result.append(value)
    return result if result else None


def _responsible(text: str, vocabulary: Vocabulary, found: list[tuple[str, str]]) -> list[Responsible] | None:
    by_key = {label_key(a): a for a in vocabulary.abbreviations}
    result = []
    for part in _split(text):
        match = _RESPONSIBLE.match(part)
        organisation = by_key.get(label_key(match["organisation"])) if match else None
        if match is None or organisation is None:
            found.append(
                (
                    RESPONSIBLE,
                    f"'{part}' är ingen känd förvaltning. Skriv förkortningen, eventuellt med enheten inom "
                    f"parentes, till exempel KLF (HR). Tillåtna: {', '.join(vocabulary.abbreviations)}.",
                )
            )
            return None
        result.append(Responsible(organisation, match["unit"].strip() if match["unit"] else None))
    return result if result else None


def _continues(
    text: str, earlier: dict[str, Measure], vocabulary: Vocabulary, year: int, found: list[tuple[str, str]]
) -> tuple[str, ...] | None:
    ids = _split(text)
    for measure_id in ids:
        measure = earlier.get(measure_id)
        if measure is None:
            before = next(iter(earlier.values())).year if earlier else None
            where = f"i uppföljningen {before}" if before is not None else "någon tidigare uppföljning"
            found.append((CONTINUES, f"åtgärd {measure_id} finns inte {where}."))
            return None
        disposition = vocabulary.disposition(measure.next_year)
        if disposition.lineage == DROPPED:
            found.append(
                (
                    CONTINUES,
                    f"åtgärd {measure_id} finns inte med i planen för {year} ({disposition.label}) och kan inte "
                    "fortsättas.",
                )
            )
            return None
    return tuple(dict.fromkeys(ids))


def _next_free(area: int, taken: set[str]) -> str:
    numbers = [int(match[2]) for measure_id in taken if (match := _ID.match(measure_id)) and int(match[1]) == area]
    return f"{area}.{max(numbers, default=0) + 1}"


def sorted_planned(measures: list[PlannedMeasure]) -> list[PlannedMeasure]:
    return sorted(measures, key=lambda p: id_sort_key(p.measure.id))


def form_rows(path: Path) -> list[FormRow]:
    """The rows of the form's sheet Plan, read in bounded time and memory (`workbook_reading`, as the answers).

    WorkbookRefused for a file that is no workbook or goes beyond the limits,
    PlanRefused for a workbook without the sheet.
    """
    workbook = workbook_reading.read(path)
    if PLAN_SHEET not in workbook.sheet_names:
        raise PlanRefused(f"bladet {PLAN_SHEET} saknas; skapa formuläret med atgardsplan plan-form.")
    return [
        FormRow(
            row.number,
            tuple(cell.text if cell is not None else "" for cell in row.cells),
            frozenset(index for index, cell in enumerate(row.cells) if cell is not None and cell.formula),
        )
        for row in workbook.rows(PLAN_SHEET)
    ]

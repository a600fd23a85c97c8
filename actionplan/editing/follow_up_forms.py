"""The yearly follow-up forms: one Excel file per responsible administration.

Each form lists the administration's measures of one year with their current
status, comment and next-year decision; the administration edits those three
columns and sends the file back, and `answers_import` reads it. The layout
below is shared by both sides. Administrations only ever see the Swedish
labels of `data/measures.yml`, never the keys the pages store.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.styles import Alignment, Protection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from actionplan.exports.xlsxfile import HEADER_FILL, HEADER_FONT, TEXT_FORMAT
from actionplan.model import Measure, Vocabulary

if TYPE_CHECKING:
    from actionplan.aggregate.catalogue import Catalogue

FORM_SHEET = "Uppföljning"
LISTS_SHEET = "Listor"
# The form's own facts, in locked cells above the table: which year and which administration.
YEAR_LABEL, YEAR_CELL = "Uppföljningsår", "B1"
ADMINISTRATION_LABEL, ADMINISTRATION_CELL = "Förvaltning", "B2"
INSTRUCTION_CELL = "A3"
HEADER_ROW = 4
FIRST_ROW = 5
COLUMNS = ("Nr", "Åtgärd", "Status", "Kommentar", "I planen för nästa år")
EDITABLE = ("Status", "Kommentar", "I planen för nästa år")
WIDTHS = {"Nr": 8, "Åtgärd": 55, "Status": 16, "Kommentar": 70, "I planen för nästa år": 26}
UNLOCKED = Protection(locked=False)
WRAP = Alignment(wrap_text=True, vertical="top")


def column_letter(name: str) -> str:
    return "ABCDE"[COLUMNS.index(name)]


def file_name(abbreviation: str) -> str:
    """The form's file, named by the administration's abbreviation (SOF.xlsx)."""
    return abbreviation.replace("/", "-").replace("\\", "-") + ".xlsx"


class FormsRefused(Exception):
    """No form was written; the message says why, in Swedish."""


@dataclass(frozen=True)
class WrittenForm:
    abbreviation: str
    path: Path
    measures: int


def instruction(vocabulary: Vocabulary, year: int, abbreviation: str) -> str:
    return (
        f"Fyll i Status, Kommentar och I planen för nästa år ({year + 1}) för de åtgärder som {abbreviation} "
        f"ansvarar för i uppföljningen {year}. Välj Status och I planen för nästa år i listan som visas när "
        "du klickar i cellen. Ändra inte Nr, Åtgärd eller raderna ovanför tabellen. En åtgärd med flera "
        "ansvariga finns i varje ansvarigs formulär: kom överens om ett gemensamt svar. Spara filen som "
        "Excel-arbetsbok och skicka tillbaka den till samordnaren."
    )


def measures_of(catalogue: Catalogue, year: int, abbreviation: str) -> list[Measure]:
    """The year's measures the administration is responsible for, alone or with others."""
    return [m for m in catalogue.of_year(year) if abbreviation in m.organisations]


def write_forms(catalogue: Catalogue, year: int, output: Path) -> list[WrittenForm]:
    """One form per administration that has measures in `year`; nothing is overwritten.

    A form already in the folder may hold answers not yet imported, so every
    target is checked before anything is written.
    """
    if year not in catalogue.years:
        known = ", ".join(str(y) for y in catalogue.years) or "inga"
        raise FormsRefused(f"Uppföljningsåret {year} har inga åtgärdssidor. År med åtgärder: {known}.")
    vocabulary = catalogue.vocabulary
    planned = [
        (a.abbreviation, output / file_name(a.abbreviation), measures_of(catalogue, year, a.abbreviation))
        for a in vocabulary.administrations
    ]
    planned = [entry for entry in planned if entry[2]]
    existing = [path.name for _, path, _ in planned if path.exists()]
    if existing:
        raise FormsRefused(
            f"{', '.join(existing)} finns redan i {output} och skrivs inte över (där kan finnas svar som "
            "inte är importerade). Välj en tom mapp."
        )
    output.mkdir(parents=True, exist_ok=True)
    written = []
    for abbreviation, path, measures in planned:
        form_workbook(vocabulary, year, abbreviation, measures).save(path)
        written.append(WrittenForm(abbreviation, path, len(measures)))
    return written


def form_workbook(vocabulary: Vocabulary, year: int, abbreviation: str, measures: list[Measure]) -> Workbook:
    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)  # a new workbook's one sheet
    sheet.title = FORM_SHEET
    _lists_sheet(workbook, vocabulary)

    administration = vocabulary.administration(abbreviation)
    sheet["A1"], sheet[YEAR_CELL] = YEAR_LABEL, str(year)
    sheet["A2"], sheet[ADMINISTRATION_CELL] = ADMINISTRATION_LABEL, abbreviation
    if administration.name:
        sheet["C2"] = administration.name
    for coordinate in ("A1", "A2", YEAR_CELL, ADMINISTRATION_CELL):
        sheet[coordinate].font = HEADER_FONT
        sheet[coordinate].number_format = TEXT_FORMAT
    sheet.merge_cells(f"A3:{column_letter(COLUMNS[-1])}3")
    sheet[INSTRUCTION_CELL] = instruction(vocabulary, year, abbreviation)
    sheet[INSTRUCTION_CELL].alignment = WRAP
    sheet.row_dimensions[3].height = 62

    for index, name in enumerate(COLUMNS):
        cell = sheet.cell(row=HEADER_ROW, column=index + 1, value=name)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        sheet.column_dimensions[column_letter(name)].width = WIDTHS[name]
    sheet.freeze_panes = f"A{FIRST_ROW}"

    statuses = {s.key: s.label for s in vocabulary.statuses}
    dispositions = {d.key: d.label for d in vocabulary.dispositions}
    for offset, measure in enumerate(measures):
        row = FIRST_ROW + offset
        values = {
            "Nr": measure.id,
            "Åtgärd": measure.title,
            "Status": statuses.get(measure.status, "") if measure.status else "",
            "Kommentar": measure.comment,
            "I planen för nästa år": dispositions.get(measure.next_year, "") if measure.next_year else "",
        }
        for index, name in enumerate(COLUMNS):
            cell = sheet.cell(row=row, column=index + 1, value=values[name])
            cell.data_type = "s"  # a title or comment starting with = stays text
            cell.number_format = TEXT_FORMAT  # so that what is typed stays text too
            cell.alignment = WRAP
            if name in EDITABLE:
                cell.protection = UNLOCKED

    last = FIRST_ROW + max(len(measures), 1) - 1
    for name, column in (("Status", "A"), ("I planen för nästa år", "B")):
        count = len(statuses) if column == "A" else len(dispositions)
        # A range on the lists sheet, not an inline list: a label may hold a
        # comma ("Finns inte med, genomförd"), which an inline list splits.
        validation = DataValidation(
            type="list",
            formula1=f"{LISTS_SHEET}!${column}$2:${column}${count + 1}",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Välj i listan",
            error=f"{name}: välj ett av värdena i listan.",
            promptTitle=name,
            prompt="Välj i listan.",
            showInputMessage=True,
        )
        letter = column_letter(name)
        validation.add(f"{letter}{FIRST_ROW}:{letter}{last}")
        sheet.add_data_validation(validation)

    # Nr and Åtgärd are locked so that answers can be matched to measures;
    # resizing rows and columns stays allowed. No password: this guards
    # against slips, and the import checks Nr and Åtgärd anyway.
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False
    return workbook


def _lists_sheet(workbook: Workbook, vocabulary: Vocabulary) -> Worksheet:
    """A hidden, protected sheet with the labels the drop-down lists offer."""
    lists = workbook.create_sheet(LISTS_SHEET)
    assert isinstance(lists, Worksheet)
    lists["A1"], lists["B1"] = "Status", "I planen för nästa år"
    for row, status in enumerate(vocabulary.statuses, start=2):
        lists.cell(row=row, column=1, value=status.label).data_type = "s"
    for row, disposition in enumerate(vocabulary.dispositions, start=2):
        lists.cell(row=row, column=2, value=disposition.label).data_type = "s"
    lists.sheet_state = "hidden"
    lists.protection.sheet = True
    return lists

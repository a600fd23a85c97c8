"""The yearly follow-up forms: one Excel file per responsible administration.

Each form lists the administration's measures of one open year: beside each
row (read-only) who is responsible, the description, and last year's status
and comment; to fill in, the status, a comment and next year's decision,
prefilled with what the pages say now. The administration sends the file
back and `answers_import` reads it. The labels below are shared by both
sides; the import finds them whatever their case and surrounding spaces
(`label_key`), and never by position alone. Administrations only ever see
the Swedish labels of `data/measures.yml`, never the keys the pages store.

Every cell is written as text, never as a formula, whatever the pages or
the vocabulary hold (a name beginning with `=`). The form prints on A4
landscape, fitted to the page's width, with the header row on every page.
"""

from __future__ import annotations

import contextlib
import io
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from actionplan.editing.file_transaction import WriteFailed, writing
from actionplan.exports.xlsxfile import HEADER_FILL, HEADER_FONT, TEXT_FORMAT
from actionplan.model import NOT_DECIDED, NOT_FOLLOWED_UP, Measure, Vocabulary
from actionplan.words import sentence

if TYPE_CHECKING:
    from actionplan.aggregate.catalogue import Catalogue

FORM_SHEET = "Uppföljning"
LISTS_SHEET = "Listor"
# The form's own facts, in locked cells above the table: a label, and the value in the first cell after it.
YEAR_LABEL = "Uppföljningsår"
ADMINISTRATION_LABEL = "Förvaltning"
HEADER_ROW = 4
FIRST_ROW = HEADER_ROW + 1
NUMBER, TITLE, STATUS, COMMENT, NEXT_YEAR = "Nr", "Åtgärd", "Status", "Kommentar", "I planen för nästa år"
RESPONSIBLE, DESCRIPTION = "Ansvariga", "Beskrivning"
# What an administration fills in, and the page field each goes to.
ANSWERS = ((STATUS, "status"), (COMMENT, "comment"), (NEXT_YEAR, "next_year"))
# Where forms go by default, inside the project: .gitignore keeps answers out of commits.
DEFAULT_FOLDER = "formular"
# Excel refuses a longer cell; a longer description is cut (the form shows it, the import never reads it).
MAX_CELL = 32_767
# Points per line of Excel's default font, and the tallest row Excel allows. A row is made as tall as its
# longest text needs; a description longer than such a row holds is cut and says where the rest is.
LINE_HEIGHT = 15
MAX_ROW_HEIGHT = 409
MAX_DESCRIPTION = 900

UNLOCKED = Protection(locked=False)
WRAP = Alignment(wrap_text=True, vertical="top")
READ_ONLY_FILL = PatternFill(fill_type="solid", fgColor="F2F2F2")
INSTRUCTION_FONT = Font(size=11)


@dataclass(frozen=True)
class Column:
    header: str
    width: int
    editable: bool = False


def columns(year: int) -> tuple[Column, ...]:
    """The table's columns, left to right; widths in Excel's units (about one character each)."""
    return (
        Column(NUMBER, 6),
        Column(TITLE, 26),
        Column(RESPONSIBLE, 16),
        Column(DESCRIPTION, 38),
        Column(f"Status {year - 1}", 11),
        Column(f"Kommentar {year - 1}", 30),
        Column(STATUS, 13, editable=True),
        Column(COMMENT, 42, editable=True),
        Column(NEXT_YEAR, 18, editable=True),
    )


def label_key(text: str) -> str:
    """A label as compared: 'pågår', ' Pågår ' and 'PÅGÅR' are one label."""
    return " ".join(text.split()).casefold()


def file_name(abbreviation: str) -> str:
    """The form's file, named by the administration's abbreviation (SOF.xlsx)."""
    name = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "-", abbreviation).strip(" .")
    return (name or "formular") + ".xlsx"


class FormsRefused(Exception):
    """No form was written; the message says why, in Swedish."""


@dataclass(frozen=True)
class WrittenForm:
    abbreviation: str
    path: Path
    measures: int


def instruction(year: int, abbreviation: str) -> str:
    return (
        f"Fyll i Status, Kommentar och I planen för nästa år ({year + 1}) för de åtgärder som {abbreviation} "
        f"ansvarar för i uppföljningen {year}. Status och I planen för nästa år väljer du i listan som visas när "
        "du klickar i cellen. En ny rad i en kommentar får du med Alt+Enter. Lämna raden tom om ni inte har något "
        "svar. De grå kolumnerna (beskrivningen och förra årets uppföljning) är bara till hjälp och ändras inte "
        "här. En åtgärd med flera ansvariga finns i varje ansvarigs formulär: svaret från den huvudansvariga "
        "(den som står först under Ansvariga) skrivs in, och de andras svar sparas. Spara filen som "
        "Excel-arbetsbok och skicka tillbaka den till samordnaren."
    )


def measures_of(catalogue: Catalogue, year: int, abbreviation: str) -> list[Measure]:
    """The year's measures the administration is responsible for, alone or with others."""
    return [m for m in catalogue.of_year(year) if abbreviation in m.organisations]


def write_forms(catalogue: Catalogue, year: int, output: Path) -> list[WrittenForm]:
    """One form per administration that has measures in `year`, all or none; nothing is overwritten.

    A form already in the folder may hold answers not yet imported, so every
    target is checked before anything is written.
    """
    vocabulary = catalogue.vocabulary
    follow_up = vocabulary.follow_up(year)
    if follow_up is None:
        raise FormsRefused(sentence(vocabulary.unknown_year(year)))
    if year not in catalogue.years:
        known = ", ".join(str(y) for y in catalogue.years) or "inga"
        raise FormsRefused(f"Uppföljningsåret {year} har inga åtgärdssidor. År med åtgärder: {known}.")
    if follow_up.is_adopted:
        raise FormsRefused(
            f"Uppföljningen {year} är fastställd ({follow_up.document or 'utan dokument'}, {follow_up.adopted}); "
            "dess sidor ändras inte av svar. Formulär görs för ett öppet år: starta nästa år med "
            f"atgardsplan new-year {year + 1}."
        )
    planned = [
        (a.abbreviation, file_name(a.abbreviation), measures_of(catalogue, year, a.abbreviation))
        for a in vocabulary.administrations
    ]
    planned = [entry for entry in planned if entry[2]]
    existing = [name for _, name, _ in planned if (output / name).exists()]
    if existing:
        raise FormsRefused(
            f"{', '.join(existing)} finns redan i {output} och skrivs inte över (där kan finnas svar som "
            "inte är importerade). Välj en tom mapp."
        )
    files = {}
    for abbreviation, name, measures in planned:
        stream = io.BytesIO()
        form_workbook(catalogue, year, abbreviation, measures).save(stream)
        files[name] = stream.getvalue()
    created = not output.exists()
    try:
        output.mkdir(parents=True, exist_ok=True)
        with writing(output, "forms") as writer:
            writer.write(files, new=files)
    except OSError as error:
        raise FormsRefused(f"kan inte skapa mappen {output} ({error.strerror}).") from None
    except WriteFailed as failure:
        if created:
            with contextlib.suppress(OSError):
                output.rmdir()
        raise FormsRefused(str(failure)) from None
    return [WrittenForm(a, output / name, len(m)) for a, name, m in planned]


def list_choice(header: str, source: str, error: str) -> DataValidation:
    """A drop-down of the values in `source` (a range on the lists sheet) that refuses anything else.

    A range, not an inline list: a label may hold a comma ("Finns inte med, genomförd"), which an inline
    list splits.
    """
    return DataValidation(
        type="list",
        formula1=source,
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Välj i listan",
        error=error,
        promptTitle=header,
        prompt="Välj i listan.",
        showInputMessage=True,
    )


def form_workbook(catalogue: Catalogue, year: int, abbreviation: str, measures: list[Measure]) -> Workbook:
    vocabulary = catalogue.vocabulary
    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)  # a new workbook's one sheet
    sheet.title = FORM_SHEET
    _lists_sheet(workbook, vocabulary)
    table = columns(year)
    last_letter = _letter(len(table) - 1)

    administration = vocabulary.administration(abbreviation)
    for row, label, value in ((1, YEAR_LABEL, str(year)), (2, ADMINISTRATION_LABEL, abbreviation)):
        sheet.merge_cells(f"A{row}:B{row}")
        text_cell(sheet, row, 1, label).font = HEADER_FONT
        text_cell(sheet, row, 3, value).font = HEADER_FONT
    if administration.name:
        sheet.merge_cells(f"D2:{_letter(5)}2")
        text_cell(sheet, 2, 4, administration.name)
    sheet.merge_cells(f"A3:{last_letter}3")
    text = instruction(year, abbreviation)
    text_cell(sheet, 3, 1, text).alignment = WRAP
    # A merged cell never grows to fit its text in Excel: the row gets the height its lines need.
    line_width = sum(column.width for column in table) * 1.1
    sheet.row_dimensions[3].height = 15 * (math.ceil(len(text) / line_width) + 1)

    for index, column in enumerate(table):
        cell = text_cell(sheet, HEADER_ROW, index + 1, column.header)
        cell.font, cell.alignment = HEADER_FONT, WRAP
        cell.fill = HEADER_FILL
        sheet.column_dimensions[_letter(index)].width = column.width
    sheet.freeze_panes = f"C{FIRST_ROW}"

    sheet.row_dimensions[HEADER_ROW].height = 2 * LINE_HEIGHT + 4
    for offset, measure in enumerate(measures):
        values = _row_values(catalogue, measure)
        # Neither Excel on opening nor LibreOffice ever sizes a row to its wrapped text by itself.
        sheet.row_dimensions[FIRST_ROW + offset].height = row_height(values, table)
        for index, column in enumerate(table):
            cell = text_cell(sheet, FIRST_ROW + offset, index + 1, values[index])
            cell.number_format = TEXT_FORMAT  # so that what is typed stays text too
            cell.alignment = WRAP
            if column.editable:
                cell.protection = UNLOCKED
            else:
                cell.fill = READ_ONLY_FILL

    last = FIRST_ROW + max(len(measures), 1) - 1
    for header, lists_column, size in (
        (STATUS, "A", len(vocabulary.statuses)),
        (NEXT_YEAR, "B", len(vocabulary.dispositions)),
    ):
        validation = list_choice(
            header,
            f"{LISTS_SHEET}!${lists_column}$2:${lists_column}${size + 1}",
            f"{header}: välj ett av värdena i listan.",
        )
        letter = _letter([c.header for c in table].index(header))
        validation.add(f"{letter}{FIRST_ROW}:{letter}{last}")
        sheet.add_data_validation(validation)

    _print_setup(sheet, year, abbreviation)
    # Nr and Åtgärd are locked so that answers can be matched to measures;
    # resizing rows and columns stays allowed. No password: this guards
    # against slips, and the import checks Nr and Åtgärd anyway.
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False
    return workbook


def _row_values(catalogue: Catalogue, measure: Measure) -> list[str]:
    vocabulary = catalogue.vocabulary
    organisations = list(measure.organisations)
    if len(organisations) > 1:
        organisations[0] += " (huvudansvarig)"
    earlier = catalogue.continues(measure)
    labels = {s.key: s.label for s in vocabulary.statuses}
    if len(earlier) == 1:
        earlier_status = labels.get(earlier[0].status, "")
        earlier_comment = earlier[0].comment
    else:
        earlier_status = "\n".join(f"{m.id}: {labels.get(m.status, '')}" for m in earlier)
        earlier_comment = "\n\n".join(f"{m.id}: {m.comment}" for m in earlier if m.comment)
    status = "" if measure.status == NOT_FOLLOWED_UP.key else labels.get(measure.status, "")
    dispositions = {d.key: d.label for d in vocabulary.dispositions}
    next_year = "" if measure.next_year == NOT_DECIDED.key else dispositions.get(measure.next_year, "")
    return [
        measure.id,
        measure.title,
        ", ".join(organisations),
        _cut(plain_description(measure.body), MAX_DESCRIPTION, " … (hela beskrivningen finns på webbplatsen)"),
        earlier_status,
        earlier_comment,
        status,
        measure.comment,
        next_year,
    ]


def row_height(values: list[str], table: tuple[Column, ...]) -> float:
    """Points enough for the longest cell's wrapped lines (at least two: room to answer), within Excel's limit."""
    lines = 2
    for value, column in zip(values, table, strict=True):
        per_line = max(1, column.width)  # about a character per unit of width: rather too tall than cut
        needed = sum(max(1, math.ceil(len(part) / per_line)) for part in value.split("\n"))
        lines = max(lines, needed)
    return min(MAX_ROW_HEIGHT, lines * LINE_HEIGHT + 4)


def plain_description(body: str) -> str:
    """A description's Markdown as a reader of a cell wants it: paragraphs, link texts, no markup signs."""
    text = re.sub(r"!?\[([^\]]*)\]\(([^)\s]*)[^)]*\)", r"\1 (\2)", body)
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"<[^>]+>", "", text)
    paragraphs = [" ".join(part.split()) for part in re.split(r"\n\s*\n", text)]
    return "\n\n".join(p for p in paragraphs if p)


def _cut(text: str, limit: int, note: str) -> str:
    return text if len(text) <= limit else text[: limit - len(note)].rstrip() + note


def text_cell(sheet: Worksheet, row: int, column: int, value: str) -> Cell:  # also the plan form's
    """A cell holding `value` as text: never a formula, never a character Excel refuses, never too long."""
    value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
    if len(value) > MAX_CELL:
        value = value[: MAX_CELL - 1] + "…"
    cell = sheet.cell(row=row, column=column)
    cell.value = value
    cell.data_type = "s"  # openpyxl reads a leading = as a formula; this is text
    assert isinstance(cell, Cell)
    return cell


def _letter(index: int) -> str:
    return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[index]


def _print_setup(sheet: Worksheet, year: int, abbreviation: str) -> None:
    """A4 landscape, as wide as the page, the header row on every page, page numbers in the footer."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.page_margins = PageMargins(left=0.4, right=0.4, top=0.7, bottom=0.6, header=0.3, footer=0.3)
    # & starts a code in Excel's header and footer text; && is a literal one.
    header, footer = sheet.oddHeader, sheet.oddFooter
    assert header is not None and footer is not None  # a new sheet has both
    header.center.text = f"Uppföljning {year}: {abbreviation}".replace("&", "&&")
    footer.center.text = "Sida &P av &N"


def _lists_sheet(workbook: Workbook, vocabulary: Vocabulary) -> Worksheet:
    """A hidden, protected sheet with the labels the drop-down lists offer."""
    lists = workbook.create_sheet(LISTS_SHEET)
    assert isinstance(lists, Worksheet)
    text_cell(lists, 1, 1, STATUS)
    text_cell(lists, 1, 2, NEXT_YEAR)
    for row, status in enumerate(vocabulary.statuses, start=2):
        text_cell(lists, row, 1, status.label)
    for row, disposition in enumerate(vocabulary.dispositions, start=2):
        text_cell(lists, row, 2, disposition.label)
    lists.sheet_state = "hidden"
    lists.protection.sheet = True
    return lists

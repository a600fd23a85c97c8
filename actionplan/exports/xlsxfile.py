"""The XLSX export, and the cell helpers the follow-up forms share with it.

Every cell is written as a string with the text number format: a value typed
as `=...` would otherwise become a formula (openpyxl makes any text starting
with `=` one), and 1.10 a number. Texts starting like a formula also get
Excel's quote prefix, so that editing such a cell keeps it text.

openpyxl writes the package (styles, workbook, the sheet's settings) but not
the cells: it makes two cell objects per value and writes each through
lxml, about 15 µs a cell, which was most of the exports' time at thousands
of measures. The cells are inline strings in a handful of styles, so their
XML is written here as text, the same elements openpyxl writes (only other
than ASCII is written as UTF-8, not as character references).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from io import BytesIO
from operator import itemgetter
from pathlib import Path
from zipfile import ZipFile, ZipInfo

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import IllegalCharacterError
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from actionplan.exports.csvfile import FORMULA_STARTS

TEXT_FORMAT = "@"
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill(fill_type="solid", fgColor="DDE3EA")
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
# Widths in Excel's units (characters of the default font), within bounds
# that keep long texts readable and short ones findable.
MIN_WIDTH, MAX_WIDTH, LONG_TEXT_WIDTH = 6, 45, 60


# openpyxl's limits for a cell's text: Excel keeps at most 32,767 characters,
# and XML 1.0 has no C0 control characters (but tab and line breaks),
# surrogates or U+FFFE/U+FFFF.
MAX_TEXT = 32767
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# The sheet openpyxl writes when it is given no rows; the rows go in its place.
EMPTY_SHEET_DATA = b"<sheetData></sheetData>"


class CellStyles:
    """The workbook's style index of each combination of a text cell's styles, registered once each.

    Setting a style on a cell looks it up in the workbook's tables, which
    costs more than the rest of the cell; a year of thousands of measures has
    only a handful of different styles.
    """

    def __init__(self, sheet: WriteOnlyWorksheet) -> None:
        self._sheet = sheet
        self._ids: dict[tuple[object, ...], int] = {}

    def __call__(self, formula_like: bool, **style: object) -> int:
        key = (formula_like, *sorted(style.items(), key=itemgetter(0)))
        known = self._ids.get(key)
        if known is None:
            cell = WriteOnlyCell(self._sheet)
            cell.number_format = TEXT_FORMAT
            cell.quotePrefix = formula_like
            for name, value in style.items():
                setattr(cell, name, value)
            known = self._ids[key] = cell.style_id  # adds the combination to the workbook's tables
        return known


def text_cell(reference: str, style_id: int, text: str) -> str:
    """A cell's XML as openpyxl writes an inline string: `<c r=".." s=".." t="inlineStr">`, empty if the text is."""
    text = text[:MAX_TEXT]
    if not text:
        return f'<c r="{reference}" s="{style_id}" t="inlineStr"></c>'
    if NOT_XML.search(text):
        raise IllegalCharacterError(f"{text} cannot be used in worksheets.")
    # Only these need escaping in XML text; a bare CR would be read back as LF.
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f'<c r="{reference}" s="{style_id}" t="inlineStr"><is><t{space}>{escaped}</t></is></c>'


@functools.cache
def contrast_font(colour: str, bold: bool = False) -> Font:
    """Black or white text, whichever reads better on `colour` (#rrggbb), by WCAG relative luminance."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    black = (luminance + 0.05) / 0.05 > 1.05 / (luminance + 0.05)
    return Font(color="FF000000" if black else "FFFFFFFF", bold=bold)


@functools.cache
def solid_fill(colour: str) -> PatternFill:
    return PatternFill(fill_type="solid", fgColor="FF" + colour.lstrip("#").upper())


def column_widths(
    headers: Sequence[str], rows: Sequence[Sequence[str]], long_columns: tuple[int, ...] = ()
) -> list[float]:
    """A width per column from its longest line, capped; long texts get a fixed wide column and wrap."""
    widths: list[float] = []
    for index, header in enumerate(headers):
        if index in long_columns:
            widths.append(float(LONG_TEXT_WIDTH))
            continue
        longest = max(
            (len(line) for row in rows for line in row[index].split("\n")),
            default=0,
        )
        widths.append(float(min(MAX_WIDTH, max(MIN_WIDTH, longest, len(header)) + 2)))
    return widths


def write_xlsx(
    path: Path,
    headers: tuple[str, ...] | list[str],
    rows: list[list[str]],
    *,
    sheet_title: str,
    status_column: int | None = None,
    status_colours: dict[str, str] | None = None,
    long_columns: tuple[int, ...] = (),
) -> None:
    """One sheet: a bold frozen header row with an auto-filter, then a row per entry."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title)
    sheet.freeze_panes = "A2"
    last = f"{get_column_letter(len(headers))}{len(rows) + 1}"
    sheet.auto_filter.ref = f"A1:{last}"
    for index, width in enumerate(column_widths(headers, rows, long_columns), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    styles = CellStyles(sheet)
    letters = [get_column_letter(index) for index in range(1, len(headers) + 1)]
    colours = status_colours or {}

    def find_style(index: int, text: str, header: bool) -> int:
        formula_like = text.startswith(FORMULA_STARTS)
        if header:
            return styles(formula_like, font=HEADER_FONT, fill=HEADER_FILL)
        alignment = WRAP if index in long_columns else TOP
        if index == status_column and text in colours:
            colour = colours[text]
            return styles(formula_like, alignment=alignment, fill=solid_fill(colour), font=contrast_font(colour))
        return styles(formula_like, alignment=alignment)

    # Looking up openpyxl's style objects hashes them, slowly: a cell's style
    # is found by what decides it (column, formula start, status), cheaply hashed.
    found: dict[tuple[int, bool, str, bool], int] = {}

    def style_id(index: int, text: str, header: bool) -> int:
        key = (index, text.startswith(FORMULA_STARTS), text if index == status_column else "", header)
        known = found.get(key)
        if known is None:
            known = found[key] = find_style(index, text, header)
        return known

    def sheet_rows() -> Iterator[str]:
        for number, row in enumerate([list(headers), *rows], start=1):
            cells = "".join(
                text_cell(f"{letter}{number}", style_id(index, text, number == 1), text)
                for index, (letter, text) in enumerate(zip(letters, row, strict=True))
            )
            yield f'<row r="{number}">{cells}</row>'

    # openpyxl writes the style tables when it saves, so every style the rows
    # use is registered first; the rows' XML is then made as it is written,
    # not kept: megabytes, at the end of a build that holds every page.
    for index, text in enumerate(headers):
        style_id(index, text, True)
    for row in rows:
        for index, text in enumerate(row):
            style_id(index, text, False)
    package = BytesIO()
    workbook.save(package)
    try:
        _write_with_rows(package, path, sheet.path.lstrip("/"), sheet_rows())
    except BaseException:
        path.unlink(missing_ok=True)  # a text no sheet can hold: no half-written file is left
        raise


def _write_with_rows(package: BytesIO, path: Path, sheet_part: str, rows_xml: Iterable[str]) -> None:
    """Copy openpyxl's package to `path`, the rows put into the sheet's empty sheetData."""
    with ZipFile(package) as source, ZipFile(path, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            copied = ZipInfo(info.filename, info.date_time)
            copied.compress_type, copied.external_attr = info.compress_type, info.external_attr
            if info.filename != sheet_part:
                target.writestr(copied, data)
                continue
            if data.count(EMPTY_SHEET_DATA) != 1:
                # Only after an upgrade of openpyxl (pinned): fail the build, never write a sheet without rows.
                raise RuntimeError(f"openpyxl no longer writes {EMPTY_SHEET_DATA!r} in {sheet_part}; see xlsxfile.py")
            before, after = data.split(EMPTY_SHEET_DATA)
            with target.open(copied, "w") as stream:
                stream.write(before + b"<sheetData>")
                for row in rows_xml:
                    stream.write(row.encode())
                stream.write(b"</sheetData>" + after)

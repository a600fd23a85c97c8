"""The XLSX export, and the cell helpers the follow-up forms share with it.

Every cell is written as a string with the text number format: a value typed
as `=...` would otherwise become a formula (openpyxl makes any text starting
with `=` one), and 1.10 a number. Texts starting like a formula also get
Excel's quote prefix, so that editing such a cell keeps it text.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from copy import copy
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
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


class TextCells:
    """Makes a sheet's cells, each holding its text as a string whatever it looks like (write-only cells).

    Setting a style on a cell looks it up in the workbook's tables, which
    costs more than the rest of the cell; a year of thousands of measures has
    only a handful of different styles, so each combination is set up once
    and its table indexes are copied into the next cells.
    """

    def __init__(self, sheet: WriteOnlyWorksheet) -> None:
        self._sheet = sheet
        self._styles: dict[tuple[object, ...], StyleArray] = {}

    def __call__(self, text: str, **style: object) -> Cell:
        cell = WriteOnlyCell(self._sheet, value=text)
        cell.data_type = "s"  # never "f": no cell of an export is a formula
        formula_like = text.startswith(FORMULA_STARTS)
        key = (formula_like, *sorted(style.items(), key=lambda item: item[0]))
        known = self._styles.get(key)
        if known is None:
            cell.number_format = TEXT_FORMAT
            cell.quotePrefix = formula_like
            for name, value in style.items():
                setattr(cell, name, value)
            # StyleArray: the cell's indexes into the workbook's style tables (not in openpyxl's stubs).
            self._styles[key] = copy(cell._style)  # type: ignore[attr-defined]
        else:
            cell._style = copy(known)  # type: ignore[attr-defined]
        return cell


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
    """One sheet: a bold frozen header row with an auto-filter, then a row per entry.

    Written in openpyxl's write-only mode, which streams rows instead of
    keeping a cell object per value: several times faster for big years.
    """
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title)
    sheet.freeze_panes = "A2"
    last = f"{get_column_letter(len(headers))}{len(rows) + 1}"
    sheet.auto_filter.ref = f"A1:{last}"
    for index, width in enumerate(column_widths(headers, rows, long_columns), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    text_cell = TextCells(sheet)
    sheet.append([text_cell(h, font=HEADER_FONT, fill=HEADER_FILL) for h in headers])
    colours = status_colours or {}
    for row in rows:
        cells = []
        for index, value in enumerate(row):
            style: dict[str, object] = {"alignment": WRAP if index in long_columns else TOP}
            if index == status_column and value in colours:
                style["fill"] = solid_fill(colours[value])
                style["font"] = contrast_font(colours[value])
            cells.append(text_cell(value, **style))
        sheet.append(cells)
    workbook.save(path)

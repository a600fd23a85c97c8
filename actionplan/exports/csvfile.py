"""The CSV export, made to open straight in Excel with Swedish settings.

UTF-8 with a byte order mark (without it Excel reads the file as the local
code page and å, ä, ö break), `;` between fields (Excel's list separator
where the decimal separator is a comma) and CRLF line ends. Numbers like
1.10 are written as they are: with Swedish settings the point is neither the
decimal nor the date separator, so Excel keeps them as text. The XLSX export
is the one to use where other settings apply: its cells are typed as text.
"""

from __future__ import annotations

import csv
from pathlib import Path

# OWASP's list for CSV injection: a cell starting with one of these may be
# run as a formula (tab and carriage return can hide the start of one).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """A cell's text that no spreadsheet runs as a formula: OWASP's leading apostrophe where needed."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def write_csv(path: Path, headers: tuple[str, ...] | list[str], rows: list[list[str]]) -> None:
    """Write the header and the rows, streamed (the encoding writes the byte order mark first)."""
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        # Quoting every field keeps separators, quotes and line breaks inside a
        # cell from ever starting a new cell, whose text would then escape neutralise().
        writer = csv.writer(stream, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_ALL)
        writer.writerow([neutralise(h) for h in headers])
        writer.writerows([neutralise(cell) for cell in row] for row in rows)

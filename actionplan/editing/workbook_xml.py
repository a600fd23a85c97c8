"""The XML layer of the bounded workbook reader: what a workbook may hold, and the parts' parsers.

Everything here parses with expat and our own handlers, which count what
they see and stop at the first thing beyond `Limits` (see workbook_reading,
the module to use).
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO
from xml.parsers import expat

MIB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What a workbook may hold; beyond any of these it is refused, not read."""

    file_bytes: int = 20 * MIB  # the file on disk
    unpacked_bytes: int = 200 * MIB  # the sum of every part's unpacked size, as the archive states it
    part_bytes: int = 16 * MIB  # each part that is read (the sheet, its shared texts, the workbook)
    parts: int = 1_000
    # A form is a row per measure of one administration (60 in the real plan) in nine columns; these
    # are far beyond any form and keep the worst file within a second of work.
    rows: int = 5_000
    columns: int = 32
    cells: int = 60_000  # cells with content in one sheet
    strings: int = 60_000  # shared texts
    cell_chars: int = 32_767  # Excel's own limit for one cell
    xml_events: int = 400_000  # elements in one part: the time goes per element


LIMITS = Limits()

# Excel writes characters XML cannot hold (and an underscore before such a pattern) as _xHHHH_.
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")
_CELL_REFERENCE = re.compile(r"([A-Za-z]{1,3})([0-9]{1,7})$")
CHUNK = 64 * 1024


class WorkbookRefused(Exception):
    """The workbook cannot be read; `message` says why in Swedish, `row` where (when a row is known)."""

    def __init__(self, message: str, row: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.row = row


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell's text as the sheet shows it, and whether a formula made it."""

    text: str
    formula: bool = False


@dataclass(frozen=True)
class Row:
    """A row with content: its number as Excel shows it and its cells from column A (None where empty)."""

    number: int
    cells: tuple[Cell | None, ...]

    def text(self, column: int) -> str:
        """The text in column `column` (0 = A), '' when there is none."""
        cell = self.cells[column] if column < len(self.cells) else None
        return cell.text if cell is not None else ""


def read_stream(stream: IO[bytes], limit: int) -> bytes:
    try:
        return stream.read(limit)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError):
        raise WorkbookRefused("filen är skadad och kan inte läsas.") from None


def shared_strings(stream: IO[bytes], limits: Limits) -> list[str]:
    strings: list[str] = []
    parts: list[str] = []
    length = [0]
    # Inside <t> of an <si>, and not inside a phonetic run (<rPh>), whose text is not shown.
    state = {"t": False, "rPh": False}

    def start(tag: str, attributes: dict[str, str]) -> None:
        name = local_name(tag)
        if name == "si":
            parts.clear()
            length[0] = 0
        elif name in state:
            state[name] = True

    def end(tag: str) -> None:
        name = local_name(tag)
        if name in state:
            state[name] = False
        elif name == "si":
            if len(strings) >= limits.strings:
                raise WorkbookRefused(f"arbetsboken har fler än {limits.strings} olika texter.")
            strings.append(_unescape("".join(parts)))

    def text(data: str) -> None:
        if state["t"] and not state["rPh"]:
            length[0] += len(data)
            if length[0] > limits.cell_chars:
                raise WorkbookRefused(f"en text i arbetsboken är längre än {limits.cell_chars} tecken.")
            parts.append(data)

    parse(stream, start, end, text, limits)
    return strings


class _SheetReader:
    """expat handlers that collect a sheet's cells, row by row, and stop at any limit."""

    def __init__(self, strings: list[str], limits: Limits) -> None:
        self.strings = strings
        self.limits = limits
        self.rows: list[Row] = []
        self.row_number = 0
        self.cells: dict[int, Cell] = {}
        self.column = -1
        self.kind = "n"
        self.formula = False
        self.value: list[str] = []
        self.inline = False  # inside <is>: an inline string, whose <t> holds the text
        self.collect: str | None = None  # "v" or "t" while inside one
        self.phonetic = False
        self.length = 0
        self.count = 0

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        name = local_name(tag)
        if name == "row":
            self.row_number = _row_number(attributes.get("r"), self.row_number + 1)
            self.column = -1
            self.cells = {}
        elif name == "c":
            self.column = _column(attributes.get("r"), self.column + 1)
            self.kind = attributes.get("t", "n")
            self.formula = False
            self.value = []
            self.length = 0
        elif name == "f":
            self.formula = True
        elif name == "v" or (name == "t" and self.inline):
            self.collect = name
        elif name == "is":
            self.inline = True
        elif name == "rPh":
            self.phonetic = True

    def end(self, tag: str) -> None:
        name = local_name(tag)
        if name in ("v", "t"):
            self.collect = None
        elif name == "is":
            self.inline = False
        elif name == "rPh":
            self.phonetic = False
        elif name == "c":
            self._cell()
        elif name == "row" and self.cells:
            last = max(self.cells)
            self.rows.append(Row(self.row_number, tuple(self.cells.get(i) for i in range(last + 1))))

    def text(self, data: str) -> None:
        if self.collect is None or self.phonetic:
            return
        self.length += len(data)
        if self.length > self.limits.cell_chars:
            raise WorkbookRefused(
                f"cellen i kolumn {column_name(self.column)} har mer än {self.limits.cell_chars} tecken.",
                self.row_number,
            )
        self.value.append(data)

    def _cell(self) -> None:
        raw = "".join(self.value)
        if not raw and not self.formula:
            return  # a cell with only a format is no content
        limits = self.limits
        if self.row_number > limits.rows:
            raise WorkbookRefused(
                f"bladet har innehåll på rad {self.row_number}; högst {limits.rows} rader läses.", self.row_number
            )
        if self.column >= limits.columns:
            raise WorkbookRefused(
                f"bladet har innehåll i kolumn {column_name(self.column)}; högst {limits.columns} kolumner läses.",
                self.row_number,
            )
        self.count += 1
        if self.count > limits.cells:
            raise WorkbookRefused(f"bladet har fler än {limits.cells} ifyllda celler.", self.row_number)
        if self.kind == "s":
            try:
                text = self.strings[int(raw)]
            except (ValueError, IndexError):
                raise WorkbookRefused(
                    "en cell pekar på en text som inte finns; filen är skadad.", self.row_number
                ) from None
        elif self.kind == "inlineStr":
            text = _unescape(raw)
        elif self.kind in ("n", ""):
            text = _number(raw)
        else:  # str (a formula's text), b (a truth value), e (an error such as #N/A), d (a date as text)
            text = _unescape(raw)
        self.cells[self.column] = Cell(text, self.formula)


def sheet_rows(stream: IO[bytes], strings: list[str], limits: Limits) -> list[Row]:
    reader = _SheetReader(strings, limits)
    parse(stream, reader.start, reader.end, reader.text, limits, row=lambda: reader.row_number or None)
    return reader.rows


def _row_number(given: str | None, next_number: int) -> int:
    if given is None:
        return next_number
    if not given.isascii() or not given.isdigit() or not 0 < int(given) <= 1_048_576:
        raise WorkbookRefused(f'radnumret "{given[:20]}" är inget radnummer; filen är skadad.')
    return int(given)


def _column(reference: str | None, next_column: int) -> int:
    """The 0-based column of a cell reference such as 'D12' (the next column when there is none)."""
    if reference is None:
        return next_column
    match = _CELL_REFERENCE.match(reference)
    if match is None:
        raise WorkbookRefused(f'cellen "{reference[:20]}" har ingen giltig adress; filen är skadad.')
    number = 0
    for letter in match[1].upper():
        number = number * 26 + ord(letter) - ord("A") + 1
    return number - 1


def column_name(column: int) -> str:
    """'A' for 0, 'AA' for 26: the column as Excel names it."""
    name = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


def _number(raw: str) -> str:
    """A number as Excel shows it by default: 12, not 12.0."""
    try:
        value = float(raw)
    except ValueError:
        return raw
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return raw


def _unescape(text: str) -> str:
    return _ESCAPED.sub(lambda match: chr(int(match[1], 16)), text) if "_x" in text else text


def local_name(tag: str) -> str:
    """An element's or attribute's name without its namespace (expat gives 'namespace name')."""
    return tag[tag.rfind(" ") + 1 :]


def parse(
    stream: IO[bytes],
    start: Callable[[str, dict[str, str]], None] | None,
    end: Callable[[str], None] | None,
    text: Callable[[str], None] | None,
    limits: Limits,
    row: Callable[[], int | None] = lambda: None,
) -> None:
    """Feed a part to expat in chunks; no DTD (so no entities), and at most `xml_events` elements."""
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.buffer_text = True
    events = [0]

    def doctype(*_: object) -> None:
        raise WorkbookRefused("arbetsboken innehåller en dokumenttypsdeklaration (DTD), vilket Excel aldrig skriver.")

    def counted_start(tag: str, attributes: dict[str, str]) -> None:
        events[0] += 1
        if events[0] > limits.xml_events:
            raise WorkbookRefused(f"en del av arbetsboken har fler än {limits.xml_events} element.", row())
        if start is not None:
            start(tag, attributes)

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = doctype
    parser.StartElementHandler = counted_start
    if end is not None:
        parser.EndElementHandler = end
    if text is not None:
        parser.CharacterDataHandler = text
    with stream:
        try:
            for chunk in _chunks(stream):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
        except expat.ExpatError:
            raise WorkbookRefused("arbetsbokens XML är trasig; filen är skadad.", row()) from None


def _chunks(stream: IO[bytes]) -> Iterator[bytes]:
    while True:
        chunk = read_stream(stream, CHUNK)
        if not chunk:
            return
        yield chunk

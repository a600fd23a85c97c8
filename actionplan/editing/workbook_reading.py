"""Read a workbook (.xlsx) that someone outside the project made, in bounded time and memory.

Any file can arrive where a filled-in form is expected: a zip bomb, a sheet
with one cell on row 1,048,576, a link to /dev/zero, a named pipe, a text of
300 MB in one cell. Everything is measured before it is read: the file is
looked at with `stat` (only a regular file is opened, without blocking, and
at most `Limits.file_bytes` of it is read), the archive's table of contents
gives every part's unpacked size without inflating it, and only the parts
needed are inflated, through a stream that never yields more than the size
the archive states. The XML is parsed by expat with our own handlers, which
stop at the first row, column, cell or text beyond the limits.

Why not openpyxl for reading (it still writes the forms): its read-only
mode fills every gap between rows with empty rows and every row out to the
sheet's stated width, reads the whole style sheet and cannot stop on a limit
of ours, so a 7 kB file with a cell on the last row took 21 s and 1.1 GB.
This reader knows only what a form needs: sheet names, each cell's text (a
shared or inline string, or a number as written) and whether it holds a
formula. Issue 23's plan workbook reads with the same module.

Every refusal is a `WorkbookRefused` with one Swedish sentence (and the row,
where there is one); the caller puts the file's name in front of it.
"""

from __future__ import annotations

import hashlib
import io
import os
import posixpath
import re
import stat
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO
from xml.parsers import expat

from actionplan.editing.os_errors import os_error_text

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

# A sheet's content in the two XML dialects of the format (transitional and strict) and the parts' relations.
_MAIN = ("http://schemas.openxmlformats.org/spreadsheetml/2006/main", "http://purl.oclc.org/ooxml/spreadsheetml/main")
_OFFICE_DOCUMENT = "/officeDocument"
_SHARED_STRINGS = "/sharedStrings"
_CORE_PROPERTIES = "/core-properties"
# Excel writes characters XML cannot hold (and an underscore before such a pattern) as _xHHHH_.
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")
_CELL_REFERENCE = re.compile(r"([A-Za-z]{1,3})([0-9]{1,7})$")
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_CHUNK = 64 * 1024


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


@dataclass
class Workbook:
    """An opened workbook: its sheets' names, when it was last saved, and each sheet's rows on request."""

    sheet_names: tuple[str, ...]
    saved: datetime | None  # when the workbook says it was last saved
    modified: datetime  # the file's own time
    checksum: str  # sha256 of the file as read
    _archive: zipfile.ZipFile = field(repr=False)
    _sheets: dict[str, str] = field(repr=False)  # name -> part
    _shared_strings_part: str | None = field(repr=False)
    _parts: dict[str, zipfile.ZipInfo] = field(repr=False)
    _limits: Limits = field(repr=False)
    _strings: list[str] | None = field(default=None, repr=False)

    def rows(self, sheet: str) -> list[Row]:
        """The rows of `sheet` that hold something, in order; WorkbookRefused beyond the limits."""
        if self._strings is None:
            self._strings = (
                _shared_strings(self._open(self._shared_strings_part), self._limits)
                if self._shared_strings_part
                else []
            )
        return _sheet_rows(self._open(self._sheets[sheet]), self._strings, self._limits)

    def _open(self, part: str) -> IO[bytes]:
        return _open_part(self._archive, self._parts, part, self._limits)


def read(path: Path, limits: Limits = LIMITS) -> Workbook:
    """Open the workbook at `path`: the file and the archive are checked, the workbook's sheet list read."""
    data, modified = _read_regular(path, limits.file_bytes)
    if data.startswith(_OLE2):
        raise WorkbookRefused(
            "filen är en äldre Excel-fil (.xls) eller skyddad med lösenord. Spara den som Excel-arbetsbok (.xlsx) "
            "utan lösenord."
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError, NotImplementedError):
        raise WorkbookRefused("filen är ingen Excel-arbetsbok (.xlsx).") from None
    if len(infos) > limits.parts:
        raise WorkbookRefused(f"arkivet har {len(infos)} delar; en arbetsbok har högst {limits.parts}.")
    unpacked = sum(info.file_size for info in infos)
    if unpacked > limits.unpacked_bytes:
        raise WorkbookRefused(
            f"filen packas upp till {_size(unpacked)}; en arbetsbok får vara högst {_size(limits.unpacked_bytes)} "
            "uppackad."
        )
    # Part names are case-insensitive in the format; the first of two equal names is the one read.
    parts: dict[str, zipfile.ZipInfo] = {}
    for info in infos:
        parts.setdefault(info.filename.lower(), info)
    if "mimetype" in parts and b"opendocument" in _small_part(archive, parts, "mimetype", limits):
        raise WorkbookRefused(
            "filen är ett OpenDocument-kalkylblad (.ods). Spara den som Excel-arbetsbok (.xlsx) och läs in den igen."
        )
    root = _relations(archive, parts, "_rels/.rels", "", limits)
    document = root.get(_OFFICE_DOCUMENT)
    if document is None or document.lower() not in parts:
        raise WorkbookRefused("filen är ingen Excel-arbetsbok (.xlsx): arbetsboksdelen saknas.")
    folder = posixpath.dirname(document)
    relations = _relations_by_id(
        archive, parts, posixpath.join(folder, "_rels", posixpath.basename(document) + ".rels"), folder, limits
    )
    names = _sheet_list(_open_part(archive, parts, document, limits), relations, limits)
    sheets = {name: target for name, target in names if target.lower() in parts}
    shared = next((target for kind, target in relations.values() if kind.endswith(_SHARED_STRINGS)), None)
    core = root.get(_CORE_PROPERTIES)
    saved = _saved(archive, parts, core, limits) if core else None
    return Workbook(
        tuple(sheets),
        saved,
        datetime.fromtimestamp(modified),
        hashlib.sha256(data).hexdigest(),
        archive,
        sheets,
        shared if shared and shared.lower() in parts else None,
        parts,
        limits,
    )


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; anything else is refused before it is opened.

    A device, a named pipe or a folder is told apart by `stat` (following
    links) and never opened; the file is then opened without blocking and
    looked at again, in case it was swapped in between.
    """
    return _read_regular(path, limit)[0]


def _read_regular(path: Path, limit: int) -> tuple[bytes, float]:
    """The file's bytes and its modification time (see read_regular_file)."""
    try:
        before = os.stat(path)
    except FileNotFoundError:
        raise WorkbookRefused("filen finns inte.") from None
    except OSError as error:
        raise WorkbookRefused(f"filen kan inte läsas ({os_error_text(error)}).") from None
    _check_kind(before, limit)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        handle = os.open(path, flags)
    except OSError as error:
        raise WorkbookRefused(f"filen kan inte läsas ({os_error_text(error)}).") from None
    try:
        opened = os.fstat(handle)
        _check_kind(opened, limit)
        chunks, total = [], 0
        while total <= limit:
            chunk = os.read(handle, min(_CHUNK * 16, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as error:
        raise WorkbookRefused(f"filen kan inte läsas ({os_error_text(error)}).") from None
    finally:
        os.close(handle)
    if total > limit:
        raise WorkbookRefused(f"filen är större än {_size(limit)}, mer än ett formulär någonsin blir.")
    return b"".join(chunks), opened.st_mtime


def _check_kind(status: os.stat_result, limit: int) -> None:
    if stat.S_ISDIR(status.st_mode):
        raise WorkbookRefused("är en mapp, ingen fil.")
    if not stat.S_ISREG(status.st_mode):
        raise WorkbookRefused("är ingen vanlig fil (utan en enhet, en namngiven pipe eller liknande) och läses inte.")
    if status.st_size > limit:
        raise WorkbookRefused(
            f"filen är {_size(status.st_size)}, större än {_size(limit)}, mer än ett formulär någonsin blir."
        )


# Parts -------------------------------------------------------------------


def _open_part(archive: zipfile.ZipFile, parts: dict[str, zipfile.ZipInfo], name: str, limits: Limits) -> IO[bytes]:
    info = parts.get(name.lower())
    if info is None:
        raise WorkbookRefused(f"delen {name} saknas i arbetsboken; filen är skadad.")
    if info.file_size > limits.part_bytes:
        raise WorkbookRefused(
            f"delen {info.filename} packas upp till {_size(info.file_size)}; högst {_size(limits.part_bytes)} läses."
        )
    try:
        # zipfile never yields more than the size the archive states, and checks the CRC at the end.
        return archive.open(info)
    except (zipfile.BadZipFile, RuntimeError, NotImplementedError, ValueError, OSError, EOFError):
        raise WorkbookRefused("filen är skadad eller krypterad och kan inte läsas.") from None


def _small_part(archive: zipfile.ZipFile, parts: dict[str, zipfile.ZipInfo], name: str, limits: Limits) -> bytes:
    with _open_part(archive, parts, name, limits) as stream:
        return _read_stream(stream, 4096)


def _read_stream(stream: IO[bytes], limit: int) -> bytes:
    try:
        return stream.read(limit)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError):
        raise WorkbookRefused("filen är skadad och kan inte läsas.") from None


def _relations(
    archive: zipfile.ZipFile, parts: dict[str, zipfile.ZipInfo], name: str, folder: str, limits: Limits
) -> dict[str, str]:
    """{type's last part: target part} of a relations part (the first relation of each type)."""
    found: dict[str, str] = {}
    for kind, target in _relations_by_id(archive, parts, name, folder, limits).values():
        found.setdefault(kind[kind.rfind("/") :], target)
    return found


def _relations_by_id(
    archive: zipfile.ZipFile, parts: dict[str, zipfile.ZipInfo], name: str, folder: str, limits: Limits
) -> dict[str, tuple[str, str]]:
    """{id: (type, target part)}; targets are made relative to the archive's root."""
    if name.lower() not in parts:
        return {}
    found: dict[str, tuple[str, str]] = {}

    def start(tag: str, attributes: dict[str, str]) -> None:
        if _local(tag) == "Relationship" and attributes.get("TargetMode") != "External":
            target = attributes.get("Target", "")
            target = target[1:] if target.startswith("/") else posixpath.join(folder, target)
            found[attributes.get("Id", "")] = (attributes.get("Type", ""), posixpath.normpath(target))

    _parse(_open_part(archive, parts, name, limits), start, None, None, limits)
    return found


def _sheet_list(stream: IO[bytes], relations: dict[str, tuple[str, str]], limits: Limits) -> list[tuple[str, str]]:
    """[(sheet name, its part)] in the workbook's order."""
    sheets: list[tuple[str, str]] = []

    def start(tag: str, attributes: dict[str, str]) -> None:
        if _local(tag) == "sheet":
            relation = next((v for k, v in attributes.items() if _local(k) == "id" and " " in k), "")
            if relation in relations:
                sheets.append((attributes.get("name", ""), relations[relation][1]))

    _parse(stream, start, None, None, limits)
    return sheets


def _saved(archive: zipfile.ZipFile, parts: dict[str, zipfile.ZipInfo], core: str, limits: Limits) -> datetime | None:
    """When the workbook says it was last saved (docProps/core.xml), or None."""
    texts: list[str] = []
    inside = [False]

    def start(tag: str, attributes: dict[str, str]) -> None:
        inside[0] = _local(tag) == "modified"

    def end(tag: str) -> None:
        inside[0] = False

    def text(data: str) -> None:
        if inside[0] and len(texts) < 10:
            texts.append(data)

    if core.lower() not in parts:
        return None
    try:
        _parse(_open_part(archive, parts, core, limits), start, end, text, limits)
        return datetime.fromisoformat("".join(texts).strip())
    except (WorkbookRefused, ValueError):
        return None  # only used to order two forms of one administration; the file's own date then serves


# Shared texts and sheets ----------------------------------------------------


def _shared_strings(stream: IO[bytes], limits: Limits) -> list[str]:
    strings: list[str] = []
    parts: list[str] = []
    length = [0]
    # Inside <t> of an <si>, and not inside a phonetic run (<rPh>), whose text is not shown.
    state = {"t": False, "rPh": False}

    def start(tag: str, attributes: dict[str, str]) -> None:
        name = _local(tag)
        if name == "si":
            parts.clear()
            length[0] = 0
        elif name in state:
            state[name] = True

    def end(tag: str) -> None:
        name = _local(tag)
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

    _parse(stream, start, end, text, limits)
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
        name = _local(tag)
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
        name = _local(tag)
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


def _sheet_rows(stream: IO[bytes], strings: list[str], limits: Limits) -> list[Row]:
    reader = _SheetReader(strings, limits)
    _parse(stream, reader.start, reader.end, reader.text, limits, row=lambda: reader.row_number or None)
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


def _local(tag: str) -> str:
    """An element's or attribute's name without its namespace (expat gives 'namespace name')."""
    return tag[tag.rfind(" ") + 1 :]


def _parse(
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
        chunk = _read_stream(stream, _CHUNK)
        if not chunk:
            return
        yield chunk


def _size(number: int) -> str:
    """Bytes as a Swedish reader reads them: 16 MB, 16,5 MB, 12 kB."""
    if number >= MIB:
        shown = f"{number / MIB:.1f}".removesuffix(".0").replace(".", ",")
        return f"{shown} MB"
    return f"{max(1, number // 1024)} kB"

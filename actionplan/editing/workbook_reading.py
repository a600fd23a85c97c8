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
import stat
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO

from actionplan.editing.os_errors import os_error_text
from actionplan.editing.workbook_xml import (
    CHUNK,
    LIMITS,
    MIB,
    Cell,
    Limits,
    Row,
    WorkbookRefused,
    column_name,
    local_name,
    parse,
    read_stream,
    shared_strings,
    sheet_rows,
)

__all__ = ["LIMITS", "Cell", "Limits", "Row", "Workbook", "WorkbookRefused", "column_name", "read", "read_regular_file"]

_OFFICE_DOCUMENT = "/officeDocument"
_SHARED_STRINGS = "/sharedStrings"
_CORE_PROPERTIES = "/core-properties"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


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
                shared_strings(self._open(self._shared_strings_part), self._limits) if self._shared_strings_part else []
            )
        return sheet_rows(self._open(self._sheets[sheet]), self._strings, self._limits)

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
            chunk = os.read(handle, min(CHUNK * 16, limit + 1 - total))
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
        return read_stream(stream, 4096)


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
        if local_name(tag) == "Relationship" and attributes.get("TargetMode") != "External":
            target = attributes.get("Target", "")
            target = target[1:] if target.startswith("/") else posixpath.join(folder, target)
            found[attributes.get("Id", "")] = (attributes.get("Type", ""), posixpath.normpath(target))

    parse(_open_part(archive, parts, name, limits), start, None, None, limits)
    return found


def _sheet_list(stream: IO[bytes], relations: dict[str, tuple[str, str]], limits: Limits) -> list[tuple[str, str]]:
    """[(sheet name, its part)] in the workbook's order."""
    sheets: list[tuple[str, str]] = []

    def start(tag: str, attributes: dict[str, str]) -> None:
        if local_name(tag) == "sheet":
            relation = next((v for k, v in attributes.items() if local_name(k) == "id" and " " in k), "")
            if relation in relations:
                sheets.append((attributes.get("name", ""), relations[relation][1]))

    parse(stream, start, None, None, limits)
    return sheets


def _saved(archive: zipfile.ZipFile, parts: dict[str, zipfile.ZipInfo], core: str, limits: Limits) -> datetime | None:
    """When the workbook says it was last saved (docProps/core.xml), or None."""
    texts: list[str] = []
    inside = [False]

    def start(tag: str, attributes: dict[str, str]) -> None:
        inside[0] = local_name(tag) == "modified"

    def end(tag: str) -> None:
        inside[0] = False

    def text(data: str) -> None:
        if inside[0] and len(texts) < 10:
            texts.append(data)

    if core.lower() not in parts:
        return None
    try:
        parse(_open_part(archive, parts, core, limits), start, end, text, limits)
        return datetime.fromisoformat("".join(texts).strip())
    except (WorkbookRefused, ValueError):
        return None  # only used to order two forms of one administration; the file's own date then serves


def _size(number: int) -> str:
    """Bytes as a Swedish reader reads them: 16 MB, 16,5 MB, 12 kB."""
    if number >= MIB:
        shown = f"{number / MIB:.1f}".removesuffix(".0").replace(".", ",")
        return f"{shown} MB"
    return f"{max(1, number // 1024)} kB"

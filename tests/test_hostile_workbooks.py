"""Any file can arrive where a filled-in form is expected: each ends within 2 s and 200 MB, in one Swedish line.

Every case runs the real command (`atgardsplan import FILE`) as its own
process and measures what the operating system counted for it: CPU time
(not wall time: the machine is shared, and a loaded machine stretches wall
time, not work) and peak resident memory. A case that read what it should
not (a zip bomb inflated, a pipe opened, a sheet walked to its last row)
takes minutes and gigabytes, as the issue measured before the bounded reader.
"""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from helpers import copy_project

COMMAND = Path(sys.executable).parent / "atgardsplan"
CPU_SECONDS, PEAK_MB = 2.0, 200
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    subprocess.run([str(COMMAND), "--root", str(project), "new-year", "2022"], check=True, capture_output=True)
    return project


# A small process of its own starts the command and reports what the kernel counted for it. Started
# straight from the test's process, the command's peak memory would include the test's own pages up to
# the moment it is replaced by the command (Linux keeps the high-water mark across exec).
_MEASURE = """
import json, os, subprocess, sys, time
started = time.monotonic()
process = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
while True:
    pid, status, usage = os.wait4(process.pid, os.WNOHANG)
    if pid:
        break
    if time.monotonic() - started > 60:
        process.kill()
    time.sleep(0.01)
print(json.dumps([os.waitstatus_to_exitcode(status), usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024]))
"""


def run_bounded(project: Path, *arguments: str) -> tuple[int, str, float, float]:
    """(exit status, stderr, CPU seconds, peak MB) of `atgardsplan import ...` as its own process."""
    result = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(COMMAND), "--root", str(project), "import", *arguments],
        capture_output=True,
        cwd=project.parent,
        timeout=120,
    )
    code, cpu, peak = json.loads(result.stdout)
    return code, result.stderr.decode("utf-8"), cpu, peak


def parts(sheet: str, shared: str | None = None, extra: dict[str, bytes] | None = None) -> dict[str, bytes]:
    """The parts of a minimal workbook whose one sheet, Uppföljning, holds `sheet` (its sheetData's content)."""
    relations = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    package = "http://schemas.openxmlformats.org/package/2006/relationships"
    found = {
        "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        b'content-types"/>',
        "_rels/.rels": f'<?xml version="1.0"?><Relationships xmlns="{package}"><Relationship Id="r1" '
        f'Type="{relations}/officeDocument" Target="xl/workbook.xml"/></Relationships>'.encode(),
        "xl/workbook.xml": f'<?xml version="1.0"?><workbook xmlns="{MAIN}" xmlns:r="{relations}"><sheets>'
        f'<sheet name="Uppföljning" sheetId="1" r:id="r1"/></sheets></workbook>'.encode(),
        "xl/_rels/workbook.xml.rels": f'<?xml version="1.0"?><Relationships xmlns="{package}"><Relationship Id="r1" '
        f'Type="{relations}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="r2" '
        f'Type="{relations}/sharedStrings" Target="sharedStrings.xml"/></Relationships>'.encode(),
        "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{MAIN}"><sheetData>{sheet}</sheetData></worksheet>'.encode(),
    }
    if shared is not None:
        found["xl/sharedStrings.xml"] = f'<sst xmlns="{MAIN}">{shared}</sst>'.encode()
    return {**found, **(extra or {})}


def write_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def last_row(folder: Path) -> Path:
    workbook = openpyxl.Workbook()
    workbook.active.title = "Uppföljning"
    workbook.active["A1048576"] = "x"
    workbook.save(folder / "sista-raden.xlsx")
    return folder / "sista-raden.xlsx"


def zip_bomb(folder: Path) -> Path:
    """Half a megabyte that says it unpacks to 400 MB (the issue's 1.5 MB ran past 300 s and 2.8 GB)."""
    path = folder / "bomb.xlsx"
    sheet = b"<worksheet><sheetData>" + b" " * (400 << 20) + b"</sheetData></worksheet>"
    members = parts("")
    members["xl/worksheets/sheet1.xml"] = sheet
    return write_zip(path, members)


def lying_bomb(folder: Path) -> Path:
    """A part that says it unpacks to 1 kB but holds 200 MB: the archive's sizes patched after writing."""
    path = write_zip(folder / "ljuger.xlsx", parts("<row>" + " " * (200 << 20) + "</row>"))
    data = bytearray(path.read_bytes())
    name = b"xl/worksheets/sheet1.xml"
    # The local header (PK\3\4) and the central directory entry (PK\1\2) both carry the sizes.
    local = data.find(b"PK\x03\x04")
    while local != -1:
        if data[local + 30 : local + 30 + len(name)] == name:
            struct.pack_into("<I", data, local + 22, 1024)
        local = data.find(b"PK\x03\x04", local + 4)
    central = data.find(b"PK\x01\x02")
    while central != -1:
        if data[central + 46 : central + 46 + len(name)] == name:
            struct.pack_into("<I", data, central + 24, 1024)
        central = data.find(b"PK\x01\x02", central + 4)
    path.write_bytes(bytes(data))
    return path


def huge_comment(folder: Path) -> Path:
    """The issue's 300 kB file that became a 300 MB comment."""
    cell = '<row r="5"><c r="H5" t="s"><v>0</v></c></row>'
    return write_zip(folder / "kommentar.xlsx", parts(cell, "<si><t>" + "a" * (300 << 20) + "</t></si>"))


def long_cell(folder: Path) -> Path:
    """A 15 MB text in one cell, inside the size limits: the cell's own limit stops it."""
    cell = '<row r="5"><c r="H5" t="inlineStr"><is><t>' + "å" * (15 << 20 >> 1) + "</t></is></c></row>"
    return write_zip(folder / "lang-cell.xlsx", parts(cell))


def link_to_dev_zero(folder: Path) -> Path:
    path = folder / "noll.xlsx"
    path.symlink_to("/dev/zero")
    return path


def fifo(folder: Path) -> Path:
    path = folder / "pipe.xlsx"
    os.mkfifo(path)
    return path


def folder_named_like_a_form(folder: Path) -> Path:
    """A folder of answers holding a folder named like a form: refused by stat, never opened."""
    (folder / "inkorg" / "mapp.xlsx" / "inuti").mkdir(parents=True)
    return folder / "inkorg"


def many_cells(folder: Path) -> Path:
    rows = "".join(f'<row r="{r}">' + '<c t="inlineStr"><is><t>x</t></is></c>' * 30 + "</row>" for r in range(1, 4000))
    return write_zip(folder / "celler.xlsx", parts(rows))


def many_texts(folder: Path) -> Path:
    return write_zip(folder / "texter.xlsx", parts("", "".join(f"<si><t>{i}</t></si>" for i in range(200_000))))


def many_elements(folder: Path) -> Path:
    return write_zip(folder / "element.xlsx", parts("<row/>" * 1_000_000))


def wide_sheet(folder: Path) -> Path:
    return write_zip(folder / "bred.xlsx", parts('<row r="5"><c r="XFD5" t="inlineStr"><is><t>x</t></is></c></row>'))


def entities(folder: Path) -> Path:
    """Billion laughs: entities declared in a DTD, each ten of the one before."""
    lol = '<!DOCTYPE lolz [<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    )
    members = parts("")
    members["xl/worksheets/sheet1.xml"] = (
        f'<?xml version="1.0"?>{lol}]><worksheet xmlns="{MAIN}"><sheetData><row><c t="inlineStr"><is><t>&lol9;'
        "</t></is></c></row></sheetData></worksheet>"
    ).encode()
    return write_zip(folder / "entiteter.xlsx", members)


def many_parts(folder: Path) -> Path:
    return write_zip(folder / "delar.xlsx", parts("", extra={f"xl/media/{i}.bin": b"" for i in range(5000)}))


def old_excel(folder: Path) -> Path:
    path = folder / "gammal.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4000)
    return path


def deflate64_like(folder: Path) -> Path:
    """A part compressed with a method Python cannot inflate, as some archivers write (method 9)."""
    path = write_zip(folder / "metod.xlsx", parts(""))
    data = bytearray(path.read_bytes())
    for signature, offset in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        position = data.find(signature)
        while position != -1:
            struct.pack_into("<H", data, position + offset, 9)
            position = data.find(signature, position + 4)
    path.write_bytes(bytes(data))
    return path


CASES = {
    "a cell on the last row": (last_row, "rad 1048576: bladet har innehåll på rad 1048576; högst 5000 rader läses."),
    "a zip bomb": (zip_bomb, ": filen packas upp till 400 MB; en arbetsbok får vara högst 200 MB uppackad."),
    "a zip that lies about its sizes": (lying_bomb, ": filen är skadad och kan inte läsas."),
    "a 300 MB comment": (huge_comment, ": filen packas upp till 300 MB; en arbetsbok får vara högst 200 MB uppackad."),
    "a 15 MB cell": (long_cell, "rad 5: cellen i kolumn H har mer än 32767 tecken."),
    "a link to /dev/zero": (
        link_to_dev_zero,
        ": är ingen vanlig fil (utan en enhet, en namngiven pipe eller liknande)",
    ),
    "a named pipe": (fifo, ": är ingen vanlig fil (utan en enhet, en namngiven pipe eller liknande) och läses inte."),
    "a folder named .xlsx": (folder_named_like_a_form, "/mapp.xlsx: är en mapp, ingen fil."),
    "too many cells": (many_cells, "rad 2001: bladet har fler än 60000 ifyllda celler."),
    "too many texts": (many_texts, ": arbetsboken har fler än 60000 olika texter."),
    "too many elements": (many_elements, ": en del av arbetsboken har fler än 400000 element."),
    "a cell in the last column": (wide_sheet, "rad 5: bladet har innehåll i kolumn XFD; högst 32 kolumner läses."),
    "entities (billion laughs)": (entities, ": arbetsboken innehåller en dokumenttypsdeklaration (DTD)"),
    "thousands of parts": (many_parts, ": arkivet har 5005 delar; en arbetsbok har högst 1000."),
    "an old Excel file": (old_excel, ": filen är en äldre Excel-fil (.xls) eller skyddad med lösenord."),
    "an unknown compression": (deflate64_like, ": filen är skadad eller krypterad och kan inte läsas."),
}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> dict[str, Path]:
    """Every hostile file, made once (a bomb takes seconds to pack), each in a folder of its own."""
    made = {}
    for index, (case, (make, _)) in enumerate(CASES.items()):
        folder = tmp_path_factory.mktemp(f"fall{index}")
        made[case] = make(folder)
    return made


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_a_hostile_file_ends_quickly_in_one_swedish_line(project, hostile, case):
    path, expected = hostile[case], CASES[case][1]
    code, err, cpu, peak = run_bounded(project, str(path))
    lines = err.splitlines()
    assert code == 1, err
    assert "Traceback" not in err
    assert lines[0] == "Inget har skrivits. Formulären har 1 problem som måste rättas:", err
    assert len(lines) == 2, err
    assert lines[1].startswith(str(path)) and expected in lines[1], lines[1]
    assert cpu < CPU_SECONDS, f"{cpu:.2f} s of CPU"
    assert peak < PEAK_MB, f"{peak:.0f} MB"


def test_many_hostile_files_at_once_stay_within_the_same_bounds(project, hostile):
    """Memory must not add up over files (the issue's did): every case in one import."""
    code, err, cpu, peak = run_bounded(project, *[str(path) for path in hostile.values()])
    assert code == 1 and "Traceback" not in err
    assert len(err.splitlines()) == 1 + len(CASES), err
    assert peak < PEAK_MB, f"{peak:.0f} MB"
    assert cpu < CPU_SECONDS * 4, f"{cpu:.2f} s of CPU for {len(CASES)} files"


def test_no_control_character_of_a_file_name_or_cell_reaches_the_terminal(project, tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Uppföljning"
    sheet["A1"], sheet["C1"] = "Uppföljningsår", "2022\u202e"
    sheet["A2"], sheet["C2"] = "Förvaltning", "_x001B_]0;titel_x0007_SOF"
    name = tmp_path / "SOF\x1b[2J\u202e.xlsx"
    workbook.save(name)
    code, err, _, _ = run_bounded(project, str(tmp_path))
    assert code == 1
    assert not any(ord(char) < 32 and char != "\n" for char in err), repr(err)
    assert "\u202e" not in err and "\x1b" not in err and "\x07" not in err
    assert "SOF\\x1b[2J\\u202e.xlsx" in err


def test_a_year_in_superscript_digits_is_one_line_not_a_traceback(project, tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Uppföljning"
    sheet["A1"], sheet["C1"] = "Uppföljningsår", "²⁰²²"
    sheet["A2"], sheet["C2"] = "Förvaltning", "SOF"
    for column, heading in enumerate(["Nr", "Åtgärd", "Status", "Kommentar", "I planen för nästa år"], start=1):
        sheet.cell(row=4, column=column, value=heading)
    workbook.save(tmp_path / "SOF.xlsx")
    code, err, _, _ = run_bounded(project, str(tmp_path / "SOF.xlsx"))
    assert (code, err.splitlines()[1:]) == (
        1,
        [f'{tmp_path / "SOF.xlsx"}, rad 1: Uppföljningsår: "²⁰²²" är inget uppföljningsår.'],
    )

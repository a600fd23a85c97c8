"""Which files an import reads: the paths given, every .xlsx in a folder given, patterns Windows leaves to us.

A coordinator keeps the returned forms in one folder and passes the folder,
or the files. Excel leaves a lock file `~$KLF.xlsx` beside a form that is
open, and Windows' PowerShell hands `*.xlsx` over unexpanded; neither may
stop a round. Lock files and hidden files are passed over (and named), and
other spreadsheets in a folder (an .ods, an old .xls) are named so that an
answer saved in the wrong format is not silently missed.
"""

from __future__ import annotations

import glob
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from actionplan.editing.terminal_text import shown

FORM_SUFFIX = ".xlsx"
# Saved by someone who answered, but not readable as a form: named, not read.
_OTHER_SPREADSHEETS = (".xls", ".xlsm", ".xlsb", ".ods", ".csv", ".numbers")
_LOCK_PREFIX = "~$"
_HIDDEN = getattr(stat, "FILE_ATTRIBUTE_HIDDEN", 2)


@dataclass
class FormFiles:
    """The files to read (path, as shown), what was passed over and why, and the paths that lead nowhere."""

    files: list[tuple[Path, str]] = field(default_factory=list)
    passed_over: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def form_files(arguments: list[str]) -> FormFiles:
    found = FormFiles()
    seen: set[str] = set()

    def add(path: Path, name: str) -> None:
        key = os.path.normcase(os.path.abspath(path))
        if key not in seen:
            seen.add(key)
            found.files.append((path, name))

    for argument in arguments:
        path = Path(argument)
        if path.name.startswith(_LOCK_PREFIX):
            found.passed_over.append(f"{shown(argument)} (Excels låsfil, inget formulär)")
        elif _is_folder(path):
            _folder(path, argument, found, add)
        elif not os.path.lexists(path) and glob.has_magic(argument):
            # Windows' shells leave *.xlsx to the program.
            matches = sorted(glob.glob(argument))
            if not matches:
                found.problems.append(f"{shown(argument)}: inga filer passar mönstret.")
            for match in matches:
                if Path(match).name.startswith(_LOCK_PREFIX):
                    found.passed_over.append(f"{shown(match)} (Excels låsfil, inget formulär)")
                elif not _is_folder(Path(match)):
                    add(Path(match), match)
        else:
            add(path, argument)  # a file that does not exist is said by the reader, with the others' problems
    return found


def _is_folder(path: Path) -> bool:
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except OSError:
        return False


def _folder(folder: Path, argument: str, found: FormFiles, add: Callable[[Path, str], None]) -> None:
    try:
        names = sorted(os.listdir(folder), key=str.casefold)
    except OSError as error:
        found.problems.append(f"{shown(argument)}: mappen kan inte läsas ({error.strerror}).")
        return
    before = len(found.files)
    for name in names:
        path = folder / name
        shown_name = os.path.join(argument, name)
        suffix = path.suffix.lower()
        if name.startswith(_LOCK_PREFIX):
            found.passed_over.append(f"{shown(shown_name)} (Excels låsfil, inget formulär)")
        elif name.startswith(".") or _hidden(path):
            continue  # a hidden file is no one's answer (and our own staging folder is one)
        elif suffix == FORM_SUFFIX:
            add(path, shown_name)
        elif suffix in _OTHER_SPREADSHEETS:
            found.passed_over.append(
                f"{shown(shown_name)} (inte .xlsx; spara den som Excel-arbetsbok om den är ett svar)"
            )
    if len(found.files) == before:
        found.problems.append(f"{shown(argument)}: mappen har inga formulär (.xlsx).")


def _hidden(path: Path) -> bool:
    """Hidden on Windows (the file attribute); elsewhere a name starting with a dot says it."""
    try:
        attributes = getattr(os.lstat(path), "st_file_attributes", 0)
    except OSError:
        return False
    return bool(attributes & _HIDDEN)

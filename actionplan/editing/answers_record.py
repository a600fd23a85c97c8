"""The record of a year's imports, `data/<year>/inlasta-svar.yml`: which form every written answer came from.

`atgardsplan import --apply` appends one entry per import, in the same
all-or-nothing write as the pages: when it ran, every form it read (file,
administration, when the form was saved, its checksum, what it gave), which
form and row each written answer came from, and, in full, every answer that
was not written because another administration's answer stands (a shared
measure's co-responsible who wrote otherwise). The coordinator finds it in
the repository's history beside the pages it changed; `atgardsplan answers`
lists the forms read; the import reads it back to know whose answer a page
holds, so that a newer form from the same administration replaces it and a
co-responsible's never does.

The file is YAML as the import writes it (every text JSON-quoted, which is
valid YAML whatever it holds); the build never reads it.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from actionplan.editing.workbook_reading import WorkbookRefused, read_regular_file
from actionplan.load import yamlsource

RECORD_FILE = "data/{year}/inlasta-svar.yml"
MAX_BYTES = 50 * 1024 * 1024

# The entry's keys, as the coordinator reads them.
IMPORTED, FORMS, ANSWERS, NOT_WRITTEN = "inläst", "formulär", "svar", "svar_som_inte_skrevs"
FILE, ADMINISTRATION, SAVED, MEASURE, ROW = "fil", "förvaltning", "sparad", "åtgärd", "rad"
REPLACED_BY = "ersatt_av"


def _header(year: int) -> str:
    return (
        f"# Inlästa svar för uppföljningen {year}: vilket formulär varje skrivet svar kom från.\n"
        "# atgardsplan import --apply lägger till ett avsnitt per inläsning. Ändra inte i filen för hand:\n"
        "# importen läser den för att veta vems svar en åtgärdssida har.\n"
    )


class RecordProblem(Exception):
    """The record cannot be read; `message` says why in Swedish, `file` names it."""

    def __init__(self, file: str, message: str) -> None:
        super().__init__(f"{file}: {message}")
        self.file = file
        self.message = message


@dataclass(frozen=True)
class RecordedForm:
    imported: str
    file: str
    administration: str
    saved: str
    replaced_by: str | None


@dataclass
class Record:
    """What earlier imports of a year wrote: whose answer each measure holds, and the forms read."""

    sources: dict[str, str] = field(default_factory=dict)  # measure id -> administration
    forms: list[RecordedForm] = field(default_factory=list)


def path_of(year: int) -> str:
    return RECORD_FILE.format(year=year)


def read(root: Path, year: int) -> Record:
    """The record of `year` (empty when there is none); RecordProblem when it is not as the import wrote it."""
    shown = path_of(year)
    path = root / shown
    if not path.exists():
        return Record()
    try:
        text = read_regular_file(path, MAX_BYTES).decode("utf-8")
    except WorkbookRefused as refusal:
        raise RecordProblem(shown, refusal.message) from None
    except UnicodeDecodeError:
        raise RecordProblem(shown, "filen är inte sparad som UTF-8. Återställ den med git.") from None
    document = yamlsource.parse(text, shown)
    if document.problem is not None:
        place = f"rad {document.problem.line}: " if document.problem.line else ""
        raise RecordProblem(
            shown, f"{place}{document.problem.message} Filen skrivs av atgardsplan import; återställ den med git."
        )
    entries = yaml.load(text, Loader=yamlsource.LOADER) or []
    record = Record()
    try:
        if not isinstance(entries, list):
            raise TypeError
        for entry in entries:
            when = str(entry[IMPORTED])
            for form in entry.get(FORMS) or []:
                record.forms.append(
                    RecordedForm(
                        when,
                        str(form[FILE]),
                        str(form[ADMINISTRATION]),
                        str(form.get(SAVED, "")),
                        str(form[REPLACED_BY]) if form.get(REPLACED_BY) else None,
                    )
                )
            for answer in entry.get(ANSWERS) or []:
                record.sources[str(answer[MEASURE])] = str(answer[ADMINISTRATION])
    except (TypeError, KeyError, AttributeError):
        raise RecordProblem(
            shown, "filen har inte den form som atgardsplan import skriver. Återställ den med git."
        ) from None
    return record


def appended(root: Path, year: int, entry: dict[str, object]) -> bytes:
    """The record's text with `entry` added at the end (a new file starts with its header)."""
    path = root / path_of(year)
    text = path.read_text(encoding="utf-8") if path.exists() else _header(year)
    if text and not text.endswith("\n"):
        text += "\n"
    return (text + _yaml([entry], 0)).encode("utf-8")


def _yaml(value: object, indent: int) -> str:
    """Block YAML for lists of mappings of texts and numbers; every text JSON-quoted."""
    pad = " " * indent
    if isinstance(value, list):
        lines = []
        for item in value:
            body = _yaml(item, indent + 2)
            lines.append(pad + "- " + body[indent + 2 :] if isinstance(item, dict) else f"{pad}- {_scalar(item)}\n")
        return "".join(lines)
    if isinstance(value, dict):
        lines = []
        for key, item in value.items():
            if isinstance(item, list | dict) and item:
                lines.append(f"{pad}{key}:\n{_yaml(item, indent + 2)}")
            else:
                lines.append(f"{pad}{key}: {_scalar(item)}\n")
        return "".join(lines)
    return pad + _scalar(value) + "\n"


def _scalar(value: object) -> str:
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list | dict):
        return "[]" if isinstance(value, list) else "{}"
    return _quoted(str(value))


def _quoted(text: str) -> str:
    """A double-quoted YAML scalar: JSON's quoting, plus YAML escapes for what YAML reads as a line break."""
    quoted = json.dumps(text, ensure_ascii=False)
    return "".join(char if _plain(char) else f"\\U{ord(char):08x}" for char in quoted)


def _plain(char: str) -> bool:
    return char.isascii() or unicodedata.category(char) not in ("Cc", "Cf", "Zl", "Zp", "Co", "Cs", "Cn")

"""One filled-in follow-up form, read and checked: whose it is, which year, and every row's answer.

The form's layout is `follow_up_forms`'; it is found by its labels
(whatever their case and spaces), never by position alone, so that a form
saved by LibreOffice or with a column widened still reads. Every problem is
said with the form's file and row, and never with a control character.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from actionplan.aggregate.catalogue import Catalogue
from actionplan.editing.follow_up_forms import (
    ADMINISTRATION_LABEL,
    ANSWERS,
    COMMENT,
    FORM_SHEET,
    NEXT_YEAR,
    NUMBER,
    STATUS,
    TITLE,
    YEAR_LABEL,
    label_key,
)
from actionplan.editing.terminal_text import shown
from actionplan.editing.workbook_reading import Row, WorkbookRefused
from actionplan.editing.workbook_reading import read as read_workbook
from actionplan.model import Measure

# The header row is looked for in the first rows; the form's facts are above it.
_HEADER_SEARCH = 20
_YEAR = re.compile(r"[0-9]{4}")
# What a comment may hold besides printable text: line breaks (Alt+Enter) and tabs.
_ALLOWED_CONTROLS = "\n\t"


@dataclass(frozen=True)
class FormProblem:
    """One thing wrong in one form, said as `SOF.xlsx, rad 5: Status: ...` (never a control character)."""

    file: str
    row: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        place = shown(self.file) if self.row is None else f"{shown(self.file)}, rad {self.row}"
        message = shown(self.message, line_breaks=True)
        return f"{place}: {self.field}: {message}" if self.field else f"{place}: {message}"


@dataclass(eq=False)
class Form:
    """One form read: whose it is, when it was saved, and what it gave."""

    file: str
    year: int
    administration: str
    saved: datetime  # when the workbook says it was saved, else the file's own time
    modified: datetime  # the file's own time
    checksum: str
    rows: list[Row] = field(repr=False)
    columns: dict[str, int] = field(repr=False)
    header_row: int = 0
    replaced_by: Form | None = None
    measures: int = 0
    answered: int = 0
    blank: list[str] = field(default_factory=list)
    changes: int = 0


@dataclass(frozen=True, eq=False)
class Answer:
    """One form row's answer for one measure, in the pages' terms (keys, not labels)."""

    form: Form
    row: int
    measure: Measure
    values: dict[str, str | None]  # page field -> new value; None where a key field is left blank
    texts: dict[str, str]  # page field -> the cell's text, as written


def read_form(path: Path, name: str, catalogue: Catalogue, problems: list[FormProblem]) -> Form | None:
    """The form at `path` (shown as `name`) with its rows, or None after adding its problems."""

    def problem(message: str, row: int | None = None, label: str | None = None) -> None:
        problems.append(FormProblem(name, row, label, message))

    try:
        workbook = read_workbook(path)
        if FORM_SHEET not in workbook.sheet_names:
            problem(f"bladet {FORM_SHEET} saknas; filen är inget uppföljningsformulär.")
            return None
        rows = workbook.rows(FORM_SHEET)
    except WorkbookRefused as refusal:
        problem(refusal.message, refusal.row)
        return None
    header = next(
        (row for row in rows[:_HEADER_SEARCH] if {label_key(NUMBER), label_key(STATUS)} <= _labels(row)), None
    )
    if header is None:
        problem(f"rubrikraden med {NUMBER}, {TITLE}, {STATUS} ... saknas; filen är inget uppföljningsformulär.")
        return None
    columns = {label_key(cell.text): index for index, cell in enumerate(header.cells) if cell is not None}
    missing = [name for name in (NUMBER, TITLE, STATUS, COMMENT, NEXT_YEAR) if label_key(name) not in columns]
    if missing:
        problem(f"kolumnen {', '.join(missing)} saknas. Ändra inte formulärets rubriker.", header.number)
        return None
    above = [row for row in rows if row.number < header.number]
    year_text, year_row = _fact(above, YEAR_LABEL)
    administration_text, administration_row = _fact(above, ADMINISTRATION_LABEL)
    ok = True
    if not _YEAR.fullmatch(year_text):
        problem(f'"{year_text}" är inget uppföljningsår.', year_row, YEAR_LABEL)
        ok = False
    known = {label_key(a.abbreviation): a.abbreviation for a in catalogue.vocabulary.administrations}
    administration = known.get(label_key(administration_text))
    if administration is None:
        allowed = ", ".join(known.values())
        message = f'"{administration_text}" är ingen känd förvaltning. Tillåtna: {allowed}'
        problem(message, administration_row, ADMINISTRATION_LABEL)
        ok = False
    if not ok or administration is None:
        return None
    saved = workbook.saved
    if saved is not None and saved.tzinfo is not None:
        saved = saved.astimezone().replace(tzinfo=None)  # local time, as the file's own time is
    return Form(
        name,
        int(year_text),
        administration,
        saved or workbook.modified,
        workbook.modified,
        workbook.checksum,
        [row for row in rows if row.number > header.number],
        columns,
        header.number,
    )


def _labels(row: Row) -> set[str]:
    return {label_key(cell.text) for cell in row.cells if cell is not None}


def _fact(rows: list[Row], label: str) -> tuple[str, int | None]:
    """The text after a label (the first cell to its right with text), and its row."""
    for row in rows:
        texts = [cell.text if cell is not None else "" for cell in row.cells]
        for index, text in enumerate(texts):
            if label_key(text) == label_key(label):
                value = next((t for t in texts[index + 1 :] if t.strip()), "")
                return value.strip(), row.number
    return "", None


def form_answers(form: Form, catalogue: Catalogue, problems: list[FormProblem]) -> list[Answer]:
    """Every answered row of the form (a blank row is counted in `form.blank`), or problems per row."""
    vocabulary = catalogue.vocabulary
    choices = {
        "status": {label_key(s.label): s.key for s in vocabulary.statuses},
        "next_year": {label_key(d.label): d.key for d in vocabulary.dispositions},
    }
    allowed = {
        "status": ", ".join(s.label for s in vocabulary.statuses),
        "next_year": ", ".join(d.label for d in vocabulary.dispositions),
    }
    by_id = {m.id: m for m in catalogue.of_year(form.year)}
    number_column, title_column = form.columns[label_key(NUMBER)], form.columns[label_key(TITLE)]
    answer_columns = [(label, key, form.columns[label_key(label)]) for label, key in ANSWERS]
    seen: dict[str, int] = {}
    answers = []
    for row in form.rows:
        before = len(problems)

        def problem(name: str | None, message: str, row: Row = row) -> None:
            problems.append(FormProblem(form.file, row.number, name, message))

        measure_id = row.text(number_column).strip()
        texts = {key: _cell_text(row.text(column)) for _, key, column in answer_columns}
        if not measure_id:
            if any(texts.values()):
                problem(NUMBER, "raden har svar men inget nummer. Ändra inte Nr.")
            continue
        for label, column in ((NUMBER, number_column), (TITLE, title_column), *[(a, c) for a, _, c in answer_columns]):
            cell = row.cells[column] if column < len(row.cells) else None
            if cell is not None and cell.formula:
                problem(label, "cellen innehåller en formel. Skriv bara text (inget = först).")
        if len(problems) > before:
            continue
        measure = by_id.get(measure_id)
        if measure is None:
            problem(NUMBER, f'"{measure_id}" är ingen åtgärd i uppföljningen {form.year}. Ändra inte Nr.')
            continue
        if form.administration not in measure.organisations:
            owners = ", ".join(measure.organisations)
            problem(NUMBER, f"åtgärd {measure_id} hör inte till {form.administration} (ansvarig: {owners}).")
            continue
        if measure_id in seen:
            problem(NUMBER, f"åtgärd {measure_id} står två gånger i formuläret (även på rad {seen[measure_id]}).")
            continue
        seen[measure_id] = row.number
        form.measures += 1
        title = row.text(title_column)
        if " ".join(title.split()) != " ".join(measure.title.split()):
            problem(TITLE, f'titeln har ändrats till "{title}". Ändra inte Åtgärd; den ska vara "{measure.title}".')
        if not any(texts.values()):
            form.blank.append(measure_id)
            continue
        values: dict[str, str | None] = {}
        for label, key, _ in answer_columns:
            text = texts[key]
            hidden = _hidden_character(text)
            if hidden:
                problem(label, f"texten innehåller {hidden}, som inte syns. Skriv om texten.")
            elif key == "comment":
                values[key] = text
            elif not text:
                values[key] = None
            elif label_key(text) not in choices[key]:
                problem(label, f'"{text}" är inte tillåtet. Tillåtna: {allowed[key]}')
            else:
                values[key] = choices[key][label_key(text)]
        if len(problems) == before:
            form.answered += 1
            answers.append(Answer(form, row.number, measure, values, texts))
    return answers


def _cell_text(text: str) -> str:
    """A cell's text as a page stores it: composed Unicode, line breaks as \\n, no outer spaces."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n")).strip()


def _hidden_character(text: str) -> str | None:
    """The first character that does not show (a control or format character), named, or None."""
    for char in text:
        if char in _ALLOWED_CONTROLS:
            continue
        if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp", "Co", "Cs"):
            return f"tecknet U+{ord(char):04X}"
    return None

"""Read filled-in follow-up forms and write their answers into the measure pages, all or nothing.

Every form is read and checked before anything is decided; any problem in
any form means nothing is written, and every problem is listed with its file
and row. Changes are first written to a temporary copy of the content, which
the build's own loader must accept (the stated figures of an adopted year
included), and only then are the pages replaced.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

from actionplan import pipeline
from actionplan.aggregate.catalogue import Catalogue
from actionplan.editing import follow_up_forms
from actionplan.editing.front_matter_edit import EditRefused, edit_fields
from actionplan.load.pages import CallScanner
from actionplan.model import NOT_DECIDED, NOT_FOLLOWED_UP, Measure
from actionplan.problems import Problems, shown_lines

# What the editor sees for each field the forms carry, and the page's field.
FIELDS = (("Status", "status"), ("Kommentar", "comment"), ("I planen för nästa år", "next_year"))


@dataclass(frozen=True)
class FormProblem:
    """One thing wrong in one form, said as `SOF.xlsx, rad 5: Status: ...`."""

    file: str
    row: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        place = self.file if self.row is None else f"{self.file}, rad {self.row}"
        return f"{place}: {self.field}: {self.message}" if self.field else f"{place}: {self.message}"


@dataclass(frozen=True)
class Answer:
    """One form row's answer for one measure, in the pages' terms (keys, not labels)."""

    file: str
    row: int
    measure: Measure
    values: dict[str, str | None]  # page field -> new value ("" for an empty comment)


@dataclass(frozen=True)
class Change:
    measure: Measure
    field: str
    old: str
    new: str


@dataclass
class Outcome:
    year: int | None = None
    problems: list[FormProblem] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    answered: int = 0


@dataclass(frozen=True)
class _Form:
    file: str
    sheet: Worksheet
    year: int
    administration: str


def plan(catalogue: Catalogue, files: Iterable[Path], shown: Iterable[str], year: int | None = None) -> Outcome:
    """Read and check every form; return the changes they make, or every problem found."""
    outcome = Outcome()
    shown = list(shown)
    opened: list[_Form] = []
    for path, name in zip(files, shown, strict=True):
        form = _open(path, name, catalogue, outcome.problems)
        if form is not None:
            opened.append(form)
    if year is None and opened:
        # Without --year the first form decides; a form of another year is then a problem.
        year = opened[0].year
    outcome.year = year
    if year is not None and year not in catalogue.years:
        known = ", ".join(str(y) for y in catalogue.years) or "inga"
        outcome.problems.append(
            FormProblem(
                "--year", None, None, f"uppföljningsåret {year} har inga åtgärdssidor. År med åtgärder: {known}."
            )
        )
        return outcome
    answers: dict[str, Answer] = {}
    said: dict[str, tuple[str, int, dict[str, str]]] = {}
    for form in opened:
        if form.year != year:
            outcome.problems.append(
                FormProblem(
                    form.file,
                    1,
                    follow_up_forms.YEAR_LABEL,
                    f"formuläret gäller {form.year}, men importen gäller {year}. Importera ett år i taget.",
                )
            )
            continue
        found, raw = _answers(form, catalogue, outcome.problems)
        for answer in found:
            answers.setdefault(answer.measure.id, answer)
        # Two forms disagree when what they say differs, even where one of
        # them has another problem too: every problem is listed in one run.
        for file, row, measure_id, texts in raw:
            earlier = said.setdefault(measure_id, (file, row, texts))
            differing = [label for label, _ in FIELDS if earlier[2][label] != texts[label]]
            if differing:
                outcome.problems.append(
                    FormProblem(
                        file,
                        row,
                        None,
                        f"åtgärd {measure_id}: svaret skiljer sig från {earlier[0]}, rad {earlier[1]} "
                        f"({', '.join(differing)}). Kom överens om ett svar och rätta det ena formuläret.",
                    )
                )
    outcome.answered = len(answers)
    if outcome.problems:
        # In the order the forms were given, each from its top row down.
        order = {name: index for index, name in enumerate(shown)}
        outcome.problems.sort(key=lambda p: (order.get(p.file, -1), p.row or 0))
        return outcome
    for answer in sorted(answers.values(), key=lambda a: a.measure.sort_key):
        measure = answer.measure
        current = _current(measure)
        for _, key in FIELDS:
            given = answer.values[key]
            new = given if given is not None else current[key]
            if new != current[key]:
                outcome.changes.append(Change(measure, key, current[key], new))
    return outcome


def _open(path: Path, name: str, catalogue: Catalogue, problems: list[FormProblem]) -> _Form | None:

    try:
        workbook = openpyxl.load_workbook(path)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, TypeError) as error:
        detail = "filen finns inte" if isinstance(error, FileNotFoundError) else "filen är ingen Excel-arbetsbok"
        problems.append(FormProblem(name, None, None, f"kan inte läsas ({detail}). Ange ett ifyllt formulär (.xlsx)."))
        return None
    except Exception:  # openpyxl raises many kinds for damaged files; none may end in a traceback
        problems.append(FormProblem(name, None, None, "kan inte läsas: filen är skadad eller ingen Excel-arbetsbok."))
        return None
    if follow_up_forms.FORM_SHEET not in workbook.sheetnames:
        problems.append(
            FormProblem(
                name, None, None, f"bladet {follow_up_forms.FORM_SHEET} saknas; filen är inget uppföljningsformulär."
            )
        )
        return None
    sheet = workbook[follow_up_forms.FORM_SHEET]
    if not isinstance(sheet, Worksheet):
        problems.append(FormProblem(name, None, None, f"bladet {follow_up_forms.FORM_SHEET} är inget kalkylblad."))
        return None
    ok = True
    year_text = _text(sheet[follow_up_forms.YEAR_CELL].value)
    if not (year_text.isdigit() and len(year_text) == 4):
        problems.append(FormProblem(name, 1, follow_up_forms.YEAR_LABEL, f'"{year_text}" är inget uppföljningsår.'))
        ok = False
    administration = _text(sheet[follow_up_forms.ADMINISTRATION_CELL].value)
    known = [a.abbreviation for a in catalogue.vocabulary.administrations]
    if administration not in known:
        problems.append(
            FormProblem(
                name,
                2,
                follow_up_forms.ADMINISTRATION_LABEL,
                f'"{administration}" är ingen känd förvaltning. Tillåtna: {", ".join(known)}',
            )
        )
        ok = False
    headers = [
        _text(sheet.cell(row=follow_up_forms.HEADER_ROW, column=i + 1).value)
        for i in range(len(follow_up_forms.COLUMNS))
    ]
    if tuple(headers) != follow_up_forms.COLUMNS:
        problems.append(
            FormProblem(
                name,
                follow_up_forms.HEADER_ROW,
                None,
                f"rubrikerna ska vara {', '.join(follow_up_forms.COLUMNS)}, men är {', '.join(headers)}. "
                "Ändra inte formulärets kolumner.",
            )
        )
        ok = False
    return _Form(name, sheet, int(year_text), administration) if ok else None


def _answers(
    form: _Form, catalogue: Catalogue, problems: list[FormProblem]
) -> tuple[list[Answer], list[tuple[str, int, str, dict[str, str]]]]:
    """The form's valid answers, and what every row of a known measure says (for comparing forms)."""
    vocabulary = catalogue.vocabulary
    choices = {
        "status": {s.label: s.key for s in vocabulary.statuses},
        "next_year": {d.label: d.key for d in vocabulary.dispositions},
    }
    by_id = {m.id: m for m in catalogue.of_year(form.year)}
    seen: dict[str, int] = {}
    answers = []
    raw: list[tuple[str, int, str, dict[str, str]]] = []
    rows = form.sheet.iter_rows(min_row=follow_up_forms.FIRST_ROW, max_col=len(follow_up_forms.COLUMNS))
    for number, row in enumerate(rows, start=follow_up_forms.FIRST_ROW):
        cells = dict(zip(follow_up_forms.COLUMNS, row, strict=True))
        if all(cell.value is None or _text(cell.value).strip() == "" for cell in row):
            continue
        before = len(problems)

        def problem(name: str | None, message: str, number: int = number) -> None:
            problems.append(FormProblem(form.file, number, name, message))

        for name, cell in cells.items():
            if cell.data_type == "f":
                problem(name, "cellen innehåller en formel. Skriv bara text (inget = först).")
        if len(problems) > before:
            continue
        measure_id = _text(cells["Nr"].value).strip()
        measure = by_id.get(measure_id)
        if measure is None:
            problem("Nr", f'"{measure_id}" är ingen åtgärd i uppföljningen {form.year}. Ändra inte Nr.')
            continue
        if form.administration not in measure.organisations:
            owners = ", ".join(measure.organisations)
            problem("Nr", f"åtgärd {measure_id} hör inte till {form.administration} (ansvarig: {owners}).")
            continue
        if measure_id in seen:
            problem("Nr", f"åtgärd {measure_id} står två gånger i formuläret (även på rad {seen[measure_id]}).")
            continue
        seen[measure_id] = number
        texts = {
            label: _text(cells[label].value).replace("\r\n", "\n").replace("\r", "\n").strip() for label, _ in FIELDS
        }
        raw.append((form.file, number, measure_id, texts))
        title = _text(cells["Åtgärd"].value)
        if title.strip() != measure.title:
            problem(
                "Åtgärd",
                f'titeln har ändrats till "{title}". Ändra inte Åtgärd; den ska vara "{measure.title}".',
            )
        values: dict[str, str | None] = {}
        for label, key in FIELDS:
            text = texts[label]
            if key == "comment":
                values[key] = text
                continue
            current = _current(measure)[key]
            allowed = ", ".join(choices[key])
            if not text:
                if current:
                    problem(label, f"fältet är tomt. Välj ett av: {allowed}")
                values[key] = None
            elif text not in choices[key]:
                problem(label, f'"{text}" är inte tillåtet. Tillåtna: {allowed}')
            else:
                values[key] = choices[key][text]
        if len(problems) == before:
            answers.append(Answer(form.file, number, measure, values))
    return answers, raw


def _current(measure: Measure) -> dict[str, str]:
    """A measure's answered values; an open year's "Ej uppföljd" and "Ej beslutad" are no answer ("")."""
    status = "" if measure.status in (None, NOT_FOLLOWED_UP.key) else measure.status
    next_year = "" if measure.next_year in (None, NOT_DECIDED.key) else measure.next_year
    return {"status": status, "comment": measure.comment, "next_year": next_year}


def _text(value: object) -> str:
    """A cell's value as text; numbers as Excel shows them (12, not 12.0)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value)


# Writing ----------------------------------------------------------------


def apply(root: Path, docs_dir: str, outcome: Outcome, scanner: CallScanner | None) -> list[str]:
    """Write the changes into the pages; return the problems that stopped it (then nothing is written).

    The edited pages go to a temporary copy of the content first; the copy
    must load without problems and give back exactly the answered values,
    and only then are the real pages replaced, each by an atomic rename.
    """
    by_page: dict[str, dict[str, str]] = {}
    measures: dict[str, Measure] = {}
    for change in outcome.changes:
        source = str(change.measure.source)
        by_page.setdefault(source, {})[change.field] = change.new
        measures[source] = change.measure
    docs = root / docs_dir
    edited: dict[str, bytes] = {}
    problems: list[str] = []
    for source, changes in by_page.items():
        shown = f"{docs_dir}/{source}"
        try:
            text = (docs / source).read_bytes().decode("utf-8")
            edited[source] = edit_fields(text, changes, shown).encode("utf-8")
        except (OSError, UnicodeDecodeError, EditRefused) as error:
            problems.append(f"{shown}: kan inte ändras: {error}")
    if problems:
        return problems
    with tempfile.TemporaryDirectory(prefix="atgardsplan-import-") as temporary:
        copy = Path(temporary)
        _copy_content(root, docs_dir, copy)
        for source, data in edited.items():
            (copy / docs_dir / source).write_bytes(data)
        loaded = pipeline.load(copy, docs_dir, scanner)
        if isinstance(loaded, Problems):
            return shown_lines(loaded.items)
        for source, changes in by_page.items():
            measure = loaded.by_source(source)
            assert measure is not None  # the page was loaded before and only its fields changed
            read_back = _current(measure)
            for key, value in changes.items():
                if read_back[key] != value:
                    problems.append(
                        f"{docs_dir}/{source}: {key}: skulle läsas som {read_back[key]!r} i stället för {value!r}; "
                        "ändra fältet för hand."
                    )
        if problems:
            return problems
    staged: list[tuple[Path, Path]] = []
    try:
        for source, data in edited.items():
            target = docs / source
            handle, temporary_name = tempfile.mkstemp(dir=target.parent, prefix=".import-", suffix=".md")
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            shutil.copymode(target, temporary_name)
            staged.append((Path(temporary_name), target))
    except OSError as error:
        for written, _ in staged:
            written.unlink(missing_ok=True)
        return [f"kan inte skriva i {docs_dir}: {error}"]
    for written, target in staged:
        os.replace(written, target)
    return []


def _copy_content(root: Path, docs_dir: str, copy: Path) -> None:
    """What the loader reads: the vocabulary and the whole docs folder (its pages, and the files they link to)."""
    vocabulary = copy / pipeline.VOCABULARY_FILE
    vocabulary.parent.mkdir(parents=True)
    shutil.copy2(root / pipeline.VOCABULARY_FILE, vocabulary)
    # Links stay links, as they are in the project, so that the loader says the same about them.
    shutil.copytree(root / docs_dir, copy / docs_dir, symlinks=True)

"""Read filled-in follow-up forms and write their answers into an open year's measure pages, all or nothing.

Every form is read (bounded: `workbook_reading`) and checked before
anything is decided; any problem in any form means nothing is written, and
every problem is listed with its file and row. The changes are then tried on
a temporary copy of the content, which the build's own loader must accept
and read back exactly: the preview does this too, so a clean preview means
a clean `--apply`. Only then are the pages replaced, with the record of the
import, in one all-or-nothing write (`file_transaction`).

The rules, as the editor guide states them:

- A row whose Status, Kommentar and I planen för nästa år are all empty is
  no answer. A blank Status or I planen för nästa år in an answered row
  leaves that field as it is; the Kommentar is taken as written.
- Labels match whatever their case and surrounding spaces ("pågår").
- Two forms from the same administration: the one saved last is read, the
  other is named as replaced.
- A shared measure (several administrations in `responsible`): the answer of
  the administration named first among those who answered is written, and
  an earlier import's answer from an administration named before it stands.
  Every other answer that says something else is shown and kept in the
  record (`answers_record`), never dropped.
- An adopted year's pages are never changed by an import.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from actionplan.aggregate.catalogue import Catalogue
from actionplan.editing import answers_record, trial_load
from actionplan.editing.answer_forms import Answer, Form, FormProblem, form_answers, read_form
from actionplan.editing.file_transaction import Writer
from actionplan.editing.follow_up_forms import COMMENT, NEXT_YEAR, STATUS, YEAR_LABEL
from actionplan.editing.front_matter_edit import EditRefused, edit_fields
from actionplan.editing.terminal_text import shown
from actionplan.load.pages import CallScanner
from actionplan.model import NOT_DECIDED, NOT_FOLLOWED_UP, Measure
from actionplan.problems import Problems


@dataclass(frozen=True)
class Change:
    measure: Measure
    field: str
    old: str
    new: str
    answer: Answer


@dataclass(frozen=True)
class NotWritten:
    """An answer that says something else than the answer that stands, and whose answer that is."""

    answer: Answer
    differing: tuple[str, ...]
    standing: str


@dataclass
class Outcome:
    year: int | None = None
    forms: list[Form] = field(default_factory=list)
    problems: list[FormProblem] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    written: list[Answer] = field(default_factory=list)
    not_written: list[NotWritten] = field(default_factory=list)
    # Administrations with measures in the year that sent no form in this import: (abbreviation, measures).
    without_form: list[tuple[str, int]] = field(default_factory=list)
    # What the trial on a copy made: {path relative to the root: the page's new bytes}.
    edited: dict[str, bytes] = field(default_factory=dict)

    @property
    def active_forms(self) -> list[Form]:
        return [form for form in self.forms if form.replaced_by is None]


def plan(catalogue: Catalogue, root: Path, files: Iterable[tuple[Path, str]], year: int | None = None) -> Outcome:
    """Read and check every form; the answers to write and the changes they make, or every problem found."""
    outcome = Outcome()
    files = list(files)
    for path, name in files:
        form = read_form(path, name, catalogue, outcome.problems)
        if form is not None:
            outcome.forms.append(form)
    if year is None and outcome.forms:
        # Without --year the first form decides; a form of another year is then a problem.
        year = outcome.forms[0].year
    outcome.year = year
    if year is None:
        return _sorted(outcome, files)
    where = "--year" if outcome.forms == [] or outcome.forms[0].year != year else outcome.forms[0].file
    vocabulary = catalogue.vocabulary
    follow_up = vocabulary.follow_up(year)
    if follow_up is None or year not in catalogue.years:
        known = ", ".join(str(y) for y in catalogue.years) or "inga"
        message = (
            vocabulary.unknown_year(year)
            if follow_up is None
            else f"uppföljningsåret {year} har inga åtgärdssidor. År med åtgärder: {known}."
        )
        outcome.problems.append(FormProblem(where, None, None, message))
        return _sorted(outcome, files)
    if follow_up.is_adopted:
        message = (
            f"uppföljningen {year} är fastställd ({follow_up.document or 'utan dokument'}, {follow_up.adopted}); "
            "en import ändrar aldrig ett fastställt års sidor. Svar läses in för ett öppet år."
        )
        outcome.problems.append(FormProblem(where, None, None, message))
        return _sorted(outcome, files)
    for form in outcome.forms:
        if form.year != year:
            message = f"formuläret gäller {form.year}, men importen gäller {year}. Importera ett år i taget."
            outcome.problems.append(FormProblem(form.file, None, YEAR_LABEL, message))
    outcome.forms = [form for form in outcome.forms if form.year == year]
    try:
        record = answers_record.read(root, year)
    except answers_record.RecordProblem as problem:
        outcome.problems.append(FormProblem(problem.file, None, None, problem.message))
        return _sorted(outcome, files)
    _replace_older(outcome.forms)
    answers: list[Answer] = []
    for form in outcome.active_forms:
        answers += form_answers(form, catalogue, outcome.problems)
    sent = {form.administration for form in outcome.active_forms}
    for administration in vocabulary.administrations:
        count = sum(1 for m in catalogue.of_year(year) if administration.abbreviation in m.organisations)
        if count and administration.abbreviation not in sent:
            outcome.without_form.append((administration.abbreviation, count))
    if outcome.problems:
        return _sorted(outcome, files)
    _decide(outcome, answers, record)
    return outcome


def _sorted(outcome: Outcome, files: list[tuple[Path, str]]) -> Outcome:
    """The problems in the order the forms were given, each from its top row down."""
    order = {name: index for index, (_, name) in enumerate(files)}
    outcome.problems.sort(key=lambda p: (order.get(p.file, -1), p.row or 0))
    return outcome


def _replace_older(forms: list[Form]) -> None:
    """Of two forms from one administration the one saved last is read; the other is marked as replaced."""
    by_administration: dict[str, list[Form]] = {}
    for form in forms:
        by_administration.setdefault(form.administration, []).append(form)
    for group in by_administration.values():
        group.sort(key=lambda form: (form.saved, form.modified, form.file))
        for older in group[:-1]:
            older.replaced_by = group[-1]


# Deciding ---------------------------------------------------------------------


def _decide(outcome: Outcome, answers: list[Answer], record: answers_record.Record) -> None:
    """Whose answer each measure gets, the changes that makes, and the answers that are only kept."""
    by_measure: dict[str, list[Answer]] = {}
    for answer in answers:
        by_measure.setdefault(answer.measure.id, []).append(answer)
    for measure_id in sorted(by_measure, key=lambda i: by_measure[i][0].measure.sort_key):
        group = by_measure[measure_id]
        measure = group[0].measure
        rank = {organisation: index for index, organisation in enumerate(measure.organisations)}
        group.sort(key=lambda a: rank[a.form.administration])
        best = group[0]
        current = current_values(measure)
        standing = record.sources.get(measure_id) if any(current.values()) else None
        if standing in rank and rank[standing] < rank[best.form.administration]:
            # An earlier import wrote the answer of an administration named before these.
            for answer in group:
                _keep_if_differing(outcome, answer, current, standing)
            continue
        outcome.written.append(best)
        result = {key: value if value is not None else current[key] for key, value in best.values.items()}
        for key, new in result.items():
            if new != current[key]:
                outcome.changes.append(Change(measure, key, current[key], new, best))
                best.form.changes += 1
        for answer in group[1:]:
            _keep_if_differing(outcome, answer, result, best.form.administration)


def _keep_if_differing(outcome: Outcome, answer: Answer, standing_values: dict[str, str], standing: str) -> None:
    # An empty comment from a co-responsible is no opinion, not a wish to clear the comment.
    differing = tuple(
        key for key, value in answer.values.items() if value not in (None, "") and value != standing_values[key]
    )
    if differing:
        outcome.not_written.append(NotWritten(answer, differing, standing))


def current_values(measure: Measure) -> dict[str, str]:
    """A measure's answered values; an open year's "Ej uppföljd" and "Ej beslutad" are no answer ("")."""
    status = "" if measure.status in (None, NOT_FOLLOWED_UP.key) else measure.status
    next_year = "" if measure.next_year in (None, NOT_DECIDED.key) else measure.next_year
    return {"status": status, "comment": measure.comment, "next_year": next_year}


# Trying and writing -------------------------------------------------------------


def trial(root: Path, docs_dir: str, outcome: Outcome, scanner: CallScanner | None) -> list[str]:
    """Edit the pages on a copy of the content and load it as the build would; the problems, or [].

    Afterwards `outcome.edited` holds the pages' new texts. A problem on an
    edited page names the form and row its answer came from.
    """
    by_page: dict[str, dict[str, str]] = {}
    source_of: dict[str, Answer] = {}
    for change in outcome.changes:
        page = f"{docs_dir}/{change.measure.source}"
        by_page.setdefault(page, {})[change.field] = change.new
        source_of[page] = change.answer
    outcome.edited = {}
    problems: list[str] = []

    def origin(page: str) -> str:
        answer = source_of[page]
        return f" (svaret kommer från {answer.form.file}, rad {answer.row})"

    for page, changes in by_page.items():
        try:
            text = (root / page).read_bytes().decode("utf-8")
            outcome.edited[page] = edit_fields(text, changes, page).encode("utf-8")
        except (OSError, UnicodeDecodeError, EditRefused) as error:
            problems.append(f"{page}: kan inte ändras: {error}{origin(page)}")
    if problems or not by_page:
        return problems
    loaded = trial_load.load_with(root, docs_dir, outcome.edited, scanner)
    if isinstance(loaded, Problems):
        return [str(p) + (origin(p.path) if p.path in source_of else "") for p in loaded.items]
    for page, changes in by_page.items():
        measure = loaded.by_source(page.removeprefix(f"{docs_dir}/"))
        assert measure is not None  # the page was loaded before and only its fields changed
        read_back = current_values(measure)
        for key, value in changes.items():
            if read_back[key] != value:
                problems.append(
                    f"{page}: {key}: skulle läsas som {shown(repr(read_back[key]))} i stället för "
                    f"{shown(repr(value))}; ändra fältet för hand{origin(page)}."
                )
    return problems


def apply(writer: Writer, outcome: Outcome, when: datetime) -> None:
    """Write the tried pages and the import's record, all or nothing (WriteFailed when nothing was written)."""
    assert outcome.year is not None
    files = dict(outcome.edited)
    record = answers_record.path_of(outcome.year)
    files[record] = answers_record.appended(writer.root, outcome.year, record_entry(outcome, when))
    writer.write(files)


def record_entry(outcome: Outcome, when: datetime) -> dict[str, object]:
    """The import as the record keeps it (see answers_record)."""
    labels = {"status": STATUS, "comment": COMMENT, "next_year": NEXT_YEAR}
    forms = []
    for form in outcome.forms:
        entry: dict[str, object] = {
            answers_record.FILE: form.file,
            answers_record.ADMINISTRATION: form.administration,
            answers_record.SAVED: form.saved.strftime("%Y-%m-%d %H:%M"),
            "sha256": form.checksum,
        }
        if form.replaced_by is not None:
            entry[answers_record.REPLACED_BY] = form.replaced_by.file
        else:
            entry.update(
                {"rader": form.measures, "besvarade": form.answered, "tomma": form.blank, "ändringar": form.changes}
            )
        forms.append(entry)
    return {
        answers_record.IMPORTED: when.strftime("%Y-%m-%d %H:%M"),
        answers_record.FORMS: forms,
        answers_record.ANSWERS: [
            {
                answers_record.MEASURE: answer.measure.id,
                answers_record.ADMINISTRATION: answer.form.administration,
                answers_record.FILE: answer.form.file,
                answers_record.ROW: answer.row,
            }
            for answer in outcome.written
        ],
        answers_record.NOT_WRITTEN: [
            {
                answers_record.MEASURE: kept.answer.measure.id,
                answers_record.ADMINISTRATION: kept.answer.form.administration,
                answers_record.FILE: kept.answer.form.file,
                answers_record.ROW: kept.answer.row,
                **{labels[key]: text for key, text in kept.answer.texts.items() if text},
                "skrivet_svar_från": kept.standing,
            }
            for kept in outcome.not_written
        ],
    }

"""The commands of the follow-up round, registered by actionplan.commands.cli.

`forms` writes one follow-up form per responsible administration; `import`
reads filled-in forms (files or folders) and shows what would change, and
with --apply writes it into the measure pages, all or nothing; `answers`
says who has answered and who has not. Messages are Swedish; exit status 0
means all is well, 1 that nothing was written.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from actionplan import glue_loader, words
from actionplan.aggregate import answered
from actionplan.aggregate.catalogue import Catalogue
from actionplan.commands.project import load_checked
from actionplan.commands.recovered import say_recovered

if TYPE_CHECKING:
    from actionplan.editing.answers_import import Outcome

LABELS = {"status": "Status", "comment": "Kommentar", "next_year": "I planen för nästa år"}


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser], docs_dir: Callable[[Path], str]) -> None:
    """Add the round's commands to the parser's subcommands; `docs_dir` reads mkdocs.yml's docs folder."""
    made = commands.add_parser("forms", help="skapa uppföljningsformulär (Excel), ett per ansvarig förvaltning")
    made.add_argument("--year", type=int, required=True, metavar="ÅR", help="uppföljningsår, t.ex. 2022")
    made.add_argument(
        "--output",
        type=Path,
        metavar="MAPP",
        help="mapp att skriva formulären i (annars formular/ÅR i projektet, som git inte checkar in)",
    )
    made.set_defaults(run=lambda root, arguments: _forms(root, arguments, docs_dir(root)))

    read = commands.add_parser("import", help="läs ifyllda formulär och visa ändringarna (skriv dem med --apply)")
    read.add_argument(
        "files", nargs="+", metavar="FIL", help="ifyllda formulär, eller en mapp med formulär, t.ex. formular/2022"
    )
    read.add_argument("--year", type=int, metavar="ÅR", help="uppföljningsår (annars året i formulären)")
    read.add_argument("--apply", action="store_true", help="skriv ändringarna i åtgärdssidorna")
    read.set_defaults(run=lambda root, arguments: _import(root, arguments, docs_dir(root)))

    status = commands.add_parser("answers", help="visa vilka förvaltningar som har svarat och vilka som inte har det")
    status.add_argument("--year", type=int, required=True, metavar="ÅR", help="uppföljningsår, t.ex. 2022")
    status.set_defaults(run=lambda root, arguments: _answers(root, arguments, docs_dir(root)))


def _load(root: Path, docs_dir: str) -> Catalogue | None:
    """The checked plan, exactly as `atgardsplan check` loads it, or None after printing its problems."""
    return load_checked(root, then="Rätta innehållet först (atgardsplan check).")


# forms ------------------------------------------------------------------------


def _forms(root: Path, arguments: argparse.Namespace, docs_dir: str) -> int:
    from actionplan.editing import follow_up_forms  # openpyxl only for the commands that need it, not for check

    output: Path = arguments.output or root / follow_up_forms.DEFAULT_FOLDER / str(arguments.year)
    refusal = committable(root, output)
    if refusal:
        print(f"Inga formulär skapades: {refusal}", file=sys.stderr)
        return 1
    loaded = _load(root, docs_dir)
    if loaded is None:
        return 1
    try:
        written = follow_up_forms.write_forms(loaded, arguments.year, output)
    except follow_up_forms.FormsRefused as refused:
        print(f"Inga formulär skapades: {refused}", file=sys.stderr)
        return 1
    print(f"Skapade {len(written)} formulär för uppföljningen {arguments.year} i {shown_folder(output)}:")
    for form in written:
        print(f"  {form.path.name}: {words.measures(form.measures)}")
    print(
        "Skicka varje fil till förvaltningen. Spara de ifyllda filerna i en mapp och läs in dem med: "
        f"atgardsplan import {shown_folder(output)}"
    )
    return 0


def committable(root: Path, output: Path) -> str | None:
    """Why forms may not go to `output` (a folder in the project that git would commit), or None."""
    resolved, project = output.resolve(), root.resolve()
    if not resolved.is_relative_to(project):
        return None
    try:
        result = subprocess.run(
            ["git", "check-ignore", "-q", "--no-index", str(resolved / "formular.xlsx")],
            cwd=project,
            capture_output=True,
            timeout=30,
        )
    except (OSError, subprocess.SubprocessError):
        return None  # no git: nothing to commit answers by mistake
    if result.returncode != 1:
        return None  # ignored (0), or not a git repository (128)
    return (
        f"{shown_folder(output)} ligger i projektet och är inte undantagen i .gitignore, så svaren kunde checkas in "
        "av misstag. Ange en mapp utanför projektet, eller låt bli --output (då hamnar formulären i formular/ÅR, "
        "som git inte checkar in)."
    )


def shown_folder(path: Path) -> str:
    """A folder as the coordinator would type it: relative to where they are, when it is below."""
    absolute = path.absolute()
    return str(absolute.relative_to(Path.cwd())) if absolute.is_relative_to(Path.cwd()) else str(absolute)


# import ------------------------------------------------------------------------


def _import(root: Path, arguments: argparse.Namespace, docs_dir: str) -> int:
    from actionplan.editing import answers_import, form_files
    from actionplan.editing.file_transaction import WriteFailed, writing

    found = form_files.form_files(arguments.files)
    try:
        with writing(root, "import") as writer:
            say_recovered(writer)
            loaded = _load(root, docs_dir)
            if loaded is None:
                return 1
            outcome = answers_import.plan(loaded, root, found.files, year=arguments.year)
            problems = found.problems + [str(problem) for problem in outcome.problems]
            if problems:
                print(f"Inget har skrivits. Formulären har {len(problems)} problem som måste rättas:", file=sys.stderr)
                for line in problems:
                    print(line, file=sys.stderr)
                return 1
            refused = answers_import.trial(root, docs_dir, outcome, glue_loader.call_scanner(root))
            if refused:
                print(
                    "Inget har skrivits: med ändringarna skulle atgardsplan check hitta dessa problem:", file=sys.stderr
                )
                for line in refused:
                    print(line, file=sys.stderr)
                return 1
            for line in preview(loaded, outcome, found.passed_over, docs_dir):
                print(line)
            summary = _summary(outcome)
            if not arguments.apply:
                print(f"{summary} Inget har skrivits; kör samma kommando med --apply för att skriva ändringarna.")
                return 0
            answers_import.apply(writer, outcome, datetime.now())
    except WriteFailed as failure:
        print(str(failure), file=sys.stderr)
        return 1
    assert outcome.year is not None
    record = answers_record_path(outcome.year)
    print(f"{summary} Ändringarna är skrivna, och varifrån varje svar kom står i {record}.")
    return 0


def answers_record_path(year: int) -> str:
    from actionplan.editing import answers_record

    return answers_record.path_of(year)


def preview(loaded: Catalogue, outcome: Outcome, passed_over: list[str], docs_dir: str) -> list[str]:
    """What an import would do: a line per form first, then what is not read, then the changes."""
    from actionplan.editing.terminal_text import shown

    lines = [f"Formulär för uppföljningen {outcome.year}:"]
    for form in outcome.forms:
        if form.replaced_by is not None:
            lines.append(
                f"  {shown(form.file)}: {form.administration}, ersatt av {shown(form.replaced_by.file)}, "
                "som är sparad senare"
            )
            continue
        blank = words.count(len(form.blank), "tom", "tomma") + (f" ({', '.join(form.blank)})" if form.blank else "")
        lines.append(
            f"  {shown(form.file)}: {form.administration}, {words.measures(form.measures)}, "
            f"{words.count(form.answered, 'besvarad', 'besvarade')}, {blank}, "
            f"{words.count(form.changes, 'ändring', 'ändringar')}"
        )
    if passed_over:
        lines.append("Läses inte: " + "; ".join(passed_over) + ".")
    if outcome.without_form:
        missing = ", ".join(f"{name} ({words.measures(count)})" for name, count in outcome.without_form)
        lines.append(f"Inget formulär från: {missing}.")
    pages: dict[str, list[str]] = {}
    heads: dict[str, str] = {}
    for change in outcome.changes:
        measure, answer = change.measure, change.answer
        key = measure.id
        heads.setdefault(
            key,
            f"Åtgärd {measure.id} ({docs_dir}/{measure.source}), svar från {shown(answer.form.file)}, "
            f"rad {answer.row}:",
        )
        old, new = _shown_value(loaded, change.field, change.old), _shown_value(loaded, change.field, change.new)
        pages.setdefault(key, []).append(f"  {LABELS[change.field]}: {old} -> {new}")
    if pages:
        lines.append("")
    for key, changed in pages.items():
        lines += [heads[key], *changed]
    if outcome.not_written:
        lines += [
            "",
            f"Svar som inte skrivs, eftersom en annan förvaltnings svar gäller (de sparas i "
            f"{answers_record_path(outcome.year or 0)}):",
        ]
        for kept in outcome.not_written:
            answer = kept.answer
            said = "; ".join(
                f"{LABELS[key]}: {_shown_value(loaded, key, answer.values[key] or '')}" for key in kept.differing
            )
            lines.append(
                f"  Åtgärd {answer.measure.id}: {shown(answer.form.file)}, rad {answer.row} "
                f"({answer.form.administration}): {said}. Gäller: {kept.standing}."
            )
    if outcome.year is not None:
        lines.append("")
        lines.append(_still_unanswered(loaded, outcome))
    return lines


def _still_unanswered(loaded: Catalogue, outcome: Outcome) -> str:
    """After the import: how many of the year's measures still lack a status."""
    assert outcome.year is not None
    given = {c.measure.id for c in outcome.changes if c.field == "status"}
    missing = [m.id for m in loaded.of_year(outcome.year) if not answered.is_answered(m) and m.id not in given]
    total = len(loaded.of_year(outcome.year))
    if not missing:
        return f"Efter importen har alla {total} åtgärder status."
    shown_ids = ", ".join(missing[:20]) + (" …" if len(missing) > 20 else "")
    return (
        f"Efter importen saknar {len(missing)} av {total} åtgärder status: {shown_ids} "
        f"(se atgardsplan answers --year {outcome.year})."
    )


def _summary(outcome: Outcome) -> str:
    measures = len({c.measure.id for c in outcome.changes})
    forms = len(outcome.active_forms)
    return (
        f"{words.count(len(outcome.changes), 'ändring', 'ändringar')} i {words.measures(measures)} från "
        f"{words.count(forms, 'formulär', 'formulär')}."
    )


def _shown_value(loaded: Catalogue, field: str, value: str) -> str:
    """A value as the editor knows it: the label of a key, a comment in quotes on one line."""
    from actionplan.editing.terminal_text import MAX_SHOWN, shown
    from actionplan.model import NOT_DECIDED, NOT_FOLLOWED_UP

    vocabulary = loaded.vocabulary
    if not value:
        return {"status": NOT_FOLLOWED_UP.label, "next_year": NOT_DECIDED.label}.get(field, "(tomt)")
    if field == "status":
        return vocabulary.status(value).label
    if field == "next_year":
        return vocabulary.disposition(value).label
    return f'"{shown(value, line_breaks=True, limit=MAX_SHOWN)}"'


# answers --------------------------------------------------------------------------


def _answers(root: Path, arguments: argparse.Namespace, docs_dir: str) -> int:
    from actionplan.editing import answers_record
    from actionplan.editing.terminal_text import shown

    loaded = _load(root, docs_dir)
    if loaded is None:
        return 1
    year = arguments.year
    if loaded.vocabulary.follow_up(year) is None:
        print(words.sentence(loaded.vocabulary.unknown_year(year)), file=sys.stderr)
        return 1
    if year not in loaded.years:
        known = ", ".join(str(y) for y in loaded.years) or "inga"
        print(f"Uppföljningsåret {year} har inga åtgärdssidor. År med åtgärder: {known}.", file=sys.stderr)
        return 1
    summaries = answered.by_administration(loaded, year)
    measures = loaded.of_year(year)
    with_status = sum(1 for m in measures if answered.is_answered(m))
    print(f"Svar i uppföljningen {year}: {with_status} av {words.measures(len(measures))} har status.")
    for entry in summaries:
        name = entry.administration.abbreviation
        line = f"{name}: {words.measures(entry.measures)}, {len(entry.answered)} med status"
        if entry.unanswered:
            line += ", utan status: " + "; ".join(f"{m.id} {m.title}" for m in entry.unanswered)
        print(line + ".")
    silent = answered.without_any_answer(summaries)
    if silent:
        print("Inget svar alls från: " + ", ".join(a.administration.abbreviation for a in silent) + ".")
    else:
        print("Alla förvaltningar har svarat för minst en åtgärd.")
    try:
        record = answers_record.read(root, year)
    except answers_record.RecordProblem as problem:
        print(shown(str(problem)), file=sys.stderr)
        return 1
    if record.forms:
        print(f"Inlästa formulär ({answers_record.path_of(year)}):")
        for form in record.forms:
            replaced = f", ersatt av {shown(form.replaced_by)}" if form.replaced_by else ""
            print(
                f"  {form.imported}: {shown(form.file)} ({shown(form.administration)}, sparat {form.saved}{replaced})"
            )
    read = {form.administration for form in record.forms}
    never = [entry.administration.abbreviation for entry in summaries if entry.administration.abbreviation not in read]
    if never:
        print("Inget formulär inläst från: " + ", ".join(never) + ".")
    return 0

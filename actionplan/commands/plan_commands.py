"""`atgardsplan plan-form` and `atgardsplan new --from FILE [--apply]`: the new plan's measures in one go.

Registered by actionplan.commands.cli. Messages are Swedish; exit status 0
means all is well, 1 that nothing was written.
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Callable
from pathlib import Path

from actionplan import glue_loader, layout, words
from actionplan.commands.project import load_checked
from actionplan.commands.recovered import say_recovered
from actionplan.commands.round_commands import committable, shown_folder
from actionplan.editing.terminal_text import shown
from actionplan.problems import Problems, shown_lines
from actionplan.render.page_sources import area_template


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser], docs_dir: Callable[[Path], str]) -> None:
    made = commands.add_parser(
        "plan-form",
        help="skapa ett planformulär (Excel) för årets nya åtgärder; läs in det med new --from",
    )
    made.add_argument("--year", type=int, required=True, metavar="ÅR", help="det öppna uppföljningsåret, t.ex. 2022")
    made.add_argument(
        "--output",
        type=Path,
        metavar="MAPP",
        help="mapp att skriva formuläret i (standard: formular, som git inte checkar in)",
    )
    made.set_defaults(run=lambda root, arguments: plan_form(root, arguments, docs_dir(root)))


def plan_form(root: Path, arguments: argparse.Namespace, docs_dir: str) -> int:
    from actionplan.editing import plan_form as form  # openpyxl only for the commands that need it
    from actionplan.editing.file_transaction import WriteFailed, writing
    from actionplan.editing.follow_up_forms import DEFAULT_FOLDER

    # Beside the round's forms (formular/ÅR), not among them: the import reads every workbook of that folder.
    output: Path = arguments.output or root / DEFAULT_FOLDER
    refusal = committable(root, output)
    if refusal:
        print(f"Inget formulär skapades: {refusal}", file=sys.stderr)
        return 1
    loaded = load_checked(root, then="Rätta innehållet först (atgardsplan check).")
    if loaded is None:
        return 1
    name = form.file_name(arguments.year)
    try:
        workbook = form.plan_workbook(loaded, arguments.year)
    except form.PlanRefused as refused:
        print(f"Inget formulär skapades: {refused}", file=sys.stderr)
        return 1
    if (output / name).exists():
        print(
            f"Inget formulär skapades: {shown_folder(output / name)} finns redan och skrivs inte över (den kan vara "
            "ifylld). Välj en annan mapp.",
            file=sys.stderr,
        )
        return 1
    stream = io.BytesIO()
    workbook.save(stream)
    try:
        output.mkdir(parents=True, exist_ok=True)
        with writing(output, "plan-form") as writer:
            writer.write({name: stream.getvalue()}, new=[name])
    except OSError as error:
        print(
            f"Inget formulär skapades: kan inte skapa mappen {shown_folder(output)} ({error.strerror}).",
            file=sys.stderr,
        )
        return 1
    except WriteFailed as failure:
        print(f"Inget formulär skapades: {failure}", file=sys.stderr)
        return 1
    path = shown_folder(output / name)
    existing = len(loaded.of_year(arguments.year))
    print(
        f"Skapade {path}: {words.measures(existing)} som redan finns (låsta) och {form.BLANK_ROWS} tomma rader "
        f"för årets nya åtgärder."
    )
    print(f"Fyll i det och läs in det med: atgardsplan new --from {path}")
    return 0


def new_from(root: Path, arguments: argparse.Namespace, docs_dir: str) -> int:
    """Show the pages a filled-in plan form gives; with --apply write them, all or none."""
    from actionplan.editing import plan_form as form
    from actionplan.editing import trial_load
    from actionplan.editing.file_transaction import WriteFailed, writing
    from actionplan.editing.workbook_reading import WorkbookRefused

    loaded = load_checked(root, then="Rätta innehållet först (atgardsplan check).")
    if loaded is None:
        return 1
    path: Path = arguments.from_file
    try:
        rows = form.form_rows(path)
    except (form.PlanRefused, WorkbookRefused) as refusal:
        row = getattr(refusal, "row", None)
        place = f"{shown(path.name)}, rad {row}" if row else shown(path.name)
        print(f"Inget har skrivits. {place}: {refusal}", file=sys.stderr)
        return 1
    plan = form.read_plan(loaded, docs_dir, shown(path.name), rows, arguments.year)
    if plan.problems:
        count = len(plan.problems)
        print(f"Inget har skrivits. Planformuläret har {count} problem som måste rättas:", file=sys.stderr)
        for line in plan.problems:
            print(shown(line), file=sys.stderr)
        return 1
    assert plan.year is not None
    vocabulary = loaded.vocabulary
    if not plan.measures:
        print(f"Inga nya åtgärder i {shown(path.name)}: varje ifylld rad är en åtgärd som redan finns för {plan.year}.")
        return 0
    measures = form.sorted_planned(plan.measures)
    print(f"{shown(path.name)} ger {words.measures(len(measures))} för {plan.year}:")
    for planned in measures:
        measure = planned.measure
        takes_over = f"; fortsätter {', '.join(planned.continues)}" if planned.continues else ""
        print(
            shown(
                f"  {measure.id} {measure.title} (rad {planned.row}; utvecklingsområde {measure.area}; "
                f"{', '.join(measure.districts)}; {', '.join(str(r) for r in measure.responsible)}{takes_over}) "
                f"-> {planned.page}"
            )
        )
    if plan.uncontinued:
        left = ", ".join(f"{m.id} ({vocabulary.disposition(m.next_year).label})" for m in plan.uncontinued)
        before = plan.uncontinued[0].year
        print(
            f"Åtgärder {before} som ska finnas med {plan.year} men som ingen åtgärd fortsätter ännu: {left}. "
            f"Ange dem under Fortsätter, annars kan {plan.year} inte fastställas."
        )
    if not arguments.apply:
        print("Inget har skrivits; kör samma kommando med --apply för att skapa sidorna.")
        return 0
    files = {planned.page: planned.text.encode("utf-8") for planned in measures}
    templates = root / glue_loader.PAGE_TEMPLATES
    for planned in measures:
        overview = f"{docs_dir}/{layout.area_page(plan.year, planned.measure.area)}"
        if not (root / overview).exists() and overview not in files:
            files[overview] = area_template(templates, vocabulary, plan.year, planned.measure.area).encode("utf-8")
    tried = trial_load.load_with(root, docs_dir, files, glue_loader.call_scanner(root))
    if isinstance(tried, Problems):
        rows_of = {planned.page: planned.row for planned in measures}
        print("Inget har skrivits: med sidorna skulle atgardsplan check hitta dessa problem:", file=sys.stderr)
        for problem, line in zip(tried.items, shown_lines(tried.items), strict=False):
            row = rows_of.get(problem.path)
            print(shown(f"{path.name}, rad {row} (blir {line})" if row else line), file=sys.stderr)
        return 1
    try:
        with writing(root, "new --from") as writer:
            say_recovered(writer)
            writer.write(files, new=files)
    except WriteFailed as failure:
        print(f"Inget har skrivits: {failure}", file=sys.stderr)
        return 1
    print(f"Skapade {words.count(len(measures), 'åtgärdssida', 'åtgärdssidor')} i {docs_dir}/{plan.year}/atgarder/.")
    return 0

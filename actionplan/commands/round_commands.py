"""The commands `atgardsplan forms` and `atgardsplan import`, registered by actionplan.commands.cli.

`forms` writes one follow-up form per responsible administration; `import`
reads filled-in forms and shows what would change, and with --apply writes
it into the measure pages, all or nothing. Messages are Swedish; exit status
0 means all is well, 1 that nothing was written.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from actionplan import glue_loader
from actionplan.aggregate.catalogue import Catalogue
from actionplan.commands.project import load_checked
from actionplan.model import NOT_DECIDED, NOT_FOLLOWED_UP, Measure

LABELS = {"status": "Status", "comment": "Kommentar", "next_year": "I planen för nästa år"}


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser], docs_dir: Callable[[Path], str]) -> None:
    """Add the two commands to the parser's subcommands; `docs_dir` reads mkdocs.yml's docs folder."""
    made = commands.add_parser("forms", help="skapa uppföljningsformulär (Excel), ett per ansvarig förvaltning")
    made.add_argument("--year", type=int, required=True, help="uppföljningsår, t.ex. 2021")
    made.add_argument("--output", type=Path, required=True, help="mapp att skriva formulären i")
    made.set_defaults(run=lambda root, arguments: _forms(root, arguments, docs_dir(root)))

    read = commands.add_parser("import", help="läs ifyllda formulär och visa ändringarna (skriv dem med --apply)")
    read.add_argument("files", nargs="+", type=Path, metavar="FIL", help="ifyllda formulär, t.ex. SOF.xlsx")
    read.add_argument("--year", type=int, help="uppföljningsår (annars året i formulären)")
    read.add_argument("--apply", action="store_true", help="skriv ändringarna i åtgärdssidorna")
    read.set_defaults(run=lambda root, arguments: _import(root, arguments, docs_dir(root)))


def _load(root: Path, docs_dir: str) -> Catalogue | None:
    """The checked plan, exactly as `atgardsplan check` loads it, or None after printing its problems."""
    return load_checked(root, then="Rätta innehållet först (atgardsplan check).")


def _forms(root: Path, arguments: argparse.Namespace, docs_dir: str) -> int:
    from actionplan.editing import follow_up_forms  # openpyxl only for the commands that need it, not for check

    loaded = _load(root, docs_dir)
    if loaded is None:
        return 1
    try:
        written = follow_up_forms.write_forms(loaded, arguments.year, arguments.output)
    except follow_up_forms.FormsRefused as refusal:
        print(f"Inga formulär skapades: {refusal}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"Inga formulär skapades: kan inte skriva i {arguments.output} ({error.strerror}).", file=sys.stderr)
        return 1
    print(f"Skapade {len(written)} formulär för uppföljningen {arguments.year} i {arguments.output}:")
    for form in written:
        print(f"  {form.path.name}: {_count(form.measures, 'åtgärd', 'åtgärder')}")
    print("Skicka varje fil till förvaltningen och läs in svaren med: atgardsplan import FIL...")
    return 0


def _import(root: Path, arguments: argparse.Namespace, docs_dir: str) -> int:
    from actionplan.editing import answers_import

    loaded = _load(root, docs_dir)
    if loaded is None:
        return 1
    outcome = answers_import.plan(loaded, arguments.files, [str(path) for path in arguments.files], year=arguments.year)
    if outcome.problems:
        print(f"Inget har skrivits. Formulären har {len(outcome.problems)} problem som måste rättas:", file=sys.stderr)
        for problem in outcome.problems:
            print(str(problem), file=sys.stderr)
        return 1
    if not outcome.changes:
        print(f"Inga ändringar: formulärens {outcome.answered} svar stämmer med åtgärdssidorna.")
        return 0
    pages: dict[Measure, list[answers_import.Change]] = {}
    for change in outcome.changes:
        pages.setdefault(change.measure, []).append(change)
    for measure, changes in pages.items():
        print(f"Åtgärd {measure.id} ({docs_dir}/{measure.source}):")
        for change in changes:
            print(
                f"  {LABELS[change.field]}: {_shown(loaded, change.field, change.old)} -> "
                f"{_shown(loaded, change.field, change.new)}"
            )
    summary = (
        f"{_count(len(outcome.changes), 'ändring', 'ändringar')} i {_count(len(pages), 'åtgärd', 'åtgärder')} "
        f"({outcome.answered} svar lästa)."
    )
    if not arguments.apply:
        print(f"{summary} Inget har skrivits; kör samma kommando med --apply för att skriva ändringarna.")
        return 0
    refused = answers_import.apply(root, docs_dir, outcome, glue_loader.call_scanner(root))
    if refused:
        print("Inget har skrivits: med ändringarna skulle atgardsplan check hitta dessa problem:", file=sys.stderr)
        for line in refused:
            print(line, file=sys.stderr)
        return 1
    print(f"{summary} Ändringarna är skrivna i åtgärdssidorna.")
    return 0


def _shown(loaded: Catalogue, field: str, value: str) -> str:
    """A value as the editor knows it: the label of a key, a comment in quotes."""
    vocabulary = loaded.vocabulary
    if not value:
        return {"status": NOT_FOLLOWED_UP.label, "next_year": NOT_DECIDED.label}.get(field, "(tomt)")
    if field == "status":
        return vocabulary.status(value).label
    if field == "next_year":
        return vocabulary.disposition(value).label
    return f'"{value}"'


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"

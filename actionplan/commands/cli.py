"""The editors' commands: `atgardsplan check`, `new`, `new-year`, `publish` (publishing/publish_site.py),
`report`, and `forms` and `import` (round_commands.py).

`check` runs exactly the validation of a site build, without building, and
prints the same lines. `new` scaffolds a measure page with the next free
number (or the one given). `new-year` starts the follow-up of a new year
from the last one. Messages are in Swedish; exit status 0 means all is well.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from actionplan import glue_loader, pipeline, settings
from actionplan.commands import plan_commands, round_commands
from actionplan.commands.project import load_checked
from actionplan.commands.recovered import say_recovered
from actionplan.commands.swedish_argparse import swedish
from actionplan.load.vocabulary import load as load_vocabulary
from actionplan.problems import report

# The modules of the other commands (newyear, scaffold, publish, report) are
# imported by the command that runs them: `check` should not pay for them.

CONFIG_FILE = settings.CONFIG_FILE
# `report --document`: the documents' names in English and with Swedish letters, for the Swedish keys.
DOCUMENT_ALIASES = {"letter": "skrivelse", "follow-up": "uppfoljning", "uppföljning": "uppfoljning"}


def main(argv: list[str] | None = None) -> int:
    with swedish():
        parser = _parser()
        arguments = parser.parse_args(argv)
    root = arguments.root or _find_root(Path.cwd())
    if root is None:
        print(
            f"Hittar ingen {CONFIG_FILE} här eller i mapparna ovanför. Kör kommandot i projektets mapp.",
            file=sys.stderr,
        )
        return 2
    run: Callable[[Path, argparse.Namespace], int] = arguments.run
    return run(root, arguments)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="atgardsplan",
        description="Verktyg för redaktörer av åtgärdsplanen mot segregation.",
    )
    parser.add_argument("--root", type=Path, metavar="MAPP", help=f"projektets mapp (där {CONFIG_FILE} finns)")
    commands = parser.add_subparsers(required=True, metavar="kommando")

    check = commands.add_parser("check", help="kontrollera alla åtgärdssidor och data/measures.yml")
    check.set_defaults(run=_check)

    new = commands.add_parser(
        "new", help="skapa en ny åtgärdssida med nästa lediga nummer, eller alla nya åtgärder ur ett planformulär"
    )
    new.add_argument("--year", type=int, metavar="ÅR", help="uppföljningsår, t.ex. 2022")
    new.add_argument("--area", type=int, metavar="NR", help="utvecklingsområde, 1–5")
    new.add_argument("--title", metavar="TITEL", help="åtgärdens titel")
    new.add_argument("--id", dest="measure_id", metavar="NR", help="åtgärdens nummer, t.ex. 1.20 (annars nästa lediga)")
    new.add_argument(
        "--continues",
        metavar="NR,NR",
        help="åtgärder året innan som den nya åtgärden fortsätter eller tar över, t.ex. 1.4,1.5",
    )
    new.add_argument(
        "--from", dest="from_file", type=Path, metavar="FIL", help="ett ifyllt planformulär (atgardsplan plan-form)"
    )
    new.add_argument("--apply", action="store_true", help="med --from: skapa sidorna (annars visas de bara)")
    new.set_defaults(run=_new)

    new_year = commands.add_parser(
        "new-year", help="starta uppföljningen av ett nytt år från det senaste året med åtgärdssidor"
    )
    new_year.add_argument("year", type=int, metavar="ÅR", help="det nya uppföljningsåret, t.ex. 2022")
    new_year.set_defaults(run=_new_year)

    adopt = commands.add_parser(
        "adopt",
        help="fastställ ett uppföljningsår: skriv adopted och årets siffror i data/measures.yml",
        description=(
            "Fastställer uppföljningsåret när varje åtgärd har status och hantering nästa år, varje sammanfattning "
            "och rapportens text är skrivna och varje åtgärd året innan som ska finnas med fortsätts. Skriver "
            "adopted och årets siffror (totalt och per utvecklingsområde, som rapporten anger dem) i "
            "data/measures.yml. Säger annars allt som återstår och skriver ingenting."
        ),
    )
    adopt.add_argument("year", type=int, metavar="ÅR", help="uppföljningsåret, t.ex. 2022")
    adopt.add_argument("--date", required=True, metavar="ÅÅÅÅ-MM-DD", help="dagen då uppföljningen fastställdes")
    adopt.add_argument(
        "--document", metavar="TEXT", help='dokumentet som fastställde den (standard: "uppföljningsrapporten ÅR")'
    )
    adopt.set_defaults(run=_adopt)

    published = commands.add_parser(
        "publish",
        help="bygg, kontrollera och publicera webbplatsen i ett steg (eller byt tillbaka)",
        description=(
            "Bygger webbplatsen i en ny mapp bredvid MAPP, kontrollerar den och byter sedan MAPP "
            "(en symbolisk länk) till den nya versionen i ett steg. De tre senaste versionerna sparas."
        ),
    )
    published.add_argument(
        "--to", type=Path, required=True, metavar="MAPP", help="den publicerade mappen (en symbolisk länk)"
    )
    published.add_argument(
        "--rollback", action="store_true", help="byt tillbaka till den förra sparade versionen i stället"
    )
    published.add_argument(
        "--allow-dirty",
        action="store_true",
        help="publicera även ändringar i docs/ och data/ som inte är incheckade (versionens namn säger det)",
    )
    published.set_defaults(run=_publish)

    round_commands.register(commands, _docs_dir)
    plan_commands.register(commands, _docs_dir)

    report = commands.add_parser(
        "report", help="skapa årets uppföljningsrapport, åtgärdsplan eller tjänsteskrivelse som PDF, Word eller HTML"
    )
    report.add_argument("--year", type=int, required=True, metavar="ÅR", help="uppföljningsår, t.ex. 2021")
    report.add_argument(
        "--document",
        # The English names the commands' other options use are accepted too (letter = skrivelse).
        type=lambda name: DOCUMENT_ALIASES.get(name.strip().lower(), name.strip().lower()),
        choices=("uppfoljning", "plan", "skrivelse"),
        default="uppfoljning",
        metavar="DOKUMENT",
        help=(
            "uppfoljning (standard): uppföljningsrapporten; plan: Åtgärdsplan mot segregation ÅR; "
            "skrivelse (eller letter): utkast till tjänsteskrivelsen till kommunstyrelsen om planen ÅR+1 "
            "och uppföljningen ÅR"
        ),
    )
    report.add_argument(
        "--format",
        choices=("pdf", "docx", "html"),
        required=True,
        metavar="FORMAT",
        help="filformat: pdf, docx eller html",
    )
    report.add_argument("--output", type=Path, required=True, metavar="FIL", help="filen som ska skapas")
    report.add_argument(
        "--draft",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="märk rapporten som utkast (standard: utkast när året inte är fastställt)",
    )
    report.set_defaults(run=_report)
    return parser


def _find_root(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        if (folder / CONFIG_FILE).is_file():
            return folder
    return None


def _docs_dir(root: Path) -> str:
    return settings.docs_dir(root / CONFIG_FILE)


def _check(root: Path, arguments: argparse.Namespace) -> int:
    loaded = load_checked(root)
    if loaded is None:
        return 1
    years = ", ".join(f"{len(loaded.of_year(year))} för {year}" for year in loaded.years) or "inga"
    print(f"Inga problem. Åtgärdssidor: {years}. {pipeline.VOCABULARY_FILE} är i ordning.")
    return 0


def _new(root: Path, arguments: argparse.Namespace) -> int:
    from actionplan.editing.file_transaction import WriteFailed, writing
    from actionplan.editing.scaffold import ScaffoldRefused, scaffold

    if arguments.from_file is not None:
        given = [name for name in ("area", "title", "measure_id", "continues") if getattr(arguments, name)]
        if given:
            print(
                f"Med --from kommer åtgärderna ur formuläret; ta bort --{given[0].replace('measure_', '')}.",
                file=sys.stderr,
            )
            return 2
        return plan_commands.new_from(root, arguments, _docs_dir(root))
    missing = [name for name in ("year", "area", "title") if getattr(arguments, name) is None]
    if missing:
        print(
            f"atgardsplan new behöver --{', --'.join(missing)} (eller --from FIL med ett ifyllt planformulär).",
            file=sys.stderr,
        )
        return 2
    if arguments.apply:
        print("--apply hör till --from FIL.", file=sys.stderr)
        return 2

    try:
        with writing(root, "new") as writer:
            say_recovered(writer)
            vocabulary, problems = load_vocabulary(root / pipeline.VOCABULARY_FILE, pipeline.VOCABULARY_FILE)
            if problems or vocabulary is None:
                print(report(problems), file=sys.stderr)
                return 1
            made = scaffold(
                writer,
                root / _docs_dir(root),
                root / glue_loader.PAGE_TEMPLATES,
                vocabulary,
                arguments.year,
                arguments.area,
                arguments.title,
                arguments.measure_id,
                _numbers(arguments.continues),
            )
    except (ScaffoldRefused, WriteFailed) as refusal:
        print(f"Ingen sida skapades: {refusal}", file=sys.stderr)
        return 1
    shown = (
        f" som fortsätter {', '.join(arguments_continues)}"
        if (arguments_continues := _numbers(arguments.continues))
        else ""
    )
    print(f"Skapade {made.page.relative_to(root).as_posix()} (åtgärd {made.measure_id}{shown}).")
    if made.area_page:
        print(f"Skapade också översiktssidan {made.area_page.relative_to(root).as_posix()}.")
    print("Fyll i fälten där det står FYLL I och kontrollera sedan med: atgardsplan check")
    return 0


def _numbers(text: str | None) -> tuple[str, ...]:
    """'1.4, 1.5' -> ('1.4', '1.5'): measure numbers as an editor types a list of them."""
    return tuple(part.strip() for part in (text or "").replace(";", ",").split(",") if part.strip())


def _new_year(root: Path, arguments: argparse.Namespace) -> int:
    from actionplan.editing import new_year
    from actionplan.editing.file_transaction import WriteFailed, writing

    docs_dir = _docs_dir(root)
    try:
        with writing(root, "new-year") as writer:
            say_recovered(writer)
            templates = root / glue_loader.PAGE_TEMPLATES
            started = new_year.start(writer, docs_dir, templates, arguments.year, glue_loader.call_scanner(root))
    except (new_year.NewYearRefused, WriteFailed) as refusal:
        print(f"Inget skrevs: {refusal}", file=sys.stderr)
        return 1
    # Not expected to fail: the tree was whole before. If it does, its problems are said rather than hidden.
    loaded = load_checked(root)
    if loaded is None:
        return 1
    print(new_year.summary(started, loaded.vocabulary, loaded))
    return 0


def _adopt(root: Path, arguments: argparse.Namespace) -> int:
    from actionplan.editing import adopt_year
    from actionplan.editing.file_transaction import WriteFailed, writing

    try:
        with writing(root, "adopt") as writer:
            say_recovered(writer)
            adopted = adopt_year.adopt(
                writer,
                _docs_dir(root),
                arguments.year,
                arguments.date,
                arguments.document,
                glue_loader.call_scanner(root),
            )
    except WriteFailed as failure:
        print(f"Inget skrevs: {failure}", file=sys.stderr)
        return 1
    except adopt_year.AdoptRefused as refusal:
        print(f"Inget skrevs: {refusal.headline}", file=sys.stderr)
        for reason in refusal.reasons:
            print(f"- {reason}", file=sys.stderr)
        return 1
    loaded = load_checked(root)
    if loaded is None:
        return 1
    print(adopt_year.summary(adopted, loaded.vocabulary))
    return 0


def _publish(root: Path, arguments: argparse.Namespace) -> int:
    from actionplan.publishing import publish_site

    return publish_site.run(root, arguments)


def _report(root: Path, arguments: argparse.Namespace) -> int:
    from actionplan.report.documents import DocumentRefused, write_document

    loaded = load_checked(root)
    if loaded is None:
        return 1
    try:
        write_document(loaded, arguments.year, arguments.format, arguments.output, arguments.draft, arguments.document)
    except DocumentRefused as refusal:
        print(f"Ingen rapport skapades: {refusal}", file=sys.stderr)
        return 1
    what = {"uppfoljning": "uppföljningen", "plan": "åtgärdsplanen", "skrivelse": "tjänsteskrivelsen om uppföljningen"}
    print(f"Skapade {arguments.output} ({what[arguments.document]} {arguments.year}, {arguments.format}).")
    return 0

"""The editors' commands: `atgardsplan check`, `atgardsplan new` and `atgardsplan publish` (publish.py).

`check` runs exactly the validation of a site build, without building, and
prints the same lines. `new` scaffolds a measure page with the next free
number. Messages are in Swedish; exit status 0 means all is well.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from actionplan import catalogue, publish
from actionplan.problems import report
from actionplan.scaffold import ScaffoldRefused, scaffold
from actionplan.vocabulary import load as load_vocabulary

CONFIG_FILE = "mkdocs.yml"


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    arguments = parser.parse_args(argv)
    root = arguments.root or _find_root(Path.cwd())
    if root is None:
        print(
            f"Hittar ingen {CONFIG_FILE} här eller i mapparna ovanför. Kör kommandot i projektets mapp.",
            file=sys.stderr,
        )
        return 2
    return arguments.run(root, arguments)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="atgardsplan",
        description="Verktyg för redaktörer av åtgärdsplanen mot segregation.",
    )
    parser.add_argument("--root", type=Path, help=f"projektets mapp (där {CONFIG_FILE} finns)")
    commands = parser.add_subparsers(required=True, metavar="kommando")

    check = commands.add_parser("check", help="kontrollera alla åtgärdssidor och data/measures.yml")
    check.set_defaults(run=_check)

    new = commands.add_parser("new", help="skapa en ny åtgärdssida med nästa lediga nummer")
    new.add_argument("--year", type=int, required=True, help="uppföljningsår, t.ex. 2022")
    new.add_argument("--area", type=int, required=True, help="utvecklingsområde, 1–5")
    new.add_argument("--title", required=True, help="åtgärdens titel")
    new.set_defaults(run=_new)

    publish.register(commands)
    return parser


def _find_root(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        if (folder / CONFIG_FILE).is_file():
            return folder
    return None


def _docs_dir(root: Path) -> str:
    """The docs folder that mkdocs.yml names, read without the site generator (default docs)."""
    text = (root / CONFIG_FILE).read_text(encoding="utf-8")
    match = re.search(r"""^docs_dir:\s*["']?([^"'\s#]+)""", text, flags=re.MULTILINE)
    return match[1] if match else catalogue.DOCS_DIR


def _check(root: Path, arguments: argparse.Namespace) -> int:
    loaded, problems = catalogue.load(root, docs_dir=_docs_dir(root))
    if problems:
        print(report(problems), file=sys.stderr)
        return 1
    years = ", ".join(f"{len(loaded.of_year(year))} för {year}" for year in loaded.years) or "inga"
    print(f"Inga problem. Åtgärdssidor: {years}. {catalogue.VOCABULARY_FILE} är i ordning.")
    return 0


def _new(root: Path, arguments: argparse.Namespace) -> int:
    vocabulary, problems = load_vocabulary(root / catalogue.VOCABULARY_FILE, catalogue.VOCABULARY_FILE)
    if problems:
        print(report(problems), file=sys.stderr)
        return 1
    try:
        made = scaffold(root / _docs_dir(root), vocabulary, arguments.year, arguments.area, arguments.title)
    except ScaffoldRefused as refusal:
        print(f"Ingen sida skapades: {refusal}", file=sys.stderr)
        return 1
    print(f"Skapade {made.page.relative_to(root).as_posix()} (åtgärd {made.measure_id}).")
    if made.area_page:
        print(f"Skapade också översiktssidan {made.area_page.relative_to(root).as_posix()}.")
    print("Fyll i fälten där det står FYLL I och kontrollera sedan med: atgardsplan check")
    return 0

"""Time and peak memory of a follow-up round: `forms`, then `import` (preview) and `import --apply`.

A synthetic open year of N measures, answered by A administrations (every
seventh measure shared by two), as `new-year` leaves it: status, comment and
next year empty, with the hints behind them. Every form is filled in with
openpyxl (status, a comment over two lines, next year), then imported from
its folder. Each command runs as a process of its own, started by a small
process that reports what the kernel counted for it (wall time, CPU time,
peak resident memory), so that the benchmark's own memory is not counted.

    .venv/bin/python bench/import_round.py --rounds 60:8 3000:100 --runs 3
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import openpyxl

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchmark import copy_project_code, with_follow_ups  # noqa: E402

PROJECT = Path(__file__).resolve().parents[1]
YEAR = 2030
ENVIRONMENT = {"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
_MEASURE = """
import json, os, subprocess, sys, time
started = time.perf_counter()
process = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
err = process.stderr.read()
_, status, usage = os.wait4(process.pid, 0)
if os.waitstatus_to_exitcode(status) != 0:
    sys.exit(err.decode())
print(json.dumps({"seconds": time.perf_counter() - started, "cpu": usage.ru_utime + usage.ru_stime,
                  "peak_mib": usage.ru_maxrss / 1024}))
"""


def administration(index: int) -> str:
    return f"F{index:03d}"


def make_project(root: Path, measures: int, administrations: int) -> Path:
    project = root / "project"
    copy_project_code(project)
    vocabulary = project / "data/measures.yml"
    text = vocabulary.read_text(encoding="utf-8")
    start = text.index("administrations:\n") + len("administrations:\n")
    end = text.index("\n# Hur åtgärden hanteras")
    names = "".join(f"  - abbreviation: {administration(i)}\n" for i in range(administrations))
    text = text[:start] + names + text[end:]
    text = with_follow_ups(text, f"  - year: {YEAR}\n    title: Syntetisk uppföljning\n")
    vocabulary.write_text(text, encoding="utf-8")
    docs = project / "docs" / str(YEAR) / "atgarder"
    docs.mkdir(parents=True)
    shutil.copytree(PROJECT / "docs/assets", project / "docs/assets")
    (project / "docs/index.md").write_text("# Start\n", encoding="utf-8")
    per_area = measures // 5
    for area in range(1, 6):
        (project / f"docs/{YEAR}/utvecklingsomrade-{area}.md").write_text(
            f'---\ntitle: "Utvecklingsområde {area}"\nrender_macros: true\n---\n\n'
            f"{{{{ area_overview({YEAR}, {area}) }}}}\n",
            encoding="utf-8",
        )
        for number in range(1, per_area + 1):
            n = (area - 1) * per_area + number
            owners = [administration(n % administrations)]
            if n % 7 == 0:
                owners.append(administration((n + 1) % administrations))
            (docs / f"{area}-{number}.md").write_text(
                f'---\nid: "{area}.{number}"\ntitle: "Syntetisk åtgärd {area}.{number}"\narea: {area}\n'
                f'districts: [Berga]\nresponsible: {json.dumps(owners)}\nfinancing: "Inom ram."\n'
                "status:  # tomt = Ej uppföljd; fyll i vid uppföljningen en av: genomford, pagar, ej_genomford\n"
                "comment:  # kommentar till statusen, inom citattecken\n"
                "next_year:  # tomt = Ej beslutad; fyll i en av: vidmakthallen, vidareutvecklad\n---\n\n"
                f"Beskrivning av åtgärd {area}.{number}, med samverkan mellan förvaltningarna.\n",
                encoding="utf-8",
            )
    return project


def fill(folder: Path) -> int:
    """Answer every row of every form as an administration would; the number of forms."""
    forms = sorted(folder.glob("*.xlsx"))
    for path in forms:
        workbook = openpyxl.load_workbook(path)
        sheet = workbook["Uppföljning"]
        letters = {cell.value: cell.column_letter for cell in sheet[4] if cell.value}
        for row in range(5, sheet.max_row + 1):
            sheet[f"{letters['Status']}{row}"] = "pågår"
            sheet[f"{letters['Kommentar']}{row}"] = f"Arbetet pågår ({path.stem}).\nMer under hösten."
            sheet[f"{letters['I planen för nästa år']}{row}"] = "Vidmakthållen"
        workbook.save(path)
    return len(forms)


def measured(*arguments: str) -> dict:
    command = [str(Path(sys.executable).parent / "atgardsplan"), *arguments]
    result = subprocess.run([sys.executable, "-c", _MEASURE, *command], capture_output=True, text=True, env=ENVIRONMENT)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(arguments)} failed:\n{result.stdout}{result.stderr}")
    return json.loads(result.stdout)


def one_round(measures: int, administrations: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-round-") as folder:
        project = make_project(Path(folder), measures, administrations)
        forms = Path(folder) / "svar"
        made = measured("--root", str(project), "forms", "--year", str(YEAR), "--output", str(forms))
        count = fill(forms)
        preview = measured("--root", str(project), "import", str(forms))
        applied = measured("--root", str(project), "import", str(forms), "--apply")
        return {"forms": count, "write_forms": made, "preview": preview, "apply": applied}


def spread(values: list[float], digits: int = 2) -> str:
    f = f"{{:.{digits}f}}"
    return f"{f.format(statistics.median(values))} ({f.format(min(values))}–{f.format(max(values))})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", nargs="+", default=["60:8", "3000:100"], help="MEASURES:ADMINISTRATIONS")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also write every raw figure here")
    arguments = parser.parse_args()
    rows = []
    for spec in arguments.rounds:
        measures, administrations = (int(part) for part in spec.split(":"))
        runs = [one_round(measures, administrations) for _ in range(arguments.runs)]
        for run in runs:
            print(f"{spec}: {run}", file=sys.stderr)
        rows.append((measures, runs))
    if arguments.json:
        arguments.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    print("| Measures | Forms | Step | Wall (s) | CPU (s) | Peak (MiB) |")
    print("| ---: | ---: | --- | ---: | ---: | ---: |")
    for measures, runs in rows:
        steps = (("write_forms", "`forms`"), ("preview", "`import` (preview)"), ("apply", "`import --apply`"))
        for step, label in steps:
            print(
                f"| {measures} | {runs[0]['forms']} | {label} | {spread([r[step]['seconds'] for r in runs])} "
                f"| {spread([r[step]['cpu'] for r in runs])} | {spread([r[step]['peak_mib'] for r in runs], 0)} |"
            )


if __name__ == "__main__":
    main()

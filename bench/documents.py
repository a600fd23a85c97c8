"""Time the year's documents on synthetic sites: the follow-up's PDF tagged (PDF/UA-1 + PDF/A-2a, as published)
against the same HTML printed untagged, and the Word files, the plan and the letter.

For each size the synthetic project of bench/benchmark.py is made, its
report built once, and then, alternating tagged and untagged so that the
machine's drift touches both, each PDF is printed in a fresh process
(`one` below) that reports its wall time and peak memory. The tagged PDF is
what `atgardsplan publish` writes; the untagged one is the same document
with WeasyPrint's plain output, which is what the report was before it was
tagged (its HTML aside). The target: the tagged PDF of 3,000 measures at
most 1.5 times the untagged one.

    .venv/bin/python bench/documents.py --sizes 60 600 3000 --runs 3
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchmark import YEAR, make_sites  # noqa: E402

KINDS = ("tagged", "untagged", "docx", "plan-pdf", "plan-docx", "letter-docx")


def one(root: str, kind: str, output: str) -> None:
    """Write one document of the project at `root` in this process; print seconds and peak MiB as JSON."""
    from actionplan import pipeline
    from actionplan.report import docx, letter, pdf, report_html, report_model

    project = Path(root)
    catalogue = pipeline.load(project, "docs", None)
    assert not hasattr(catalogue, "items"), catalogue
    started = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_SELF)
    cpu_before = before.ru_utime + before.ru_stime
    if kind in ("tagged", "untagged", "docx"):
        report = report_model.build(catalogue, YEAR)  # type: ignore[arg-type]
    if kind == "tagged":
        pdf.write(report, Path(output))
    elif kind == "untagged":
        from weasyprint import HTML, URLFetcher

        faces = pdf.installed_faces()
        css = "\n".join((pdf.font_faces(faces), report_html.print_stylesheet(), pdf.term_columns(report, faces)))
        document = report_html.document(report, css, icon_images=True)
        fetcher = URLFetcher(allowed_protocols=("file", "data"))
        with pdf._collector_paused():
            HTML(string=document, base_url=project.resolve().as_uri() + "/", url_fetcher=fetcher).write_pdf(output)
    elif kind == "docx":
        docx.write(report, Path(output))
    elif kind == "plan-pdf":
        pdf.write(report_model.build_plan(catalogue, YEAR), Path(output))  # type: ignore[arg-type]
    elif kind == "plan-docx":
        docx.write(report_model.build_plan(catalogue, YEAR), Path(output))  # type: ignore[arg-type]
    else:
        docx.write_letter(letter.build(catalogue, YEAR), Path(output))  # type: ignore[arg-type]
    seconds = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_SELF)
    # CPU seconds besides wall time: on a shared machine the wall time of one run swings by 2x, the CPU time less.
    cpu = usage.ru_utime + usage.ru_stime - cpu_before
    print(json.dumps({"seconds": seconds, "cpu_seconds": cpu, "peak_mib": usage.ru_maxrss / 1024}))


def timed(root: Path, kind: str, output: Path) -> dict:
    result = subprocess.run(
        [sys.executable, __file__, "--one", str(root), kind, str(output)],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"},
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[60, 600, 3000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--kinds", nargs="+", default=list(KINDS), choices=KINDS, help="documents to time")
    parser.add_argument("--one", nargs=3, metavar=("ROOT", "KIND", "OUTPUT"), help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.one:
        one(*arguments.one)
        return
    print("| Measures | Document | Seconds, median (min-max) | CPU seconds | Peak MiB | Tagged / untagged (CPU) |")
    print("| ---: | --- | --- | --- | ---: | ---: |")
    for size in arguments.sizes:
        with tempfile.TemporaryDirectory(prefix="bench-documents-") as folder:
            _, config = make_sites(Path(folder), size)
            root = config.parent
            kinds = [kind for kind in KINDS if kind in arguments.kinds]
            runs: dict[str, list[dict]] = {kind: [] for kind in kinds}
            for run in range(arguments.runs):
                # Tagged and untagged alternate first and second; the rest once per run.
                paired = [kind for kind in ("tagged", "untagged") if kind in kinds]
                order = paired if run % 2 == 0 else paired[::-1]
                for kind in [*order, *(k for k in kinds if k not in paired)]:
                    runs[kind].append(timed(root, kind, Path(folder) / f"{kind}-{run}.out"))
                    print(f"{size} {kind} run {run + 1}: {runs[kind][-1]}", file=sys.stderr)
            ratios = [
                t["cpu_seconds"] / u["cpu_seconds"]
                for t, u in zip(runs.get("tagged", []), runs.get("untagged", []), strict=False)
            ]
            for kind in kinds:
                seconds = [r["seconds"] for r in runs[kind]]
                peak = statistics.median(r["peak_mib"] for r in runs[kind])
                ratio = (
                    f"{statistics.median(ratios):.2f} ({min(ratios):.2f}-{max(ratios):.2f})"
                    if kind == "tagged" and ratios
                    else ""
                )
                print(
                    f"| {size} | {kind} | {statistics.median(seconds):.2f} ({min(seconds):.2f}-{max(seconds):.2f}) "
                    f"| {statistics.median(r['cpu_seconds'] for r in runs[kind]):.2f} | {peak:.0f} | {ratio} |"
                )


if __name__ == "__main__":
    main()

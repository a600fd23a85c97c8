"""Build synthetic sites of thousands of measures and compare with plain Material.

For each size, two sites hold the same Markdown pages:

* "plain": Material for MkDocs with its search, nothing else; front matter is
  only metadata, and macro calls stay as text;
* "ours": the real configuration (hooks.py, macros.py, the package), which
  validates every measure, adds facet pages and aggregates.

Both have the same navigation and keep measure pages out of it, as the real
site does. Each
build runs in its own process (best of --runs for time, peak resident memory
of that run). Results are printed as a Markdown table of ratios.

    .venv/bin/python bench/benchmark.py --sizes 1000 3000 --runs 3
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
DISTRICTS = ["Berga", "Ryd", "Skäggetorp"]
ADMINISTRATIONS = ["SOF", "KLF (säkerhetsenheten)", "UAF", "KoF", "MoS (PK)", "VSS"]
STATUSES = ["genomford", "pagar", "pagar", "ej_genomford"]
DISPOSITIONS = ["vidmakthallen", "vidareutvecklad", "ingar_i_annan", "utgar", "utgar_genomford"]
YEAR = 2030
FOLLOW_UP = f"""  - year: {YEAR}
    title: Syntetisk uppföljning
    document: benchmark
    date: "2031-01-01"
"""

PLAIN_CONFIG = """site_name: Åtgärdsplan mot segregation
docs_dir: docs
use_directory_urls: true
theme:
  name: material
  language: sv
  font: false
markdown_extensions: [attr_list, tables, admonition, toc]
plugins:
  - search:
      lang: sv
not_in_nav: |
  /*/atgarder/
nav:
  - Start: index.md
  - Uppföljning {year}:
      - 1. Område: {year}/utvecklingsomrade-1.md
      - 2. Område: {year}/utvecklingsomrade-2.md
      - 3. Område: {year}/utvecklingsomrade-3.md
      - 4. Område: {year}/utvecklingsomrade-4.md
      - 5. Område: {year}/utvecklingsomrade-5.md
      - Alla åtgärder: {year}/alla-atgarder.md
      - Statistik: {year}/statistik.md
  - Redaktörsguide: redaktorsguide.md
"""


def measure_page(area: int, number: int) -> str:
    n = area * 1000 + number
    return f"""---
id: "{area}.{number}"
title: "Syntetisk åtgärd {area}.{number} om trygghet och fritidsbanker"
area: {area}
districts: [{", ".join(DISTRICTS[: 1 + n % 3])}]
responsible: ["{ADMINISTRATIONS[n % len(ADMINISTRATIONS)]}"]
financing: "Genomförs inom ram. {2020 + n % 4}."
status: {STATUSES[n % len(STATUSES)]}
comment: "Arbetet pågår enligt plan, med samverkan mellan förvaltningarna och civilsamhället."
next_year: {DISPOSITIONS[n % len(DISPOSITIONS)]}
next_year_text: "Vidmakthållen åtgärd {YEAR + 1}."
---

Beskrivning av åtgärd {area}.{number}. Mötesplatser, dansbanor och läxhjälp i områdena.
Genomförs i samverkan med föreningar och fastighetsägare.

Ett andra stycke med mer text om genomförandet, uppföljningen och vilka som deltar.
"""


def area_page(area: int) -> str:
    return f"""---
title: "Utvecklingsområde {area}"
render_macros: true
---

# Utvecklingsområde {area}

{{{{ area_overview({YEAR}, {area}) }}}}
"""


def make_sites(root: Path, size: int) -> tuple[Path, Path]:
    """Write the two synthetic projects; return their mkdocs.yml paths."""
    ours = root / "ours"
    for name in ["data", "overrides", "actionplan", "glue", "hooks.py", "macros.py", "mkdocs.yml"]:
        source = PROJECT / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, ours / name)
    vocabulary = ours / "data/measures.yml"
    text = vocabulary.read_text(encoding="utf-8")
    start = text.index("follow_ups:\n") + len("follow_ups:\n")
    end = text.index("\n# Senare åtgärdsplaner")
    vocabulary.write_text(text[:start] + FOLLOW_UP + text[end:], encoding="utf-8")
    docs = ours / "docs"
    (docs / str(YEAR) / "atgarder").mkdir(parents=True)
    shutil.copytree(PROJECT / "docs/assets", docs / "assets")
    (docs / "index.md").write_text(
        f"---\ntitle: Start\nrender_macros: true\n---\n\n# Start\n\n{{{{ year_tally({YEAR}) }}}}\n", encoding="utf-8"
    )
    (docs / "redaktorsguide.md").write_text("# Redaktörsguide\n", encoding="utf-8")
    (docs / str(YEAR) / "statistik.md").write_text(
        f"---\ntitle: Statistik\nrender_macros: true\n---\n\n{{{{ statistics({YEAR}) }}}}\n", encoding="utf-8"
    )
    (docs / str(YEAR) / "alla-atgarder.md").write_text(
        f"---\ntitle: Alla\nsearch:\n  exclude: true\nrender_macros: true\n---\n\n{{{{ all_measures({YEAR}) }}}}\n",
        encoding="utf-8",
    )
    per_area = size // 5
    for area in range(1, 6):
        (docs / f"{YEAR}/utvecklingsomrade-{area}.md").write_text(area_page(area), encoding="utf-8")
        for number in range(1, per_area + 1):
            (docs / f"{YEAR}/atgarder/{area}-{number}.md").write_text(measure_page(area, number), encoding="utf-8")
    plain = root / "plain"
    shutil.copytree(docs, plain / "docs")
    (plain / "mkdocs.yml").write_text(PLAIN_CONFIG.format(year=YEAR), encoding="utf-8")
    return plain / "mkdocs.yml", ours / "mkdocs.yml"


def build_once(config: Path) -> dict:
    site = config.parent / "site"
    result = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("measure_build.py")), str(config), str(site)],
        capture_output=True,
        text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
        cwd=config.parent,
    )
    if result.returncode != 0:
        raise SystemExit(f"build of {config} failed:\n{result.stdout}\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def best_of(config: Path, runs: int) -> dict:
    results = [build_once(config) for _ in range(runs)]
    fastest = min(results, key=lambda r: r["seconds"])
    return {"seconds": fastest["seconds"], "peak_mib": max(r["peak_mib"] for r in results)}


def check_seconds(project: Path) -> float:
    command = Path(sys.executable).parent / "atgardsplan"
    started = time.perf_counter()
    subprocess.run([str(command), "--root", str(project), "check"], check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 3000])
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()
    rows = []
    for size in arguments.sizes:
        with tempfile.TemporaryDirectory(prefix="bench-") as folder:
            plain_config, our_config = make_sites(Path(folder), size)
            plain = best_of(plain_config, arguments.runs)
            ours = best_of(our_config, arguments.runs)
            check = check_seconds(our_config.parent)
        rows.append((size, plain, ours, check))
        print(f"{size} measures: plain {plain}, ours {ours}, check {check:.2f} s", file=sys.stderr)
    print(
        "| Measures | Plain Material (s) | This site (s) | Time ratio | Plain peak (MiB) | This site peak (MiB) "
        "| Memory ratio | `atgardsplan check` (s) |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for size, plain, ours, check in rows:
        print(
            f"| {size} | {plain['seconds']:.1f} | {ours['seconds']:.1f} | {ours['seconds'] / plain['seconds']:.2f} "
            f"| {plain['peak_mib']:.0f} | {ours['peak_mib']:.0f} | {ours['peak_mib'] / plain['peak_mib']:.2f} "
            f"| {check:.2f} |"
        )


if __name__ == "__main__":
    main()

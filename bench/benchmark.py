"""Compare this site's build with plain Material for MkDocs building the same measure pages.

For each size, two projects hold the same Markdown pages:

* "plain": Material with its search and this project's own theme settings
  (mkdocs.yml without the hooks, the macros plugin and the template
  overrides): same features, palette, Markdown extensions, search options,
  edit links, stylesheets and scripts, the same navigation with the measure
  pages out of it. Front matter is only metadata there and macro calls stay
  as text;
* "ours": the real configuration, which validates every measure and adds the
  facts panel, lineage, overviews, facet pages, all measures, statistics, the
  report page and the exports (not the PDF and Word documents: those are
  made when publishing, and timed by --publish).

The builds alternate (plain, ours, then ours, plain, ...) so that the
machine's drift touches both alike, and neither always runs first; each
build runs in a fresh process (bench/measure_build.py), which reports its
wall time and peak resident memory. Medians and min-max are printed as
Markdown tables, with each run's paired time ratio (its two builds were
taken back to back), output sizes, `atgardsplan check` times, a fitted exponent of time against size,
and optionally the publish time and the serve reload time on the real
content.

    .venv/bin/python bench/benchmark.py --sizes 60 600 3000 10000 --runs 5 --publish 3000 --reload 5
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import yaml

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
ENVIRONMENT = {"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}


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


def copy_project_code(destination: Path) -> None:
    """The real project's code, theme overrides, data and settings, under a synthetic project's pages."""
    for name in ["data", "overrides", "actionplan", "glue", "hooks.py", "macros.py", "mkdocs.yml"]:
        source = PROJECT / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, destination / name)


def with_follow_ups(vocabulary: str, follow_ups: str) -> str:
    """data/measures.yml's text with its follow-up years replaced by `follow_ups` (later plans kept)."""
    start = vocabulary.index("follow_ups:\n") + len("follow_ups:\n")
    end = vocabulary.index("\n# Senare åtgärdsplaner")
    return vocabulary[:start] + follow_ups + vocabulary[end:]


def make_sites(root: Path, size: int) -> tuple[Path, Path]:
    """Write the two synthetic projects; return their mkdocs.yml paths."""
    ours = root / "ours"
    copy_project_code(ours)
    vocabulary = ours / "data/measures.yml"
    vocabulary.write_text(with_follow_ups(vocabulary.read_text(encoding="utf-8"), FOLLOW_UP), encoding="utf-8")
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
    # The report page is made by this site; plain Material gets a page of its own in the same place.
    (plain / f"docs/{YEAR}/rapport.md").write_text("# Rapport\n\nRapporten.\n", encoding="utf-8")
    (plain / "mkdocs.yml").write_text(plain_config(ours / "mkdocs.yml"), encoding="utf-8")
    return plain / "mkdocs.yml", ours / "mkdocs.yml"


def plain_config(ours: Path) -> str:
    """This project's mkdocs.yml as plain Material: no hooks, macros or overrides, the same nav written out."""
    from mkdocs.utils.yaml import yaml_load  # resolves the !ENV tags as a build would

    with ours.open(encoding="utf-8") as stream:
        config = yaml_load(stream)
    for key in ("hooks", "watch"):
        config.pop(key, None)
    config["theme"].pop("custom_dir", None)
    config["plugins"] = [p for p in config["plugins"] if "macros" not in (p if isinstance(p, dict) else {p: 0})]
    areas = yaml.safe_load((ours.parent / "data/measures.yml").read_text(encoding="utf-8"))["areas"]
    year_section = [{f"{a['number']}. {a['title']}": f"{YEAR}/utvecklingsomrade-{a['number']}.md"} for a in areas]
    year_section += [
        {"Alla åtgärder": f"{YEAR}/alla-atgarder.md"},
        {"Statistik": f"{YEAR}/statistik.md"},
        {"Rapport": f"{YEAR}/rapport.md"},
    ]
    config["nav"] = config["nav"][:1] + [{f"Uppföljning {YEAR}": year_section}] + config["nav"][1:]
    config["not_in_nav"] = f"/{YEAR}/atgarder/\n"
    return yaml.safe_dump(config, allow_unicode=True, sort_keys=False)


# One build ------------------------------------------------------------------


def build_once(config: Path) -> dict:
    site = config.parent / "site"
    shutil.rmtree(site, ignore_errors=True)
    result = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("measure_build.py")), str(config), str(site)],
        capture_output=True,
        text=True,
        env=ENVIRONMENT,
        cwd=config.parent,
    )
    if result.returncode != 0:
        raise SystemExit(f"build of {config} failed:\n{result.stdout}\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def output_sizes(site: Path) -> dict:
    """Bytes of the whole output, of measure pages (median, and 1.1's) and of the search index per measure."""
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    pages = sorted(p.stat().st_size for p in site.glob(f"{YEAR}/atgarder/*/index.html"))
    index = site / "search/search_index.json"
    docs = json.loads(index.read_text(encoding="utf-8"))["docs"]
    measure_entries = [d for d in docs if "/atgarder/" in d["location"]]
    measure_bytes = sum(len(json.dumps(d, separators=(",", ":"))) for d in measure_entries)
    return {
        "output_mib": total / 2**20,
        "measure_page_median": statistics.median(pages),
        "measure_page_1_1": (site / f"{YEAR}/atgarder/1-1/index.html").stat().st_size,
        "index_kib": index.stat().st_size / 1024,
        "index_per_measure": measure_bytes / len(pages),
        "index_entries": len(docs),
    }


def command_seconds(arguments: list[str], cwd: Path, runs: int, extra_env: dict | None = None) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(arguments, check=True, capture_output=True, cwd=cwd, env={**ENVIRONMENT, **(extra_env or {})})
        times.append(time.perf_counter() - started)
    return times


def atgardsplan(*arguments: str) -> list[str]:
    return [str(Path(sys.executable).parent / "atgardsplan"), *arguments]


# Serve reload ---------------------------------------------------------------


def reload_seconds(runs: int) -> list[float]:
    """From saving an edit of a real measure page to `mkdocs serve` serving the page with it (polled every 10 ms)."""
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as folder:
        project = Path(folder) / "project"
        shutil.copytree(
            PROJECT,
            project,
            ignore=shutil.ignore_patterns(".git", ".venv", "node_modules", "site", "bench", "tests", "__pycache__"),
        )
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            env=ENVIRONMENT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,  # a pipe nobody reads would fill up and stall the server
            start_new_session=True,
        )
        page = project / "docs/2021/atgarder/1-4.md"
        url = f"http://127.0.0.1:{port}/2021/atgarder/1-4/"
        original = page.read_text(encoding="utf-8")
        times = []
        try:
            _wait_for(url, "1.4", timeout=120)
            for run in range(runs):
                word = f"Mätord{run}x{os.getpid()}"
                # Let the watcher settle after the previous rebuild; the random part spreads the saves
                # over MkDocs' polling of the files (every 0.5 s), as an editor's saves fall.
                time.sleep(1.5 + random.random() * 0.5)
                started = time.perf_counter()
                page.write_text(original + f"\n{word}\n", encoding="utf-8")
                _wait_for(url, word, timeout=60)
                times.append(time.perf_counter() - started)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
    return times


def _wait_for(url: str, text: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if text in response.read().decode("utf-8"):
                    return
        except OSError:
            pass
        time.sleep(0.01)
    raise SystemExit(f"{url} never showed {text!r}")


# Report ---------------------------------------------------------------------


def spread(values: list[float], digits: int = 1) -> str:
    """Median and min-max, e.g. "6.1 (5.9-6.4)"."""
    f = f"{{:.{digits}f}}"
    return f"{f.format(statistics.median(values))} ({f.format(min(values))}–{f.format(max(values))})"


def fitted_exponent(sizes: list[int], seconds: list[float]) -> float:
    """Least-squares slope of log(time) against log(size): 1.0 is linear."""
    xs = [math.log(s) for s in sizes]
    ys = [math.log(t) for t in seconds]
    mx, my = statistics.mean(xs), statistics.mean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[60, 600, 3000, 10000])
    parser.add_argument("--runs", type=int, default=5, help="builds of each kind per size, alternating")
    parser.add_argument("--check-runs", type=int, default=5)
    parser.add_argument("--publish", type=int, nargs="*", default=[], help="sizes at which to time publish too")
    parser.add_argument("--reload", type=int, default=0, help="serve reload measurements on the real content")
    parser.add_argument("--json", type=Path, help="also write every raw figure here")
    arguments = parser.parse_args()
    rows = []
    for size in arguments.sizes:
        with tempfile.TemporaryDirectory(prefix="bench-") as folder:
            plain_config, our_config = make_sites(Path(folder), size)
            plain, ours = [], []
            for run in range(arguments.runs):
                # A B, B A, A B, ...: neither kind always runs first (after the other's files were written).
                if run % 2 == 0:
                    plain.append(build_once(plain_config))
                    ours.append(build_once(our_config))
                else:
                    ours.append(build_once(our_config))
                    plain.append(build_once(plain_config))
                print(f"{size}: run {run + 1}: plain {plain[-1]}, ours {ours[-1]}", file=sys.stderr)
            row = {
                "size": size,
                "plain": plain,
                "ours": ours,
                "plain_sizes": output_sizes(plain_config.parent / "site"),
                "our_sizes": output_sizes(our_config.parent / "site"),
                "check": command_seconds(atgardsplan("--root", ".", "check"), our_config.parent, arguments.check_runs),
            }
            if size in arguments.publish:
                target = Path(folder) / "published"
                row["publish"] = command_seconds(
                    atgardsplan("--root", ".", "publish", "--to", str(target)), our_config.parent, 1
                )
            rows.append(row)
    reload = reload_seconds(arguments.reload) if arguments.reload else []
    if arguments.json:
        arguments.json.write_text(json.dumps({"rows": rows, "reload": reload}, indent=1), encoding="utf-8")
    print_tables(rows, reload)


def print_tables(rows: list[dict], reload: list[float]) -> None:
    def seconds(builds: list[dict]) -> list[float]:
        return [b["seconds"] for b in builds]

    def mib(builds: list[dict]) -> list[float]:
        return [b["peak_mib"] for b in builds]

    print(
        "| Measures | Plain (s) | This site (s) | Time ratio | Paired time ratio "
        "| Plain peak (MiB) | This site peak (MiB) | Memory ratio |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in rows:
        time_ratio = statistics.median(seconds(r["ours"])) / statistics.median(seconds(r["plain"]))
        # Each run's two builds, taken back to back, divided: the machine's speed drifts
        # by minutes, and a pair shares its moment.
        paired = [o / p for o, p in zip(seconds(r["ours"]), seconds(r["plain"]), strict=True)]
        memory_ratio = statistics.median(mib(r["ours"])) / statistics.median(mib(r["plain"]))
        print(
            f"| {r['size']} | {spread(seconds(r['plain']), 2)} | {spread(seconds(r['ours']), 2)} | {time_ratio:.2f} "
            f"| {spread(paired, 2)} | {spread(mib(r['plain']), 0)} | {spread(mib(r['ours']), 0)} | {memory_ratio:.2f} |"
        )
    print()
    print(
        "| Measures | Output plain / ours (MiB) | Measure page plain / ours (bytes) | Search index plain / ours (KiB) "
        "| Index per measure plain / ours (bytes) | Ratio | `check` (s) | `publish` (s) |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in rows:
        p, o = r["plain_sizes"], r["our_sizes"]
        publish = f"{r['publish'][0]:.1f}" if "publish" in r else "–"
        print(
            f"| {r['size']} | {p['output_mib']:.1f} / {o['output_mib']:.1f} "
            f"| {p['measure_page_median']:.0f} / {o['measure_page_median']:.0f} "
            f"| {p['index_kib']:.0f} / {o['index_kib']:.0f} "
            f"| {p['index_per_measure']:.0f} / {o['index_per_measure']:.0f} "
            f"| {o['index_per_measure'] / p['index_per_measure']:.2f} | {spread(r['check'], 2)} | {publish} |"
        )
    fitted = [r for r in rows if r["size"] >= 600]
    if len(fitted) >= 2:
        sizes = [r["size"] for r in fitted]
        print()
        for kind in ("plain", "ours"):
            exponent = fitted_exponent(sizes, [statistics.median(seconds(r[kind])) for r in fitted])
            print(f"Fitted exponent of build time against measures ({kind}, {sizes[0]}–{sizes[-1]}): {exponent:.2f}")
    if reload:
        print()
        print(f"Serve reload on the real content, save to page served: {spread(reload, 2)} s ({len(reload)} edits)")


if __name__ == "__main__":
    main()

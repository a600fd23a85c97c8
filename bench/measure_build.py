"""Run one `mkdocs build` in this process and print its wall time and peak memory as JSON.

Run in a fresh process per build (the benchmark does), so that the peak
resident set size belongs to that build alone.
"""

from __future__ import annotations

import json
import logging
import os
import resource
import sys
import time

from mkdocs.commands.build import build
from mkdocs.config import load_config


def main(config_file: str, site_dir: str) -> None:
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    os.chdir(os.path.dirname(os.path.abspath(config_file)))
    started = time.perf_counter()
    build(load_config(config_file, site_dir=site_dir))
    elapsed = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": elapsed, "peak_mib": peak_kib / 1024}))


if __name__ == "__main__":
    main(*sys.argv[1:3])

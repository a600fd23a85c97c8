"""MkDocs hooks: forward each event to this build's `glue.build.Build`.

The project folder goes first on the import path, so that `actionplan` and
`glue` are imported from this checkout even where only the requirements
were installed (`pip install -r requirements.txt && mkdocs build`).
"""

from __future__ import annotations

import importlib
import logging
import sys
from dataclasses import dataclass
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.utils import clean_directory

PROJECT = str(Path(__file__).resolve().parent)

log = logging.getLogger("mkdocs.plugins.actionplan")


@dataclass
class _Process:
    """What outlives one build: the command (known once, before the first build) and the output folder."""

    command: str = "build"
    site_dir: str | None = None


_process = _Process()


def on_startup(*, command: str, dirty: bool) -> None:
    _process.command = command


@event_priority(100)  # before mkdocs-macros, whose macros use the loaded site
def on_config(config):
    _process.site_dir = config.site_dir
    build_module = _fresh_modules()
    build_module.Build(config, _process.command)
    return config


def _fresh_modules():
    """Import the package and the glue anew, so that `mkdocs serve` rebuilds with edited code.

    MkDocs keeps imported modules between rebuilds; without this, a change to
    the package would trigger a rebuild that still runs the old code.
    """
    # Put here, not at import: MkDocs restores sys.path after loading this file.
    if PROJECT not in sys.path:
        sys.path.insert(0, PROJECT)
    for name in [n for n in sys.modules if n.split(".")[0] in ("actionplan", "glue")]:
        del sys.modules[name]
    return importlib.import_module("glue.build")


def on_files(files, config):
    return config["actionplan"].on_files(files, config)


@event_priority(100)  # before mkdocs-macros renders the page: a measure page must never reach Jinja
def on_page_markdown(markdown, page, config, files):
    return config["actionplan"].on_page_markdown(markdown, page)


@event_priority(100)  # first, so that no other plugin reads page.content with stand-ins in it
def on_page_content(html, page, config, files):
    return config["actionplan"].on_page_content(html)


def on_post_build(config):
    return config["actionplan"].on_post_build(config)


def on_build_error(*, error) -> None:
    """Never leave a half-written or stale site behind a failed build."""
    if _process.command == "build" and _process.site_dir and Path(_process.site_dir).is_dir():
        clean_directory(_process.site_dir)
        log.info("Byggkatalogen %s har tömts eftersom bygget misslyckades.", _process.site_dir)

"""MkDocs hooks: forward each event to this build's `glue.build.Build`.

The project folder goes first on the import path, so that `actionplan` and
`glue` are imported from this checkout even where only the requirements
were installed (`pip install -r requirements.txt && mkdocs build`).
"""

from __future__ import annotations

import importlib
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.plugins import CombinedEvent, event_priority

PROJECT = str(Path(__file__).resolve().parent)


@dataclass
class _Process:
    """What outlives one build: the command and --dirty (known once, before the first build), the staging."""

    command: str = "build"
    dirty: bool = False
    # This build's glue.safe_build.StagedBuild: the output goes to a staging
    # folder and replaces site_dir only when the build succeeded.
    staged: Any = None
    # The theme's compiled templates, kept from one rebuild of `mkdocs serve` to the next.
    templates: Any = None


_process = _Process()


def on_startup(*, command: str, dirty: bool) -> None:
    _process.command = command
    _process.dirty = dirty


@event_priority(100)  # before mkdocs-macros, whose macros use the loaded site
def on_config(config):
    _process.staged = None
    build_module = _fresh_modules()
    safe_build = importlib.import_module("glue.safe_build")
    safe_build.safe_edit_links(config)
    build_module.Build(config, _process.command)
    _process.staged = safe_build.StagedBuild(config, _process.command, _process.dirty)
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


def on_env(env, config, files):
    if _process.templates is None:
        _process.templates = importlib.import_module("glue.template_cache").InMemoryBytecodeCache()
    env.bytecode_cache = _process.templates
    config["actionplan"].on_env(env)
    return env


def on_files(files, config):
    return config["actionplan"].on_files(files, config)


def on_page_read_source(page, config):
    return config["actionplan"].on_page_read_source(page)


@event_priority(100)  # before mkdocs-macros renders the page: a measure page must never reach Jinja
def on_page_markdown(markdown, page, config, files):
    return config["actionplan"].on_page_markdown(markdown, page)


@event_priority(100)  # first, so that no other plugin reads page.content with stand-ins in it
def on_page_content(html, page, config, files):
    return config["actionplan"].on_page_content(html, page)


@event_priority(100)  # before Material's search, which reads page.content here (see glue/build.py)
def _on_page_context_for_search(context, page, config, nav):
    config["actionplan"].on_page_context_for_search(page)
    return context


@event_priority(-100)  # after Material's search
def _on_page_context_for_page(context, page, config, nav):
    config["actionplan"].on_page_context(page)
    return context


on_page_context = CombinedEvent(_on_page_context_for_search, _on_page_context_for_page)


@event_priority(-100)  # last: it lets go of the page's content, which no plugin may read afterwards
def on_post_page(output, page, config):
    return config["actionplan"].on_post_page(output, page)


def on_post_template(output_content, *, template_name, config):
    # The 404 page's links, relative to the site's root (see overrides/404.html).
    return importlib.import_module("glue.accessibility").relative_404(output_content, template_name)


@event_priority(-100)  # last, once every other plugin has written its files
def on_post_build(config) -> None:
    # The exports, and when publishing (ATGARDSPLAN_DOCUMENTS=1) the report documents, are
    # files of the site too: written before the staged build is moved into place.
    config["actionplan"].on_post_build(config)
    if _process.staged is not None:
        _process.staged.finish(config)


def on_build_error(*, error) -> None:
    """A failed build leaves the previous site as it was: only the staging folder goes."""
    if _process.staged is not None:
        _process.staged.discard()

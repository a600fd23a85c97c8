"""MkDocs glue: load the plan once per build, add the generated pages, dress the measure pages.

Everything real happens in the `actionplan` package; this file only maps
MkDocs events onto `actionplan.site.Site`.
"""

from __future__ import annotations

import importlib
import logging
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.utils import CountHandler

# MkDocs puts this file's folder on sys.path only while it loads the file.
from actionplan import repolink, swap
from actionplan.site import CONFIG_KEY

# `pip install -r requirements.txt && mkdocs build`, as CI services and hosts
# build a site, does not install the project's own package: the package
# beside this file is put first on sys.path for every build (_fresh_package),
# so it is always the one that builds the site, installed or not.
_ROOT = str(Path(__file__).resolve().parent)

log = logging.getLogger("mkdocs.plugins.actionplan")

# Set by on_startup, which MkDocs calls once per command (this module lives as
# long as the process, across the rebuilds of `mkdocs serve`).
_command = "build"
_dirty = False
# A plain build writes into a staging folder beside site_dir and moves it into
# place only when it succeeded: a failed build leaves the previous site as it was.
_site_dir: str | None = None
_staging: Path | None = None


def on_startup(*, command: str, dirty: bool) -> None:
    global _command, _dirty
    _command = command
    _dirty = dirty


@event_priority(100)  # before mkdocs-macros, whose macros use the loaded site
def on_config(config):
    if not config.use_directory_urls:
        raise PluginError("actionplan: use_directory_urls must be true; the package's links assume it.")
    _safe_edit_links(config)
    site_module = _fresh_package()
    site = site_module.Site.load(Path(config.config_file_path).parent, Path(config.docs_dir))
    if site.problems:
        if _command != "serve":
            raise PluginError(site.report())
        # While previewing, every page shows the problems instead (on_page_markdown)
        # and the server keeps running. Printed rather than logged: strict mode
        # would count a logged error and stop the preview build.
        print(site.report(), file=sys.stderr)
        # Without a loaded plan, measure pages cannot be kept out of the nav.
        config.validation.nav.omitted_files = logging.DEBUG
    config[CONFIG_KEY] = site
    config.nav = site.navigation(config.nav, Path(config.docs_dir))
    _stage(config)
    return config


def _safe_edit_links(config) -> None:
    """The theme prints repo_url, edit_uri and repo_name unescaped: encode them (repolink)."""
    if not config.repo_url:
        return
    try:
        config.repo_url = repolink.check_repo_url(config.repo_url)
    except repolink.UnsafeRepoLink as problem:
        raise PluginError(str(problem)) from None
    if config.edit_uri:
        config.edit_uri = repolink.safe_url(config.edit_uri)
    if config.repo_name:
        config.repo_name = repolink.safe_name(config.repo_name)


def _stage(config) -> None:
    """Send a plain build's output to a staging folder; on_post_build moves it into place."""
    global _site_dir, _staging
    _site_dir, _staging = config.site_dir, None
    if _command == "build" and not _dirty:
        _staging = swap.staging_folder(Path(config.site_dir))
        config.site_dir = str(_staging)


def _fresh_package():
    """Import the package anew, so that `mkdocs serve` rebuilds with the edited code.

    MkDocs keeps imported modules between rebuilds; without this, a change to
    the package would trigger a rebuild that still runs the old code.
    """
    if _ROOT not in sys.path:
        sys.path.insert(0, _ROOT)
    for name in [n for n in sys.modules if n == "actionplan" or n.startswith("actionplan.")]:
        del sys.modules[name]
    return importlib.import_module("actionplan.site")


def on_files(files, config):
    site = config[CONFIG_KEY]
    for source in site.measure_sources():
        file = files.get_file_from_path(source)
        if file is not None:
            # Measure pages are reached through their area's overview, not the navigation.
            file.inclusion = InclusionLevel.NOT_IN_NAV
    for source, content in site.generated_pages().items():
        generated = File.generated(config, source, content=content, inclusion=InclusionLevel.NOT_IN_NAV)
        files.append(generated)
    return files


def on_page_markdown(markdown, page, config, files):
    site = config[CONFIG_KEY]
    if site.problems:
        return site.problem_page()
    source = page.file.src_uri
    if site.is_measure(source):
        page.title = page.meta["title"] = site.measure_title(source)
        return site.measure_markdown(source)
    # The theme prints titles without escaping them; every title from front
    # matter is escaped once, here. A label given in the navigation stays.
    if "title" in page.meta:
        escaped = site.escaped_title(page.meta["title"])
        if page.title == page.meta["title"]:
            page.title = escaped
        page.meta["title"] = escaped
    return markdown


def on_page_content(html, page, config, files):
    return config[CONFIG_KEY].unstash(html)


@event_priority(-100)  # after every other post_build step has written its files
def on_post_build(config) -> None:
    global _staging
    if _staging is None:
        return
    if config.strict and _strict_warnings():
        return  # MkDocs aborts right after this event; on_build_error discards the staging folder
    try:
        swap.move_into_place(_staging, Path(_site_dir))
    except OSError as error:
        raise PluginError(f"Det färdiga bygget kunde inte flyttas till {_site_dir}: {error}") from None
    config.site_dir, _staging = _site_dir, None


def _strict_warnings() -> bool:
    """Whether MkDocs' strict-mode counter has seen a warning (it then aborts after on_post_build)."""
    handlers = logging.getLogger("mkdocs").handlers
    return any(isinstance(h, CountHandler) and h.get_counts() for h in handlers)


def on_build_error(*, error) -> None:
    """A failed build leaves the previous site as it was: only the staging folder goes."""
    global _staging
    if _staging is not None:
        swap.remove(_staging)
        _staging = None
        log.info("Bygget misslyckades; %s är oförändrad.", _site_dir)

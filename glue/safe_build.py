"""A plain `mkdocs build` only ever replaces site_dir with a finished site; edit-link settings are made safe.

MkDocs empties site_dir at the start of a build and writes page after page;
a failure half-way (or a strict-mode warning, which MkDocs raises only
after `on_post_build`) used to leave a half-written or emptied site for the
web server to serve. Instead the build writes into a staging folder beside
site_dir, and only a finished build is moved into place
(`actionplan.publishing.folder_swap`). `mkdocs serve` (its own temporary folder) and
`--dirty` builds (which reuse what is there) write in place as before.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.utils import CountHandler

from actionplan.publishing import folder_swap
from glue import edit_links

log = logging.getLogger("mkdocs.plugins.actionplan")


class StagedBuild:
    """One build's staging folder, from `on_config` to `on_post_build` or `on_build_error`."""

    def __init__(self, config: MkDocsConfig, command: str, dirty: bool) -> None:
        self.site_dir = config.site_dir
        self.staging: Path | None = None
        if command == "build" and not dirty:
            self.staging = folder_swap.staging_folder(Path(config.site_dir))
            config.site_dir = str(self.staging)

    def finish(self, config: MkDocsConfig) -> None:
        """Move the finished build into place, unless strict mode is about to abort it."""
        if self.staging is None:
            return
        if config.strict and _strict_warnings():
            return  # MkDocs aborts right after on_post_build; discard() then removes the staging folder
        try:
            folder_swap.move_into_place(self.staging, Path(self.site_dir))
        except OSError as error:
            raise PluginError(f"Det färdiga bygget kunde inte flyttas till {self.site_dir}: {error}") from None
        config.site_dir, self.staging = self.site_dir, None

    def discard(self) -> None:
        """After a failed build: remove the staging folder; site_dir stays as it was."""
        if self.staging is not None:
            folder_swap.remove(self.staging)
            self.staging = None
            log.info("Bygget misslyckades; %s är oförändrad.", self.site_dir)


def _strict_warnings() -> bool:
    """Whether MkDocs' strict-mode counter has seen a warning (it then aborts after on_post_build)."""
    handlers = logging.getLogger("mkdocs").handlers
    return any(isinstance(h, CountHandler) and h.get_counts() for h in handlers)


def safe_edit_links(config: MkDocsConfig) -> None:
    """Material prints repo_url, edit_uri and repo_name unescaped: encode them (glue.edit_links)."""
    if not config.repo_url:
        return
    try:
        config.repo_url = edit_links.check_repo_url(config.repo_url)
    except edit_links.UnsafeRepoLink as problem:
        raise PluginError(str(problem)) from None
    if config.edit_uri:
        config.edit_uri = edit_links.safe_url(config.edit_uri)
    if config.repo_name:
        config.repo_name = edit_links.safe_name(config.repo_name)

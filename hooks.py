"""MkDocs glue: load the plan once per build, add the generated pages, dress the measure pages.

Everything real happens in the `actionplan` package; this file only maps
MkDocs events onto `actionplan.site.Site`.
"""

from __future__ import annotations

import importlib
import logging
import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.utils import clean_directory

from actionplan.site import CONFIG_KEY

log = logging.getLogger("mkdocs.plugins.actionplan")

# Set by on_startup, which MkDocs calls once per command (this module lives as
# long as the process, across the rebuilds of `mkdocs serve`).
_command = "build"
_site_dir: str | None = None


def on_startup(*, command: str, dirty: bool) -> None:
    global _command
    _command = command


@event_priority(100)  # before mkdocs-macros, whose macros use the loaded site
def on_config(config):
    global _site_dir
    _site_dir = config.site_dir
    if not config.use_directory_urls:
        raise PluginError("actionplan: use_directory_urls must be true; the package's links assume it.")
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
    return config


def _fresh_package():
    """Import the package anew, so that `mkdocs serve` rebuilds with the edited code.

    MkDocs keeps imported modules between rebuilds; without this, a change to
    the package would trigger a rebuild that still runs the old code.
    """
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
    return _scrollable_tables(_spaced_blocks(config[CONFIG_KEY].unstash(html)))


# The end of a block element directly followed by another tag.
_BLOCK_END = re.compile(r"(</(?:p|div|dt|dd|li|ul|ol|dl|h[1-6]|caption|figcaption|th|td|tr|table|figure)>)(?=<)")


def _spaced_blocks(html: str) -> str:
    """A line break after each block element that is directly followed by another.

    The search index is made from the page's text, and generated HTML has no
    white space between its blocks: result snippets read "Status
    2021GenomfördKommentar". Between blocks, a line break changes nothing on
    the page.
    """
    return _BLOCK_END.sub("\\1\n", html)


_TABLE = re.compile(r"<table\b.*?</table>", re.DOTALL)
_CAPTION = re.compile(r"<caption\b[^>]*>(.*?)</caption>", re.DOTALL)
_HEADING = re.compile(r"<h[1-6]\b[^>]*>(.*?)</h[1-6]>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def _scrollable_tables(html: str) -> str:
    """Put every table in a labelled region of its own that scrolls sideways when narrow.

    WCAG 1.4.10 (Reflow): at 320 px the page itself must not scroll sideways;
    a wide table may, inside its own region. The region is focusable so that
    keyboard users can scroll it, and named after the table's caption (or the
    heading above a table without one) so that a screen reader says what it is.
    """
    parts = []
    done = 0
    for match in _TABLE.finditer(html):
        table = match.group(0)
        caption = _CAPTION.search(table)
        if caption:
            label = caption.group(1)
        else:
            headings = _HEADING.findall(html, 0, match.start())
            label = "Tabell: " + headings[-1] if headings else "Tabell"
        label = _TAG.sub("", label).replace("&para;", "").replace("¶", "")
        label = " ".join(label.split()).replace('"', "&quot;")
        parts.append(html[done : match.start()])
        parts.append(f'<div class="ap-scroll" role="region" tabindex="0" aria-label="{label}">{table}</div>')
        done = match.end()
    parts.append(html[done:])
    return "".join(parts)


# A root-absolute URL in an attribute or in Material's configuration: "/x", not "//host/x".
_ROOT_ABSOLUTE = re.compile(r'(\b(?:href|src)="|"(?:base|search)": ")/(?!/)')


def on_post_template(output_content, *, template_name, config):
    """Make the 404 page's links relative to the site's root.

    Without site_url, MkDocs writes the 404 page's links from the server's root
    ("/assets/..."), which breaks under a sub-path. overrides/404.html sets the
    page's base to the site's root at run time; the links here only have to
    leave it out.
    """
    if template_name != "404.html":
        return output_content
    return _ROOT_ABSOLUTE.sub(r"\1./", output_content)


def on_build_error(*, error) -> None:
    """Never leave a half-written or stale site behind a failed build."""
    if _command == "build" and _site_dir and Path(_site_dir).is_dir():
        clean_directory(_site_dir)
        log.info("Byggkatalogen %s har tömts eftersom bygget misslyckades.", _site_dir)

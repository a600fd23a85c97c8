"""Find the editors' files in the docs folder, and everything there that the site would not read or must not publish.

The folder is walked without following symbolic links and without opening
anything that is not a regular file: a link may point anywhere (outside the
project, to itself), and reading a named pipe waits forever.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from actionplan import layout
from actionplan.problems import Problem

# Left behind by editors' tools and systems; copied into the site they would
# publish a page's source or a folder's thumbnails.
_LEFTOVERS = ("~", ".bak", ".orig", ".swp", ".tmp")
_SYSTEM_FILES = ("thumbs.db", ".ds_store", "desktop.ini")

# Endings editors' tools use for Markdown that MkDocs does not read as pages.
_OTHER_MARKDOWN = (".markdown", ".mdown", ".mkd", ".mkdn", ".mdwn")

# Files a browser runs or shows as a document of their own when a reader opens them directly: an SVG
# image or an HTML page may hold a script, and the pages' Content-Security-Policy (a <meta> element)
# does not apply to them. Only the site's own, in docs/assets/, are published.
_SITE_OWN_FOLDER = "assets"
_IMAGES_THAT_RUN = (".svg", ".svgz")
_DOCUMENTS_THAT_RUN = (
    *(".html", ".htm", ".shtml", ".xhtml", ".xht", ".xml", ".xsl", ".xslt", ".mht", ".mhtml"),
    *(".js", ".mjs", ".cjs", ".css", ".swf"),
)


@dataclass
class DocsTree:
    """The pages found: measure pages (in `<year>/atgarder/`) and every other page, with the problems met.

    Pages are named by their path relative to the docs folder (POSIX), as
    every check names them; walking builds that name from the folders' names,
    with no path object per file.
    """

    measure_files: list[str] = field(default_factory=list)
    # Measure pages that are there but cannot be read (a link, no permission): their problems are said,
    # and the checks across pages know that they are missing from the count.
    unreadable_measures: list[str] = field(default_factory=list)
    page_files: list[str] = field(default_factory=list)
    # Every regular file the site may publish, relative to the docs folder (POSIX), for checking links.
    all_files: set[str] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)


def scan_docs(docs: Path, docs_dir: str) -> DocsTree:
    tree = DocsTree()
    if not docs.is_dir():
        tree.problems.append(Problem(docs_dir, None, None, "mappen saknas; den ska innehålla webbplatsens sidor."))
        return tree
    _walk(str(docs), (), docs_dir, tree)
    # In the order of their folders' and files' names, as paths sort.
    tree.measure_files.sort(key=_parts)
    tree.page_files.sort(key=_parts)
    return tree


def _parts(source: str) -> list[str]:
    return source.split("/")


def _walk(folder: str, parts: tuple[str, ...], docs_dir: str, tree: DocsTree) -> None:
    """Walk `folder`, which is `parts` inside the docs folder (none for the docs folder itself)."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as error:
        tree.problems.append(_problem(parts, docs_dir, f"mappen går inte att läsa ({error.strerror})."))
        return
    for entry in entries:
        relative = (*parts, entry.name)
        problem = _odd(entry, relative)
        if problem:
            tree.problems.append(_problem(relative, docs_dir, problem))
            if entry.name.endswith(".md") and _is_measure_page(relative):
                tree.unreadable_measures.append("/".join(relative))
            continue
        if entry.is_dir(follow_symlinks=False):
            _walk(entry.path, relative, docs_dir, tree)
            continue
        source = "/".join(relative)
        tree.all_files.add(source)
        if entry.name.endswith(".md"):
            if not os.access(entry.path, os.R_OK):
                tree.problems.append(_problem(relative, docs_dir, "filen går inte att läsa (behörighet saknas)."))
                if _is_measure_page(relative):
                    tree.unreadable_measures.append(source)
            elif _is_measure_page(relative):
                tree.measure_files.append(source)
            else:
                tree.page_files.append(source)


def _odd(entry: os.DirEntry[str], relative: tuple[str, ...]) -> str | None:
    """Why an entry cannot be part of the site, or None when it can."""
    if entry.is_symlink():
        return (
            "är en symbolisk länk. Länkar publiceras aldrig (de kan peka utanför projektet); "
            "lägg filen direkt i mappen i stället."
        )
    # The kind the folder listing gave (no stat call per file), as lstat would tell it.
    if entry.is_dir(follow_symlinks=False):
        if entry.name.lower().endswith(".md"):
            return "är en mapp men heter som en sida. Byt namn på mappen eller ta bort den."
        near_miss = layout.slug(entry.name) in (layout.MEASURES_FOLDER, "atgard")
        if len(relative) == 2 and entry.name != layout.MEASURES_FOLDER and near_miss:
            return (
                f"mappen ska heta {layout.MEASURES_FOLDER} (små bokstäver, utan å och ä); "
                "sidorna i den läses inte som åtgärder."
            )
        if len(relative) >= 3 and relative[1] == layout.MEASURES_FOLDER:
            return f"undermappar i {layout.MEASURES_FOLDER} läses inte; lägg åtgärdssidorna direkt i mappen."
        return None
    if not entry.is_file(follow_symlinks=False):
        return (
            "är ingen vanlig fil (till exempel en namngiven pipe eller en enhet) och kan inte vara en del av "
            "webbplatsen."
        )
    lowered = entry.name.lower()
    if lowered.endswith(_LEFTOVERS) or lowered in _SYSTEM_FILES:
        return "är en säkerhetskopia eller systemfil och skulle publiceras med webbplatsen. Ta bort filen."
    if lowered.endswith(".md") and not entry.name.endswith(".md"):
        return f"filändelsen ska skrivas med små bokstäver: {entry.name[:-3]}.md"
    if lowered.endswith(_OTHER_MARKDOWN) and len(relative) >= 2:
        stem = entry.name.rsplit(".", 1)[0]
        return f"bara filer som slutar på .md blir sidor. Byt namn till {stem}.md"
    if relative[0] != _SITE_OWN_FOLDER:
        return _runs_in_browser(lowered)
    return None


def _runs_in_browser(lowered: str) -> str | None:
    """Why a file of the editors' may not be published because a browser could run it, or None."""
    if lowered.endswith(_IMAGES_THAT_RUN):
        return (
            "SVG-bilder kan innehålla skript som körs när någon öppnar bilden, så de publiceras inte. "
            "Spara bilden som PNG eller JPG i stället."
        )
    if lowered.endswith(_DOCUMENTS_THAT_RUN):
        ending = lowered.rsplit(".", 1)[1]
        return (
            f"filer av typen .{ending} kan köra skript eller visas som egna sidor i läsarens webbläsare, "
            "så de publiceras inte. Skriv innehållet som en sida i Markdown (filändelsen .md), eller ta bort filen."
        )
    return None


def _is_measure_page(relative: tuple[str, ...]) -> bool:
    return len(relative) == 3 and relative[1] == layout.MEASURES_FOLDER


def _problem(relative: tuple[str, ...], docs_dir: str, message: str) -> Problem:
    # The docs folder itself is "." inside itself, as a path relative to it reads.
    return Problem(f"{docs_dir}/{'/'.join(relative) or '.'}", None, None, message)

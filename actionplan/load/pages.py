"""Read the hand-written pages that are not measures: their front matter, their text and their block calls.

These pages (the start page, each year's overviews, statistics and all
measures, the editor guide) are as much the editors' files as the measure
pages, and every mistake in them must give the same kind of line.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from actionplan import layout
from actionplan.blocks import BlockCall, CallSyntaxProblem
from actionplan.fields import PLACEHOLDER, SUMMARY_PENDING
from actionplan.load import frontmatter, yamlsource
from actionplan.load.markup import markup_problems
from actionplan.load.yamlsource import MappingReader
from actionplan.problems import Problem

# Finds the block calls in a page's text (the glue's, for its template language).
CallScanner = Callable[[str, int], list[BlockCall | CallSyntaxProblem]]

# Front-matter keys a hand-written page may have, each checked below. The theme
# reads more (icon, template, subtitle, status), but prints some of them raw or
# fails the build on a wrong value, so they are not offered.
PAGE_KEYS = ["title", "render_macros", "search", "hide", "description"]
HIDE_VALUES = ("navigation", "toc", "footer", "path")


@dataclass(frozen=True)
class PageCalls:
    """The block calls of one page, for the checks across the plan."""

    shown_path: str
    calls: tuple[BlockCall, ...]


@dataclass
class ReadPages:
    calls: list[PageCalls] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # Area overviews' first line holding each text the scaffolds write for the
    # editor to replace: {source: {marker: line}}, found while the page is read.
    markers: dict[str, dict[str, int]] = field(default_factory=dict)
    # Every page's text (front matter included, newlines as \n), {source: text}: the build and the report's
    # summaries of the year use it rather than read the file again.
    texts: dict[str, str] = field(default_factory=dict)


def read_pages(
    sources: list[str],
    docs: Path,
    docs_dir: str,
    scanner: CallScanner | None,
    site_files: Collection[str] | None = None,
) -> ReadPages:
    """Read the pages `sources` (relative to the docs folder `docs`, POSIX)."""
    read = ReadPages()
    for source in sources:
        _read_page(docs / source, source, f"{docs_dir}/{source}", scanner, read, site_files)
    return read


def _read_page(
    path: Path,
    source: str,
    shown: str,
    scanner: CallScanner | None,
    read: ReadPages,
    site_files: Collection[str] | None,
) -> None:
    text, problem = frontmatter.decode(path.read_bytes(), shown)
    if text is None:
        read.problems.extend([problem] if problem else [])
        return
    read.texts[source] = text
    if layout.area_of_page(source) is not None:
        read.markers[source] = _marker_lines(text)
    body, body_line, renders = text, 1, False
    if frontmatter.starts_with_front_matter(text):
        matter, problem = frontmatter.split(text, shown)
        if matter is None:
            read.problems.extend([problem] if problem else [])
            return
        fields = MappingReader(
            matter.root, shown, read.problems, first_line=matter.first_line, lines=list(matter.yaml_lines)
        )
        if {"id", "status"} <= fields.fields.keys() or {"id", "area"} <= fields.fields.keys():
            read.problems.append(
                Problem(
                    shown,
                    1,
                    None,
                    "sidan ser ut som en åtgärd men ligger utanför en mapp atgarder, så den läses inte som åtgärd. "
                    "Flytta den till docs/<år>/atgarder/.",
                )
            )
            return
        fields.unknown(PAGE_KEYS)
        fields.text("title", required=False, free=True)
        fields.text("description", required=False, free=True)
        _search(fields)
        _hide(fields)
        renders = _render_macros(fields)
        body, body_line = matter.body, matter.body_line
    read.problems.extend(markup_problems(body, body_line, shown, "text", source=source, files=site_files))
    if scanner is None:
        return
    found = scanner(body, body_line)
    if found and not renders:
        first = found[0].line
        read.problems.append(
            Problem(
                shown,
                first,
                None,
                "sidan innehåller {{ … }} men saknar render_macros: true i front matter, så anropet visas som text.",
            )
        )
        return
    calls = []
    for item in found:
        if isinstance(item, CallSyntaxProblem):
            read.problems.append(Problem(shown, item.line, None, item.message))
        else:
            calls.append(item)
    read.calls.append(PageCalls(shown, tuple(calls)))


def _marker_lines(text: str) -> dict[str, int]:
    found: dict[str, int] = {}
    for number, line in enumerate(text.split("\n"), start=1):
        for marker in (PLACEHOLDER, SUMMARY_PENDING):
            if marker in line:
                found.setdefault(marker, number)
    return found


def _search(fields: MappingReader) -> None:
    """`search: {exclude: true}` keeps a page out of search; nothing else is meant."""
    if "search" not in fields.fields:
        return
    search = fields.mapping("search")
    if search is None:
        return
    search.unknown(["exclude"])
    node = search.value("exclude")
    if node is not None and not _is_bool(node):
        search.add("exclude", "ska vara true eller false.")


def _hide(fields: MappingReader) -> None:
    values = fields.texts("hide", required=False)
    for value, node in values or []:
        if value not in HIDE_VALUES:
            fields.add("hide", f"'{value}' kan inte döljas. Tillåtna: {', '.join(HIDE_VALUES)}.", node)


def _is_bool(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == yamlsource.BOOL_TAG and not node.style


def _render_macros(fields: MappingReader) -> bool:
    node = fields.value("render_macros", required=False)
    if node is None:
        return False
    if _is_bool(node):
        return str(node.value).lower() in ("true", "yes", "on")
    fields.add("render_macros", "ska vara true eller false.")
    return False

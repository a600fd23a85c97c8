"""Ids, classes and attributes that belong to the site's own scripts, never to an editor's text.

The theme's scripts and ours find their elements by id, class and `data-`
attribute (`document.querySelector("#__config")` reads the theme's
configuration). An element in an editor's text carrying one of these names,
placed before the real one, would be read instead: a bare `{: #__config}`
breaks every script of the page, and a crafted one points the search worker
at a script of the editor's choosing. So the check refuses these names in
the editors' Markdown (`load/markup.py`) and the build strips them from the
converted text (`glue/sanitise.py`); both ask this module.

The names are the theme's and ours as their scripts look them up; a test
reads the theme's script bundle and `docs/assets/` and fails on any name
they use that this module does not cover.
"""

from __future__ import annotations

# Every id the theme gives its own elements starts with two underscores
# (__config, __search, __drawer, __toc, __palette_0, __consent, __nav_1,
# __tabbed_1_1, __codelineno-0-1); so do ours (__drawer-menu). Our scripts'
# other ids, like all our classes, start with ap-.
_ID_PREFIXES = ("__", "ap-")
# The theme's classes start with md-; ours with ap-; language-* is how the
# theme finds code blocks ([class|=language]).
_CLASS_PREFIXES = ("md-", "ap-", "language-")
# Classes the theme's scripts look up that have no prefix of their own.
_THEME_CLASSES = frozenset(
    {
        *("annotate", "autohide", "c", "c1", "cm", "copy", "footnote-ref", "highlight", "hll"),
        *("language", "mermaid", "no-copy", "no-select", "select", "tabbed-labels", "tabbed-set"),
    }
)
# Every data- attribute is the scripts' (the theme's data-md-*, data-copy,
# data-preview, data-tabs, data-clipboard-*; our tables' data-filter,
# data-status, data-sort...); Markdown never writes one.
_ATTRIBUTE_PREFIXES = ("data-",)


def reserved_id(name: str) -> bool:
    return name.startswith(_ID_PREFIXES)


def reserved_class(name: str) -> bool:
    return name.startswith(_CLASS_PREFIXES) or name in _THEME_CLASSES


def reserved_attribute(name: str) -> bool:
    """An attribute name an editor may not set (besides id and class, judged by value)."""
    return name.lower().startswith(_ATTRIBUTE_PREFIXES)

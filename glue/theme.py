"""Everything specific to Material for MkDocs, in one place.

A move to another theme changes this file (and `overrides/`, the search
worker wrapper and the CSS that styles Material's own markup).
"""

from __future__ import annotations

import html
import re

from actionplan.render.page_links import ThemeNames

# Material's search leaves out elements with this attribute, and styles
# buttons with this class.
MATERIAL = ThemeNames(search_exclude="data-search-exclude", button="md-button")

# Front matter that keeps a whole page out of Material's search index.
SEARCH_EXCLUDED = {"search": {"exclude": True}}

# Page metadata Material's search puts into the page's index entry and shows
# beside each result's title (its "tags"; without the tags plugin they are
# not shown on the page). A measure's status goes there; the search worker
# wrapper adds the year from the result's address (sv-search.js).
SEARCH_TAGS = "tags"

# Page metadata read by overrides/partials/content.html: the content brings its
# own level-1 heading, although not yet when the theme looks for one (it is
# made as the page is written), so the theme must not head the page itself.
OWN_HEADING = "ap_own_heading"


def wide(meta: dict[str, object]) -> None:
    """Give a page with a table of measures the width of Material's table of contents, which it then leaves out.

    From 1024 px up the table then fits without scrolling sideways; the
    pages that have one (an area's overview, a facet value's page, all
    measures) have few headings of their own.
    """
    hidden = meta.get("hide")
    hidden = list(hidden) if isinstance(hidden, list) else []
    if "toc" not in hidden:
        meta["hide"] = [*hidden, "toc"]


def title(text: str) -> str:
    """A page title or navigation label as Material must receive it.

    Material prints titles and navigation labels into the page without
    escaping them, so every one that comes from the editors' files is
    escaped here, exactly once. Braces become character references too:
    mkdocs-macros renders a page's title as a Jinja template whenever it
    contains `{{`, `{%` or `{#`, and no text from the data may ever run.
    The browser and the search index show `&#123;` as `{`.
    """
    return html.escape(text, quote=True).replace("{", "&#123;").replace("}", "&#125;")


# The elements Material's search keeps as tags in a result's text (its parser's `keep`), which
# separate words by themselves; white space beside them is kept as a space in the index.
_KEPT_END = re.compile(r"(</(?:p|ul|ol|li|pre)>)\s+")
_BEFORE_KEPT = re.compile(r"\s+(?=<(?:p|ul|ol|li|pre)[\s>])")
_PARAGRAPH_BREAK = re.compile(r"</p><p>")


def compact_for_search(content: str) -> str:
    """A measure page's text for Material's search index with nothing the index need not hold.

    The index holds every measure's text once, and a search result shows it
    as a snippet: paragraphs run on as one (`</p><p>` becomes a space), and
    the white space beside the tags Material keeps goes (they separate words
    themselves). What is searched and found stays the same; each measure's
    entry is about ten bytes smaller, which pays for its status in the
    result (SEARCH_TAGS).
    """
    content = _BEFORE_KEPT.sub("", _KEPT_END.sub(r"\1", content))
    return _PARAGRAPH_BREAK.sub(" ", content)

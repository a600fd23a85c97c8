"""Sanitise what Python-Markdown made of the editors' text, as defence in depth behind the check.

The check (`actionplan/load/markup.py`) already refuses raw HTML and unsafe
links in the files; should anything slip through, nh3 (the Rust `ammonia`
sanitiser) keeps only what Markdown and its extensions here produce. It runs
on the converted page before the generated blocks are put back, so those
(forms, SVG charts) are not touched; the stand-ins are HTML comments, which
are kept.

It also strips the ids and classes that the theme's and the site's own
scripts look up (`actionplan/load/reserved_names.py`): the check refuses them
in attribute lists, but a heading's generated id (`## __config`) or an
admonition's class (`!!! md-header`) gets there without one. No `data-`
attribute is allowed at all.
"""

from __future__ import annotations

import nh3

from actionplan.load.link_targets import as_browser_reads, outside_site
from actionplan.load.markup import ALLOWED_SCHEMES, ALLOWED_TAGS
from actionplan.load.reserved_names import reserved_class, reserved_id

# What Markdown with attr_list, tables, admonition and toc writes.
_TAGS = {
    *("p", "h1", "h2", "h3", "h4", "h5", "h6", "a", "ul", "ol", "li", "em", "strong", "code", "pre"),
    *("blockquote", "table", "thead", "tbody", "tr", "th", "td", "hr", "img", "div", "span", "dl", "dt", "dd"),
    *ALLOWED_TAGS,
}
_ATTRIBUTES = {
    "*": {"id", "class", "title"},
    "a": {"href"},
    "img": {"src", "alt"},
    "ol": {"start"},
    "th": {"align", "style", "colspan", "rowspan"},
    "td": {"align", "style", "colspan", "rowspan"},
}


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    # An image from another host would make every reader's browser fetch it. nh3 hands over the value
    # decoded; " //host", "\t//host" and "\\/\\/host" are //host to the browser all the same.
    if tag == "img" and attribute == "src" and outside_site(as_browser_reads(value, decoded=True)):
        return None
    if attribute == "id" and reserved_id(value):
        return None
    if attribute == "class":
        kept = [name for name in value.split() if not reserved_class(name)]
        return " ".join(kept) if kept else None
    return value


def sanitise(html: str) -> str:
    return nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        strip_comments=False,
        link_rel=None,
        url_schemes=set(ALLOWED_SCHEMES),
        filter_style_properties={"text-align"},
        attribute_filter=_filter_attribute,
    )

"""Sanitise what Python-Markdown made of the editors' text, as defence in depth behind the check.

The check (`actionplan/load/markup.py`) already refuses raw HTML and unsafe
links in the files; should anything slip through, nh3 (the Rust `ammonia`
sanitiser) keeps only what Markdown and its extensions here produce. It runs
on the converted page before the generated blocks are put back, so those
(forms, SVG charts) are not touched; the stand-ins are HTML comments, which
are kept.
"""

from __future__ import annotations

import nh3

from actionplan.load.markup import ALLOWED_SCHEMES, ALLOWED_TAGS

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


def _local_images_only(tag: str, attribute: str, value: str) -> str | None:
    # An image from another host would make every reader's browser fetch it.
    if tag == "img" and attribute == "src" and (value.startswith("//") or ":" in value.split("/", 1)[0]):
        return None
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
        attribute_filter=_local_images_only,
    )

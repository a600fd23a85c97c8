"""HTML post-processing for accessibility and the 404 page; MkDocs and Material specifics.

`glue/build.py` runs `scrollable_tables` on every page's content (the
package's own tables come in their region already) and `spaced_blocks` on
what search reads; `hooks.py` (`on_post_template`) runs `relative_404` on
the 404 page.
"""

from __future__ import annotations

import re

from actionplan.render.html_fragments import scroll_region

# The end of a block element directly followed by another tag.
_BLOCK_END = re.compile(r"(</(?:p|div|dt|dd|li|ul|ol|dl|h[1-6]|caption|figcaption|th|td|tr|table|figure)>)(?=<)")


def spaced_blocks(html: str) -> str:
    """A line break after each block element that is directly followed by another.

    The search index is made from the page's text, and generated HTML has no
    white space between its blocks: result snippets read "Status
    2021GenomfördKommentar". Between blocks, a line break changes nothing on
    the page.
    """
    return _BLOCK_END.sub("\\1\n", html)


# A table, and the region the package already put it in (actionplan.render.html_fragments.scroll_region).
_TABLE = re.compile(r'(<div class="ap-scroll" [^>]*>)?<table\b.*?</table>', re.DOTALL)
_CAPTION = re.compile(r"<caption\b[^>]*>(.*?)</caption>", re.DOTALL)
_HEADING = re.compile(r"<h[1-6]\b[^>]*>(.*?)</h[1-6]>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def scrollable_tables(html: str) -> str:
    """Put every table that is not yet in one in a labelled region that scrolls sideways when narrow.

    See `scroll_region` (WCAG 1.4.10). The region is named after the table's
    caption, or the heading above a table without one. The package's tables
    come in their region; the editors' tables (from Markdown) get theirs here.
    """
    parts: list[str] = []
    done = 0
    for match in _TABLE.finditer(html):
        if match.group(1):
            continue
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
        parts.append(scroll_region(label, table))
        done = match.end()
    parts.append(html[done:])
    return "".join(parts)


# A root-absolute URL in an attribute or in Material's configuration: "/x", not "//host/x".
_ROOT_ABSOLUTE = re.compile(r'(\b(?:href|src)="|"(?:base|search)": ")/(?!/)')


def relative_404(output_content: str, template_name: str) -> str:
    """The 404 page with its links relative to the site's root.

    Without site_url, MkDocs writes the 404 page's links from the server's root
    ("/assets/..."), which breaks under a sub-path. overrides/404.html sets the
    page's base to the site's root at run time; the links here only have to
    leave it out.
    """
    if template_name != "404.html":
        return output_content
    return _ROOT_ABSOLUTE.sub(r"\1./", output_content)

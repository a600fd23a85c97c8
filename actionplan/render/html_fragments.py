"""Small helpers for writing HTML fragments safely.

Every text that comes from an editor's file goes through `esc`, so that
`<script>`, `|`, `*` or `{{ }}` in a title are shown exactly as typed. The
fragments are written as raw HTML blocks, which Markdown passes through
untouched, and contain no blank lines (a blank line would end the block).
"""

from __future__ import annotations

import functools
from html import escape


def esc(text: object) -> str:
    """`text` as HTML text or attribute value, with characters beyond Latin-1 as character references.

    Python keeps a string with a single character beyond Latin-1 (a dash, a
    typographic quote) at two or four bytes a character; the tables of every
    measure are joined from these texts, and one dash made the whole table
    twice as large in memory. Browsers read the references as the characters.
    """
    escaped = text if type(text) is str else str(text)
    # Most texts have nothing to escape; looking first costs less than escaping them all.
    if "&" in escaped or "<" in escaped or ">" in escaped or '"' in escaped or "'" in escaped:
        escaped = escape(escaped, quote=True)
    return escaped if escaped.isascii() else escaped.encode("latin-1", "xmlcharrefreplace").decode("latin-1")


def scroll_region(label_html: str, table_html: str) -> str:
    """A table in a labelled region of its own that scrolls sideways when narrow.

    WCAG 1.4.10 (Reflow): at 320 px the page itself must not scroll sideways;
    a wide table may, inside its own region. The region is focusable so that
    keyboard users can scroll it, and named (`label_html`, escaped text) so
    that a screen reader says what it is. The package's own tables come in
    one; the glue puts the editors' tables in one too.
    """
    return f"{scroll_region_start(label_html)}{table_html}</div>"


def scroll_region_start(label_html: str) -> str:
    """The opening tag of `scroll_region`, for a table written in parts (the region ends with `</div>`)."""
    return f'<div class="ap-scroll" role="region" tabindex="0" aria-label="{label_html}">'


def link(href: str, text_html: str) -> str:
    return f'<a href="{esc(href)}">{text_html}</a>'


def paragraphs(text: str) -> str:
    """Plain text with blank-line separated paragraphs as escaped `<p>` elements."""
    parts = [part.strip() for part in text.split("\n\n") if part.strip()]
    return "".join(f"<p>{esc(' '.join(part.split()))}</p>" for part in parts)


@functools.cache
def contrast_text(colour: str) -> str:
    """Black or white, whichever reads better on `colour` (#rrggbb), by WCAG relative luminance."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return "#000000" if (luminance + 0.05) / 0.05 > 1.05 / (luminance + 0.05) else "#ffffff"

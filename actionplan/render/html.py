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
    return escape(str(text), quote=True)


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

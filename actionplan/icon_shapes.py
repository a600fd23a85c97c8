"""The status icons by name, as the inside of an SVG: data that the vocabulary checks names against.

Drawn here rather than taken from an icon font: the site must work offline and
an inline SVG needs no font file or network. `render/icons.py` wraps them.
"""

from __future__ import annotations

# Each icon is the inside of a 16x16 SVG drawn in the current text colour only,
# so that it stays visible on any badge background.
ICONS: dict[str, str] = {
    "check": '<path d="M2.5 8.5l3.5 3.5 7.5-8" fill="none" stroke="currentColor" stroke-width="2.2"'
    ' stroke-linecap="round" stroke-linejoin="round"/>',
    "clock": '<circle cx="8" cy="8" r="6.3" fill="none" stroke="currentColor" stroke-width="1.7"/>'
    '<path d="M8 4.2V8l2.7 1.8" fill="none" stroke="currentColor" stroke-width="1.7"'
    ' stroke-linecap="round"/>',
    "cross": '<path d="M3.5 3.5l9 9M12.5 3.5l-9 9" fill="none" stroke="currentColor" stroke-width="2.2"'
    ' stroke-linecap="round"/>',
    # Ej uppföljd: an outline still to be filled in.
    "dashed": '<circle cx="8" cy="8" r="6.3" fill="none" stroke="currentColor" stroke-width="1.7"'
    ' stroke-dasharray="2.4 2.1"/>',
    "half": '<circle cx="8" cy="8" r="6.3" fill="none" stroke="currentColor" stroke-width="1.7"/>'
    '<path d="M8 1.7a6.3 6.3 0 0 1 0 12.6z" fill="currentColor"/>',
}

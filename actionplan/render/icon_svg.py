"""Status icons as inline SVG, so that a status is never shown by colour alone."""

from __future__ import annotations

from actionplan.icon_shapes import ICONS


def icon_svg(name: str) -> str:
    """The named icon as decorative SVG; the status text next to it carries the meaning."""
    return (
        '<svg class="ap-icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" '
        f'focusable="false">{ICONS[name]}</svg>'
    )

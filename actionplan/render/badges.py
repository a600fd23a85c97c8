"""Status badges: icon, text and colour together, never colour alone."""

from __future__ import annotations

import functools

from actionplan.model import Status
from actionplan.render.html import contrast_text, esc
from actionplan.render.icons import icon_svg


@functools.cache
def status_badge(status: Status) -> str:
    """A coloured badge with the status icon and its Swedish label."""
    style = f"background-color:{status.colour};color:{contrast_text(status.colour)}"
    label = esc(status.label)
    return (
        f'<span class="ap-status ap-status--{esc(status.key)}" style="{style}">'
        f"{icon_svg(status.icon)}<span>{label}</span></span>"
    )

"""Status badges: icon, text and colour together, never colour alone.

A badge is one element with the status's class and its word. Its colours
and icon come from a stylesheet made from the vocabulary (`status_stylesheet`),
written once per build, rather than from an inline style and an inline SVG
in every badge: a badge stands in every row of every list of measures, and
the repeated markup made pages larger and slower to build and to index.
"""

from __future__ import annotations

import functools
import re
from urllib.parse import quote

from actionplan.icon_shapes import ICONS
from actionplan.model import Status
from actionplan.render.html_fragments import contrast_text, esc

# What may go into a selector and a colour value; the vocabulary's check allows no other.
_KEY = re.compile(r"^[a-z0-9_]+$")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


@functools.cache
def status_badge(status: Status) -> str:
    """The status's word in a badge; the class gives it its colour and icon."""
    return f'<span class="ap-status ap-status--{esc(status.key)}">{esc(status.label)}</span>'


def status_stylesheet(statuses: tuple[Status, ...]) -> str:
    """CSS giving each status's badge its colour, a readable text colour and its icon (as a mask)."""
    rules = []
    for status in statuses:
        if not (_KEY.match(status.key) and _COLOUR.match(status.colour) and status.icon in ICONS):
            continue  # unreachable for a checked vocabulary; never write an unchecked value into CSS
        svg = f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16">{ICONS[status.icon]}</svg>'
        rules.append(
            f".ap-status--{status.key}{{background-color:{status.colour};color:{contrast_text(status.colour)};"
            f'--ap-icon:url("data:image/svg+xml,{quote(svg, safe=" =:/")}")}}'
        )
    return "/* Made by the build from data/measures.yml (actionplan/render/badges.py); do not edit. */\n" + (
        "\n".join(rules) + "\n"
    )

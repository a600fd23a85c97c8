"""Bar charts as inline SVG, drawn at build time: no JavaScript library, nothing from a CDN.

A chart always stands next to a table with the same figures, which is what
screen readers and search use; the chart itself is excluded from search and
carries a one-line text alternative.

Positions and widths are percentages of the chart's width and there is no
viewBox, so the text keeps the page's font size on a phone instead of being
scaled down with the drawing (a 640-unit drawing on a 320 px screen made
7 px labels). Each row's label and total stand on a line above its bar.

Status is never shown by colour alone: each status also has a pattern (by
its place in the vocabulary: plain, stripes, cross-hatching, dots), drawn in
the bars and in the key (`swatch`).
"""

from __future__ import annotations

import hashlib

from actionplan.model import Status
from actionplan.render.html_fragments import contrast_text, esc

LABEL_HEIGHT = 22
BAR_HEIGHT = 26
ROW_GAP = 12
# A segment narrower than this share of the width has no count written in it
# (its count is in the tooltip, the text alternative and the table).
MIN_LABELLED_SHARE = 0.07
PATTERN_SIZE = 8


def stacked_bars(rows: list[tuple[str, dict[str, int]]], statuses: tuple[Status, ...], summary: str) -> str:
    """One horizontal bar per row, split by status; bars share a scale so rows compare.

    `rows` are (label, {status key: count}); a single row with an empty label
    draws one full-width bar with its total above it. Labels longer than
    30 characters are shortened.
    """
    if not rows:
        return ""
    largest = max((sum(counts.values()) for _, counts in rows), default=0) or 1
    prefix = "ap-p" + hashlib.sha1(summary.encode("utf-8")).hexdigest()[:8]
    row_height = LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP
    height = len(rows) * row_height - ROW_GAP
    parts = [_patterns(statuses, prefix)]
    for index, (label, counts) in enumerate(rows):
        y = index * row_height
        total = sum(counts.values())
        if label:
            parts.append(_text("0%", y + LABEL_HEIGHT / 2, esc(_shorten(label)), anchor="start"))
        parts.append(_text("100%", y + LABEL_HEIGHT / 2, str(total), anchor="end", weight="bold"))
        parts.extend(_segments(counts, statuses, y + LABEL_HEIGHT, largest, prefix))
    return (
        f'<svg class="ap-chart" width="100%" height="{height}" role="img" aria-label="{esc(summary)}">'
        f"<title>{esc(summary)}</title>{''.join(parts)}</svg>"
    )


def swatch(statuses: tuple[Status, ...], status: Status) -> str:
    """A small square in the status's colour and pattern, for a chart's key."""
    ink = contrast_text(status.colour)
    marks = _marks(statuses.index(status), ink, 14)
    return (
        '<svg class="ap-swatch" width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" focusable="false">'
        f'<rect width="14" height="14" fill="{status.colour}"/>{marks}'
        '<rect x="0.5" y="0.5" width="13" height="13" fill="none" stroke="currentColor"/></svg>'
    )


def _patterns(statuses: tuple[Status, ...], prefix: str) -> str:
    """One pattern per status: its colour with its marks on top."""
    tiles = "".join(
        f'<pattern id="{prefix}-{esc(status.key)}" width="{PATTERN_SIZE}" height="{PATTERN_SIZE}" '
        f'patternUnits="userSpaceOnUse"><rect width="{PATTERN_SIZE}" height="{PATTERN_SIZE}" '
        f'fill="{status.colour}"/>{_marks(position, contrast_text(status.colour), PATTERN_SIZE)}</pattern>'
        for position, status in enumerate(statuses)
    )
    return f"<defs>{tiles}</defs>"


def _marks(position: int, ink: str, size: int) -> str:
    """The marks of the pattern for the status at `position`: none, stripes, hatching or dots."""
    kind = position % 4
    if kind == 0:
        return ""
    style = f'stroke="{ink}" stroke-opacity="0.55" stroke-width="1.5"'
    rising = " ".join(f"M{x},{size} L{x + size},0" for x in range(-size, size + 1, PATTERN_SIZE))
    falling = " ".join(f"M{x},0 L{x + size},{size}" for x in range(-size, size + 1, PATTERN_SIZE))
    if kind == 1:
        return f'<path d="{rising}" {style}/>'
    if kind == 2:
        return f'<path d="{rising} {falling}" {style}/>'
    dots = "".join(
        f'<circle cx="{x + 2}" cy="{y + 2}" r="1.3" fill="{ink}" fill-opacity="0.6"/>'
        for x in range(0, size, 4)
        for y in range(0, size, 4)
    )
    return dots


def _segments(counts: dict[str, int], statuses: tuple[Status, ...], y: float, largest: int, prefix: str) -> list[str]:
    parts = []
    x = 0.0
    for status in statuses:
        count = counts.get(status.key, 0)
        if not count:
            continue
        share = count / largest
        parts.append(
            f'<rect x="{x * 100:.2f}%" y="{y}" width="{share * 100:.2f}%" height="{BAR_HEIGHT}" '
            f'fill="url(#{prefix}-{esc(status.key)})" stroke="currentColor" stroke-width="0.5">'
            f"<title>{esc(status.label)}: {count}</title></rect>"
        )
        if share >= MIN_LABELLED_SHARE:
            parts.append(
                _text(
                    f"{(x + share / 2) * 100:.2f}%",
                    y + BAR_HEIGHT / 2,
                    str(count),
                    anchor="middle",
                    fill=contrast_text(status.colour),
                    halo=status.colour,
                )
            )
        x += share
    return parts


def _text(
    x: str,
    y: float,
    content: str,
    *,
    anchor: str,
    fill: str = "currentColor",
    weight: str = "normal",
    halo: str | None = None,
) -> str:
    # A halo in the segment's own colour keeps the count legible over its pattern.
    outline = f' stroke="{halo}" stroke-width="4" paint-order="stroke"' if halo else ""
    return (
        f'<text x="{x}" y="{y:.1f}" dominant-baseline="central" text-anchor="{anchor}" '
        f'fill="{fill}" font-weight="{weight}"{outline}>{content}</text>'
    )


def _shorten(label: str, limit: int = 30) -> str:
    """Short enough to stand beside the total on a 320 px screen; the full text is in the table."""
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def chart_summary(title: str, counts: dict[str, int], statuses: tuple[Status, ...]) -> str:
    """A text alternative such as 'Berga: Genomförd 5, Pågår 10, Ej genomförd 2'."""
    figures = ", ".join(f"{s.label} {counts.get(s.key, 0)}" for s in statuses)
    return f"{title}: {figures}" if title else figures

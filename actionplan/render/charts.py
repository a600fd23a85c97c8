"""Bar charts as inline SVG, drawn at build time: no JavaScript library, nothing from a CDN.

A chart always stands next to a table with the same figures, which is what
screen readers and search use; the chart itself is excluded from search and
carries a one-line text alternative.
"""

from __future__ import annotations

from actionplan.model import Status
from actionplan.render.html import contrast_text, esc

WIDTH = 640
ROW_HEIGHT = 26
ROW_GAP = 10
LABEL_WIDTH = 150
TOTAL_WIDTH = 44
MIN_LABELLED_SEGMENT = 22


def stacked_bars(rows: list[tuple[str, dict[str, int]]], statuses: tuple[Status, ...], summary: str) -> str:
    """One horizontal bar per row, split by status; bars share a scale so rows compare.

    `rows` are (label, {status key: count}); a single row with an empty label
    draws one full-width bar.
    """
    if not rows:
        return ""
    label_width = LABEL_WIDTH if any(label for label, _ in rows) else 0
    bar_space = WIDTH - label_width - TOTAL_WIDTH
    largest = max((sum(counts.values()) for _, counts in rows), default=0) or 1
    height = len(rows) * (ROW_HEIGHT + ROW_GAP) - ROW_GAP
    parts = []
    for index, (label, counts) in enumerate(rows):
        y = index * (ROW_HEIGHT + ROW_GAP)
        if label_width:
            parts.append(_text(label_width - 8, y, esc(_shorten(label)), anchor="end"))
        parts.extend(_segments(counts, statuses, label_width, y, bar_space / largest))
        total = sum(counts.values())
        used = total * bar_space / largest
        parts.append(_text(label_width + used + 6, y, str(total), anchor="start", weight="bold"))
    return (
        f'<svg class="ap-chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-label="{esc(summary)}" preserveAspectRatio="xMinYMin meet">'
        f"<title>{esc(summary)}</title>{''.join(parts)}</svg>"
    )


def _segments(counts: dict[str, int], statuses: tuple[Status, ...], x: float, y: int, scale: float) -> list[str]:
    parts = []
    for status in statuses:
        count = counts.get(status.key, 0)
        if not count:
            continue
        width = count * scale
        parts.append(
            f'<rect x="{x:.1f}" y="{y}" width="{width:.1f}" height="{ROW_HEIGHT}" '
            f'fill="{status.colour}"><title>{esc(status.label)}: {count}</title></rect>'
        )
        if width >= MIN_LABELLED_SEGMENT:
            parts.append(_text(x + width / 2, y, str(count), anchor="middle", fill=contrast_text(status.colour)))
        x += width
    return parts


def _text(x: float, y: int, content: str, *, anchor: str, fill: str = "currentColor", weight: str = "normal") -> str:
    return (
        f'<text x="{x:.1f}" y="{y + ROW_HEIGHT / 2:.1f}" dominant-baseline="central" '
        f'text-anchor="{anchor}" fill="{fill}" font-weight="{weight}">{content}</text>'
    )


def _shorten(label: str, limit: int = 22) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def chart_summary(title: str, counts: dict[str, int], statuses: tuple[Status, ...]) -> str:
    """A text alternative such as 'Berga: Genomförd 5, Pågår 10, Ej genomförd 2'."""
    figures = ", ".join(f"{s.label} {counts.get(s.key, 0)}" for s in statuses)
    return f"{title}: {figures}" if title else figures

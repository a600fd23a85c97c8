"""The status overview's chart as a PNG picture for the Word file (Pillow, which WeasyPrint already brings).

The same chart as the PDF's and the site's (`render/charts.py`): one bar for
all measures and one per development area, split by status, each status in
its colour and its pattern (plain, stripes, hatching, dots), with the counts
written in the segments wide enough and a key below. Word shows it with the
overview's text alternative as its description; the table above it has the
same figures.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from actionplan.model import Status
from actionplan.render.html_fragments import contrast_text
from actionplan.report import pdf
from actionplan.report.report_model import StatusOverview

if TYPE_CHECKING:
    from PIL import ImageFont

WIDTH = 1600
SCALE = 2  # pixels per point of the drawing's sizes below
LABEL = 22 * SCALE
BAR = 26 * SCALE
GAP = 12 * SCALE
KEY = 30 * SCALE
PATTERN = 8 * SCALE


def stacked_bars(overview: StatusOverview) -> bytes:
    from PIL import Image, ImageDraw

    rows = [("Alla åtgärder", overview.total), *overview.rows]
    height = len(rows) * (LABEL + BAR + GAP) + KEY
    image = Image.new("RGB", (WIDTH, height), "white")
    draw = ImageDraw.Draw(image)
    regular, bold = _fonts()
    largest = max((sum(counts.values()) for _, counts in rows), default=0) or 1
    for index, (label, counts) in enumerate(rows):
        top = index * (LABEL + BAR + GAP)
        draw.text((0, top + LABEL // 2), label, fill="black", font=regular, anchor="lm")
        draw.text((WIDTH - 1, top + LABEL // 2), str(sum(counts.values())), fill="black", font=bold, anchor="rm")
        x = 0.0
        for position, status in enumerate(overview.statuses):
            count = counts.get(status.key, 0)
            if not count:
                continue
            width = count / largest * (WIDTH - 2)
            box = (round(x), top + LABEL, round(x + width), top + LABEL + BAR)
            _segment(draw, box, status, position)
            if width / WIDTH >= 0.07:
                draw.text(
                    ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2),
                    str(count),
                    fill=contrast_text(status.colour),
                    font=bold,
                    anchor="mm",
                    stroke_width=3,
                    stroke_fill=status.colour,
                )
            x += width
    key_top = len(rows) * (LABEL + BAR + GAP)
    x = 0
    for position, status in enumerate(overview.statuses):
        _segment(draw, (x, key_top + 6, x + 28, key_top + 34), status, position)
        draw.text((x + 38, key_top + 20), status.label, fill="black", font=regular, anchor="lm")
        x += 38 + int(draw.textlength(status.label, font=regular)) + 48
    output = io.BytesIO()
    image.save(output, "PNG", optimize=True)
    return output.getvalue()


def _segment(draw: object, box: tuple[int, int, int, int], status: Status, position: int) -> None:
    """A rectangle in the status's colour with its pattern's marks and a thin outline."""
    from PIL import ImageDraw

    assert isinstance(draw, ImageDraw.ImageDraw)
    left, top, right, bottom = box
    draw.rectangle(box, fill=status.colour)
    ink = contrast_text(status.colour)
    kind = position % 4
    if kind in (1, 2):
        for start in range(left - (bottom - top), right, PATTERN):
            draw.line((start, bottom, start + (bottom - top), top), fill=ink, width=SCALE)
            if kind == 2:
                draw.line((start, top, start + (bottom - top), bottom), fill=ink, width=SCALE)
        # Marks past the segment's ends are painted over by the neighbours' outline; clip them here.
        draw.rectangle((right + 1, top, right + (bottom - top), bottom), fill="white")
        draw.rectangle((left - (bottom - top), top, left - 1, bottom), fill="white")
    elif kind == 3:
        for x in range(left + 4, right, 4 * SCALE):
            for y in range(top + 4, bottom, 4 * SCALE):
                draw.ellipse((x - 2, y - 2, x + 2, y + 2), fill=ink)
    draw.rectangle(box, outline="black", width=1)


def _fonts() -> tuple[ImageFont.FreeTypeFont | ImageFont.ImageFont, ImageFont.FreeTypeFont | ImageFont.ImageFont]:
    from PIL import ImageFont

    faces = pdf.installed_faces()
    regular = next((path for weight, style, path in faces if weight == "normal" and style == "normal"), None)
    bold = next((path for weight, style, path in faces if weight == "bold" and style == "normal"), regular)
    if regular is None or bold is None:
        default = ImageFont.load_default(size=14 * SCALE)
        return default, default
    return ImageFont.truetype(str(regular), 17 * SCALE), ImageFont.truetype(str(bold), 17 * SCALE)

"""Reference tables for the editor guide, generated from the vocabulary so that they never go stale."""

from __future__ import annotations

from actionplan.fields import MEASURE_FIELDS
from actionplan.load.markup import ALLOWED_SCHEMES, ALLOWED_TAGS
from actionplan.model import Vocabulary
from actionplan.render.badges import status_badge
from actionplan.render.html import esc


def field_reference(vocabulary: Vocabulary) -> str:
    """A row per front-matter field: name, required or not, meaning, allowed values."""
    allowed = {
        "area": [f"{a.number} ({a.title})" for a in vocabulary.areas],
        "districts": [d.name for d in vocabulary.districts],
        "responsible": [a.abbreviation for a in vocabulary.administrations],
        "status": [f"{s.key} ({s.label})" for s in vocabulary.statuses],
        "next_year": [f"{d.key} ({d.label})" for d in vocabulary.dispositions],
    }
    rows = []
    # Required fields first, as an editor fills them in.
    for field in sorted(MEASURE_FIELDS, key=lambda f: not f.required):
        values = ", ".join(f"<code>{esc(v)}</code>" for v in allowed.get(field.name, [])) or "Fri text"
        required = "Ja" if field.required else "Nej"
        rows.append(
            f'<tr><th scope="row"><code>{field.name}</code></th><td>{required}</td>'
            f"<td>{esc(field.help)}</td><td>{values}</td></tr>"
        )
    return _table(
        "Fälten i en åtgärdssidas front matter", ["Fält", "Obligatoriskt", "Innehåll", "Tillåtna värden"], rows
    )


def vocabulary_reference(vocabulary: Vocabulary) -> str:
    """The allowed values with what they mean and how they are shown."""
    statuses = [
        f'<tr><th scope="row"><code>{esc(s.key)}</code></th><td>{status_badge(s)}</td></tr>'
        for s in vocabulary.statuses
    ]
    dispositions = [
        f'<tr><th scope="row"><code>{esc(d.key)}</code></th><td>{esc(d.label)}</td><td>{esc(d.description)}</td></tr>'
        for d in vocabulary.dispositions
    ]
    administrations = [
        f'<tr><th scope="row"><code>{esc(a.abbreviation)}</code></th><td>{esc(a.name or "–")}</td></tr>'
        for a in vocabulary.administrations
    ]
    return "\n\n".join(
        [
            _table("status", ["Värde", "Visas som"], statuses),
            _table("next_year", ["Värde", "Visas som", "Betyder att åtgärden"], dispositions),
            _table("responsible", ["Förkortning", "Namn (där källdokumenten anger det)"], administrations),
        ]
    )


def markup_reference() -> str:
    """The HTML tags and link schemes the check lets through, straight from its own lists."""
    tags = ", ".join(f"<code>{esc(f'<{tag}>')}</code>" for tag in ALLOWED_TAGS)
    schemes = ", ".join(f"<code>{esc(scheme)}:</code>" for scheme in ALLOWED_SCHEMES)
    return (
        '<ul class="ap-markup">'
        f"<li>Tillåtna HTML-taggar (utan attribut): {tags}.</li>"
        f"<li>Tillåtna länkar: {schemes} och länkar till andra sidor på webbplatsen.</li>"
        "</ul>"
    )


def _table(caption: str, headers: list[str], rows: list[str]) -> str:
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in headers)
    return (
        f'<table class="ap-table"><caption>{esc(caption)}</caption><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )

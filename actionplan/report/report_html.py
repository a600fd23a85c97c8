"""The report as HTML: the body the site's report page shows, and the standalone document WeasyPrint prints.

Every text comes from the model as plain text and is escaped here; nothing
from an editor's file is ever evaluated or passed on as markup. Descriptions
and prose are written as escaped paragraphs (see `prose`): the package may not
import a Markdown library, and the texts are plain paragraphs anyway, so the
site, the PDF and the Word file show the same words without a Markdown step.
"""

from __future__ import annotations

import re
from html import escape
from importlib import resources
from urllib.parse import quote

from actionplan.icon_shapes import ICONS
from actionplan.render.charts import stacked_bars, swatch
from actionplan.render.html_fragments import contrast_text
from actionplan.render.icon_svg import icon_svg
from actionplan.report.letter import Fill, Letter, Piece
from actionplan.report.prose import Paragraph
from actionplan.report.report_model import (
    Changes,
    MeasureEntry,
    Report,
    Section,
    StatusOverview,
    StatusText,
    document_name,
)

# The terms of a measure's facts, in order (the PDF measures the widest of them); the plan has no status.
MEASURE_TERMS = ("Område", "Ansvarig", "Finansiering och tid", "Status")
OVERVIEW_ANCHOR = "status"
SVG_NS = "http://www.w3.org/2000/svg"
CHANGES_ANCHOR = "forandringar"
# What may go into a selector and a colour value (the vocabulary's check allows no other).
_KEY = re.compile(r"^[a-z0-9_]+$")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def esc(text: object) -> str:
    return escape(str(text), quote=True)


def body(
    report: Report,
    downloads: bool | None = None,
    icon_images: bool = False,
    published: tuple[tuple[str, str], ...] = (("uppfoljning", "pdf"), ("uppfoljning", "docx")),
) -> str:
    """The report's content.

    `downloads`: True links the PDF and Word files lying next to the page, False
    says they come with publishing (a site page), None says nothing (the document itself).
    `icon_images`: the status icons drawn by the document's stylesheet (`status_stylesheet`)
    rather than as inline SVG (see `status_html`).
    """
    parts = ['<div class="ap-report" lang="sv">', _title_block(report, downloads, published), _contents(report)]
    if report.overview is not None:
        parts.append(_overview(report.overview, icon_images))
    if report.changes is not None:
        parts.append(_changes(report.changes, icon_images))
    parts += [_section(section, icon_images) for section in report.sections]
    parts.append("</div>")
    # One line per block: the site's Markdown step never sees a blank line inside it.
    # One join: the report of thousands of measures is megabytes, and each copy counts.
    return "".join(parts)


def document(report: Report, stylesheet: str | None = None, icon_images: bool = True) -> str:
    """A standalone single-file HTML document (the one the PDF is printed from)."""
    css = stylesheet if stylesheet is not None else print_stylesheet()
    if icon_images:
        css += "\n" + status_stylesheet(report)
    return (
        '<!DOCTYPE html>\n<html lang="sv">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{esc(report.title)}</title>\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="description" content="{esc(report.running_title)}">\n'
        f"<style>\n{css}\n</style>\n</head>\n<body>\n"
        # The running header of every printed page (CSS `position: running`).
        f'<div class="ap-report-running" aria-hidden="true">{esc(report.running_title)}</div>\n'
        f"{body(report, icon_images=icon_images)}\n</body>\n</html>\n"
    )


def letter_document(letter: Letter, stylesheet: str | None = None) -> str:
    """The draft letter as a standalone HTML document; each field to fill in is a marked "[Fyll i: …]"."""
    css = stylesheet if stylesheet is not None else print_stylesheet()
    head = "".join(
        f'<tr><th scope="row">{esc(term)}</th><td>{_pieces(value)}</td></tr>' for term, value in letter.letterhead
    )
    parts = [
        '<table class="ap-report-table ap-letter-head"><caption>Skrivelsens uppgifter</caption>'
        f"<tbody>{head}</tbody></table>",
        f"<h1>{esc(letter.title)}</h1>",
    ]
    for block in letter.blocks:
        if block.kind == "heading":
            # The title is the h1; the letter's headings come under it.
            parts.append(f"<h{block.level + 1}>{_pieces(block.pieces)}</h{block.level + 1}>")
        elif block.kind == "paragraph":
            parts.append(f"<p>{_pieces(block.pieces)}</p>")
        else:
            tag = "ol" if block.kind == "numbered" else "ul"
            parts.append(f"<{tag}>{''.join(f'<li>{_pieces(item)}</li>' for item in block.items)}</{tag}>")
    return (
        '<!DOCTYPE html>\n<html lang="sv">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{esc(letter.title)}</title>\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<style>\n{css}\n</style>\n</head>\n<body>\n"
        f'<div class="ap-report-running" aria-hidden="true">Tjänsteskrivelse – {esc(letter.title)}</div>\n'
        f'<div class="ap-report ap-letter" lang="sv">{"".join(parts)}</div>\n</body>\n</html>\n'
    )


def _pieces(pieces: tuple[Piece, ...]) -> str:
    return "".join(f'<mark class="ap-fill">{esc(p.text)}</mark>' if isinstance(p, Fill) else esc(p) for p in pieces)


def print_stylesheet() -> str:
    return resources.files("actionplan.report").joinpath("report.css").read_text(encoding="utf-8")


def status_html(status: StatusText, icon_image: bool = False, text: str | None = None) -> str:
    """Colour, icon and word together, never colour alone; `text` instead of the bare word (a tally line).

    `icon_image` leaves icon and colour to the document's stylesheet
    (`status_stylesheet`): a background image, which a tagged PDF marks as an
    artifact (decoration beside the word) and WeasyPrint reads once per
    status, where an inline SVG became a figure without text once per measure.
    """
    icon = ""
    if icon_image:
        icon = '<span class="ap-report-icon"></span>'
    elif status.icon:
        colour = f' style="color:{esc(status.colour)}"' if status.colour else ""
        icon = f"<span{colour}>{icon_svg(status.icon)}</span>"
    key = esc(status.key or "ej-uppfoljd")
    words = esc(status.label if text is None else text)
    return f'<span class="ap-report-status ap-report-status--{key}">{icon}<span>{words}</span></span>'


def status_stylesheet(report: Report) -> str:
    """Each status of the report as a badge: its colour behind the word, in a readable ink, and its icon."""
    statuses: dict[str, StatusText] = {}
    for section in report.sections:
        for line in section.tally:
            statuses.setdefault(line.status.key or "", line.status)
        for measure in section.measures:
            if measure.status is not None:
                statuses.setdefault(measure.status.key or "", measure.status)
    rules = []
    if report.overview is not None:
        for known in report.overview.statuses:
            statuses.setdefault(known.key, StatusText(known.key, known.label, known.icon, known.colour))
            if _KEY.match(known.key):
                # The chart's key: the status's colour and pattern, as the bars draw it.
                drawing = swatch(report.overview.statuses, known).replace("<svg ", f'<svg xmlns="{SVG_NS}" ', 1)
                image = f"data:image/svg+xml,{quote(drawing)}"
                rules.append(f'.ap-report-swatch--{known.key} {{ background-image: url("{image}"); }}')
    for key, status in statuses.items():
        if not (_KEY.match(key) and status.colour and _COLOUR.match(status.colour) and status.icon in ICONS):
            continue  # unreachable for a checked vocabulary; never write an unchecked value into CSS
        ink = contrast_text(status.colour)
        rules.append(
            f".ap-report-status--{key} {{ background-color: {status.colour}; color: {ink}; }}\n"
            f'.ap-report-status--{key} .ap-report-icon {{ background-image: url("{icon_data(status.icon, ink)}"); }}'
        )
    return "\n".join(rules)


# How a download's format is named on the report page.
_FORMAT_NAMES = {"pdf": "PDF", "docx": "Word", "html": "HTML"}
_DOCUMENT_NAMES = {
    "uppfoljning": "{title}",
    "plan": "Åtgärdsplan mot segregation {year}",
    "skrivelse": "Utkast till tjänsteskrivelse till kommunstyrelsen om uppföljningen {year}",
}


def _title_block(report: Report, downloads: bool | None, published: tuple[tuple[str, str], ...]) -> str:
    parts = ['<header class="ap-report-titlepage">']
    if report.draft:
        parts.append(f'<p class="ap-report-draft" role="note"><strong>{esc(report.draft_notice)}</strong></p>')
    parts.append(f'<h1 id="rapport">{esc(report.title)}</h1>')
    facts = "".join(f"<dt>{esc(term)}:</dt><dd>{esc(value)}</dd>" for term, value in report.facts)
    parts.append(f'<dl class="ap-report-document">{facts}</dl>')
    names = [document_name(report.year, kind, document) for document, kind in published]
    if downloads:
        # Every document of the year, each with the file's format and name in the link's own text.
        items = []
        for document in dict.fromkeys(document for document, _ in published):
            links = " · ".join(
                f'<a href="{esc(name)}" download>{_FORMAT_NAMES[kind]} ({esc(name)})</a>'
                for (other, kind), name in zip(published, names, strict=True)
                if other == document
            )
            title = _DOCUMENT_NAMES[document].format(title=report.title, year=report.year)
            items.append(f"<li>{esc(title)}: {links}</li>")
        parts.append(
            f'<div class="ap-report-downloads"><p>Ladda ner årets dokument:</p><ul>{"".join(items)}</ul></div>'
        )
    elif downloads is False:
        parts.append(
            '<p class="ap-report-downloads">Rapporten, åtgärdsplanen och tjänsteskrivelsen som PDF och Word-fil '
            f"skapas när webbplatsen publiceras ({esc(', '.join(names))}).</p>"
        )
    parts.append("</header>")
    return "".join(parts)


def contents_entries(report: Report) -> list[tuple[int, str, str]]:
    """(level, anchor, heading) of the contents: the status overview and the changes, then every section."""
    entries = []
    if report.overview is not None:
        entries.append((1, OVERVIEW_ANCHOR, report.overview.title))
    if report.changes is not None:
        entries.append((1, CHANGES_ANCHOR, report.changes.heading))
    return entries + [(section.level, section.anchor, section.heading) for section in report.sections]


def _contents(report: Report) -> str:
    items = "".join(
        f'<li class="ap-toc-{level}"><a href="#{esc(anchor)}">{esc(heading)}</a></li>'
        for level, anchor, heading in contents_entries(report)
    )
    return (
        '<nav class="ap-report-contents" aria-labelledby="innehall">'
        f'<h2 id="innehall">Innehåll</h2><ol>{items}</ol></nav>'
    )


def icon_data(name: str, ink: str = "#000000") -> str:
    """The named icon as a data: URL of a standalone SVG, drawn in `ink` (the badge's readable text colour)."""
    drawing = ICONS[name].replace("currentColor", ink)
    svg = f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16" width="16" height="16">{drawing}</svg>'
    return "data:image/svg+xml," + quote(svg)


def _section(section: Section, icon_images: bool) -> str:
    tag = "h2" if section.level == 1 else "h3"
    classes = f"ap-report-section ap-report-level-{section.level}"
    if section.area is not None:
        classes += " ap-report-area"
    parts = [f'<section class="{classes}">', f'<{tag} id="{esc(section.anchor)}">{esc(section.heading)}</{tag}>']
    parts += [_prose(paragraph) for paragraph in section.paragraphs]
    if section.area is not None:
        if section.tally:
            tally = "".join(f"<li>{status_html(line.status, icon_images, line.text)}</li>" for line in section.tally)
            parts.append('<p class="ap-report-tally-title">Uppföljning åtgärder:</p>')
            parts.append(f'<ul class="ap-report-tally">{tally}</ul>')
        parts += [_measure(m, icon_images) for m in section.measures]
    parts.append("</section>")
    return "".join(parts)


def _measure(measure: MeasureEntry, icon_images: bool) -> str:
    parts = [f'<article class="ap-report-measure"><h4 id="{esc(measure.anchor)}">{esc(measure.heading)}</h4>']
    parts += [_paragraph(text) for text in measure.description]
    values = [esc(measure.districts), esc(measure.responsible), esc(measure.financing)]
    if measure.status is not None:
        values.append(status_html(measure.status, icon_images))
    items = "".join(f"<dt>{term}:</dt><dd>{value}</dd>" for term, value in zip(MEASURE_TERMS, values, strict=False))
    parts.append(f'<dl class="ap-report-facts">{items}</dl>')
    parts += [_paragraph(text, "ap-report-comment") for text in measure.comment]
    if measure.next_year:
        parts.append(_paragraph(measure.next_year, "ap-report-next"))
    parts.append("</article>")
    return "".join(parts)


def _overview(overview: StatusOverview, icon_images: bool) -> str:
    """The whole plan's and each area's status as a table with header cells, and as a chart with its text."""
    statuses = overview.statuses
    head = "".join(
        f'<th scope="col">{status_html(StatusText(s.key, s.label, s.icon, s.colour), icon_images)}</th>'
        for s in statuses
    )
    rows = "".join(
        f'<tr><th scope="row">{esc(label)}</th>'
        + "".join(f"<td>{counts.get(s.key, 0)}</td>" for s in statuses)
        + f"<td>{sum(counts.values())}</td></tr>"
        for label, counts in overview.rows
    )
    total = (
        '<tr class="ap-report-total"><th scope="row">Alla åtgärder</th>'
        + "".join(f"<td>{overview.total.get(s.key, 0)}</td>" for s in statuses)
        + f"<td>{sum(overview.total.values())}</td></tr>"
    )
    table = (
        f'<table class="ap-report-table"><caption>{esc(overview.title)}, antal åtgärder</caption>'
        f'<thead><tr><th scope="col">Utvecklingsområde</th>{head}<th scope="col">Totalt</th></tr></thead>'
        f"<tbody>{rows}{total}</tbody></table>"
    )
    chart_rows = [("Alla åtgärder", overview.total), *overview.rows]
    key = "".join(
        f'<li><span class="ap-report-swatch ap-report-swatch--{esc(s.key)}"></span>{esc(s.label)}</li>'
        for s in statuses
    )
    chart = (
        f'<figure class="ap-report-chart">{stacked_bars(chart_rows, statuses, overview.summary)}'
        f"<figcaption>{esc(overview.title)}: alla åtgärder och varje utvecklingsområde."
        f'<ul class="ap-report-key">{key}</ul></figcaption></figure>'
    )
    return (
        f'<section class="ap-report-section ap-report-overview">'
        f'<h2 id="{OVERVIEW_ANCHOR}">{esc(overview.title)}</h2>{table}{chart}</section>'
    )


def _changes(changes: Changes, icon_images: bool) -> str:
    """How many continuing measures changed status since the previous year, in total and per area, and which."""
    parts = [
        f'<section class="ap-report-section ap-report-changes"><h2 id="{CHANGES_ANCHOR}">{esc(changes.heading)}</h2>',
        _paragraph(
            f"Åtgärder {changes.year} som fortsätter åtgärder från {changes.previous}, "
            f"jämförda med deras status {changes.previous}. {changes.total.text}"
        ),
    ]
    rows = "".join(
        f'<tr><th scope="row">{esc(row.label)}</th><td>{row.continuing}</td><td>{len(row.changed)}</td>'
        f"<td>{row.not_followed_up}</td></tr>"
        for row in (*changes.areas, changes.total)
    )
    parts.append(
        f'<table class="ap-report-table"><caption>{esc(changes.heading)}, antal åtgärder</caption>'
        '<thead><tr><th scope="col">Utvecklingsområde</th><th scope="col">Fortsätter</th>'
        '<th scope="col">Ändrad status</th><th scope="col">Ej uppföljda</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )
    for row in changes.areas:
        if row.changed:
            parts.append(_paragraph(f"{row.label}, ändrad status:", "ap-report-tally-title"))
            items = "".join(
                f"<li>{esc(line.id)} {esc(line.title)}: från "
                + ", ".join(status_html(s, icon_images) for s in dict((s.key, s) for s in line.before).values())
                + f" till {status_html(line.after, icon_images)}</li>"
                for line in row.changed
            )
            parts.append(f'<ul class="ap-report-changed">{items}</ul>')
    parts.append("</section>")
    return "".join(parts)


def _prose(paragraph: Paragraph) -> str:
    inner = "".join(f"<em>{esc(text)}</em>" if emphasised else esc(text) for text, emphasised in paragraph.runs)
    return f"<p>{inner}</p>"


def _paragraph(text: str, css_class: str | None = None) -> str:
    attribute = f' class="{css_class}"' if css_class else ""
    return f"<p{attribute}>{esc(text)}</p>"

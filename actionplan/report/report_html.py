"""The report as HTML: the body the site's report page shows, and the standalone document WeasyPrint prints.

Every text comes from the model as plain text and is escaped here; nothing
from an editor's file is ever evaluated or passed on as markup. Descriptions
and prose are written as escaped paragraphs (see `prose`): the package may not
import a Markdown library, and the texts are plain paragraphs anyway, so the
site, the PDF and the Word file show the same words without a Markdown step.
"""

from __future__ import annotations

from html import escape
from importlib import resources
from urllib.parse import quote

from actionplan.icon_shapes import ICONS
from actionplan.render.icon_svg import icon_svg
from actionplan.report.prose import Paragraph
from actionplan.report.report_model import MeasureEntry, Report, Section, StatusText, document_name

# The terms of a measure's facts, in order (the PDF measures the widest of them).
MEASURE_TERMS = ("Område", "Ansvarig", "Finansiering och tid", "Status")


def esc(text: object) -> str:
    return escape(str(text), quote=True)


def body(report: Report, downloads: bool | None = None, icon_images: bool = False) -> str:
    """The report's content.

    `downloads`: True links the PDF and Word files lying next to the page, False
    says they come with publishing (a site page), None says nothing (the document itself).
    `icon_images`: the status icons as images of inline data rather than inline SVG (see `status_html`).
    """
    parts = ['<div class="ap-report" lang="sv">', _title_block(report, downloads), _contents(report)]
    parts += [_section(section, icon_images) for section in report.sections]
    parts.append("</div>")
    # One line per block: the site's Markdown step never sees a blank line inside it.
    # One join: the report of thousands of measures is megabytes, and each copy counts.
    return "".join(parts)


def document(report: Report, stylesheet: str | None = None, icon_images: bool = False) -> str:
    """A standalone single-file HTML document (the one the PDF is printed from, with `icon_images`)."""
    css = stylesheet if stylesheet is not None else print_stylesheet()
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


def print_stylesheet() -> str:
    return resources.files("actionplan.report").joinpath("report.css").read_text(encoding="utf-8")


def status_html(status: StatusText, icon_image: bool = False) -> str:
    """Word and icon, never colour alone; a missing status shows its word without an icon.

    `icon_image` makes the icon an <img> of inline data: WeasyPrint reads
    that once per status, but an inline SVG once per measure.
    """
    icon = ""
    if status.icon and icon_image:
        icon = f'<img class="ap-icon" alt="" src="{esc(icon_data(status.icon))}">'
    elif status.icon:
        colour = f' style="color:{esc(status.colour)}"' if status.colour else ""
        icon = f"<span{colour}>{icon_svg(status.icon)}</span>"
    key = esc(status.key or "ej-uppfoljd")
    return f'<span class="ap-report-status ap-report-status--{key}">{icon}<span>{esc(status.label)}</span></span>'


def _title_block(report: Report, downloads: bool | None) -> str:
    parts = ['<header class="ap-report-titlepage">']
    if report.draft:
        parts.append(f'<p class="ap-report-draft" role="note"><strong>{esc(report.draft_notice)}</strong></p>')
    parts.append(f'<h1 id="rapport">{esc(report.title)}</h1>')
    facts = "".join(f"<dt>{esc(term)}:</dt><dd>{esc(value)}</dd>" for term, value in report.facts)
    parts.append(f'<dl class="ap-report-document">{facts}</dl>')
    if downloads:
        pdf, docx = document_name(report.year, "pdf"), document_name(report.year, "docx")
        parts.append(
            '<p class="ap-report-downloads">Ladda ner rapporten: '
            f'<a href="{esc(pdf)}" download>PDF ({esc(pdf)})</a> · '
            f'<a href="{esc(docx)}" download>Word ({esc(docx)})</a></p>'
        )
    elif downloads is False:
        parts.append(
            '<p class="ap-report-downloads">Rapporten som PDF och Word-fil skapas när webbplatsen publiceras '
            f"({esc(document_name(report.year, 'pdf'))}, {esc(document_name(report.year, 'docx'))}).</p>"
        )
    parts.append("</header>")
    return "".join(parts)


def _contents(report: Report) -> str:
    items = "".join(
        f'<li class="ap-toc-{section.level}"><a href="#{esc(section.anchor)}">'
        f'<span class="ap-toc-text">{esc(section.heading)}</span></a></li>'
        for section in report.sections
    )
    return (
        '<nav class="ap-report-contents" aria-labelledby="innehall">'
        f'<h2 id="innehall">Innehåll</h2><ol>{items}</ol></nav>'
    )


def icon_data(name: str) -> str:
    """The named icon as a data: URL of a standalone SVG, in black.

    Black like the text, as the PDF has always drawn its inline icons (WeasyPrint
    gives an inline SVG no CSS colour), and a yellow icon would fade on paper.
    """
    drawing = ICONS[name].replace("currentColor", "#000")
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
        tally = "".join(f"<li>{esc(line.text)}</li>" for line in section.tally)
        parts.append('<p class="ap-report-tally-title">Uppföljning åtgärder:</p>')
        parts.append(f'<ul class="ap-report-tally">{tally}</ul>')
        parts += [_measure(m, icon_images) for m in section.measures]
    parts.append("</section>")
    return "".join(parts)


def _measure(measure: MeasureEntry, icon_images: bool) -> str:
    parts = [f'<article class="ap-report-measure"><h4 id="{esc(measure.anchor)}">{esc(measure.heading)}</h4>']
    parts += [_paragraph(text) for text in measure.description]
    status = status_html(measure.status, icon_images)
    values = (esc(measure.districts), esc(measure.responsible), esc(measure.financing), status)
    items = "".join(f"<dt>{term}:</dt><dd>{value}</dd>" for term, value in zip(MEASURE_TERMS, values, strict=True))
    parts.append(f'<dl class="ap-report-facts">{items}</dl>')
    parts += [_paragraph(text, "ap-report-comment") for text in measure.comment]
    if measure.next_year:
        parts.append(_paragraph(measure.next_year, "ap-report-next"))
    parts.append("</article>")
    return "".join(parts)


def _prose(paragraph: Paragraph) -> str:
    inner = "".join(f"<em>{esc(text)}</em>" if emphasised else esc(text) for text, emphasised in paragraph.runs)
    return f"<p>{inner}</p>"


def _paragraph(text: str, css_class: str | None = None) -> str:
    attribute = f' class="{css_class}"' if css_class else ""
    return f"<p{attribute}>{esc(text)}</p>"

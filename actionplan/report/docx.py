"""The report as a Word file (python-docx), for staff who edit it further before it goes to the board.

Sections and measures use Word's built-in heading styles (Rubrik 1-3 in a
Swedish Word), so Word's navigation pane and its own table of contents work;
the contents here is a TOC field that Word fills in when the fields are
updated. Each measure's facts are a two-column table; the status is its word.
The document language is Swedish, for spelling and hyphenation.
python-docx is imported here only, so the site never loads it.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from actionplan.report.model import MeasureEntry, Report, Section

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.table import _Cell
    from docx.text.paragraph import Paragraph as WordParagraph

LANGUAGE = "sv-SE"


def write(report: Report, output: Path) -> None:
    from docx import Document
    from docx.shared import Mm, Pt

    document = Document()
    for page in document.sections:
        # python-docx's template is US Letter; the municipality prints A4.
        page.page_width, page.page_height = Mm(210), Mm(297)
        page.left_margin = page.right_margin = Mm(22)
    _set_language(document)
    properties = document.core_properties
    properties.title = report.title
    properties.subject = report.running_title
    properties.language = LANGUAGE
    properties.author = next((value for term, value in report.facts if term == "Organisation"), "")
    document.styles["Normal"].font.size = Pt(10.5)

    if report.draft:
        document.add_paragraph().add_run(report.draft_notice).bold = True
    document.add_heading(report.title, level=0)
    _facts_table(document, report.facts, with_colon=True)
    _footer(document, report)

    document.add_paragraph("Innehåll", style="TOC Heading" if _has_style(document, "TOC Heading") else None)
    _toc_field(document)
    for section in report.sections:
        _section(document, section)
    document.save(str(output))


def _section(document: WordDocument, section: Section) -> None:
    from docx.enum.text import WD_BREAK

    if section.level == 1 or section.area is not None:
        # The printed report starts each chapter and each area on a new page.
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.add_heading(section.heading, level=section.level)
    for paragraph in section.paragraphs:
        written = document.add_paragraph()
        for text, emphasised in paragraph.runs:
            written.add_run(text).italic = emphasised or None
    if section.area is None:
        return
    document.add_paragraph().add_run("Uppföljning åtgärder:").bold = True
    for line in section.tally:
        document.add_paragraph(line.text, style="List Bullet")
    for measure in section.measures:
        _measure(document, measure)


def _measure(document: WordDocument, measure: MeasureEntry) -> None:
    document.add_heading(measure.heading, level=3)
    for text in measure.description:
        document.add_paragraph(text)
    _facts_table(
        document,
        (
            ("Område", measure.districts),
            ("Ansvarig", measure.responsible),
            ("Finansiering och tid", measure.financing),
            ("Status", measure.status.label),
        ),
        with_colon=False,
    )
    for text in measure.comment:
        document.add_paragraph(text)
    if measure.next_year:
        document.add_paragraph().add_run(measure.next_year).italic = True


def _facts_table(document: WordDocument, facts: Iterable[tuple[str, str]], with_colon: bool) -> None:
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for term, value in facts:
        cells = table.add_row().cells
        cells[0].paragraphs[0].add_run(f"{term}:" if with_colon else term).bold = True
        cells[1].text = value
        _keep_row_together(cells)
    document.add_paragraph()


def _keep_row_together(cells: tuple[_Cell, ...] | list[_Cell]) -> None:
    """A row is never split across pages (w:cantSplit)."""
    from docx.oxml import OxmlElement

    row_properties = cells[0]._tc.getparent().get_or_add_trPr()
    row_properties.append(OxmlElement("w:cantSplit"))


def _set_language(document: WordDocument) -> None:
    """Swedish as the language of every style's text (docDefaults), so Word checks Swedish spelling."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault"))
    if run_defaults is None:
        run_defaults = OxmlElement("w:rPrDefault")
        defaults.insert(0, run_defaults)
    properties = run_defaults.find(qn("w:rPr"))
    if properties is None:
        properties = OxmlElement("w:rPr")
        run_defaults.append(properties)
    for old in properties.findall(qn("w:lang")):
        properties.remove(old)
    language = OxmlElement("w:lang")
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        language.set(qn(attribute), LANGUAGE)
    properties.append(language)


def _has_style(document: WordDocument, name: str) -> bool:
    return any(style.name == name for style in document.styles)


def _field(paragraph: WordParagraph, instruction: str, placeholder: str) -> None:
    """A Word field (begin, instruction, separate, shown text, end) that Word updates itself."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def char(kind: str) -> BaseOxmlElement:
        run = OxmlElement("w:r")
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        run.append(element)
        return run

    instruction_run = OxmlElement("w:r")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    instruction_run.append(text)
    shown = OxmlElement("w:r")
    shown_text = OxmlElement("w:t")
    shown_text.set(qn("xml:space"), "preserve")
    shown_text.text = placeholder
    shown.append(shown_text)
    for element in (char("begin"), instruction_run, char("separate"), shown, char("end")):
        paragraph._p.append(element)


def _toc_field(document: WordDocument) -> None:
    paragraph = document.add_paragraph()
    _field(
        paragraph,
        'TOC \\o "1-2" \\h \\z \\u',
        "Innehållsförteckningen fylls i när fälten uppdateras (i Word: högerklicka och välj Uppdatera fält).",
    )


def _footer(document: WordDocument, report: Report) -> None:
    """ "Sida 3 (35)" in the footer and the title with Dnr in the header of every page."""
    section = document.sections[0]
    section.header.paragraphs[0].text = report.running_title
    footer = section.footer.paragraphs[0]
    footer.add_run("Sida ")
    _field(footer, "PAGE", "1")
    footer.add_run(" (")
    _field(footer, "NUMPAGES", "1")
    footer.add_run(")")

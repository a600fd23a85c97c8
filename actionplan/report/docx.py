"""The report as a Word file (python-docx), for staff who edit it further before it goes to the board.

Sections and measures use Word's built-in heading styles (Rubrik 1-3 in a
Swedish Word), so Word's navigation pane and its own table of contents work;
the contents here is a TOC field that Word fills in when the fields are
updated. Each measure's facts are a two-column table; the status is its word.
The document language is Swedish, for spelling and hyphenation.
python-docx is imported here only, so the site never loads it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from actionplan.report.report_model import MeasureEntry, Report, Section

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.text.paragraph import Paragraph as WordParagraph

LANGUAGE = "sv-SE"
# Each tab and line-break character becomes a Word element of its own, as python-docx's run.text makes them.
_SPECIAL = re.compile(r"([\t\r\n])")


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
    _footer(document, report)

    body = _Body(document)
    if report.draft:
        body.paragraph([(report.draft_notice, "b")])
    body.paragraph([(report.title, "")], "Title")
    body.facts_table(((f"{term}:", value) for term, value in report.facts))
    body.paragraph([("Innehåll", "")], "TOC Heading" if body.has_style("TOC Heading") else None)
    body.paragraph()
    body.add()
    _toc_field(document.paragraphs[-1])
    for section in report.sections:
        _section(body, section)
    body.add()
    document.save(str(output))


class _Body:
    """The document's body written as WordprocessingML, with python-docx's own markup.

    python-docx's add_paragraph and add_table look each style up by name and
    search the body for where to insert: per paragraph a walk over all styles
    and over every paragraph before it, which made a report of thousands of
    measures take longer than its PDF. Here the style ids are looked up once,
    the blocks are collected as XML text and parsed in one go, and inserted
    before the body's section properties, where python-docx puts them.
    """

    def __init__(self, document: WordDocument) -> None:
        from docx.enum.style import WD_STYLE_TYPE
        from docx.shared import Emu

        self._document = document
        self._style_ids = {
            style.name: style.style_id
            for style in document.styles
            if style.type in (WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.TABLE) and style.name
        }
        section = document.sections[0]
        width = (section.page_width or 0) - (section.left_margin or 0) - (section.right_margin or 0)
        # Two columns of half the text width each, as python-docx's add_table makes them.
        self._column = Emu(width // 2).twips
        self._blocks: list[str] = []

    def has_style(self, name: str) -> bool:
        return name in self._style_ids

    def paragraph(self, runs: Iterable[tuple[str, str]] = (), style: str | None = None) -> None:
        """A paragraph of runs (text, "" plain, "b" bold or "i" italic) in a named style."""
        properties = f'<w:pPr><w:pStyle w:val="{self._style_ids[style]}"/></w:pPr>' if style else ""
        self._blocks.append(f"<w:p>{properties}{''.join(_run(text, kind) for text, kind in runs)}</w:p>")

    def page_break(self) -> None:
        self._blocks.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')

    def facts_table(self, facts: Iterable[tuple[str, str]]) -> None:
        """Bold terms beside their values in a two-column grid, no row split across pages; an empty paragraph after."""
        cell = f'<w:tcPr><w:tcW w:type="dxa" w:w="{self._column}"/></w:tcPr>'
        rows = "".join(
            f"<w:tr><w:trPr><w:cantSplit/></w:trPr>"
            f"<w:tc>{cell}<w:p>{_run(term, 'b')}</w:p></w:tc>"
            f"<w:tc>{cell}<w:p>{_run(value, '')}</w:p></w:tc></w:tr>"
            for term, value in facts
        )
        self._blocks.append(
            f'<w:tbl><w:tblPr><w:tblStyle w:val="{self._style_ids["Table Grid"]}"/>'
            '<w:tblW w:type="auto" w:w="0"/><w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" '
            'w:lastRow="0" w:noHBand="0" w:noVBand="1" w:val="04A0"/></w:tblPr>'
            f'<w:tblGrid><w:gridCol w:w="{self._column}"/><w:gridCol w:w="{self._column}"/></w:tblGrid>'
            f"{rows}</w:tbl><w:p/>"
        )

    def add(self) -> None:
        """Parse the blocks collected so far and put them at the end of the body."""
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls

        if not self._blocks:
            return
        parsed = parse_xml(f"<w:body {nsdecls('w')}>{''.join(self._blocks)}</w:body>")
        self._blocks.clear()
        end = self._document.element.body.sectPr
        for block in list(parsed):
            if end is None:
                self._document.element.body.append(block)
            else:
                end.addprevious(block)


def _run(text: str, kind: str) -> str:
    """A run's XML; an empty text makes an empty run, as python-docx's add_run does."""
    properties = {"b": "<w:rPr><w:b/></w:rPr>", "i": "<w:rPr><w:i/></w:rPr>"}.get(kind, "")
    content = []
    for piece in _SPECIAL.split(text):
        if piece == "\t":
            content.append("<w:tab/>")
        elif piece in ("\r", "\n"):
            content.append("<w:br/>")
        elif piece:
            space = ' xml:space="preserve"' if piece != piece.strip() else ""
            content.append(f"<w:t{space}>{escape(piece)}</w:t>")
    return f"<w:r>{properties}{''.join(content)}</w:r>"


def _section(body: _Body, section: Section) -> None:
    if section.level == 1 or section.area is not None:
        # The printed report starts each chapter and each area on a new page.
        body.page_break()
    body.paragraph([(section.heading, "")], f"Heading {section.level}")
    for paragraph in section.paragraphs:
        body.paragraph((text, "i" if emphasised else "") for text, emphasised in paragraph.runs)
    if section.area is None:
        return
    body.paragraph([("Uppföljning åtgärder:", "b")])
    for line in section.tally:
        body.paragraph([(line.text, "")], "List Bullet")
    for measure in section.measures:
        _measure(body, measure)


def _measure(body: _Body, measure: MeasureEntry) -> None:
    body.paragraph([(measure.heading, "")], "Heading 3")
    for text in measure.description:
        body.paragraph([(text, "")])
    body.facts_table(
        (
            ("Område", measure.districts),
            ("Ansvarig", measure.responsible),
            ("Finansiering och tid", measure.financing),
            ("Status", measure.status.label),
        )
    )
    for text in measure.comment:
        body.paragraph([(text, "")])
    if measure.next_year:
        body.paragraph([(measure.next_year, "i")])


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


def _toc_field(paragraph: WordParagraph) -> None:
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

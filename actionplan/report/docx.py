"""The report, the plan and the letter as Word files (python-docx), for staff who edit them before they go to the board.

What Word's accessibility checker asks for: built-in heading styles in order
(Rubrik 1-3 in a Swedish Word, so the navigation pane and its own table of
contents work), tables whose first row is marked as a header row that repeats
on each page (`w:tblHeader`) and rows that are not split across pages, a
description on every table and picture, the title in the file's properties,
and Swedish as the language of every style. The contents is a TOC field whose
entries are already written (linked to bookmarks on the headings), so it shows
without "Uppdatera fält"; Word adds the page numbers when it updates it.
A status is its word, a character for its icon and its colour behind them.
python-docx is imported here only, so the site never loads it.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape, quoteattr

from actionplan.render.html_fragments import contrast_text
from actionplan.report import report_html
from actionplan.report.letter import Fill, Letter, Piece
from actionplan.report.report_model import Changes, MeasureEntry, Report, Section, StatusOverview, StatusText

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.text.paragraph import Paragraph as WordParagraph

LANGUAGE = "sv-SE"
# Each tab and line-break character becomes a Word element of its own, as python-docx's run.text makes them.
_SPECIAL = re.compile(r"([\t\r\n])")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
# A character beside each status's word, as the site and the PDF show its icon (text: no picture to describe).
ICON_CHARACTERS = {"check": "\u2713", "clock": "\u25f7", "cross": "\u2717", "dashed": "\u25cc", "half": "\u25d0"}
# The highlight of a field the coordinator fills in (the letter's "[Fyll i: ...]").
FILL_HIGHLIGHT = "yellow"


@dataclass(frozen=True)
class Cell:
    """A table cell: runs (text, kind as `Body.paragraph` takes them) and an optional status colour."""

    runs: tuple[tuple[str, str], ...]
    shading: str | None = None


def plain(text: str) -> Cell:
    return Cell(((text, ""),))


def status_cell(status: StatusText, text: str | None = None) -> Cell:
    """The status's icon character and word on its colour, in the ink that reads on it."""
    icon = ICON_CHARACTERS.get(status.icon or "", "")
    words = status.label if text is None else text
    colour = status.colour if status.colour and _COLOUR.match(status.colour) else None
    return Cell((((f"{icon} " if icon else "") + words, "b"),), colour)


def write(report: Report, output: Path) -> None:
    document = new_document(report.title, report.running_title, _organisation(report))
    _footer(document, report.running_title)

    body = Body(document)
    if report.draft:
        body.paragraph([(report.draft_notice, "b")])
    body.paragraph([(report.title, "")], "Title")
    if report.facts:
        body.table(
            [term for term, _ in report.facts], [[plain(value) for _, value in report.facts]], "Dokumentets uppgifter"
        )
    body.paragraph([("Innehåll", "")], "TOC Heading")
    body.contents([(level, heading) for level, _, heading in report_html.contents_entries(report)])
    if report.overview is not None:
        _overview(body, report.overview)
    if report.changes is not None:
        _changes(body, report.changes)
    for section in report.sections:
        _section(body, section)
    body.add()
    document.save(str(output))


def write_letter(letter: Letter, output: Path) -> None:
    """The draft letter: letterhead as a table, then headings, paragraphs and lists; fields to fill in highlighted."""
    document = new_document(letter.title, letter.title, letter.organisation)
    _footer(document, f"Tjänsteskrivelse – {letter.title}")
    body = Body(document)
    body.table(
        [term for term, _ in letter.letterhead],
        [[Cell(_pieces(value)) for _, value in letter.letterhead]],
        "Skrivelsens uppgifter",
    )
    body.paragraph([(letter.title, "")], "Title")
    for block in letter.blocks:
        if block.kind == "heading":
            body.heading(block.text, block.level)
        elif block.kind == "paragraph":
            body.paragraph(_pieces(block.pieces))
        else:
            style = "List Number" if block.kind == "numbered" else "List Bullet"
            for item in block.items:
                body.paragraph(_pieces(item), style)
    body.add()
    document.save(str(output))


def _pieces(pieces: tuple[Piece, ...]) -> tuple[tuple[str, str], ...]:
    return tuple((p.text, "f") if isinstance(p, Fill) else (p, "") for p in pieces)


def new_document(title: str, subject: str, author: str) -> WordDocument:
    """An A4 document in Swedish with its title in the file's properties."""
    from docx import Document
    from docx.shared import Mm, Pt

    document = Document()
    for page in document.sections:
        # python-docx's template is US Letter; the municipality prints A4.
        page.page_width, page.page_height = Mm(210), Mm(297)
        page.left_margin = page.right_margin = Mm(22)
    _set_language(document)
    properties = document.core_properties
    properties.title = title
    properties.subject = subject
    properties.language = LANGUAGE
    properties.author = author
    document.styles["Normal"].font.size = Pt(10.5)
    return document


def _organisation(report: Report) -> str:
    return next((value for term, value in report.facts if term == "Organisation"), "")


class Body:
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

        self._document = document
        self._style_ids = {
            style.name: style.style_id
            for style in document.styles
            if style.type in (WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.TABLE) and style.name
        }
        section = document.sections[0]
        width = (section.page_width or 0) - (section.left_margin or 0) - (section.right_margin or 0)
        self._twips = int(width) // 635  # 635 EMU to a twip
        self._blocks: list[str] = []
        self._bookmarks = 0
        self._toc_entries: list[tuple[int, str]] | None = None
        self._toc_at = 0

    def paragraph(self, runs: Iterable[tuple[str, str]] = (), style: str | None = None) -> None:
        """A paragraph of runs (text, "" plain, "b" bold, "i" italic, "f" a field to fill in) in a named style."""
        properties = f'<w:pPr><w:pStyle w:val="{self._style_ids[style]}"/></w:pPr>' if style else ""
        self._blocks.append(f"<w:p>{properties}{''.join(_run(text, kind) for text, kind in runs)}</w:p>")

    def heading(self, text: str, level: int) -> None:
        """A heading in Word's built-in style; headings 1-2 get the bookmark their contents entry links to."""
        style = f'<w:pPr><w:pStyle w:val="{self._style_ids[f"Heading {level}"]}"/></w:pPr>'
        if level > 2:
            self._blocks.append(f"<w:p>{style}{_run(text, '')}</w:p>")
            return
        self._bookmarks += 1
        number = self._bookmarks
        self._blocks.append(
            f'<w:p>{style}<w:bookmarkStart w:id="{number}" w:name="_Toc{number}"/>{_run(text, "")}'
            f'<w:bookmarkEnd w:id="{number}"/></w:p>'
        )

    def contents(self, entries: Sequence[tuple[int, str]]) -> None:
        """A TOC field over headings 1-2 whose result already lists them, each linked to its heading's bookmark.

        Headings 1-2 are numbered in the order `heading` writes them, so entry
        N links to "_TocN": the caller lists exactly the level 1-2 headings it
        then writes, in that order.
        """
        self._toc_entries = list(entries)
        self._toc_at = len(self._blocks)
        self._blocks.append("")  # filled in by add(), when the bookmark names are known

    def status_paragraph(self, status: StatusText, text: str) -> None:
        """A line such as "✓ Genomförda: 6 åtgärder" on the status's colour, in the ink that reads on it."""
        cell = status_cell(status, text)
        shading = f'<w:shd w:val="clear" w:color="auto" w:fill="{cell.shading[1:]}"/>' if cell.shading else ""
        ink = f'<w:color w:val="{contrast_text(cell.shading)[1:]}"/>' if cell.shading else ""
        runs = "".join(f"<w:r><w:rPr><w:b/>{ink}{shading}</w:rPr>{_text(text)}</w:r>" for text, _ in cell.runs)
        self._blocks.append(f'<w:p><w:pPr><w:spacing w:after="60"/></w:pPr>{runs}</w:p>')

    def page_break(self) -> None:
        self._blocks.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')

    def table(self, header: Sequence[str], rows: Sequence[Sequence[Cell]], description: str) -> None:
        """A table whose first row is a header row repeated on each page; no row split across pages."""
        columns = len(header)
        width = self._twips // max(columns, 1)
        cell_properties = f'<w:tcW w:type="dxa" w:w="{width}"/>'
        header_row = (
            "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
            + "".join(f"<w:tc><w:tcPr>{cell_properties}</w:tcPr><w:p>{_run(text, 'b')}</w:p></w:tc>" for text in header)
            + "</w:tr>"
        )
        grid = f'<w:gridCol w:w="{width}"/>' * columns
        body_rows = "".join(
            "<w:tr><w:trPr><w:cantSplit/></w:trPr>" + "".join(_cell(cell, cell_properties) for cell in row) + "</w:tr>"
            for row in rows
        )
        self._blocks.append(
            f'<w:tbl><w:tblPr><w:tblStyle w:val="{self._style_ids["Table Grid"]}"/>'
            '<w:tblW w:type="auto" w:w="0"/>'
            '<w:tblLook w:firstColumn="0" w:firstRow="1" w:lastColumn="0" w:lastRow="0" w:noHBand="0" '
            'w:noVBand="1" w:val="0420"/>'
            f"<w:tblCaption w:val={quoteattr(description)}/>"
            f"<w:tblDescription w:val={quoteattr(description)}/></w:tblPr>"
            f"<w:tblGrid>{grid}</w:tblGrid>"
            f"{header_row}{body_rows}</w:tbl><w:p/>"
        )

    def picture(self, image: bytes, width_mm: float, description: str) -> None:
        """A picture with its description (Word's alternative text) in a paragraph of its own."""
        from docx.shared import Mm

        self.add()
        shape = self._document.add_picture(io.BytesIO(image), width=Mm(width_mm))
        properties = shape._inline.docPr
        properties.set("descr", description)
        properties.set("title", description.split(":")[0])

    def add(self) -> None:
        """Parse the blocks collected so far and put them at the end of the body."""
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls

        if not self._blocks:
            return
        if self._toc_entries is not None:
            self._blocks[self._toc_at] = _toc(self._toc_entries)
            self._toc_entries = None
        parsed = parse_xml(f"<w:body {nsdecls('w')}>{''.join(self._blocks)}</w:body>")
        self._blocks.clear()
        end = self._document.element.body.sectPr
        for block in list(parsed):
            if end is None:
                self._document.element.body.append(block)
            else:
                end.addprevious(block)


def _toc(entries: Sequence[tuple[int, str]]) -> str:
    """The TOC field's paragraphs: begin and instruction in the first, one linked entry each, end in the last."""
    begin = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> TOC \\o "1-2" \\h \\z \\u </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    )
    paragraphs = []
    for number, (level, heading) in enumerate(entries, start=1):
        indent = f'<w:ind w:left="{(level - 1) * 360}"/>' if level > 1 else ""
        link = f'<w:hyperlink w:anchor="_Toc{number}" w:history="1">{_run(heading, "")}</w:hyperlink>'
        paragraphs.append(f"<w:p><w:pPr>{indent}</w:pPr>{begin if number == 1 else ''}{link}</w:p>")
    if not paragraphs:
        paragraphs.append(f"<w:p>{begin}</w:p>")
    paragraphs.append('<w:p><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')
    return "".join(paragraphs)


def _cell(cell: Cell, properties: str) -> str:
    shading = ""
    kinds = cell.runs
    if cell.shading:
        ink = contrast_text(cell.shading)[1:]
        shading = f'<w:shd w:val="clear" w:color="auto" w:fill="{cell.shading[1:]}"/>'
        return (
            f"<w:tc><w:tcPr>{properties}{shading}</w:tcPr><w:p>"
            + "".join(_run(text, kind, ink) for text, kind in kinds)
            + "</w:p></w:tc>"
        )
    return f"<w:tc><w:tcPr>{properties}</w:tcPr><w:p>{''.join(_run(text, kind) for text, kind in kinds)}</w:p></w:tc>"


def _run(text: str, kind: str, colour: str | None = None) -> str:
    """A run's XML; an empty text makes an empty run, as python-docx's add_run does."""
    properties = {"b": "<w:b/>", "i": "<w:i/>", "f": f'<w:highlight w:val="{FILL_HIGHLIGHT}"/>'}.get(kind, "")
    if colour:
        properties += f'<w:color w:val="{colour}"/>'
    return f"<w:r>{f'<w:rPr>{properties}</w:rPr>' if properties else ''}{_text(text)}</w:r>"


def _text(text: str) -> str:
    """A run's content: text elements, with tabs and line breaks as Word's own elements."""
    content = []
    for piece in _SPECIAL.split(text):
        if piece == "\t":
            content.append("<w:tab/>")
        elif piece in ("\r", "\n"):
            content.append("<w:br/>")
        elif piece:
            space = ' xml:space="preserve"' if piece != piece.strip() else ""
            content.append(f"<w:t{space}>{escape(piece)}</w:t>")
    return "".join(content)


def _overview(body: Body, overview: StatusOverview) -> None:
    from actionplan.report import docx_chart

    body.page_break()
    body.heading(overview.title, 1)
    statuses = [StatusText(s.key, s.label, s.icon, s.colour) for s in overview.statuses]
    rows = [
        [plain(label), *(plain(str(counts.get(s.key or "", 0))) for s in statuses), plain(str(sum(counts.values())))]
        for label, counts in (*overview.rows, ("Alla åtgärder", overview.total))
    ]
    header = [
        "Utvecklingsområde",
        *(f"{ICON_CHARACTERS.get(s.icon or '', '')} {s.label}".strip() for s in statuses),
        "Totalt",
    ]
    body.table(header, rows, f"{overview.title}, antal åtgärder per utvecklingsområde och status")
    body.picture(docx_chart.stacked_bars(overview), 160, overview.summary)
    body.paragraph([(f"{overview.title}: alla åtgärder och varje utvecklingsområde.", "i")])


def _changes(body: Body, changes: Changes) -> None:
    body.page_break()
    body.heading(changes.heading, 1)
    body.paragraph(
        [
            (
                f"Åtgärder {changes.year} som fortsätter åtgärder från {changes.previous}, "
                f"jämförda med deras status {changes.previous}. {changes.total.text}",
                "",
            )
        ]
    )
    rows = [
        [plain(row.label), plain(str(row.continuing)), plain(str(len(row.changed))), plain(str(row.not_followed_up))]
        for row in (*changes.areas, changes.total)
    ]
    body.table(
        ["Utvecklingsområde", "Fortsätter", "Ändrad status", "Ej uppföljda"], rows, f"{changes.heading}, antal åtgärder"
    )
    for row in changes.areas:
        if row.changed:
            body.paragraph([(f"{row.label}, ändrad status:", "b")])
            for line in row.changed:
                body.paragraph([(line.text, "")], "List Bullet")


def _section(body: Body, section: Section) -> None:
    if section.level == 1 or section.area is not None:
        # The printed report starts each chapter and each area on a new page.
        body.page_break()
    body.heading(section.heading, section.level)
    for paragraph in section.paragraphs:
        body.paragraph((text, "i" if emphasised else "") for text, emphasised in paragraph.runs)
    if section.area is None:
        return
    if section.tally:
        body.paragraph([("Uppföljning åtgärder:", "b")])
        for line in section.tally:
            body.status_paragraph(line.status, line.text)
    for measure in section.measures:
        _measure(body, measure)


def _measure(body: Body, measure: MeasureEntry) -> None:
    body.heading(measure.heading, 3)
    for text in measure.description:
        body.paragraph([(text, "")])
    header = ["Område", "Ansvarig", "Finansiering och tid"]
    cells = [plain(measure.districts), plain(measure.responsible), plain(measure.financing)]
    if measure.status is not None:
        header.append("Status")
        cells.append(status_cell(measure.status))
    body.table(header, [cells], f"Uppgifter om åtgärd {measure.id}")
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


def _footer(document: WordDocument, running_title: str) -> None:
    """ "Sida 3 (35)" in the footer and the title with Dnr in the header of every page."""
    section = document.sections[0]
    section.header.paragraphs[0].text = running_title
    footer = section.footer.paragraphs[0]
    footer.add_run("Sida ")
    _field(footer, "PAGE", "1")
    footer.add_run(" (")
    _field(footer, "NUMPAGES", "1")
    footer.add_run(")")

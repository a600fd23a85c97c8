"""The report as a PDF, printed by WeasyPrint from the standalone HTML document.

WeasyPrint is imported here only, so that building or serving the site never
loads it. Fonts are the machine's own (Debian's fonts-liberation, else
fonts-dejavu-core), named by file and embedded by WeasyPrint; the fetcher
refuses every URL that is not a local file or inline data, so a PDF never
depends on the network.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from actionplan.report import report_html
from actionplan.report.letter import Letter
from actionplan.report.report_model import Report

# (weight, style, file) per face, first family found wins.
FONT_FAMILIES = (
    (
        Path("/usr/share/fonts/truetype/liberation"),
        (
            ("normal", "normal", "LiberationSans-Regular.ttf"),
            ("bold", "normal", "LiberationSans-Bold.ttf"),
            ("normal", "italic", "LiberationSans-Italic.ttf"),
            ("bold", "italic", "LiberationSans-BoldItalic.ttf"),
        ),
    ),
    (
        Path("/usr/share/fonts/truetype/dejavu"),
        (
            ("normal", "normal", "DejaVuSans.ttf"),
            ("bold", "normal", "DejaVuSans-Bold.ttf"),
        ),
    ),
)


class PdfUnavailable(RuntimeError):
    """WeasyPrint or the Debian libraries it needs are missing; the message is Swedish."""


def installed_faces() -> list[tuple[str, str, Path]]:
    """(weight, style, file) of the first family whose files are installed; empty if none is."""
    for folder, faces in FONT_FAMILIES:
        present = [(weight, style, folder / name) for weight, style, name in faces if (folder / name).is_file()]
        if present:
            return present
    return []


def font_faces(faces: list[tuple[str, str, Path]] | None = None) -> str:
    """@font-face rules for the first locally installed family, pointing at its files."""
    return "\n".join(
        f'@font-face {{ font-family: "Rapport Sans"; font-weight: {weight}; font-style: {style}; '
        f'src: url("{path.as_uri()}"); }}'
        for weight, style, path in (installed_faces() if faces is None else faces)
    )


def term_columns(report: Report, faces: list[tuple[str, str, Path]]) -> str:
    """The facts' term columns as wide as their widest term, set in the family's bold face.

    What a grid's max-content column gave, measured here once from the font
    file rather than by WeasyPrint for every measure (see report.css). Empty
    without a font file: report.css then keeps widths that fit the fallbacks.
    """
    bold = [path for weight, style, path in faces if weight == "bold" and style == "normal"]
    regular = [path for weight, style, path in faces if style == "normal"]
    if not bold and not regular:
        return ""
    font = (bold or regular)[0]
    document_terms = [f"{term}:" for term, _ in report.facts]
    measure_terms = [f"{term}:" for term in report_html.MEASURE_TERMS]
    rules = [(".ap-report-facts dd", _widest(font, measure_terms))]
    if document_terms:
        rules.append((".ap-report-document dd", _widest(font, document_terms)))
    # 10pt is the gap between the columns; the em widths follow the text's size.
    return "\n".join(f"{selector} {{ margin-left: calc({width:.3f}em + 10pt); }}" for selector, width in rules)


def _widest(font: Path, texts: list[str]) -> float:
    """The advance width of the widest text in em (kerning aside: it moves these words by a hair at most)."""
    # fontTools comes with WeasyPrint, which subsets the embedded fonts with it.
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    with TTFont(font, lazy=True) as face:
        characters = face.getBestCmap()
        advances = face["hmtx"].metrics
        missing = advances[".notdef"][0]
        units = face["head"].unitsPerEm

        def width(text: str) -> int:
            return sum(advances[characters[ord(c)]][0] if ord(c) in characters else missing for c in text)

        return float(max(width(text) for text in texts) / units)


# Tagged PDF that says it is PDF/UA-1 (ISO 14289-1, accessible) and PDF/A-2a (ISO 19005-2, archival,
# level A = tagged). WeasyPrint writes one variant: it prints PDF/A-2a (tags, output intent, fonts,
# identifier) and `_declare_ua` adds the PDF/UA identification to the XMP metadata.
VARIANT = "pdf/a-2a"
_XMP_END = b"</rdf:RDF>"
# PDF/A only allows XMP properties of schemas it knows or that the file describes: the PDF/UA
# identification schema (pdfuaid) is described here, as ISO 14289-1 and veraPDF's examples do.
_UA_IDENTIFICATION = b"""<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
 xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"><pdfuaid:part>1</pdfuaid:part></rdf:Description>
"""


def write(report: Report, output: Path) -> None:
    faces = installed_faces()
    stylesheet = "\n".join((font_faces(faces), report_html.print_stylesheet(), term_columns(report, faces)))
    write_html(report_html.document(report, stylesheet, icon_images=True), output)


def write_letter(letter: Letter, output: Path) -> None:
    stylesheet = "\n".join((font_faces(), report_html.print_stylesheet()))
    write_html(report_html.letter_document(letter, stylesheet), output)


def write_html(document: str, output: Path) -> None:
    """Print a standalone HTML document of report_html's as tagged PDF/UA-1 and PDF/A-2a."""
    try:
        # WeasyPrint ships no type information.
        from weasyprint import HTML, URLFetcher  # type: ignore[import-untyped]
    except (ImportError, OSError) as error:
        # OSError: the Python package is there but Pango or HarfBuzz is not.
        raise PdfUnavailable(
            "PDF kan inte skapas: WeasyPrint eller Debians bibliotek för det saknas "
            f"(kör scripts/setup som root). ({error})"
        ) from error
    fetcher = URLFetcher(allowed_protocols=("file", "data"))
    with _collector_paused(), _page_references_kept():
        HTML(string=document, base_url=output.parent.resolve().as_uri() + "/", url_fetcher=fetcher).write_pdf(
            output, pdf_variant=VARIANT, finisher=_declare_ua
        )


def _declare_ua(document: object, pdf: object) -> None:
    """Add the PDF/UA-1 identification to the XMP metadata WeasyPrint wrote for PDF/A-2a, and scopes to header cells.

    Called by WeasyPrint with its document and the pydyf PDF before it is
    written. The metadata stream is left uncompressed, as PDF/A asks of it.
    """
    _scope_header_cells(pdf)
    catalog = pdf.catalog  # type: ignore[attr-defined]
    stream = pdf.objects[int(str(catalog["Metadata"], "ascii").split()[0])]  # type: ignore[attr-defined]
    content = b"".join(part if isinstance(part, bytes) else str(part).encode() for part in stream.stream)
    if _XMP_END not in content:
        raise RuntimeError("WeasyPrint wrote XMP metadata without rdf:RDF; the PDF/UA identification has no place")
    stream.stream = [content.replace(_XMP_END, _UA_IDENTIFICATION + _XMP_END, 1)]
    stream.compress = False


def _scope_header_cells(pdf: object) -> None:
    """Give every table header cell its /Scope: Column in a table's first row, Row elsewhere.

    WeasyPrint links data cells to their headers (/Headers) but writes no
    /Scope, which PDF/UA checkers look for. Every table report_html writes has
    one header row (`th scope="col"`) and its row headers in the first column
    (`th scope="row"`); WeasyPrint names each header cell "table-row-column".
    """
    for element in pdf.objects:  # type: ignore[attr-defined]
        if isinstance(element, dict) and element.get("S") == "/TH" and "ID" in element:
            row = str(element["ID"].string).rsplit("-", 2)[-2]
            element["A"]["Scope"] = "/Column" if row == "0" else "/Row"


@contextmanager
def _page_references_kept() -> Iterator[None]:
    """pydyf's `PDF.page_references` made once per page count instead of on every call, while WeasyPrint prints.

    WeasyPrint's tagging asks it for every structure element, and pydyf builds
    the tuple of all page references anew each time: quadratic. A tagged
    3,000-measure report took 96 CPU seconds with it, 49 without (untagged:
    48-58; bench/documents.py). Pages are only
    ever appended, so the tuple is valid as long as the number of pages is
    the same. The PDF is the same; the class is as it was afterwards.
    """
    import pydyf  # type: ignore[import-untyped]

    original = pydyf.PDF.page_references

    def kept(pdf: object) -> tuple[bytes, ...]:
        count = len(pdf.pages["Kids"])  # type: ignore[attr-defined]
        cached = pdf.__dict__.get("_page_references")
        if cached is None or cached[0] != count:
            cached = (count, original.fget(pdf))
            pdf.__dict__["_page_references"] = cached
        return cached[1]  # type: ignore[no-any-return]

    pydyf.PDF.page_references = property(kept)
    try:
        yield
    finally:
        pydyf.PDF.page_references = original


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off while WeasyPrint prints; as it was afterwards.

    WeasyPrint keeps every box of the document alive until the PDF is written,
    millions of objects for thousands of measures, and each full collection
    walks all of them to find next to no garbage: a fifth of the printing time
    (8.5 of 42.7 s at 3,000 measures) to keep the peak memory 3 % lower.
    Reference counting still frees the rest as it goes; the PDF is the same
    byte for byte.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()

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


def write(report: Report, output: Path) -> None:
    try:
        # WeasyPrint ships no type information.
        from weasyprint import HTML, URLFetcher  # type: ignore[import-untyped]
    except (ImportError, OSError) as error:
        # OSError: the Python package is there but Pango or HarfBuzz is not.
        raise PdfUnavailable(
            "PDF kan inte skapas: WeasyPrint eller Debians bibliotek för det saknas "
            f"(kör scripts/setup som root). ({error})"
        ) from error
    faces = installed_faces()
    stylesheet = "\n".join((font_faces(faces), report_html.print_stylesheet(), term_columns(report, faces)))
    document = report_html.document(report, stylesheet, icon_images=True)
    fetcher = URLFetcher(allowed_protocols=("file", "data"))
    with _collector_paused():
        HTML(string=document, base_url=output.parent.resolve().as_uri() + "/", url_fetcher=fetcher).write_pdf(output)


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

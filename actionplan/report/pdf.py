"""The report as a PDF, printed by WeasyPrint from the standalone HTML document.

WeasyPrint is imported here only, so that building or serving the site never
loads it. Fonts are the machine's own (Debian's fonts-liberation, else
fonts-dejavu-core), named by file and embedded by WeasyPrint; the fetcher
refuses every URL that is not a local file or inline data, so a PDF never
depends on the network.
"""

from __future__ import annotations

from pathlib import Path

from actionplan.report import html
from actionplan.report.model import Report

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


def font_faces() -> str:
    """@font-face rules for the first locally installed family, pointing at its files."""
    for folder, faces in FONT_FAMILIES:
        present = [(weight, style, folder / name) for weight, style, name in faces if (folder / name).is_file()]
        if present:
            return "\n".join(
                f'@font-face {{ font-family: "Rapport Sans"; font-weight: {weight}; font-style: {style}; '
                f'src: url("{path.as_uri()}"); }}'
                for weight, style, path in present
            )
    return ""


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
    document = html.document(report, font_faces() + "\n" + html.print_stylesheet())
    fetcher = URLFetcher(allowed_protocols=("file", "data"))
    HTML(string=document, base_url=output.parent.resolve().as_uri() + "/", url_fetcher=fetcher).write_pdf(output)

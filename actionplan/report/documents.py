"""Write the report of a year to a file in one of the formats: what the command and the site's publishing call."""

from __future__ import annotations

from pathlib import Path

from actionplan.aggregate.catalogue import Catalogue
from actionplan.report import report_model
from actionplan.report.report_model import Report

FORMATS = ("pdf", "docx", "html")


class DocumentRefused(ValueError):
    """The document cannot be made; the message is Swedish and names the reason."""


def build_report(catalogue: Catalogue, year: int, draft: bool | None = None) -> Report:
    """The year's report, or DocumentRefused with the model's Swedish reason."""
    try:
        return report_model.build(catalogue, year, draft)
    except report_model.ReportRefused as refusal:
        raise DocumentRefused(str(refusal)) from refusal


def write_document(
    catalogue: Catalogue,
    year: int,
    kind: str,
    output: Path,
    draft: bool | None = None,
) -> None:
    _known(kind)
    write_report(build_report(catalogue, year, draft), kind, output)


def write_report(report: Report, kind: str, output: Path) -> None:
    """Write a report already built; a plain function of picklable arguments, so a worker process can run it."""
    _known(kind)
    if not output.parent.is_dir():
        raise DocumentRefused(f"mappen {output.parent} finns inte.")
    if kind == "html":
        from actionplan.report import report_html

        output.write_text(report_html.document(report), encoding="utf-8")
    elif kind == "docx":
        from actionplan.report import docx

        docx.write(report, output)
    else:
        from actionplan.report import pdf

        try:
            pdf.write(report, output)
        except pdf.PdfUnavailable as missing:
            raise DocumentRefused(str(missing)) from missing


def _known(kind: str) -> None:
    if kind not in FORMATS:
        raise DocumentRefused(f"okänt format '{kind}'. Tillåtna: {', '.join(FORMATS)}.")

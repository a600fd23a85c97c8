"""Write a year's document (the follow-up, the plan or the letter) in a format: what the command and publishing call."""

from __future__ import annotations

import os
from pathlib import Path

from actionplan.aggregate.catalogue import Catalogue
from actionplan.report import letter, report_model
from actionplan.report.letter import Letter
from actionplan.report.report_model import DOCUMENTS, Report

FORMATS = ("pdf", "docx", "html")
FOLLOW_UP = "uppfoljning"


class DocumentRefused(ValueError):
    """The document cannot be made; the message is Swedish and names the reason."""


def build_document(
    catalogue: Catalogue, year: int, draft: bool | None = None, document: str = FOLLOW_UP
) -> Report | Letter:
    """The year's follow-up report, plan or letter, or DocumentRefused with the model's Swedish reason."""
    if document not in DOCUMENTS:
        raise DocumentRefused(f"okänt dokument '{document}'. Tillåtna: {', '.join(DOCUMENTS)}.")
    try:
        if document == "plan":
            return report_model.build_plan(catalogue, year)
        if document == "skrivelse":
            return letter.build(catalogue, year)
        return report_model.build(catalogue, year, draft)
    except report_model.ReportRefused as refusal:
        raise DocumentRefused(str(refusal)) from refusal


def write_document(
    catalogue: Catalogue,
    year: int,
    kind: str,
    output: Path,
    draft: bool | None = None,
    document: str = FOLLOW_UP,
) -> None:
    _known(kind)
    write_report(build_document(catalogue, year, draft, document), kind, output)


def write_report(report: Report | Letter, kind: str, output: Path) -> None:
    """Write a document already built; a plain function of picklable arguments, so a worker process can run it.

    All or nothing: the file is written beside `output` under a temporary name
    and renamed over it when complete, so a failure or a killed process never
    leaves a half-written document where the old one was.
    """
    _known(kind)
    if not output.parent.is_dir():
        raise DocumentRefused(f"mappen {output.parent} finns inte.")
    partial = output.with_name(f".{output.name}.{os.getpid()}.partial")
    try:
        _write(report, kind, partial)
        os.replace(partial, output)
    finally:
        partial.unlink(missing_ok=True)


def _write(report: Report | Letter, kind: str, output: Path) -> None:
    if kind == "html":
        from actionplan.report import report_html

        text = report_html.letter_document(report) if isinstance(report, Letter) else report_html.document(report)
        output.write_text(text, encoding="utf-8")
    elif kind == "docx":
        from actionplan.report import docx

        if isinstance(report, Letter):
            docx.write_letter(report, output)
        else:
            docx.write(report, output)
    else:
        from actionplan.report import pdf

        try:
            if isinstance(report, Letter):
                pdf.write_letter(report, output)
            else:
                pdf.write(report, output)
        except pdf.PdfUnavailable as missing:
            raise DocumentRefused(str(missing)) from missing


def _known(kind: str) -> None:
    if kind not in FORMATS:
        raise DocumentRefused(f"okänt format '{kind}'. Tillåtna: {', '.join(FORMATS)}.")

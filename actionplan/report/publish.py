"""The report on the site: its generated page, the start page's prose, and the downloads written at publishing.

Called by `actionplan.site` (and so by the generator's glue). The PDF and the
Word file take seconds, so they are written only when publishing: the glue
calls `write_documents` after a build when ATGARDSPLAN_DOCUMENTS=1 is set
(`atgardsplan publish` sets it). `mkdocs serve` never writes them, so the
editors' preview is as quick as before; its report page says instead that
the documents come with publishing.
"""

from __future__ import annotations

import os
from pathlib import Path

from actionplan.aggregate.catalogue import Catalogue
from actionplan.report import html, model, prose
from actionplan.report.documents import write_document

# The switch the glue reads: documents are written into the built site when it is "1".
DOCUMENTS_SWITCH = "ATGARDSPLAN_DOCUMENTS"


def documents_wanted(environment: dict[str, str] | None = None) -> bool:
    return (environment if environment is not None else os.environ).get(DOCUMENTS_SWITCH, "") == "1"


def report_years(catalogue: Catalogue) -> tuple[int, ...]:
    """Every follow-up year with measure pages has a report."""
    return catalogue.years


def page_title(catalogue: Catalogue, year: int) -> str:
    """The title of the year's report page: the follow-up's title, as the report has it."""
    return f"Rapport: {catalogue.vocabulary.known_follow_up(year).title}"


def page_body(catalogue: Catalogue, year: int, root: Path, docs: Path, documents: bool) -> str:
    """The HTML body of the year's report page.

    The body links the downloads when this build writes them (`documents`);
    otherwise (preview, plain build) it says where they come from, rather than
    offering links that lead nowhere.
    """
    return html.body(model.build(catalogue, year, root, docs), downloads=documents)


def prose_markdown(root: Path, year: int) -> str:
    """The year's report prose as Markdown for the start page, without the notes to editors."""
    text = prose.read(root / model.PROSE_FILE.format(year=year))
    return prose.without_notes(text) if text else ""


def write_documents(catalogue: Catalogue, root: Path, docs: Path, site_dir: Path) -> list[Path]:
    """Write `rapport-<year>.pdf` and `.docx` next to each report page in the built site."""
    written = []
    for year in report_years(catalogue):
        folder = site_dir / model.report_page(year)[: -len(".md")]
        folder.mkdir(parents=True, exist_ok=True)
        for kind in ("pdf", "docx"):
            output = folder / model.document_name(year, kind)
            write_document(catalogue, year, kind, output, root, docs)
            written.append(output)
    return written

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
import pickle
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from actionplan.aggregate.catalogue import Catalogue
from actionplan.child_processes import tied_to_this_process
from actionplan.render.html_fragments import esc, link
from actionplan.render.page_links import Links
from actionplan.report import pdf_worker, prose, report_html, report_model
from actionplan.report.documents import DocumentRefused, build_document, write_report
from actionplan.report.letter import Letter
from actionplan.report.report_model import Report, report_page

# What publishing writes for every year with pages, next to its report page: (document, format).
PUBLISHED = (
    ("uppfoljning", "pdf"),
    ("uppfoljning", "docx"),
    ("plan", "pdf"),
    ("plan", "docx"),
    ("skrivelse", "docx"),
)

# The switch the glue reads: documents are written into the built site when it is "1".
DOCUMENTS_SWITCH = "ATGARDSPLAN_DOCUMENTS"
# Set to "1" besides by `atgardsplan publish`, which writes the documents itself
# while the site is built: the build then links them but leaves them out.
DOCUMENTS_ELSEWHERE = "ATGARDSPLAN_DOCUMENTS_ELSEWHERE"


def documents_wanted(environment: dict[str, str] | None = None) -> bool:
    return (environment if environment is not None else os.environ).get(DOCUMENTS_SWITCH, "") == "1"


def documents_elsewhere(environment: dict[str, str] | None = None) -> bool:
    return (environment if environment is not None else os.environ).get(DOCUMENTS_ELSEWHERE, "") == "1"


def report_years(catalogue: Catalogue) -> tuple[int, ...]:
    """Every follow-up year with measure pages has a report."""
    return catalogue.years


def page_title(catalogue: Catalogue, year: int) -> str:
    """The title of the year's report page: the follow-up's title, as the report has it."""
    return f"Rapport: {catalogue.vocabulary.known_follow_up(year).title}"


def page_body(catalogue: Catalogue, year: int, documents: bool) -> str:
    """The HTML body of the year's report page.

    The body links the downloads when this build writes them (`documents`);
    otherwise (preview, plain build) it says where they come from, rather than
    offering links that lead nowhere.
    """
    return report_html.body(report_model.build(catalogue, year), downloads=documents, published=PUBLISHED)


def prose_markdown(catalogue: Catalogue, year: int) -> str:
    """The year's report prose as Markdown for the start page, without the notes to editors."""
    text = catalogue.texts.prose.get(year)
    return prose.without_notes(text) if text else ""


def start_page_prose(catalogue: Catalogue, year: int, links: Links) -> tuple[str, str]:
    """(HTML lead, Markdown) of the start page's prose: the newest year's, which it names, or why there is none.

    While the year's prose is missing or still says a section is to be
    written, the page says so and links the newest adopted year's report
    instead: an older year's introduction is never shown under a newer
    year's figures.
    """

    def report_link(of_year: int) -> str:
        return link(links.to(report_page(of_year)), esc(f"Rapport {of_year}"))

    reports = report_years(catalogue)
    if catalogue.texts.prose_written(year):
        whole = f" Hela rapporten: {report_link(year)}." if year in reports else ""
        return f'<p class="ap-lead">Ur uppföljningsrapporten {year}.{whole}</p>', prose_markdown(catalogue, year)
    lead = f"<p>Rapportens text för uppföljningen {year} är inte skriven ännu.</p>"
    adopted = [y for y in reports if y < year and catalogue.vocabulary.is_adopted(y)]
    if adopted:
        lead += f"<p>Den senaste fastställda uppföljningen är {adopted[-1]}: {report_link(adopted[-1])}.</p>"
    return lead, ""


def write_documents(catalogue: Catalogue, site_dir: Path) -> list[Path]:
    """Write every document of every year (`PUBLISHED`: rapport-, atgardsplan-, tjansteskrivelse-<year>)
    next to each report page in the built site.

    A PDF keeps WeasyPrint busy on one core for seconds (a minute for thousands
    of measures), a Word file takes a fraction of that. So the PDFs are printed
    in worker processes, one per core and the longest first, while this
    process writes the Word files meanwhile. Nothing is written (and nothing
    returned) where `atgardsplan publish` writes them itself (DOCUMENTS_ELSEWHERE).
    """
    if documents_elsewhere():
        return []
    jobs: list[tuple[Report | Letter, str, Path]] = []
    for year in report_years(catalogue):
        folder = _folder(site_dir, year)
        folder.mkdir(parents=True, exist_ok=True)
        built = {document: build_document(catalogue, year, document=document) for document, _ in PUBLISHED}
        jobs += [
            (built[document], kind, folder / report_model.document_name(year, kind, document))
            for document, kind in PUBLISHED
        ]
    pdfs = sorted((job for job in jobs if job[1] == "pdf"), key=lambda job: _size(job[0]), reverse=True)
    # Threads that only wait for the worker processes: the printing itself runs there.
    with ThreadPoolExecutor(max(1, min(len(pdfs), os.cpu_count() or 1))) as waiting:
        printing = [waiting.submit(_in_worker, document, kind, output) for document, kind, output in pdfs]
        for document, kind, output in jobs:
            if kind != "pdf":
                write_report(document, kind, output)
        for job in printing:
            job.result()
    return [output for _, _, output in jobs]


def _size(document: Report | Letter) -> int:
    return document.measures if isinstance(document, Report) else 0


def _in_worker(report: Report | Letter, kind: str, output: Path) -> None:
    """`write_report` in a new process (actionplan.report.pdf_worker) running this very package."""
    # The folder holding this package first, whichever copy of it the build imported.
    path = [str(Path(__file__).resolve().parents[2]), *filter(None, [os.environ.get("PYTHONPATH")])]
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join(path)}
    result = subprocess.run(
        tied_to_this_process([sys.executable, "-m", "actionplan.report.pdf_worker"]),
        input=pickle.dumps((report, kind, output)),
        capture_output=True,
        env=environment,
    )
    errors = result.stderr.decode("utf-8", errors="replace").strip()
    if result.returncode == 0 and errors:
        # WeasyPrint's warnings, shown as they were when it ran in the build itself.
        print(errors, file=sys.stderr)
    if result.returncode == pdf_worker.REFUSED:
        raise DocumentRefused(errors)
    if result.returncode != 0:
        raise RuntimeError(f"{output.name} could not be written (exit status {result.returncode}):\n{errors}")


def _folder(site_dir: Path, year: int) -> Path:
    """The built report page's folder, where its downloads lie."""
    return site_dir / report_model.report_page(year)[: -len(".md")]

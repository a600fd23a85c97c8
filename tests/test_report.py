"""The follow-up report as documents: the PDF and the Word file read back, the standalone HTML, the command.

Expected structure, titles, order and statuses come from the 2021 report
(`sources/uppfoljning-2021.txt`); comments from the measure pages' front
matter, read here with PyYAML and not through the package.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pypdf
import pytest
import yaml
from helpers import PROJECT, SOURCES, copy_project

REPORT = (SOURCES / "uppfoljning-2021.txt").read_text(encoding="utf-8")
TITLE = "Uppföljning av åtgärdsplan mot segregation 2021"
RUNNING = f"{TITLE} – Dnr KS 2020-754"
A4 = (595.28, 841.89)
# The report's contents (page numbers aside), in order.
SECTIONS = [
    "1 Inledning",
    "1.1 Sammanfattning av uppföljningens resultat",
    "1.2 Kommunens angreppssätt går i linje med Delmos rekommendationer",
    "2 Uppföljning av åtgärdsplan mot segregation",
    "2.1 Utvecklingsområde 1: Ökad trygghet, gemenskap och delaktighet i samhället",
    "2.2 Utvecklingsområde 2: Fler i arbete eller meningsfull sysselsättning",
    "2.3 Utvecklingsområde 3: Utbildning för att barn och vuxna ska nå sin fulla potential",
    "2.4 Utvecklingsområde 4: Trivsamma livsmiljöer för ett sammanhållet Linköping",
    "2.5 Utvecklingsområde 5: En rikare fritid för alla",
]
# "Uppföljning åtgärder" under each area of the report, in its words (a zero written "-", as there).
TALLIES = [
    ["Genomförda: 6 åtgärder", "Pågår: 9 åtgärder", "Ej genomförda: 1 åtgärd"],
    ["Genomförda: 3 åtgärder", "Pågår: 8 åtgärder", "Ej genomförda: 2 åtgärder"],
    ["Genomförda: 3 åtgärder", "Pågår: 6 åtgärder", "Ej genomförda: -"],
    ["Genomförda: -", "Pågår: 11 åtgärder", "Ej genomförda: 1 åtgärd"],
    ["Genomförda: -", "Pågår: 8 åtgärder", "Ej genomförda: 2 åtgärder"],
]
# The status overview the documents open with, before chapter 1 (not in the 2021 document).
OVERVIEW = "Status för åtgärderna 2021"


def fold(text: str) -> str:
    # A line may break after a slash ("aktivitetsparken/stadsdelsparken"); the extracted text then has a space there.
    return re.sub(r"/ ", "/", " ".join(text.split()))


def report_measures() -> list[tuple[str, str, str]]:
    """(number, title, status) of every measure, in the report's order."""
    headings = re.findall(r"^(\d\.\d+)\. (.+?)\s*$", REPORT, flags=re.M)
    statuses = re.findall(r"Status:\s*(Genomförd|Pågår|Ej genomförd)", REPORT)
    return [(number, title, status) for (number, title), status in zip(headings, statuses, strict=True)]


def page_comments() -> dict[str, str]:
    """{number: comment} from the measure pages' front matter."""
    comments = {}
    for path in (PROJECT / "docs/2021/atgarder").glob("*.md"):
        matter = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
        comments[str(matter["id"])] = fold(matter.get("comment", ""))
    return comments


def statuses_in(word) -> list[str]:
    """Each measure's status word from its facts table (header row, then the values; an icon character first)."""
    return [
        table.rows[1].cells[-1].text.split(" ", 1)[-1]
        for table in word.tables
        if table.rows[0].cells[-1].text == "Status" and table.rows[0].cells[0].text == "Område"
    ]


def atgardsplan(*arguments: str, root: Path = PROJECT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "actionplan", "--root", str(root), *arguments],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )


@pytest.fixture(scope="module")
def pdf(tmp_path_factory) -> pypdf.PdfReader:
    output = tmp_path_factory.mktemp("pdf") / "rapport-2021.pdf"
    result = atgardsplan("report", "--year", "2021", "--format", "pdf", "--output", str(output))
    assert result.returncode == 0, result.stderr
    return pypdf.PdfReader(output)


@pytest.fixture(scope="module")
def pdf_pages(pdf) -> list[str]:
    """Each page's text with the running header and the page footer taken off."""
    pages = []
    for text in (page.extract_text() for page in pdf.pages):
        lines = [
            line
            for line in text.splitlines()
            if line.strip() != RUNNING and not re.fullmatch(r"Sida \d+ \(\d+\)", line.strip())
        ]
        pages.append("\n".join(lines))
    return pages


@pytest.fixture(scope="module")
def word(tmp_path_factory) -> docx.document.Document:
    output = tmp_path_factory.mktemp("docx") / "rapport-2021.docx"
    result = atgardsplan("report", "--year", "2021", "--format", "docx", "--output", str(output))
    assert result.returncode == 0, result.stderr
    return docx.Document(output)


def test_pdf_pages_are_a4_with_page_numbers_and_running_header(pdf):
    total = len(pdf.pages)
    assert total > 20
    for number, page in enumerate(pdf.pages, start=1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width, 1), round(height, 1)) == (round(A4[0], 1), round(A4[1], 1))
        text = page.extract_text()
        assert f"Sida {number} ({total})" in text
        # The title page carries the title itself; every other page has the running header.
        assert (RUNNING in text) == (number > 1)


def test_pdf_metadata_language_outline_and_embedded_fonts(pdf):
    assert pdf.metadata.title == TITLE
    assert pdf.trailer["/Root"]["/Lang"] == "sv"

    def titles(outline) -> list[str]:
        found = []
        for item in outline:
            found += titles(item) if isinstance(item, list) else [item.title]
        return found

    bookmarks = titles(pdf.outline)
    assert [b for b in bookmarks if b in SECTIONS] == SECTIONS
    assert "1.4. Starta upp och utveckla mötesplatsen Berga By för kommuninvånarna" in bookmarks
    for page in pdf.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptors = [font.get("/FontDescriptor")] + [
                d.get_object().get("/FontDescriptor") for d in font.get("/DescendantFonts", [])
            ]
            assert any(
                d is not None and any(k in d.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                for d in descriptors
            ), font


def test_pdf_contents_gives_the_page_where_each_section_starts(pdf_pages):
    contents_page = next(i for i, text in enumerate(pdf_pages) if text.lstrip().startswith("Innehåll"))
    entries = {}
    for line in pdf_pages[contents_page].splitlines():
        match = re.fullmatch(r"(.+?)\s*\.{3,}\s*(\d+)", line.strip())
        if match:
            entries[match[1]] = int(match[2])
    assert list(entries) == [OVERVIEW, *SECTIONS]
    for heading, page_number in entries.items():
        # Headings may wrap: compared on each page's folded text.
        assert heading in fold(pdf_pages[page_number - 1]), (heading, page_number)
        earlier = fold(" ".join(pdf_pages[contents_page + 1 : page_number - 1]))
        assert heading not in earlier or heading == OVERVIEW, heading


def test_pdf_has_every_measure_with_status_and_comment_in_numeric_order(pdf_pages):
    text = fold(" ".join(pdf_pages))
    comments = page_comments()
    position = text.index("2.1 Utvecklingsområde 1", text.index("Innehåll") + 2000)
    for number, title, status in report_measures():
        heading = f"{number}. {fold(title)}"
        start = text.index(heading, position)
        status_at = text.index(f"Status: {status}", start)
        if comments[number]:
            assert text.index(comments[number], status_at) > status_at, number
        position = start + len(heading)
    area_starts = [text.index(section, text.index("Innehåll") + 2000) for section in SECTIONS[4:]]
    for start, lines in zip(area_starts, TALLIES, strict=True):
        following = text[start : start + 8000]
        assert following.index("Uppföljning åtgärder:") < following.index(lines[0])
        for line in lines:
            assert re.search(rf"{re.escape(line)}(?! åtgärd)(?!\d)", following), line


def test_pdf_carries_the_introduction_once_as_written(pdf_pages):
    text = fold(" ".join(pdf_pages))
    sentence = "Uppföljningen av åtgärdsplanen visar att 12 åtgärder är genomförda. 42 åtgärder pågår och 6 åtgärder"
    assert text.count(sentence) == 1
    assert "Önskad förflyttning för att genomförda insatser ska ge ökad effekt." in text
    assert "*" not in text


def test_word_file_uses_headings_in_order_and_has_every_comment(word):
    headings = [(p.style.name, p.text) for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert [text for style, text in headings if style in ("Heading 1", "Heading 2")] == [OVERVIEW, *SECTIONS]
    measures = [text for style, text in headings if style == "Heading 3"]
    assert measures == [f"{number}. {title}" for number, title, _ in report_measures()]
    assert word.paragraphs[0].style.name == "Title" or any(p.style.name == "Title" for p in word.paragraphs[:3])
    body = fold("\n".join(p.text for p in word.paragraphs))
    for number, comment in page_comments().items():
        assert comment in body, number
    assert statuses_in(word) == [status for _, _, status in report_measures()]
    assert word.core_properties.language == "sv-SE"
    assert word.core_properties.title == TITLE
    styles = word.styles.element.xml
    assert 'w:lang w:val="sv-SE"' in styles
    section = word.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)


def test_html_export_is_one_file_that_escapes_every_text(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs/2021/atgarder/1-1.md"
    text = page.read_text(encoding="utf-8")
    text = text.replace('title: "Bilda områdesteam"', 'title: "<script>alert(1)</script> {{ 7*7 }}"')
    text = text.replace('comment: "Leanlink fick', 'comment: "<b>fet</b> {% raw %} Leanlink fick')
    page.write_text(text, encoding="utf-8")
    output = tmp_path / "rapport.html"
    result = atgardsplan("report", "--year", "2021", "--format", "html", "--output", str(output), root=project)
    assert result.returncode == 0, result.stderr
    html = output.read_text(encoding="utf-8")
    assert "<script>" not in html and "<b>" not in html
    assert "1.1. &lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }}" in html
    assert "&lt;b&gt;fet&lt;/b&gt; {% raw %} Leanlink fick" in html
    # Standalone: no stylesheet, script, image or font fetched from anywhere (icons are inline data,
    # the chart's patterns are its own).
    assert not re.search(r"<(link|script|img)\b|url\((?!\"data:|#)", html)
    assert '<html lang="sv">' in html


@pytest.mark.parametrize(
    ("year", "message"),
    [
        ("2022", "Ingen rapport skapades: Uppföljningen 2022 har inga åtgärdssidor på webbplatsen"),
        ("1999", "Ingen rapport skapades: Uppföljningsåret 1999 finns inte under follow_ups i data/measures.yml."),
    ],
)
def test_a_year_without_pages_or_an_unknown_year_is_refused_in_swedish(tmp_path, year, message):
    output = tmp_path / "rapport.pdf"
    result = atgardsplan("report", "--year", year, "--format", "pdf", "--output", str(output))
    assert result.returncode == 1
    assert result.stderr.startswith(message)
    assert "Traceback" not in result.stderr
    assert not output.exists()


def test_an_open_year_report_is_a_draft_that_counts_measures_without_status(tmp_path):
    """A measure without status (allowed in an open year) shows "Ej uppföljd"; the count is stated up front."""
    from dataclasses import replace

    from actionplan import pipeline
    from actionplan.aggregate.catalogue import Catalogue
    from actionplan.report import report_html, report_model

    loaded = pipeline.load(PROJECT, "docs", None)
    assert isinstance(loaded, Catalogue)
    # As the loader reads an empty status in an open year: Ej uppföljd.
    measures = tuple(replace(m, status="ej_uppfoljd") if m.id in ("1.1", "5.2") else m for m in loaded.measures)
    opened = Catalogue(loaded.vocabulary, measures, loaded.texts)
    report = report_model.build(opened, 2021, draft=True)
    page = fold(re.sub(r"<[^>]+>", " ", report_html.document(report)))
    assert "Utkast: uppföljningen 2021 är inte fastställd och kan ändras. 2 av 60 åtgärder saknar status" in page
    assert "1.1. Bilda områdesteam" in page
    assert "Status: Ej uppföljd" in page
    assert "Ej uppföljda: 1 åtgärd" in page
    assert "Genomförda: 5 åtgärder" in page
    adopted = fold(re.sub(r"<[^>]+>", " ", report_html.document(report_model.build(loaded, 2021))))
    assert "Utkast" not in adopted


def test_a_year_whose_prose_is_not_written_keeps_the_document_structure(tmp_path):
    from helpers import copy_project

    from actionplan import pipeline
    from actionplan.report import report_model

    project = copy_project(tmp_path / "project")
    (project / "data/2021/rapporttext.md").unlink()
    loaded = pipeline.load(project, "docs", None)
    report = report_model.build(loaded, 2021)
    headings = [section.heading for section in report.sections]
    assert headings == ["1 Inledning", *SECTIONS[3:]]
    assert report.sections[0].paragraphs[0].text == (
        "Inledningen är inte skriven ännu. Skriv den i data/2021/rapporttext.md."
    )


def test_libreoffice_opens_the_word_file(tmp_path):
    """LibreOffice reads the file as Word would (no repair), with the report's pages and footer."""
    # scripts/test installs Debian's libreoffice-writer-nogui when it is missing.
    assert shutil.which("soffice"), "LibreOffice saknas: kör bash scripts/test"
    source = tmp_path / "rapport-2021.docx"
    assert atgardsplan("report", "--year", "2021", "--format", "docx", "--output", str(source)).returncode == 0
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        timeout=180,
        check=True,
    )
    pdf = pypdf.PdfReader(tmp_path / "rapport-2021.pdf")
    total = len(pdf.pages)
    assert total > 20
    assert (round(float(pdf.pages[0].mediabox.width)), round(float(pdf.pages[0].mediabox.height))) == (595, 842)
    assert f"Sida 2 ({total})" in pdf.pages[1].extract_text()
    assert "1.1. Bilda områdesteam" in fold(" ".join(page.extract_text() for page in pdf.pages))


def test_an_open_year_straight_after_new_year_gets_a_draft_report(tmp_path):
    """After `atgardsplan new-year 2022` every measure of 2022 is Ej uppföljd, and its report says so."""
    project = copy_project(tmp_path / "project")
    started = atgardsplan("new-year", "2022", root=project)
    assert started.returncode == 0, started.stderr
    pages = len(list((project / "docs/2022/atgarder").glob("*.md")))
    assert pages > 0
    output = tmp_path / "rapport-2022.html"
    result = atgardsplan("report", "--year", "2022", "--format", "html", "--output", str(output), root=project)
    assert result.returncode == 0, result.stderr
    text = fold(re.sub(r"<[^>]+>", " ", output.read_text(encoding="utf-8")))
    assert (
        f"Utkast: uppföljningen 2022 är inte fastställd och kan ändras. {pages} av {pages} åtgärder saknar status"
        in text
    )
    # new-year wrote the report's own text with its headings, each section still to be written.
    assert "1 Inledning Texten skrivs när uppföljningen är klar." in text
    assert text.count("Status: Ej uppföljd") == pages
    after = text.split("2.1 Utvecklingsområde 1", 2)[2]
    assert "Status: Genomförd" not in after and "Genomförda: -" in after
    docx_output = tmp_path / "rapport-2022.docx"
    written = atgardsplan("report", "--year", "2022", "--format", "docx", "--output", str(docx_output), root=project)
    assert written.returncode == 0, written.stderr
    assert statuses_in(docx.Document(docx_output)) == ["Ej uppföljd"] * pages


def test_pdf_printing_pauses_the_cycle_collector_and_leaves_it_as_it_was():
    import gc

    from actionplan.report import pdf

    assert gc.isenabled()
    with pdf._collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with pdf._collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
    with pytest.raises(RuntimeError), pdf._collector_paused():
        raise RuntimeError
    assert gc.isenabled()


def test_pdf_printing_keeps_page_references_per_page_count_and_restores_pydyf():
    import pydyf

    from actionplan.report import pdf

    original = pydyf.PDF.page_references
    document = pydyf.PDF()
    for _ in range(2):
        document.add_page(pydyf.Dictionary({"Type": "/Page"}))
    with pdf._page_references_kept():
        first = document.page_references
        assert document.page_references is first and len(first) == 2
        document.add_page(pydyf.Dictionary({"Type": "/Page"}))
        assert document.page_references == original.fget(document) and len(document.page_references) == 3
    assert pydyf.PDF.page_references is original

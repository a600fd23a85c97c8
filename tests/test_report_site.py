"""The report on the site, the documents written when publishing, and the site's pages printed in Chromium.

Expected figures and headings come from the 2021 report, never from the code.
"""

from __future__ import annotations

import re

import docx
import pypdf
from bs4 import BeautifulSoup
from helpers import PROJECT, SOURCES, definitions, mkdocs_build, text_of

REPORT = (SOURCES / "uppfoljning-2021.txt").read_text(encoding="utf-8")
URL = "/2021/rapport/"
INTRODUCTION = "Uppföljningen av åtgärdsplanen visar att 12 åtgärder är genomförda. 42 åtgärder pågår och 6 åtgärder"


def test_report_page_follows_the_official_structure(real_site):
    soup = real_site.page(URL)
    report = soup.select_one(".ap-report")
    assert text_of(report.find("h1")) == "Uppföljning av åtgärdsplan mot segregation 2021"
    assert definitions(report.select_one(".ap-report-document")) == {
        "Diarienummer:": "KS 2020-754",
        "Datum:": "5 januari 2022",
        "Organisation:": "Kommunledningsförvaltningen",
    }
    contents = [text_of(li) for li in report.select(".ap-report-contents li")]
    # The report's own contents, page numbers left out.
    expected = [fold(line.split("\t")[0] + " " + line.split("\t")[1]) for line in REPORT.splitlines()[13:22]]
    # The status overview opens the report, before the official document's own contents.
    assert contents == ["Status för åtgärderna 2021", *expected]
    headings = [text_of(h) for h in report.find_all(["h2", "h3"]) if text_of(h) != "Innehåll"]
    assert headings == ["Status för åtgärderna 2021", *expected]
    measures = [text_of(h) for h in report.select(".ap-report-measure h4")]
    assert measures == [f"{n}. {t}" for n, t in re.findall(r"^(\d\.\d+)\. (.+?)\s*$", REPORT, flags=re.M)]
    tallies = [[text_of(li) for li in ul.find_all("li")] for ul in report.select(".ap-report-tally")]
    assert tallies[0] == ["Genomförda: 6 åtgärder", "Pågår: 9 åtgärder", "Ej genomförda: 1 åtgärd"]
    assert tallies[3] == ["Genomförda: -", "Pågår: 11 åtgärder", "Ej genomförda: 1 åtgärd"]
    first = report.select_one(".ap-report-measure")
    assert definitions(first.select_one(".ap-report-facts")) == {
        "Område:": "Berga, Ryd och Skäggetorp",
        "Ansvarig:": "SOF, Leanlink",
        "Finansiering och tid:": (
            "Utredning genomförs inom ram hösten 2020. Verkställighet efter utredning ej finansierad."
        ),
        "Status:": "Genomförd",
    }
    assert first.select_one(".ap-report-status svg") is not None
    assert "Vidareutvecklad åtgärd 2022." in text_of(first)
    assert soup.select_one(".ap-report-draft") is None


def test_report_page_is_in_the_year_navigation(real_site):
    soup = real_site.page(URL)
    labels = [text_of(a) for a in soup.select(".md-nav__link")]
    assert labels.index("Statistik") < labels.index("Rapport") < labels.index("Redaktörsguide")
    # Without the publishing switch, a plain build (and the preview) writes no documents and links none.
    assert soup.select(".ap-report-downloads a") == []
    assert text_of(soup.select_one(".ap-report-downloads")) == (
        "Rapporten, åtgärdsplanen och tjänsteskrivelsen som PDF och Word-fil skapas när webbplatsen publiceras "
        "(rapport-2021.pdf, rapport-2021.docx, atgardsplan-2021.pdf, atgardsplan-2021.docx, "
        "tjansteskrivelse-2021.docx)."
    )
    assert not real_site.file("/2021/rapport/rapport-2021.pdf").exists()


def test_the_introduction_is_kept_once_and_shown_on_start_page_and_report(real_site):
    assert INTRODUCTION not in (PROJECT / "docs/index.md").read_text(encoding="utf-8")
    assert INTRODUCTION in (PROJECT / "data/2021/rapporttext.md").read_text(encoding="utf-8")
    for url in ("/", URL):
        assert text_of(real_site.page(url).select_one("article")).count(INTRODUCTION) == 1, url
    # The notes to editors at the top of the prose file are never shown.
    assert "Rapportens egen text" not in real_site.file("/").read_text(encoding="utf-8")


def test_publishing_writes_the_documents_into_the_site(tmp_path):
    site = tmp_path / "site"
    result = mkdocs_build(PROJECT, site, ATGARDSPLAN_DOCUMENTS="1")
    assert result.returncode == 0, result.stderr
    page = BeautifulSoup((site / "2021/rapport/index.html").read_text(encoding="utf-8"), "lxml")
    links = [a["href"] for a in page.select(".ap-report-downloads a")]
    assert links == [
        "rapport-2021.pdf",
        "rapport-2021.docx",
        "atgardsplan-2021.pdf",
        "atgardsplan-2021.docx",
        "tjansteskrivelse-2021.docx",
    ]
    for name in links:
        assert (site / "2021/rapport" / name).stat().st_size > 0, name
    assert docx.Document(site / "2021/rapport/tjansteskrivelse-2021.docx").core_properties.title == (
        "Åtgärdsplan mot segregation, uppdaterad åtgärdsplan 2022 samt uppföljning av 2021, information"
    )
    pdf = pypdf.PdfReader(site / "2021/rapport/rapport-2021.pdf")
    assert pdf.metadata.title == "Uppföljning av åtgärdsplan mot segregation 2021"
    word = docx.Document(site / "2021/rapport/rapport-2021.docx")
    assert [p.text for p in word.paragraphs if p.style.name == "Heading 1"] == [
        "Status för åtgärderna 2021",
        "1 Inledning",
        "2 Uppföljning av åtgärdsplan mot segregation",
    ]


def fold(text: str) -> str:
    return " ".join(text.split())


# Printing the site's pages in Chromium --------------------------------------


def printed(page, url: str, tmp_path) -> pypdf.PdfReader:
    page.goto(page.site + url)
    output = tmp_path / "printed.pdf"
    page.pdf(path=str(output), format="A4")
    return pypdf.PdfReader(output)


def test_a_short_measure_prints_on_one_page_without_chrome(page, tmp_path):
    pdf = printed(page, "/2021/atgarder/1-1/", tmp_path)
    assert len(pdf.pages) == 1
    text = fold(pdf.pages[0].extract_text())
    assert text.startswith("1.1 Bilda områdesteam")
    assert "Genomförd" in text
    for chrome in ("Sök", "Redaktörsguide", "Föregående", "Nästa:", "Material for MkDocs", "Redigera"):
        assert chrome not in text, chrome
    # Link addresses are not printed.
    assert "http" not in text and "../" not in text


def test_all_measures_prints_every_column_and_repeats_the_header(page, tmp_path):
    pdf = printed(page, "/2021/alla-atgarder/", tmp_path)
    assert len(pdf.pages) > 1
    texts = [fold(p.extract_text()) for p in pdf.pages]
    table_pages = [t for t in texts if re.search(r"\b\d\.\d+ ", t)]
    for text in table_pages:
        # The header row on every page, its last column whole.
        assert "Status 2021 I planen för 2022" in text
    everything = " ".join(texts)
    # The last column's values are all there (none cut at the page's edge): from the report,
    # 1.1 is "Vidareutvecklad" and 5.10 "Vidmakthållen".
    assert "Bilda områdesteam 1 Berga, Ryd, Skäggetorp SOF, Leanlink Genomförd Vidareutvecklad" in everything
    page.emulate_media(media="print")
    fits = page.evaluate(
        "() => { const t = document.querySelector('#ap-all-measures');"
        " return t.getBoundingClientRect().right <= t.parentElement.getBoundingClientRect().right + 1; }"
    )
    assert fits


def test_printed_chart_keeps_a_pattern_per_status(page):
    """In black and white the colours become greys; each status keeps its own pattern in print."""
    page.goto(page.site + "/2021/utvecklingsomrade-1/")
    page.emulate_media(media="print")
    fills = page.evaluate(
        "() => Array.from(document.querySelectorAll('svg.ap-chart rect[fill^=\"url(\"]'),"
        " r => [r.getAttribute('fill'), getComputedStyle(r).printColorAdjust])"
    )
    assert len(fills) == 3
    assert len({fill for fill, _ in fills}) == 3
    assert {adjust for _, adjust in fills} == {"exact"}


def test_report_page_prints_each_area_on_a_new_page(page, tmp_path):
    pdf = printed(page, URL, tmp_path)
    openings = [re.match(r"\s*(2\.\d) Utvecklingsområde", p.extract_text()) for p in pdf.pages]
    # Each area's heading opens a page of its own.
    assert [m[1] for m in openings if m] == ["2.1", "2.2", "2.3", "2.4", "2.5"]

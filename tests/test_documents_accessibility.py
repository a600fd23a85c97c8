"""The board's documents as the law asks for them (lagen 2018:1937, EN 301 549): tagged PDF/UA-1 and PDF/A-2a
checked by two independent checkers and read back with pikepdf, Word files as Word's accessibility checker
wants them, statuses as colour, icon and word, the plan, the draft letter, and the figures in the prose.

Expected figures come from the source documents (`sources/uppfoljning-2021.txt`, `tjansteskrivelse-2023.txt`).
"""

from __future__ import annotations

import html as html_module
import re
import subprocess
import sys
from pathlib import Path

import docx
import page
import pikepdf
import pytest
from docx.oxml.ns import qn
from helpers import PROJECT, SOURCES, copy_project, mkdocs_build
from pdfua import validate as pdfua_validate

REPORT = (SOURCES / "uppfoljning-2021.txt").read_text(encoding="utf-8")
LETTER = (SOURCES / "tjansteskrivelse-2023.txt").read_text(encoding="utf-8")
DOCUMENTS = ("uppfoljning", "plan", "skrivelse")
# The three statuses in the order of the 2021 report's tally lines.
STATUS_WORDS = ("Genomförda", "Pågår", "Ej genomförda")


def atgardsplan(*arguments: str, root: Path = PROJECT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "actionplan", "--root", str(root), *arguments],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )


def write(tmp: Path, document: str, kind: str, year: str = "2021", root: Path = PROJECT) -> Path:
    output = tmp / f"{document}-{year}.{kind}"
    result = atgardsplan(
        "report", "--year", year, "--document", document, "--format", kind, "--output", str(output), root=root
    )
    assert result.returncode == 0, result.stderr
    return output


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pdfs")
    return {document: write(folder, document, "pdf") for document in DOCUMENTS}


@pytest.fixture(scope="module")
def words(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("docx")
    return {document: write(folder, document, "docx") for document in DOCUMENTS}


def source_measures() -> list[tuple[str, str]]:
    return re.findall(r"^(\d\.\d+)\. (.+?)\s*$", REPORT, flags=re.M)


def source_tallies() -> list[list[str]]:
    """Each area's "Uppföljning åtgärder" lines as the 2021 report writes them, a zero as "-"."""
    blocks = re.findall(r"Uppföljning åtgärder:\s*\n((?:\s*\n|[^\n]*:[^\n]*\n)+)", REPORT)
    return [[" ".join(line.split()) for line in block.splitlines() if line.strip()] for block in blocks]


# --- PDF: the independent checkers -------------------------------------------------------------------------------


@pytest.mark.parametrize("document", DOCUMENTS)
@pytest.mark.parametrize("profile", ["ua1", "2a"])
def test_every_pdf_conforms_to_pdf_ua_1_and_pdf_a_2a_by_page_validation(pdfs, document, profile):
    """page-validation (veraPDF's rules, Rust, no JVM): every machine-checkable rule of the profile passes."""
    report = page.validate_pdf(pdfs[document], profile=profile)
    failures = [f"{f.rule_id}: {f.message}" for f in report.failures]
    assert failures == []
    assert report.is_compliant
    assert report.rules.total > 100 and report.rules.failed == 0


@pytest.mark.parametrize("document", DOCUMENTS)
def test_every_pdf_has_no_error_or_warning_by_pdfua(pdfs, document):
    report = pdfua_validate(str(pdfs[document]))
    assert [(f.rule_id, f.severity.name, f.message) for f in report.findings] == []
    assert report.exit_code == 0


def test_the_checkers_fail_an_untagged_pdf(tmp_path):
    """The checks above can fail: WeasyPrint's plain output (what the report was before) fails both."""
    from weasyprint import HTML

    untagged = tmp_path / "untagged.pdf"
    HTML(string='<html lang="sv"><title>T</title><h1>Rubrik</h1><p>Text</p></html>').write_pdf(untagged)
    assert not page.validate_pdf(untagged, profile="ua1").is_compliant
    assert pdfua_validate(str(untagged)).exit_code == 3


# --- PDF: the structure tree, read with pikepdf ------------------------------------------------------------------


def structure(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    """Every structure element in document order (depth first)."""
    found = []

    def walk(node) -> None:
        kids = node.get("/K")
        if kids is None:
            return
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") != "/OBJR" and "/S" in kid:
                found.append(kid)
                walk(kid)

    walk(pdf.Root.StructTreeRoot)
    return found


def test_follow_up_pdf_structure_tree(pdfs):
    with pikepdf.open(pdfs["uppfoljning"]) as pdf:
        assert pdf.Root.MarkInfo.Marked is True
        assert str(pdf.Root.Lang) == "sv"
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        with pdf.open_metadata() as xmp:
            assert xmp["dc:title"] == "Uppföljning av åtgärdsplan mot segregation 2021"
            assert xmp["pdfuaid:part"] == "1"
            assert (xmp["pdfaid:part"], xmp["pdfaid:conformance"]) == ("2", "A")
        elements = structure(pdf)
        tags = [str(e.S) for e in elements]
        headings = [int(t[2]) for t in tags if re.fullmatch(r"/H[1-6]", t)]
        # One H1 (the title) first; no level skipped on the way down.
        assert headings[0] == 1 and headings.count(1) == 1
        assert all(b <= a + 1 for a, b in zip(headings, headings[1:], strict=False))
        # Chapters, overview, changes, contents (H2); 1.1, 1.2 and five areas (H3); 60 measures (H4).
        assert headings.count(3) == 7
        assert headings.count(4) == len(source_measures()) == 60
        # Tables: every header cell has its scope, every data cell its headers.
        header_cells = [e for e in elements if e.S == "/TH"]
        assert header_cells and all(str(e.A.Scope) in ("/Column", "/Row") for e in header_cells)
        data_cells = [e for e in elements if e.S == "/TD"]
        assert data_cells and all(len(e.A.Headers) >= 1 for e in data_cells)
        # Lists as lists.
        assert tags.count("/L") > 60 and "/LI" in tags and "/LBody" in tags
        # The one figure, the chart, says every figure of the 2021 report's tally.
        figures = [e for e in elements if e.S == "/Figure"]
        assert len(figures) == 1
        assert str(figures[0].Alt).startswith("Alla åtgärder: Genomförd 12, Pågår 42, Ej genomförd 6")
        # Links of the contents are Link elements with their annotation.
        links = [e for e in elements if e.S == "/Link"]
        assert len(links) >= 9
        # Every font embedded.
        for pdf_page in pdf.pages:
            for font in pdf_page.Resources.Font.values():
                descriptors = [d.FontDescriptor for d in font.get("/DescendantFonts", [])] or [font.FontDescriptor]
                assert any(k in d for d in descriptors for k in ("/FontFile", "/FontFile2", "/FontFile3"))


def test_status_icons_are_decoration_beside_the_word_not_figures(pdfs):
    """An icon is an artifact of the badge (its background); its word is text: 60 measures, no figure each."""
    with pikepdf.open(pdfs["uppfoljning"]) as pdf:
        assert [e for e in structure(pdf) if e.S == "/Figure" and "/Alt" not in e] == []
    import pypdf

    text = " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(pdfs["uppfoljning"]).pages).split())
    assert text.count("Status: Genomförd") == 12


# --- Status as colour, icon and word; tallies as the source writes them -------------------------------------------


def test_each_area_tally_lists_all_three_statuses_a_zero_as_the_source_writes_it(tmp_path):
    output = write(tmp_path, "uppfoljning", "html")
    html = output.read_text(encoding="utf-8")
    lines = [re.sub(r"<[^>]+>", "", ul) for ul in re.findall(r'<ul class="ap-report-tally">(.*?)</ul>', html)]
    ours = [re.findall(r"(?:Genomförda|Pågår|Ej genomförda): (?:\d+ åtgärde?r?|-)", line) for line in lines]
    expected = source_tallies()
    assert len(ours) == len(expected) == 5
    for mine, theirs in zip(ours, expected, strict=True):
        assert [m.split(":")[0] for m in mine] == list(STATUS_WORDS)
        # The source writes "Genomförda: -" for a zero; a count as "N åtgärder" (its "2 åtgärd" and "1" aside).
        assert [m.split(": ")[1] == "-" for m in mine] == [t.split(": ")[1] == "-" for t in theirs]
        assert [re.match(r"\d+|-", m.split(": ")[1])[0] for m in mine] == [
            re.match(r"\d+|-", t.split(": ")[1])[0] for t in theirs
        ]


def test_status_is_colour_icon_and_word_in_the_pdf_html_and_word(tmp_path, words):
    html = write(tmp_path, "uppfoljning", "html").read_text(encoding="utf-8")
    # The badge's colour and icon come from the document's own stylesheet, one rule per status.
    assert re.search(r"\.ap-report-status--genomford \{ background-color: #2e7d32; color: #ffffff; \}", html)
    assert re.search(r'\.ap-report-status--pagar \.ap-report-icon \{ background-image: url\("data:image/svg', html)
    assert html.count('<span class="ap-report-status ap-report-status--genomford">') >= 12
    word = docx.Document(words["uppfoljning"])
    cells = [
        cell
        for table in word.tables
        for cell in table.rows[-1].cells
        if cell.text.endswith(("Genomförd", "Pågår", "Ej genomförd"))
    ]
    assert [c.text for c in cells].count("\u2713 Genomförd") == 12
    shading = {c.text: c._tc.tcPr.find(qn("w:shd")).get(qn("w:fill")) for c in cells}
    assert shading == {"\u2713 Genomförd": "2e7d32", "\u25f7 Pågår": "f9c80e", "\u2717 Ej genomförd": "c62828"}


# --- Word: what its accessibility checker asks for ----------------------------------------------------------------


@pytest.mark.parametrize("document", DOCUMENTS)
def test_word_tables_have_repeating_header_rows_that_do_not_split_and_a_description(words, document):
    word = docx.Document(words[document])
    assert word.tables
    for table in word.tables:
        rows = table._tbl.findall(qn("w:tr"))
        assert rows[0].find(qn("w:trPr")).find(qn("w:tblHeader")) is not None
        assert all(row.find(qn("w:trPr")).find(qn("w:cantSplit")) is not None for row in rows)
        assert table._tbl.tblPr.find(qn("w:tblCaption")).get(qn("w:val"))


@pytest.mark.parametrize("document", DOCUMENTS)
def test_word_headings_in_order_title_and_swedish(words, document):
    word = docx.Document(words[document])
    levels = [int(p.style.name[-1]) for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert levels and all(b <= a + 1 for a, b in zip([0, *levels], levels, strict=False))
    assert word.core_properties.title
    assert word.core_properties.language == "sv-SE"
    assert 'w:lang w:val="sv-SE"' in word.styles.element.xml


def test_word_picture_has_its_description(words):
    word = docx.Document(words["uppfoljning"])
    described = [shape._inline.docPr.get("descr") for shape in word.inline_shapes]
    assert len(described) == 1
    assert described[0].startswith("Alla åtgärder: Genomförd 12, Pågår 42, Ej genomförd 6")


def test_word_contents_lists_its_entries_without_updating_fields(words):
    word = docx.Document(words["uppfoljning"])
    body = word.element.body
    instruction = [t.text for t in body.iter(qn("w:instrText"))]
    assert any(text.strip().startswith("TOC") for text in instruction)
    entries = [
        ("".join(t.text for t in link.iter(qn("w:t"))), link.get(qn("w:anchor")))
        for link in body.iter(qn("w:hyperlink"))
    ]
    bookmarks = {b.get(qn("w:name")): b for b in body.iter(qn("w:bookmarkStart"))}
    titles = [text for text, _ in entries]
    assert "1 Inledning" in titles and "2.5 Utvecklingsområde 5: En rikare fritid för alla" in titles
    for text, anchor in entries:
        heading = bookmarks[anchor].getparent()
        assert "".join(t.text for t in heading.iter(qn("w:t"))) == text
    assert "Uppdatera fält" not in "\n".join(p.text for p in word.paragraphs)


# --- The plan -----------------------------------------------------------------------------------------------------


def test_plan_has_every_measure_with_its_facts_and_no_status(words, pdfs):
    word = docx.Document(words["plan"])
    assert word.core_properties.title == "Åtgärdsplan mot segregation 2021"
    measures = [p.text for p in word.paragraphs if p.style.name == "Heading 3"]
    assert measures == [f"{n}. {t}" for n, t in source_measures()]
    headers = {cell.text for table in word.tables for cell in table.rows[0].cells}
    assert {"Område", "Ansvarig", "Finansiering och tid"} <= headers and "Status" not in headers
    text = "\n".join(p.text for p in word.paragraphs)
    assert "Genomförd" not in text and "Pågår" not in text
    # 1.1's description, as the source has it.
    assert "Lokala team bestående av olika kompetenser bildas" in text
    import pypdf

    assert pypdf.PdfReader(pdfs["plan"]).metadata.title == "Åtgärdsplan mot segregation 2021"


# --- The letter ---------------------------------------------------------------------------------------------------


def test_letter_for_2022_gives_the_figures_of_the_2023_letter_from_the_data(tmp_path):
    word = docx.Document(write(tmp_path, "skrivelse", "docx", year="2022"))
    text = "\n".join(p.text for p in word.paragraphs) + "\n".join(
        c.text for t in word.tables for r in t.rows for c in r.cells
    )
    # The 2023 letter's figures (of 60: 15 / 39 / 6; the 2023 plan: 50 measures), written from data/measures.yml.
    for line in ("Genomförd: 15", "Pågår: 39", "Ej genomförd: 6"):
        assert line in LETTER and line in text
    assert "av totalt 60 åtgärder" in text and "innehåller totalt 50 åtgärder" in text
    assert "uppdaterad åtgärdsplan 2023 samt uppföljning av 2022" in text
    assert "Uppföljning av åtgärdsplan mot segregation 2022" in text
    for heading in ("Förslag till kommunstyrelsens beslut", "Ärende", "Beslutsunderlag"):
        assert heading in LETTER and heading in [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    # What only the coordinator knows is a marked field, never taken from the 2023 letter.
    for name in ("Ellen Henriksen", "Paul Håkansson", "2023-01-26", "2023-02-06"):
        assert name in LETTER and name not in text
    fields = [r for p in word.paragraphs for r in p.runs if r.text.startswith("[Fyll i:")]
    assert len(fields) >= 4 and all(r.font.highlight_color is not None for r in fields)


def test_letter_for_2021_counts_the_pages_and_knows_the_2022_plan_from_the_data(tmp_path):
    text = "\n".join(p.text for p in docx.Document(write(tmp_path, "skrivelse", "docx")).paragraphs)
    for line in ("Genomförd: 12", "Pågår: 42", "Ej genomförd: 6", "av totalt 60 åtgärder"):
        assert line in text
    assert "innehåller totalt 60 åtgärder" in text  # the 2022 plan: 60 measures (the 2023 letter)


def test_letter_of_an_unknown_year_is_refused_in_swedish(tmp_path):
    output = tmp_path / "s.docx"
    result = atgardsplan(
        "report", "--year", "1999", "--document", "skrivelse", "--format", "docx", "--output", str(output)
    )
    assert result.returncode == 1
    assert result.stderr == (
        "Ingen rapport skapades: Uppföljningsåret 1999 finns inte under follow_ups i data/measures.yml. "
        "Kända år: 2021, 2022.\n"
    )
    assert "Traceback" not in result.stderr and not output.exists()


# --- Figures in the prose -----------------------------------------------------------------------------------------


def test_check_refuses_a_figure_in_the_prose_that_the_pages_contradict(tmp_path):
    project = copy_project(tmp_path / "project")
    prose = project / "data/2021/rapporttext.md"
    text = prose.read_text(encoding="utf-8").rstrip("\n")
    # An editor adds a sentence whose figure the pages contradict (2021 has 12 genomförda, as the report says).
    prose.write_text(f"{text}\n\nUppföljningen visar att 13 åtgärder är genomförda.\n", encoding="utf-8")
    line = text.count("\n") + 3
    assert atgardsplan("check", root=PROJECT).returncode == 0
    result = atgardsplan("check", root=project)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[1:] == [
        f"data/2021/rapporttext.md:{line}: texten anger 13 åtgärder med status Genomförd, men åtgärdssidorna "
        "för 2021 har 12. Rätta siffran i texten (eller statusen på den åtgärdssida som är fel)."
    ]
    assert "Traceback" not in result.stderr


def test_prose_statements_are_read_as_the_report_writes_them():
    from actionplan.model import Status
    from actionplan.validate import prose_figures

    statuses = (
        Status("genomford", "Genomförd", "#2e7d32", "check"),
        Status("pagar", "Pågår", "#f9c80e", "clock"),
        Status("ej_genomford", "Ej genomförd", "#c62828", "cross"),
    )
    text = "Intro.\n12 åtgärder är genomförda. 42 åtgärder pågår och 6 åtgärder\när ej genomförda. 13 indikatorer."
    found = [(line, count, status.key) for line, count, status in prose_figures.statements(text, statuses)]
    assert found == [(2, 12, "genomford"), (2, 42, "pagar"), (2, 6, "ej_genomford")]


# --- What changed since last year, in the report and on the statistics page ----------------------------------------


def test_changes_since_last_year_in_the_report_and_on_the_statistics_page(tmp_path):
    project = copy_project(tmp_path / "project")
    assert atgardsplan("new-year", "2022", root=project).returncode == 0
    # 2022's 1.1 continues 2021's 1.1 (Genomförd in 2021) and is now Pågår; 1.3 (Pågår in 2021) is now Pågår.
    pages = {p.name: p for p in (project / "docs/2022/atgarder").glob("*.md")}
    changed_page, same_page = pages["1-1.md"], pages["1-3.md"]
    for page_file, status in ((changed_page, "pagar"), (same_page, "pagar")):
        text = page_file.read_text(encoding="utf-8")
        page_file.write_text(re.sub(r"(?m)^status:.*$", f"status: {status}", text, count=1), encoding="utf-8")
    continuing = len(pages)
    html = write(tmp_path, "uppfoljning", "html", year="2022", root=project).read_text(encoding="utf-8")
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert "Förändringar sedan 2021" in text
    assert f"Alla utvecklingsområden: 1 av {continuing} åtgärder som fortsätter har ändrad status" in text
    assert "1.1 Bilda områdesteam: från Genomförd till Pågår" in text
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    statistics = (site / "2022/statistik/index.html").read_text(encoding="utf-8")
    plain = " ".join(re.sub(r"<[^>]+>", " ", statistics).split())
    assert "Förändringar sedan 2021" in plain
    assert f"1 av {continuing} åtgärder 2022 som fortsätter en åtgärd från 2021 har en annan status" in plain
    changed = html_module.unescape(re.search(r'<ul class="ap-changes">(.*?)</ul>', statistics, re.S)[1])
    assert " ".join(re.sub(r"<[^>]+>", " ", changed).split()) == "1.1 Bilda områdesteam : 1.1 2021 Genomförd → Pågår"

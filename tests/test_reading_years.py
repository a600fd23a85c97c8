"""A reader on the site with two follow-up years: every result, heading and table says its year and fits.

The site is the real project after `atgardsplan new-year 2022` (2021
adopted, 2022 under way), with one 2022 status filled in and a new 2022
measure numbered 1.12 (2021's 1.12 went into another measure), built into a
temporary folder and read in Debian's Chromium over HTTP on 127.0.0.1.
"""

from __future__ import annotations

import functools
import json
import re
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

import pypdf
import pytest
from bs4 import BeautifulSoup
from helpers import BuiltSite, WatchedPage, copy_project, edit, mkdocs_build, text_of
from test_accessibility import axe_violations, no_sideways_scrolling, wait_until_ready
from test_search import search

from actionplan.commands.cli import main

NEW_1_12 = """---
id: "1.12"
title: "Trygghetsvandringar i Skäggetorp"
area: 1
districts: [Skäggetorp]
responsible: ["KLF (säkerhetsenheten)"]
financing: "Inom ram."
status:
comment:
next_year:
---

Trygghetsvandringar med boende och fastighetsägare.
"""
FOOTER = "Linköpings kommun · Åtgärdsplan mot segregation (Dnr KS 2020-754)"


def serve(root: Path):
    """The folder served over HTTP on 127.0.0.1, as the intranet server would; returns (origin, server)."""

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server


@pytest.fixture(scope="module")
def two_years(tmp_path_factory) -> BuiltSite:
    project = copy_project(tmp_path_factory.mktemp("two-years") / "project")
    assert main(["--root", str(project), "new-year", "2022"]) == 0
    edit(project, "docs/2022/atgarder/5-4.md", "status:  #", "status: pagar  #")
    (project / "docs/2022/atgarder/1-12.md").write_text(NEW_1_12, encoding="utf-8")
    result = mkdocs_build(project, project / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    built = BuiltSite(project / "site", result.stdout + result.stderr)
    built.project = project  # type: ignore[attr-defined]
    return built


@pytest.fixture(scope="module")
def origin(two_years):
    address, server = serve(two_years.root)
    yield address
    server.shutdown()


def reader(browser, origin, width: int) -> WatchedPage:
    return WatchedPage(browser, origin, viewport={"width": width, "height": 900})


# --- Search ------------------------------------------------------------------------


def result_labels(page) -> list[tuple[str, list[str]]]:
    """Each result's page and the labels Material shows under it (its year, a measure's status)."""
    return page.locator("li.md-search-result__item").evaluate_all(
        """items => items.map(item => [new URL(item.querySelector('a').href).pathname,
             [...item.querySelector('a').querySelectorAll('.md-tag')].map(tag => tag.textContent.trim())])"""
    )


def test_a_measure_found_in_two_years_shows_each_year_and_status_newest_first(browser, origin):
    watched = reader(browser, origin, 1280)
    page = watched.page
    page.goto(origin + "/")
    results = search(page, "fritidsbanken")
    assert results[:2] == ["/2022/atgarder/5-4/", "/2021/atgarder/5-4/"]
    assert result_labels(page)[:2] == [
        ["/2022/atgarder/5-4/", ["Uppföljning 2022", "Pågår"]],
        ["/2021/atgarder/5-4/", ["Uppföljning 2021", "Pågår"]],
    ]
    # Two different measures numbered 1.12: each says its year and status.
    search(page, "1.12")
    labels = dict(result_labels(page))
    assert labels["/2022/atgarder/1-12/"] == ["Uppföljning 2022", "Ej uppföljd"]
    assert labels["/2021/atgarder/1-12/"] == ["Uppföljning 2021", "Genomförd"]
    # An overview says its year; a page outside the years has no year to say.
    search(page, "sammanfattningen")
    labels = dict(result_labels(page))
    overviews = {path: tags for path, tags in labels.items() if "/utvecklingsomrade-" in path}
    assert overviews and all(tags == ["Uppföljning 2022"] for tags in overviews.values()), labels
    watched.close()


def test_the_search_index_says_the_status_once_per_measure(two_years):
    index = json.loads((two_years.root / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    [page] = [doc for doc in index if doc["location"] == "2022/atgarder/5-4/"]
    assert page["title"] == "5.4 Etablera Fritidsbanker"
    assert page["tags"] == ["Pågår"]
    # The status is a tag, not words of the text as well; the year is in the address.
    assert not page["text"].startswith(("Pågår", "<p>"))
    assert "2022" not in page["title"]


# --- Headings and titles -----------------------------------------------------------


def test_every_page_of_a_year_names_it_in_its_heading_and_tab_title(two_years):
    checked = 0
    for path in two_years.pages():
        relative = path.relative_to(two_years.root).as_posix()
        year = relative.split("/", 1)[0]
        if not re.fullmatch(r"\d{4}", year):
            continue
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        headings = [text_of(h1) for h1 in soup.select("article h1")]
        assert len(headings) == 1, (relative, headings)
        assert year in headings[0], (relative, headings[0])
        assert year in soup.title.string, (relative, soup.title.string)
        checked += 1
    # Two years of measures, overviews, facet pages, all measures, statistics and reports.
    assert checked > 150


def test_two_years_overviews_of_an_area_read_differently(two_years):
    headings, titles = {}, {}
    for year in (2021, 2022):
        soup = two_years.page(f"/{year}/utvecklingsomrade-1/")
        headings[year], titles[year] = text_of(soup.select_one("article h1")), soup.title.string
    area = "Utvecklingsområde 1: Ökad trygghet, gemenskap och delaktighet i samhället"
    assert headings == {2021: f"{area} (2021)", 2022: f"{area} (2022)"}
    assert titles == {year: f"{area} ({year}) - Åtgärdsplan mot segregation" for year in (2021, 2022)}
    measure = two_years.page("/2022/atgarder/5-4/")
    assert text_of(measure.select_one("article h1")) == "5.4 Etablera Fritidsbanker (2022)"
    # The report page is headed by the report's own title, not by its navigation label.
    report = two_years.page("/2021/rapport/")
    assert [text_of(h1) for h1 in report.select("article h1")] == ["Uppföljning av åtgärdsplan mot segregation 2021"]


@pytest.mark.parametrize("year", [2021, 2022])
def test_a_printed_overview_says_which_year_it_shows(browser, origin, tmp_path, year):
    watched = reader(browser, origin, 1280)
    watched.page.goto(f"{origin}/{year}/utvecklingsomrade-1/")
    output = tmp_path / "overview.pdf"
    watched.page.pdf(path=str(output), format="A4")
    watched.close()
    first = " ".join(pypdf.PdfReader(output).pages[0].extract_text().split())
    assert first.startswith(f"Utvecklingsområde 1: Ökad trygghet, gemenskap och delaktighet i samhället ({year})")


# --- Tables of measures ------------------------------------------------------------

# Every kind of page with a table of measures, in both years.
TABLE_PAGES = [
    "/2021/utvecklingsomrade-2/",
    "/2022/utvecklingsomrade-1/",
    "/2021/ansvarig/klf/",
    "/2022/status/ej-uppfoljd/",
    "/2021/alla-atgarder/",
    "/2022/alla-atgarder/",
]

MEASURE_TABLES = """() => [...document.querySelectorAll('table.ap-measures')].map(table => {
  const region = table.closest('.ap-scroll'), width = document.documentElement.clientWidth
  const outside = []
  for (const row of table.tBodies[0].rows) {
    if (row.hidden) continue
    for (const cell of row.cells) {
      const box = cell.getBoundingClientRect()
      const name = (cell.className || cell.dataset.label) + ' of ' + row.cells[0].innerText
      if (!box.width || !box.height) outside.push(name + ' not shown')
      else if (box.left < 0 || box.right > width + 1)
        outside.push(`${name} at ${Math.round(box.left)}-${Math.round(box.right)}`)
    }
  }
  const scrolls = region.scrollWidth > region.clientWidth
  return {scrolls, rows: table.tBodies[0].rows.length, outside: outside.slice(0, 5)}
})"""


@pytest.mark.parametrize("width", [320, 390, 1024, 1280])
def test_every_fact_of_every_measure_is_on_screen_without_scrolling_sideways(browser, origin, width):
    """From 1024 px the table fits its column; on a phone each row stacks: number, title, status, then the rest."""
    watched = reader(browser, origin, width)
    page = watched.page
    found = {}
    for url in TABLE_PAGES:
        page.goto(origin + url)
        wait_until_ready(page)
        tables = page.evaluate(MEASURE_TABLES)
        assert tables and all(table["rows"] for table in tables), url
        problems = [table for table in tables if table["scrolls"] or table["outside"]]
        if width <= 430:
            problems += no_sideways_scrolling(page)
            # Number, title and status lead each row.
            first = page.locator("table.ap-measures tbody tr").first
            tops = [first.locator(f".ap-col-{name}").bounding_box()["y"] for name in ("id", "title", "status")]
            facts = first.locator("td[data-label]:not(.ap-col-status)").evaluate_all(
                "cells => cells.map(c => c.getBoundingClientRect().y)"
            )
            if not (tops[0] == tops[1] < tops[2] < min(facts)):
                problems.append(f"row order: number/title {tops[:2]}, status {tops[2]}, other facts {facts}")
            # The other facts say what they are.
            labels = first.locator("td[data-label]").evaluate_all(
                "cells => cells.map(c => getComputedStyle(c, '::before').content)"
            )
            if not all(label.endswith(': "') for label in labels):
                problems.append(f"labels {labels}")
        if problems:
            found[url] = problems
    watched.close()
    assert found == {}


def test_a_stacked_table_is_still_a_table_to_a_screen_reader(browser, origin):
    watched = reader(browser, origin, 390)
    page = watched.page
    page.goto(origin + "/2022/utvecklingsomrade-1/")
    wait_until_ready(page)
    assert page.locator("table.ap-measures tbody tr").first.evaluate("row => getComputedStyle(row).display") == "grid"
    tree = page.context.new_cdp_session(page).send("Accessibility.getFullAXTree")["nodes"]
    roles = [node["role"]["value"] for node in tree if "role" in node]
    rows = page.locator("table.ap-measures tr").count()
    cells = page.locator("table.ap-measures td").count()
    assert roles.count("table") == 1
    assert roles.count("row") >= rows and roles.count("cell") >= cells
    assert roles.count("columnheader") == 6
    watched.close()


# --- Accessibility of the pages readers meet with two years -------------------------

TWO_YEAR_PAGES = {
    "utvecklingsområde 2022": "/2022/utvecklingsomrade-1/",
    "åtgärd 2022": "/2022/atgarder/5-4/",
    "ny åtgärd 2022": "/2022/atgarder/1-12/",
    "status 2022": "/2022/status/ej-uppfoljd/",
    "alla åtgärder 2022": "/2022/alla-atgarder/",
    "statistik 2022": "/2022/statistik/",
    "tillgänglighetsredogörelse": "/tillganglighet/",
    "kontakt": "/kontakt/",
}


@pytest.mark.parametrize("width", [1280, 320])
def test_axe_finds_nothing_with_two_years_on_the_site(browser, origin, width):
    watched = reader(browser, origin, width)
    page = watched.page
    found = {}
    for kind, url in TWO_YEAR_PAGES.items():
        page.goto(origin + url)
        wait_until_ready(page)
        problems = axe_violations(page) + (no_sideways_scrolling(page) if width == 320 else [])
        if problems:
            found[kind] = problems
    # The search dialog with results labelled by year and status.
    page.goto(origin + "/2022/statistik/")
    wait_until_ready(page)
    search(page, "fritidsbanken")
    found["sökresultat"] = axe_violations(page)
    watched.close()
    assert {kind: problems for kind, problems in found.items() if problems} == {}


# --- Whose site this is ------------------------------------------------------------


def test_every_footer_names_the_municipality_and_plan_and_links_statement_and_contact(two_years):
    for path in two_years.pages():
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        footer = soup.select_one("footer.md-footer")
        relative = path.relative_to(two_years.root).as_posix()
        assert footer is not None, relative
        text = text_of(footer)
        assert text.startswith(FOOTER), (relative, text)
        assert "Material" not in text and "MkDocs" not in text, relative
        links = {text_of(a): a["href"] for a in footer.select("a")}
        assert set(links) == {"Tillgänglighetsredogörelse", "Kontakt"}, relative
        # (The 404 page lies at the root, and its links are written from the root: overrides/404.html.)
        for label, href in links.items():
            target = (path.parent / href / "index.html").resolve()
            assert target.is_file(), (relative, label, href)


def test_the_footer_leads_to_the_statement_and_the_contact_page(browser, origin):
    watched = reader(browser, origin, 390)
    page = watched.page
    page.goto(origin + "/2022/atgarder/5-4/")
    page.get_by_role("contentinfo").get_by_role("link", name="Tillgänglighetsredogörelse").click()
    page.wait_for_load_state()
    assert urlparse(page.url).path == "/tillganglighet/"
    assert page.locator("article h1").inner_text() == "Tillgänglighetsredogörelse"
    page.get_by_role("contentinfo").get_by_role("link", name="Kontakt").click()
    page.wait_for_load_state()
    assert page.locator("article h1").inner_text() == "Kontakt"
    watched.close()


DIGG_SECTIONS = [
    "Hur tillgänglig är webbplatsen?",
    "Vad kan du göra om du inte kan använda delar av webbplatsen?",
    "Rapportera brister i webbplatsens tillgänglighet",
    "Tillsyn",
    "Teknisk information om webbplatsens tillgänglighet",
    "Innehåll som inte är tillgängligt",
    "Hur vi testat webbplatsen",
    "Om redogörelsen",
]


def test_the_statement_follows_diggs_structure_and_shows_what_the_municipality_has_not_given(two_years):
    soup = two_years.page("/tillganglighet/")
    article = soup.select_one("article")
    assert [text_of(h) for h in article.find_all(["h2", "h3"])] == DIGG_SECTIONS
    text = text_of(article)
    assert "Linköpings kommun står bakom webbplatsen Åtgärdsplan mot segregation." in text
    assert "lagen (2018:1937) om tillgänglighet till digital offentlig service" in text
    assert article.find("a", string="anmäla det till Digg")["href"] == "https://www.digg.se/tdosanmalan"
    # The project knows of nothing inaccessible (data/webbplats.yml) and its tests found nothing.
    assert "Webbplatsen är helt förenlig med lagen" in text
    # The real project leaves the contact, the answer time and the review date to the municipality.
    missing = [text_of(span) for span in article.select(".ap-missing")]
    assert any(m.startswith("Uppgift saknas: e-postadress eller telefonnummer") for m in missing)
    assert any(m.startswith("Uppgift saknas: datum då redogörelsen senast granskades") for m in missing)
    contact = two_years.page("/kontakt/")
    assert len(contact.select("article .ap-missing")) == 4
    # The build says so in one line, and builds.
    lines = [line for line in two_years.output.splitlines() if "visar som saknat" in line]
    assert len(lines) == 1
    assert "contact.email eller contact.phone, accessibility.response_time, accessibility.reviewed" in lines[0]


WEBBPLATS = """organisation: Linköpings kommun
plan: Åtgärdsplan mot segregation
diarienummer: KS 2020-754
contact:
  name: "<script>alert(1)</script> Enheten"
  email: fragor@example.se
  phone: "013-00 00 00"
accessibility:
  response_time: inom fem arbetsdagar
  reviewed: 2026-11-30
  known_issues: []
"""


def results_file(violations: int) -> dict:
    return {
        "date": "2026-12-01",
        "axe_core": "4.10.2",
        "browser": "Chromium 120.0.6099.224",
        "axe": [
            {"kind": "start", "url": "/", "width": 1280, "violations": 0},
            {"kind": "start", "url": "/", "width": 320, "violations": violations},
        ],
        "reflow": {"width": 320, "pages": 97, "failures": 0},
    }


def test_a_known_issue_makes_the_site_partly_compliant_and_is_listed(tmp_path):
    project = copy_project(tmp_path / "project")
    issue = "Kartan i rapporten saknar textalternativ."
    webbplats = WEBBPLATS.replace("  known_issues: []", f"  known_issues:\n    - {issue}")
    (project / "data/webbplats.yml").write_text(webbplats, encoding="utf-8")
    (project / "data/tillganglighetstest.json").write_text(json.dumps(results_file(0)), encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    text = text_of(BuiltSite(tmp_path / "site", "").page("/tillganglighet/").select_one("article"))
    assert "Webbplatsen är delvis förenlig med lagen" in text
    assert issue in text


@pytest.mark.parametrize("violations", [0, 1])
def test_the_statement_shows_the_municipalitys_facts_and_the_tests_figures(tmp_path, violations):
    project = copy_project(tmp_path / "project")
    (project / "data/webbplats.yml").write_text(WEBBPLATS, encoding="utf-8")
    (project / "data/tillganglighetstest.json").write_text(json.dumps(results_file(violations)), encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "visar som saknat" not in result.stdout + result.stderr
    site = BuiltSite(tmp_path / "site", "")
    article = site.page("/tillganglighet/").select_one("article")
    text = " ".join(article.get_text().split())  # as read: a date in <time> is part of its sentence
    assert article.select(".ap-missing") == []
    assert "kontakta oss: <script>alert(1)</script> Enheten, e-post fragor@example.se" in text
    assert ", telefon 013-00 00 00. Vi svarar inom fem arbetsdagar." in text
    assert article.select_one("script") is None
    assert "Vi svarar inom fem arbetsdagar." in text
    assert "Redogörelsen granskades senast 30 november 2026." in text
    assert "gjordes 1 december 2026 med axe-core 4.10.2 i Chromium 120.0.6099.224" in text
    assert "Vid 320 pixlars bredd öppnades 97 sidor; 0 av dem behövde rullas i sidled." in text
    rows = [[text_of(c) for c in row.find_all(["th", "td"])] for row in article.select(".ap-test-results tbody tr")]
    assert rows == [["start", "/", "0", str(violations)]]
    if violations:
        assert "Webbplatsen är delvis förenlig med lagen" in text
        assert "fann 1 brist enligt axe-core" in text
    else:
        assert "Webbplatsen är helt förenlig med lagen" in text
        assert "Vi känner inte till något innehåll på webbplatsen som inte är tillgängligt." in text
    contact = site.page("/kontakt/").select_one("article")
    assert contact.select_one("a[href='mailto:fragor@example.se']") is not None


@pytest.mark.parametrize(
    ("name", "content", "line"),
    [
        (
            "webbplats.yml",
            WEBBPLATS.replace("reviewed: 2026-11-30", "reviewed: 30/11 2026"),
            "data/webbplats.yml:10: accessibility.reviewed: '30/11 2026' är inget datum på formen ÅÅÅÅ-MM-DD.",
        ),
        (
            "webbplats.yml",
            WEBBPLATS.replace("  phone:", "  telefon:"),
            "data/webbplats.yml:7: contact.telefon: 'telefon' är inget känt fält. Tillåtna fält: name, email, phone.",
        ),
        (
            "webbplats.yml",
            WEBBPLATS.replace("fragor@example.se", "fragor.example.se"),
            "data/webbplats.yml:6: contact.email: 'fragor.example.se' är ingen e-postadress (namn@exempel.se).",
        ),
        (
            "tillganglighetstest.json",
            '{\n  "date": "2026-12-01",\n  "axe": [\n',
            "data/tillganglighetstest.json:4: filen går inte att läsa som JSON (Expecting value). "
            "Filen skrivs av testerna (bash scripts/test); skriv den inte för hand.",
        ),
    ],
    ids=["date", "unknown field", "e-mail", "broken json"],
)
def test_a_wrong_site_file_stops_check_and_build_with_one_swedish_line(tmp_path, capsys, name, content, line):
    project = copy_project(tmp_path / "project")
    (project / "data" / name).write_text(content, encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("förra versionen", encoding="utf-8")
    build = mkdocs_build(project, site)
    assert build.returncode == 1
    output = build.stdout + build.stderr
    assert line in output.splitlines(), output
    assert "Traceback" not in output
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert main(["--root", str(project), "check"]) == 1
    assert line in capsys.readouterr().err.splitlines()

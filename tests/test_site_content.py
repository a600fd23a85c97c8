"""The real site, built into a temporary folder, read as a reader sees it.

Expected figures come from the source documents (the 2021 follow-up report
and the 2023 cover letter), never from the code under test.
"""

from __future__ import annotations

import json
import re

import yaml
from helpers import PROJECT, SOURCES, definitions, table_by_caption, table_rows, text_of

REPORT = (SOURCES / "uppfoljning-2021.txt").read_text(encoding="utf-8")
STATUS_HEADER = ("Genomförd", "Pågår", "Ej genomförd", "Totalt")

# Stated in the report: section 1.1 and "Uppföljning åtgärder" under each area.
REPORTED_2021 = {
    "total": (12, 42, 6),
    1: (6, 9, 1),
    2: (3, 8, 2),
    3: (3, 6, 0),
    4: (0, 11, 1),
    5: (0, 8, 2),
}
AREA_TITLES = {
    1: "Ökad trygghet, gemenskap och delaktighet i samhället",
    2: "Fler i arbete eller meningsfull sysselsättning",
    3: "Utbildning för att barn och vuxna ska nå sin fulla potential",
    4: "Trivsamma livsmiljöer för ett sammanhållet Linköping",
    5: "En rikare fritid för alla",
}


def report_measures() -> dict[str, str]:
    """{number: title} of every measure heading in the report, e.g. '1.4. Starta upp ...'."""
    return dict(re.findall(r"^(\d\.\d+)\. (.+?)\s*$", REPORT, flags=re.M))


def figures(counts: tuple[int, int, int]) -> tuple[str, ...]:
    return tuple(str(n) for n in counts) + (str(sum(counts)),)


def test_start_page_states_the_overall_tally_and_one_row_per_area(real_site):
    soup = real_site.page("/")
    table = table_by_caption(soup, "Status per utvecklingsområde 2021")
    assert tuple(text_of(th) for th in table.thead.find_all("th")) == ("Utvecklingsområde", *STATUS_HEADER)
    assert table_rows(table) == [(f"{n}. {AREA_TITLES[n]}", *figures(REPORTED_2021[n])) for n in range(1, 6)]
    assert table_rows(table.tfoot) == [("Alla utvecklingsområden", *figures(REPORTED_2021["total"]))]
    leads = [text_of(p) for p in soup.select(".ap-lead")]
    # The start page opens on the newest year with pages, 2021, which its report adopted; the report's
    # introduction further down names its year too.
    assert leads == [
        "Senaste uppföljningen är 2021. Alla åtgärder 2021 · Statistik 2021",
        "Uppföljningen 2021 omfattar 60 åtgärder. Genomförd: 12, Pågår: 42, Ej genomförd: 6. Uppföljningen 2021 "
        "är fastställd (uppföljningsrapporten 2021, 5 januari 2022).",
        "Ur uppföljningsrapporten 2021. Hela rapporten: Rapport 2021 .",
    ]


def test_start_page_has_a_bar_chart_drawn_at_build_time(real_site):
    soup = real_site.page("/")
    chart = soup.select_one("figure.ap-figure svg.ap-chart")
    assert chart["role"] == "img"
    assert chart["aria-label"] == "Genomförd 12, Pågår 42, Ej genomförd 6"
    segments = [rect for rect in chart.find_all("rect") if rect.title]
    assert [rect.title.string for rect in segments] == ["Genomförd: 12", "Pågår: 42", "Ej genomförd: 6"]
    assert "data-search-exclude" in chart.parent.attrs


def test_start_page_carries_the_document_facts_and_the_report_introduction(real_site):
    soup = real_site.page("/")
    facts = soup.select_one(".ap-document")
    pairs = definitions(facts)
    assert pairs == {
        "Dokument": "Uppföljning av åtgärdsplan mot segregation 2021",
        "Diarienummer": "KS 2020-754",
        "Datum": "5 januari 2022",
        "Organisation": "Kommunledningsförvaltningen",
        "Fastställd": "5 januari 2022 (uppföljningsrapporten 2021)",
    }
    # The introduction says which year's report it comes from, and links the whole report.
    leads = [" ".join(p.get_text().split()) for p in soup.select("p.ap-lead")]
    assert "Ur uppföljningsrapporten 2021. Hela rapporten: Rapport 2021." in leads, leads
    headings = [text_of(h) for h in soup.find_all(["h2", "h3"])]
    for heading in (
        "1 Inledning",
        "1.1 Sammanfattning av uppföljningens resultat",
        "1.2 Kommunens angreppssätt går i linje med Delmos rekommendationer",
    ):
        assert heading in headings
    text = text_of(soup.select_one("article"))
    assert (
        "Uppföljningen av åtgärdsplanen visar att 12 åtgärder är genomförda. 42 åtgärder pågår och 6 åtgärder" in text
    )
    # A paragraph that a page break splits in the text conversion is whole again.
    assert "På längre sikt kommer uppföljning av dem ske och orsaken till utvecklingen" in text


def test_later_figures_are_shown_as_reported_in_the_2023_letter(real_site):
    soup = real_site.page("/")
    rows = table_rows(table_by_caption(soup, "Status vid varje årlig uppföljning"))
    assert rows[0][:5] == ("2021", "60", "12", "42", "6")
    assert rows[1][:5] == ("2022", "60", "15", "39", "6")
    # No open year has pages, so there is no Ej uppföljd column; the letter's figures are marked as reported.
    assert len(rows[1]) == 6
    assert rows[1][5].startswith("Rapporterat: enligt tjänsteskrivelsen") and "6 februari 2023" in rows[1][5]
    plans = text_of(soup.select_one(".ap-plans"))
    assert "Åtgärdsplanen för 2023 innehåller 50 åtgärder" in plans


def test_each_area_page_states_the_reported_tally_and_lists_its_measures_in_numeric_order(real_site):
    numbers = sorted(report_measures(), key=lambda n: tuple(int(p) for p in n.split(".")))
    for area in range(1, 6):
        soup = real_site.page(f"/2021/utvecklingsomrade-{area}/")
        assert text_of(soup.h1) == f"Utvecklingsområde {area}: {AREA_TITLES[area]} (2021)"
        done, ongoing, not_done = REPORTED_2021[area]
        stated = text_of(soup.select_one(".ap-stated"))
        assert stated.startswith(
            f"Uppföljningsrapporten 2021 (5 januari 2022) anger för området: Genomförd: {done}, Pågår: {ongoing}, "
            f"Ej genomförd: {not_done} ({done}/{ongoing}/{not_done}). Siffrorna här är räknade från åtgärdssidorna "
            "och stämmer med den."
        )
        chart = soup.select_one("svg.ap-chart")
        assert chart["aria-label"] == f"Genomförd {done}, Pågår {ongoing}, Ej genomförd {not_done}"
        rows = table_rows(table_by_caption(soup, f"Åtgärder i utvecklingsområde {area}"))
        assert [row[0] for row in rows] == [n for n in numbers if n.startswith(f"{area}.")]


def test_area_table_rows_read_as_in_the_report(real_site):
    soup = real_site.page("/2021/utvecklingsomrade-1/")
    rows = table_rows(table_by_caption(soup, "Åtgärder i utvecklingsområde 1"))
    assert rows[3] == (
        "1.4",
        "Starta upp och utveckla mötesplatsen Berga By för kommuninvånarna",
        "Berga",
        "KoF",
        "Genomförd",
        "Vidareutvecklad",
    )
    assert rows[9] == (
        "1.10",
        "Ta fram en krishanteringsplan för akuta händelser",
        "Berga, Ryd, Skäggetorp",
        "KLF (säkerhetsenheten)",
        "Genomförd",
        "Finns inte med, genomförd",
    )


def test_area_page_carries_the_reports_summary_of_the_year(real_site):
    text = text_of(real_site.page("/2021/utvecklingsomrade-1/").select_one("article"))
    assert text.startswith("Utvecklingsområde 1")
    assert "Under året har Linköping skakats av flera skjutningar" in text
    assert (
        "Att arbeta mer tillsammans med civilsamhället på ett systematiskt sätt blir ett stort fokus för 2022." in text
    )


def test_every_measure_of_the_report_has_exactly_one_page_with_the_reports_title():
    in_report = report_measures()
    assert len(in_report) == 60
    pages = sorted((PROJECT / "docs" / "2021" / "atgarder").glob("*.md"))
    found = {}
    for path in pages:
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
        assert meta["id"] not in found, f"{meta['id']} in {path.name} and {found[meta['id']]}"
        found[meta["id"]] = path.name
        assert meta["title"] == in_report.get(meta["id"]), path.name
    assert set(found) == set(in_report)


def test_navigation_lists_the_start_page_the_year_and_the_editor_guide(real_site):
    soup = real_site.page("/2021/atgarder/2-13/")
    labels = [text_of(a) for a in soup.select("nav.md-nav--primary a.md-nav__link")]
    assert labels == [
        "Start",
        *(f"{n}. {AREA_TITLES[n]}" for n in range(1, 6)),
        "Alla åtgärder",
        "Statistik",
        "Rapport",
        "Redaktörsguide",
    ]
    section = soup.select_one("nav.md-nav--primary label.md-nav__link, nav.md-nav--primary .md-nav__item--section")
    assert "Uppföljning 2021" in text_of(section)


def test_every_measure_is_two_clicks_from_the_start_page(real_site):
    def links_from(url: str) -> set[str]:
        page_file = real_site.file(url)
        soup = real_site.page(url)
        targets = set()
        for anchor in soup.select("article a[href], nav.md-nav a[href]"):
            href = anchor["href"].split("#")[0]
            # Downloads (the exports) are files, not pages to follow.
            if not href or "://" in href or anchor.has_attr("download"):
                continue
            target = (page_file.parent / href).resolve()
            if target.is_dir():
                target = target / "index.html"
            targets.add("/" + target.relative_to(real_site.root.resolve()).as_posix().removesuffix("index.html"))
        return targets

    reached = set()
    for first in links_from("/"):
        reached |= links_from(first)
    measures = {f"/2021/atgarder/{path.stem}/" for path in (PROJECT / "docs/2021/atgarder").glob("*.md")}
    assert measures <= reached, sorted(measures - reached)


def test_measure_page_shows_its_facts_with_status_as_icon_text_and_colour(real_site):
    soup = real_site.page("/2021/atgarder/1-4/")
    assert text_of(soup.h1) == "1.4 Starta upp och utveckla mötesplatsen Berga By för kommuninvånarna (2021)"
    assert soup.title.string.startswith("1.4 Starta upp och utveckla mötesplatsen Berga By")
    facts = soup.select_one("article .ap-facts")
    pairs = definitions(facts)
    assert pairs == {
        "Status 2021": "Genomförd",
        "Kommentar": "Berga by öppnade under våren 2021 och invigdes i september 2021.",
        "I planen för 2022": "Vidareutvecklad – Vidareutvecklad åtgärd 2022.",
        "Utvecklingsområde": "1. Ökad trygghet, gemenskap och delaktighet i samhället",
        "Område": "Berga",
        "Ansvarig": "KoF",
        "Finansiering och tid": "Genomförs inom ram. Startar 2021",
    }
    badge = facts.select_one(".ap-status")
    assert text_of(badge) == "Genomförd" and "ap-status--genomford" in badge["class"]
    # The colour and icon come from the stylesheet the build writes from data/measures.yml
    # (test_accessibility.py checks them in a browser).
    stylesheet = (real_site.root / "assets/stylesheets/statuser.css").read_text(encoding="utf-8")
    assert ".ap-status--genomford{background-color:#2e7d32;color:#ffffff;--ap-icon:url(" in stylesheet
    assert "assets/stylesheets/statuser.css" in [link["href"].lstrip("./") for link in soup.select("link")]
    description = text_of(soup.select_one("article"))
    assert "Starta upp och utveckla Berga By till en positiv, naturlig mötesplats för Bergas invånare." in description


def test_measure_page_names_administrations_and_the_reports_own_wording(real_site):
    facts = real_site.page("/2021/atgarder/1-9/").select_one(".ap-facts")
    responsible = text_of(facts.find("dt", string="Ansvarig").find_next_sibling("dd"))
    assert responsible == (
        "UAF för genomförande i skolan, KoF för genomförande i fritidsverksamhet "
        "UAF – Utbildnings- och arbetsmarknadsförvaltningen KoF"
    )


def test_search_index_holds_the_facts_panel(real_site):
    import json

    index = json.loads((real_site.root / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["sv"]
    texts = " ".join(doc["text"] for doc in index["docs"] if doc["location"].startswith("2021/atgarder/1-10/"))
    assert "Kommunledningsförvaltningen" in texts and "säkerhetsenheten" in texts and "En rutin finns" in texts


def test_every_internal_link_and_asset_resolves(real_site):
    broken = []
    for path in real_site.pages():
        soup = real_site.page("/" + path.relative_to(real_site.root).as_posix())
        for element, attribute in [(e, "href") for e in soup.find_all(["a", "link"], href=True)] + [
            (e, "src") for e in soup.find_all(["script", "img"], src=True)
        ]:
            target = element[attribute].split("#")[0].split("?")[0]
            if not target or re.match(r"^[a-z]+:", target):
                continue
            # Only 404.html uses root-absolute links (MkDocs cannot know its URL).
            base = real_site.root if target.startswith("/") else path.parent
            resolved = (base / target.lstrip("/")).resolve()
            if resolved.is_dir():
                resolved = resolved / "index.html"
            if not resolved.exists():
                broken.append(f"{path.relative_to(real_site.root)} -> {target}")
    assert not broken, broken[:20]


def test_site_is_swedish_and_loads_nothing_from_outside(real_site):
    for path in real_site.pages():
        soup = real_site.page("/" + path.relative_to(real_site.root).as_posix())
        assert soup.html["lang"] == "sv"
        for element in soup.find_all(["script", "link", "img", "iframe"]):
            url = element.get("src") or (element.get("href") if element.name == "link" else None) or ""
            assert not re.match(r"^(https?:)?//", url), f"{path}: {element}"
    for stylesheet in real_site.root.rglob("*.css"):
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", stylesheet.read_text(encoding="utf-8")), stylesheet
        assert "fonts.googleapis" not in stylesheet.read_text(encoding="utf-8")


def test_facet_pages_list_their_measures_with_their_own_tally(real_site):
    soup = real_site.page("/2021/omrade/mottagande-skolor/")
    rows = table_rows(table_by_caption(soup, "Åtgärder, Mottagande skolor 2021"))
    assert [row[:2] for row in rows] == [
        ("3.1", "Säkerställ en god mottagning av eleverna från Skäggetorpsskolan i de andra skolorna")
    ]
    tally = table_rows(table_by_caption(soup, "Status, Mottagande skolor 2021"))
    assert tally == [("Mottagande skolor", "1", "0", "0", "1")]


def test_statistics_by_district_agree_with_the_pages_front_matter(real_site):
    # Counted here straight from the pages' YAML, independently of the package.
    counts: dict[str, list[int]] = {}
    order = ["genomford", "pagar", "ej_genomford"]
    for path in (PROJECT / "docs/2021/atgarder").glob("*.md"):
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
        for district in meta["districts"]:
            counts.setdefault(district, [0, 0, 0])[order.index(meta["status"])] += 1
    soup = real_site.page("/2021/statistik/")
    rows = table_rows(table_by_caption(soup, "Status per område 2021"))
    assert rows == [(d, *figures(tuple(counts[d]))) for d in ("Berga", "Ryd", "Skäggetorp", "Mottagande skolor")]
    areas = table_rows(table_by_caption(soup, "Status per utvecklingsområde 2021"))
    assert [row[1:] for row in areas] == [figures(REPORTED_2021[n]) for n in range(1, 6)]


def test_search_indexes_a_measure_by_its_facts_and_description_in_one_entry(real_site):
    """Search reads a text-only version of a measure page (glue/build.py); the page itself keeps its panel."""
    index = json.loads((real_site.root / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    entries = [e for e in index if e["location"].startswith("2021/atgarder/1-9/")]
    assert [e["location"] for e in entries] == ["2021/atgarder/1-9/"]
    entry = entries[0]
    # Number and title; the year is in the address, which every result shows (sv-search.js).
    assert entry["title"] == "1.9 Utöka relationsbyggande arbete mellan unga och polis och räddningstjänst"
    # The status goes with the tags, which Material shows beside the result's title.
    assert entry["tags"] == ["Pågår"]
    text = " ".join(entry["text"].split())
    # Comment, districts and administrations (the report's wording and each one's name), then the description.
    assert text.startswith("På KoF pågår. På UAF ej påbörjat på grund av pandemin.")
    assert "Berga, Ryd, Skäggetorp UAF för genomförande i skolan, KoF för genomförande i fritidsverksamhet" in text
    assert "UAF – Utbildnings- och arbetsmarknadsförvaltningen" in text
    assert "<p>Fortsätta och utöka det relationsbyggande arbetet" in text
    # Labels and facts many measures share are shown, not indexed.
    for shown_only in ["Status 2021", "Kommentar", "Finansiering", "Utvecklingsområde", "Beskrivning", "I planen för"]:
        assert shown_only not in text
    # The page itself is whole: the panel with every label, and no text-only stand-in.
    page = real_site.page("/2021/atgarder/1-9/")
    assert list(definitions(page.select_one("article dl.ap-facts")))[:3] == [
        "Status 2021",
        "Kommentar",
        "I planen för 2022",
    ]
    assert len(page.select("article h1")) == 1

"""The exports in the built site, read back as Excel, an analyst's script and a browser would.

Expected figures are the 2021 report's: 12 Genomförd, 42 Pågår, 6 Ej genomförd
of 60 measures; per area 6/9/1, 3/8/2, 3/6/0, 0/11/1 and 0/8/2.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import zipfile
from pathlib import Path

import openpyxl
import pytest
from helpers import copy_project, definitions, table_by_caption, table_rows, text_of

from actionplan import pipeline
from actionplan.aggregate.catalogue import Catalogue
from actionplan.exports.all_exports import write_exports
from actionplan.exports.csvfile import neutralise
from actionplan.exports.jsonfile import write_json
from actionplan.exports.rows import YearExport
from glue.urls import directory_url

REPORT_TOTAL = {"Genomförd": 12, "Pågår": 42, "Ej genomförd": 6}
REPORT_AREAS = {
    1: {"genomford": 6, "pagar": 9, "ej_genomford": 1},
    2: {"genomford": 3, "pagar": 8, "ej_genomford": 2},
    3: {"genomford": 3, "pagar": 6, "ej_genomford": 0},
    4: {"genomford": 0, "pagar": 11, "ej_genomford": 1},
    5: {"genomford": 0, "pagar": 8, "ej_genomford": 2},
}
HEADERS = [
    "Nr",
    "Åtgärd",
    "Utvecklingsområde",
    "Område",
    "Ansvarig",
    "Finansiering och tid",
    "Status",
    "Kommentar",
    "I planen för nästa år",
    "Kommentar om nästa år",
    "Fortsätter åtgärd från föregående år",
    "Fortsätter i åtgärd nästa år",
    "Sida",
]
HOSTILE = '=HYPERLINK("http://example.invalid","klicka")'


def read_csv(path: Path) -> list[dict[str, str]]:
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), "no byte order mark: Excel would misread å, ä, ö"
    text = data[3:].decode("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    # Every record ends in CRLF; a line break inside a quoted cell stays Excel's own LF.
    assert text.endswith("\r\n") and text.count("\r\n") == len(rows), "records must end in CRLF"
    assert rows[0] == HEADERS
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def read_xlsx(path: Path):
    workbook = openpyxl.load_workbook(path)
    assert len(workbook.worksheets) == 1
    return workbook.worksheets[0]


def sheet_rows(sheet) -> list[dict[str, str]]:
    values = list(sheet.iter_rows(values_only=True))
    assert list(values[0]) == HEADERS
    return [dict(zip(HEADERS, ["" if v is None else v for v in row], strict=True)) for row in values[1:]]


@pytest.fixture(scope="module")
def exported(real_site):
    return real_site.root / "export"


def test_csv_opens_as_excel_with_swedish_settings_reads_it(exported):
    rows = read_csv(exported / "atgarder-2021.csv")
    assert len(rows) == 60
    assert [r["Nr"] for r in rows][8:11] == ["1.9", "1.10", "1.11"]
    by_id = {r["Nr"]: r for r in rows}
    assert by_id["1.10"]["Åtgärd"] == "Ta fram en krishanteringsplan för akuta händelser"
    assert by_id["1.10"]["Ansvarig"] == "KLF (säkerhetsenheten)"
    assert by_id["1.10"]["Område"] == "Berga, Ryd, Skäggetorp"
    assert by_id["1.4"]["Utvecklingsområde"] == "1. Ökad trygghet, gemenskap och delaktighet i samhället"
    assert by_id["1.4"]["Kommentar"] == "Berga by öppnade under våren 2021 och invigdes i september 2021."
    assert by_id["1.4"]["I planen för nästa år"] == "Vidareutvecklad"
    assert by_id["1.4"]["Kommentar om nästa år"] == "Vidareutvecklad åtgärd 2022."
    assert by_id["1.4"]["Sida"] == "2021/atgarder/1-4/"
    assert by_id["1.4"]["Fortsätter åtgärd från föregående år"] == ""
    counts = {label: sum(r["Status"] == label for r in rows) for label in REPORT_TOTAL}
    assert counts == REPORT_TOTAL
    ej = [r["Nr"] for r in rows if r["Status"] == "Ej genomförd"]
    assert ej == ["1.6", "2.3", "2.11", "4.11", "5.1", "5.9"]


def test_exports_agree_with_the_all_measures_table(real_site, exported):
    table = table_rows(table_by_caption(real_site.page("/2021/alla-atgarder/"), "Alla åtgärder i uppföljningen 2021"))
    for rows in (read_csv(exported / "atgarder-2021.csv"), sheet_rows(read_xlsx(exported / "atgarder-2021.xlsx"))):
        shown = [
            (
                r["Nr"],
                r["Åtgärd"],
                r["Utvecklingsområde"].split(".")[0],
                r["Område"],
                r["Ansvarig"],
                r["Status"],
                r["I planen för nästa år"],
            )
            for r in rows
        ]
        assert shown == table


def test_every_page_link_in_the_exports_leads_to_the_measure_page(real_site, exported):
    for row in read_csv(exported / "atgarder-2021.csv"):
        page = real_site.page("/" + row["Sida"])
        assert text_of(page.find("h1")) == f"{row['Nr']} {row['Åtgärd']} (2021)"
        facts = definitions(page.find(class_="ap-facts"))
        assert facts["Finansiering och tid"] == " ".join(row["Finansiering och tid"].split())
        assert facts.get("Kommentar", "") == " ".join(row["Kommentar"].split())


def test_xlsx_is_a_real_sheet_with_text_cells(exported):
    sheet = read_xlsx(exported / "atgarder-2021.xlsx")
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:M61"
    assert all(cell.font.b for cell in sheet[1])
    for row in sheet.iter_rows(min_row=1):
        for cell in row:
            if cell.value is not None:
                assert cell.data_type == "s", (cell.coordinate, cell.value)
    ids = [cell.value for cell in sheet["A"][1:]]
    assert "1.10" in ids and "1.1" in ids
    widths = {letter: sheet.column_dimensions[letter].width for letter in "ABGH"}
    assert 4 <= widths["A"] <= 10 and widths["B"] >= 40 and widths["H"] >= 40
    rows = sheet_rows(sheet)
    assert {label: sum(r["Status"] == label for r in rows) for label in REPORT_TOTAL} == REPORT_TOTAL


def test_xlsx_status_cells_are_coloured_with_readable_text(exported):
    sheet = read_xlsx(exported / "atgarder-2021.xlsx")
    seen = {}
    for cell in sheet["G"][1:]:
        seen[cell.value] = (cell.fill.fgColor.rgb, cell.font.color.rgb)
    # Colours of data/measures.yml; white on the dark green and red, black on the yellow.
    assert seen == {
        "Genomförd": ("FF2E7D32", "FFFFFFFF"),
        "Pågår": ("FFF9C80E", "FF000000"),
        "Ej genomförd": ("FFC62828", "FFFFFFFF"),
    }


def test_json_holds_every_field_url_and_lineage(real_site, exported):
    data = json.loads((exported / "atgarder-2021.json").read_text(encoding="utf-8"))
    assert data["year"] == 2021
    measures = data["measures"]
    assert len(measures) == 60
    record = next(m for m in measures if m["id"] == "1.10")
    assert record["title"] == "Ta fram en krishanteringsplan för akuta händelser"
    assert record["area"] == {"number": 1, "title": "Ökad trygghet, gemenskap och delaktighet i samhället"}
    assert record["districts"] == ["Berga", "Ryd", "Skäggetorp"]
    assert record["responsible"] == [
        {"organisation": "KLF", "unit": "säkerhetsenheten", "text": "KLF (säkerhetsenheten)"}
    ]
    assert record["financing"] == "Genomförs inom ram. Påbörjad."
    assert record["status"] == {"key": "genomford", "label": "Genomförd"}
    assert record["comment"] == "En rutin finns och fungerar väl."
    assert record["next_year"] == {"key": "utgar_genomford", "label": "Finns inte med, genomförd"}
    assert record["next_year_text"] == "Åtgärd tas inte med 2022 eftersom den är genomförd."
    assert record["description"].startswith("En plan som tydliggör central styrning")
    assert record["url"] == "2021/atgarder/1-10/"
    assert record["continues"] == [] and record["continued_by"] == []
    assert (real_site.root / record["url"] / "index.html").is_file()
    statuses = [m["status"]["label"] for m in measures]
    assert {label: statuses.count(label) for label in REPORT_TOTAL} == REPORT_TOTAL


def test_statistics_json_has_computed_and_stated_figures(exported):
    data = json.loads((exported / "statistik-2021.json").read_text(encoding="utf-8"))
    report = {"genomford": 12, "pagar": 42, "ej_genomford": 6}
    assert data["total"] == {"measures": 60, "stated_measures": 60, "computed": report, "stated": report}
    for area in data["areas"]:
        assert area["computed"] == REPORT_AREAS[area["number"]] == area["stated"]
    assert [a["measures"] for a in data["areas"]] == [16, 13, 9, 12, 10]
    districts = {d["key"]: d for d in data["districts"]}
    assert set(districts) == {"Berga", "Ryd", "Skäggetorp", "Mottagande skolor"}
    assert districts["Mottagande skolor"]["measures"] == 1  # measure 3.1 only
    assert sum(d["measures"] for d in data["next_year"]) == 60
    administrations = {a["key"]: a["measures"] for a in data["administrations"]}
    assert administrations["Samordningsförbundet"] >= 1


def test_statistics_json_agrees_with_the_statistics_page(real_site, exported):
    data = json.loads((exported / "statistik-2021.json").read_text(encoding="utf-8"))
    page = real_site.page("/2021/statistik/")
    shown = {row[0]: row[1:4] for row in table_rows(table_by_caption(page, "Status per område 2021"))}
    for district in data["districts"]:
        counts = district["computed"]
        assert shown[district["label"]] == tuple(str(counts[k]) for k in ("genomford", "pagar", "ej_genomford")), (
            district
        )


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/", ["../export/atgarder-2021.xlsx"]),
        ("/2021/alla-atgarder/", ["../../export/atgarder-2021.csv"]),
        ("/2021/statistik/", ["../../export/statistik-2021.json"]),
    ],
)
def test_pages_link_to_the_exports_relatively(real_site, url, expected):
    page = real_site.page(url)
    hrefs = [a["href"] for a in page.select(".ap-downloads a")]
    # The start page is the site root: its links start with export/.
    wanted = [e.replace("../", "", 1) if url == "/" else e for e in expected]
    assert set(wanted) <= set(hrefs)
    base = real_site.file(url).parent
    for href in hrefs:
        assert (base / href).resolve().is_file(), href


def test_neutralise_follows_owasp_and_keeps_everything_else():
    for text in ["=1+1", "+46 13 20 60 00", "-5", "@SUM(A1)", "\tx", "\rx"]:
        assert neutralise(text) == "'" + text
    for text in ["1.10", "Berga", "", "Åtgärd = mål", " =x", "'quoted"]:
        assert neutralise(text) == text


@pytest.fixture
def hostile_catalogue(tmp_path) -> Catalogue:
    project = copy_project(tmp_path / "project")
    page = project / "docs/2021/atgarder/1-4.md"
    text = page.read_text(encoding="utf-8")
    text = text.replace(
        'comment: "Berga by öppnade under våren 2021 och invigdes i september 2021."',
        f"comment: {json.dumps(HOSTILE)}",
    )
    text = text.replace('financing: "Genomförs inom ram. Startar 2021"', 'financing: "-1 kr; @gruppen; +mer"')
    page.write_text(text, encoding="utf-8")
    loaded = pipeline.load(project, "docs", None)
    assert isinstance(loaded, Catalogue), loaded
    return loaded


def test_a_hostile_comment_is_never_a_formula(hostile_catalogue, tmp_path):
    site = tmp_path / "site"
    write_exports(hostile_catalogue, site, directory_url)
    rows = {r["Nr"]: r for r in read_csv(site / "export/atgarder-2021.csv")}
    assert rows["1.4"]["Kommentar"] == "'" + HOSTILE
    assert rows["1.4"]["Finansiering och tid"] == "'-1 kr; @gruppen; +mer"
    sheet = read_xlsx(site / "export/atgarder-2021.xlsx")
    cells = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    assert cells["1.4"][7].value == HOSTILE and cells["1.4"][7].data_type == "s"
    assert cells["1.4"][5].value == "-1 kr; @gruppen; +mer" and cells["1.4"][5].data_type == "s"
    sheet_xml = zipfile.ZipFile(site / "export/atgarder-2021.xlsx").read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in sheet_xml and b"<f " not in sheet_xml
    record = next(
        m for m in json.loads((site / "export/atgarder-2021.json").read_text("utf-8"))["measures"] if m["id"] == "1.4"
    )
    assert record["comment"] == HOSTILE


def test_a_measure_without_status_is_exported_as_not_followed_up(hostile_catalogue):
    # An open year's measure without status or decision (the loader gives it the keys ej_uppfoljd / ej_beslutad).
    measures = list(hostile_catalogue.measures)
    measures[0] = dataclasses.replace(measures[0], status="ej_uppfoljd", next_year="ej_beslutad")
    export = YearExport(Catalogue(hostile_catalogue.vocabulary, tuple(measures)), 2021, directory_url)
    assert export.rows()[0][6] == "Ej uppföljd" and export.rows()[0][8] == "Ej beslutad"
    record = next(export.records()["measures"])
    assert record["status"] == {"key": "ej_uppfoljd", "label": "Ej uppföljd"}
    statistics = export.statistics()
    assert statistics["total"]["computed"] == {"genomford": 11, "pagar": 42, "ej_genomford": 6, "ej_uppfoljd": 1}


def test_lineage_is_filled_from_the_continues_field(hostile_catalogue):
    later = dataclasses.replace(hostile_catalogue.measures[3], year=2022, continues=("1.4",))
    both = Catalogue(hostile_catalogue.vocabulary, (*hostile_catalogue.measures, later))
    row_2021 = next(r for r in YearExport(both, 2021, directory_url).rows() if r[0] == "1.4")
    assert row_2021[11] == "1.4"
    row_2022 = YearExport(both, 2022, directory_url).rows()[0]
    assert row_2022[10] == "1.4"
    record_2022 = next(YearExport(both, 2022, directory_url).records()["measures"])
    assert record_2022["continues"] == ["1.4"] and record_2022["year"] == 2022


def test_streamed_json_is_exactly_what_json_dumps_writes(tmp_path):
    data = {
        "year": 2021,
        "empty": [],
        "nested": {"a": [1, {"b": 'åäö\n"citat"'}], "c": None},
        "measures": (item for item in [{"id": "1.10", "list": ["x", "y"]}, {"id": "1.1", "list": []}]),
    }
    write_json(tmp_path / "a.json", data)
    data["measures"] = [{"id": "1.10", "list": ["x", "y"]}, {"id": "1.1", "list": []}]
    expected = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    assert (tmp_path / "a.json").read_text(encoding="utf-8") == expected

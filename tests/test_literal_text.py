"""Text from front matter is shown exactly as typed: never run, never turned into markup."""

from __future__ import annotations

import pytest
from helpers import BuiltSite, copy_project, mkdocs_build, table_by_caption, table_rows, text_of

TITLE = 'Skydda <script>alert("x")</script> | *stjärnor* och {{ 1 + 1 }} </title><b>fet</b>'
AREA = 'En rikare fritid <b>fet</b> & "alla"'
BODY = "Summan {{ 1 + 1 }} och {% if true %}villkor{% endif %} står kvar."
COMMENT = "Kolumn | delare, _understruket_ och {% if true %}mall{% endif %} & <em>inte kursivt</em>"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> BuiltSite:
    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    page = project / "docs/2021/atgarder/1-4.md"
    text = page.read_text(encoding="utf-8")
    text = text.replace(
        'title: "Starta upp och utveckla mötesplatsen Berga By för kommuninvånarna"',
        "title: " + '"' + TITLE.replace('"', '\\"') + '"',
    )
    text = text.replace(
        'comment: "Berga by öppnade under våren 2021 och invigdes i september 2021."', f"comment: '{COMMENT}'"
    )
    page.write_text(text + f"\n{BODY}\n", encoding="utf-8")
    vocabulary = project / "data/measures.yml"
    vocabulary.write_text(
        vocabulary.read_text(encoding="utf-8").replace("title: En rikare fritid för alla", f"title: '{AREA}'"),
        encoding="utf-8",
    )
    result = mkdocs_build(project, project / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return BuiltSite(project / "site", result.stdout + result.stderr)


def test_measure_page_shows_title_and_comment_as_typed(hostile_site):
    soup = hostile_site.page("/2021/atgarder/1-4/")
    assert text_of(soup.select_one("article h1")) == f"1.4 {TITLE} (2021)"
    assert soup.title.string.startswith(f"1.4 {TITLE} (2021) - ")
    facts = soup.select_one(".ap-facts")
    comment = facts.find("dt", string="Kommentar").find_next_sibling("dd")
    assert text_of(comment) == COMMENT
    assert comment.find("em") is None


def test_jinja_in_a_measure_body_is_shown_literally(hostile_site):
    # Measure pages never go through Jinja: the braces show, nothing is computed.
    paragraphs = [text_of(p) for p in hostile_site.page("/2021/atgarder/1-4/").select("article p")]
    assert BODY in paragraphs
    assert not any("Summan 2" in text or "villkor står" in text for text in paragraphs)


def test_no_markup_or_script_comes_from_front_matter_anywhere(hostile_site):
    for path in hostile_site.pages():
        soup = hostile_site.page("/" + path.relative_to(hostile_site.root).as_posix())
        for script in soup.find_all("script"):
            assert "alert" not in (script.string or ""), path
        assert not soup.find("b", string="fet"), path


def test_area_table_keeps_one_cell_per_column_and_shows_the_title_literally(hostile_site):
    soup = hostile_site.page("/2021/utvecklingsomrade-1/")
    rows = table_rows(table_by_caption(soup, "Åtgärder i utvecklingsområde 1"))
    assert rows[3] == ("1.4", TITLE, "Berga", "KoF", "Genomförd", "Vidareutvecklad")
    assert all(len(row) == 6 for row in rows)


def test_area_titles_from_the_data_show_as_typed_in_tables_and_panels(hostile_site):
    rows = table_rows(table_by_caption(hostile_site.page("/"), "Status per utvecklingsområde 2021"))
    assert rows[4][0] == f"5. {AREA}"
    labels = [text_of(a) for a in hostile_site.page("/").select("nav.md-nav--primary a.md-nav__link")]
    assert f"5. {AREA}" in labels
    facts = hostile_site.page("/2021/atgarder/5-1/").select_one(".ap-facts")
    assert text_of(facts.find("dt", string="Utvecklingsområde").find_next_sibling("dd")) == f"5. {AREA}"


def test_header_and_search_index_show_the_title_as_typed(hostile_site):
    import json

    soup = hostile_site.page("/2021/atgarder/1-4/")
    header_title = soup.select_one(".md-header__topic[data-md-component=header-topic] .md-ellipsis")
    assert text_of(header_title) == f"1.4 {TITLE} (2021)"
    index = json.loads((hostile_site.root / "search/search_index.json").read_text(encoding="utf-8"))
    [doc] = [d for d in index["docs"] if d["location"] == "2021/atgarder/1-4/"]
    # The index holds HTML; escaped text is what displays as typed.
    assert "&lt;script&gt;" in doc["title"] and "<script>" not in doc["title"]

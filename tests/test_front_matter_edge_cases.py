"""Front matter that MkDocs itself would read differently: the site shows what this package checked."""

from __future__ import annotations

import pytest
from helpers import BuiltSite, copy_project, mkdocs_build, text_of


@pytest.fixture(scope="module")
def edge_site(tmp_path_factory) -> BuiltSite:
    project = copy_project(tmp_path_factory.mktemp("edges") / "project")
    pages = project / "docs/2021/atgarder"
    # Windows line endings.
    text = (pages / "1-1.md").read_text(encoding="utf-8")
    (pages / "1-1.md").write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    # A closing --- without a newline and no body at all.
    text = (pages / "1-6.md").read_text(encoding="utf-8")
    (pages / "1-6.md").write_text(text[: text.index("\n---\n") + 4], encoding="utf-8")
    # A quoted value shaped like a date (and this one is no date).
    text = (pages / "1-7.md").read_text(encoding="utf-8")
    (pages / "1-7.md").write_text(text.replace('financing: "Genomförs inom ram. Pågående."', 'financing: "2021-02-30"'))
    # An indented code block opening the description.
    text = (pages / "1-8.md").read_text(encoding="utf-8")
    (pages / "1-8.md").write_text(text.replace("\n---\n\n", "\n---\n\n    kod()\n\n", 1), encoding="utf-8")
    # A table in the description, with no heading of its own above it.
    text = (pages / "1-9.md").read_text(encoding="utf-8")
    table = "| Tid | Plats |\n| --- | --- |\n| 18.00 | Berga |\n\n"
    (pages / "1-9.md").write_text(text.replace("\n---\n\n", "\n---\n\n" + table, 1), encoding="utf-8")
    result = mkdocs_build(project, project / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return BuiltSite(project / "site", result.stdout)


def description(site: BuiltSite, url: str) -> str:
    heading = site.page(url).find("h2", string="Beskrivning")
    return " ".join(
        text_of(element) for element in heading.find_next_siblings() if "ap-neighbours" not in element.get("class", [])
    )


def test_windows_line_endings_read_like_any_other(edge_site):
    soup = edge_site.page("/2021/atgarder/1-1/")
    assert text_of(soup.select_one("article h1")) == "1.1 Bilda områdesteam (2021)"
    assert description(edge_site, "/2021/atgarder/1-1/").startswith("Lokala team bestående av olika kompetenser")


def test_a_page_ending_right_after_its_front_matter_shows_no_yaml(edge_site):
    text = description(edge_site, "/2021/atgarder/1-6/")
    assert "Ingen beskrivning." in text
    assert "title:" not in text_of(edge_site.page("/2021/atgarder/1-6/").select_one("article"))


def test_a_value_shaped_like_a_date_is_shown_as_typed(edge_site):
    facts = edge_site.page("/2021/atgarder/1-7/").select_one(".ap-facts")
    assert text_of(facts.find("dt", string="Finansiering och tid").find_next_sibling("dd")) == "2021-02-30"


def test_a_description_may_open_with_a_code_block(edge_site):
    code = edge_site.page("/2021/atgarder/1-8/").find("h2", string="Beskrivning").find_next_sibling("pre")
    assert code is not None and text_of(code) == "kod()"


def test_a_table_in_a_description_scrolls_in_a_region_named_after_the_description(edge_site):
    article = edge_site.page("/2021/atgarder/1-9/").select_one("article")
    regions = [r for r in article.select(".ap-scroll") if r.find("td", string="Berga")]
    assert len(regions) == 1
    assert regions[0]["aria-label"] == "Tabell: Beskrivning"
    assert not article.select(".ap-scroll .ap-scroll")

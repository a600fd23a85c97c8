"""The pure rendering functions: links, ordering, escaping, tables and charts."""

from __future__ import annotations

from pathlib import PurePosixPath

import pytest
from bs4 import BeautifulSoup
from helpers import FIXTURE_VOCABULARY, table_rows, text_of

from actionplan import dates, layout, tally
from actionplan.load import vocabulary
from actionplan.model import Measure, Responsible, id_sort_key
from actionplan.problems import Problem
from actionplan.render.charts import stacked_bars, swatch
from actionplan.render.html_fragments import contrast_text, esc, paragraphs
from actionplan.render.page_links import Links
from actionplan.render.tables import measure_columns, measure_table, tally_table
from actionplan.validate import crosschecks
from glue.accessibility import scrollable_tables
from glue.stash import HtmlStash, MissingBlock
from glue.urls import directory_url


@pytest.fixture(scope="module")
def words():
    loaded, _ = vocabulary.load(FIXTURE_VOCABULARY, "data/measures.yml")
    return loaded


def measure(measure_id: str, status: str = "pagar", title: str = "Titel") -> Measure:
    area = int(measure_id.split(".")[0])
    return Measure(
        year=2021,
        id=measure_id,
        title=title,
        area=area,
        districts=("Berga",),
        responsible=(Responsible("KLF", "HR"),),
        financing="Inom ram.",
        status=status,
        next_year="utgar",
        source=PurePosixPath(layout.measure_page(2021, measure_id)),
    )


def test_numeric_order_puts_1_9_before_1_10():
    assert sorted(["1.10", "1.9", "1.1", "2.1", "1.2"], key=id_sort_key) == ["1.1", "1.2", "1.9", "1.10", "2.1"]


def test_measure_files_never_confuse_1_10_with_1_1():
    assert layout.measure_page(2021, "1.10") == "2021/atgarder/1-10.md"
    assert layout.measure_page(2021, "1.1") == "2021/atgarder/1-1.md"


@pytest.mark.parametrize(
    ("current", "target", "href"),
    [
        ("index.md", "2021/utvecklingsomrade-1.md", "2021/utvecklingsomrade-1/"),
        ("2021/utvecklingsomrade-1.md", "2021/atgarder/1-4.md", "../atgarder/1-4/"),
        ("2021/atgarder/1-4.md", "2021/omrade/berga.md", "../../omrade/berga/"),
        ("2021/atgarder/1-4.md", "index.md", "../../../"),
        ("2021/atgarder/1-4.md", "2021/atgarder/1-4.md", "./"),
    ],
)
def test_links_are_relative_to_the_page_they_are_on(current, target, href):
    assert Links(current, directory_url).to(target) == href


def test_slugs_are_ascii():
    assert layout.slug("Skäggetorp") == "skaggetorp"
    assert layout.slug("Samtliga nämnder") == "samtliga-namnder"
    assert layout.slug("KoF") == "kof"


def test_badge_text_colour_keeps_contrast():
    assert contrast_text("#f9c80e") == "#000000"
    assert contrast_text("#2e7d32") == "#ffffff"
    assert contrast_text("#c62828") == "#ffffff"


def test_paragraphs_escape_and_split_on_blank_lines():
    assert paragraphs("a <b>\nc\n\n& d") == "<p>a &lt;b&gt; c</p><p>&amp; d</p>"


def test_escaped_text_is_latin_1_with_references_beyond_it():
    # One dash in a text would make every table joined from it two bytes a character in memory.
    assert esc('SOF – "Socialförvaltningen" ”citat” <b>') == (
        "SOF &#8211; &quot;Socialförvaltningen&quot; &#8221;citat&#8221; &lt;b&gt;"
    )
    assert esc("Skäggetorp").encode("latin-1").decode("latin-1") == "Skäggetorp"
    assert BeautifulSoup(f"<p>{esc('a – b')}</p>", "lxml").p.get_text() == "a – b"


def test_tables_get_one_scroll_region_each(words):
    columns = measure_columns(words, Links("2021/utvecklingsomrade-1.md", directory_url), 2021)
    generated = measure_table([measure("1.9")], [columns["id"], columns["title"]], "Åtgärder – område 1")
    # The package's table comes in its region, named after its caption; the glue leaves it as it is.
    assert generated.startswith(
        '<div class="ap-scroll" role="region" tabindex="0" aria-label="Åtgärder &#8211; område 1">'
    )
    assert scrollable_tables(generated) == generated
    # An editor's table (from Markdown) gets its region from the glue, named after the heading above it.
    page = f"<h2>Tider</h2><table><tr><td>1</td></tr></table>{generated}"
    soup = BeautifulSoup(scrollable_tables(page), "lxml")
    regions = soup.select(".ap-scroll")
    assert [r["aria-label"] for r in regions] == ["Tabell: Tider", "Åtgärder – område 1"]
    assert [len(r.find_all("table")) for r in regions] == [1, 1]
    assert not soup.select(".ap-scroll .ap-scroll")


def test_swedish_dates():
    assert dates.swedish_iso("2022-01-05") == "5 januari 2022"
    assert dates.swedish_iso("2023-02-06") == "6 februari 2023"


def test_measure_table_escapes_and_keeps_the_given_order(words):
    measures = [measure("1.9"), measure("1.10", title="A | <b>B</b> *C*")]
    columns = measure_columns(words, Links("2021/utvecklingsomrade-1.md", directory_url), 2021)
    html = measure_table(measures, [columns[n] for n in ("id", "title", "status")], "Åtgärder", sortable=True)
    soup = BeautifulSoup(html, "lxml")
    assert table_rows(soup.table) == [("1.9", "Titel", "Pågår"), ("1.10", "A | <b>B</b> *C*", "Pågår")]
    assert soup.find("a", string="Titel")["href"] == "../atgarder/1-9/"
    assert soup.find_all("td")[3]["data-sort"] == "0001.0010"


def test_tally_table_has_headers_rows_and_optional_total(words):
    html = tally_table(
        [("Berga", {"genomford": 1, "pagar": 2, "ej_genomford": 0})],
        words,
        "Status per område",
        "Område",
        total_row=("Alla", {"genomford": 1, "pagar": 2, "ej_genomford": 0}),
    )
    soup = BeautifulSoup(html, "lxml")
    assert [text_of(th) for th in soup.thead.find_all("th")] == [
        "Område",
        "Genomförd",
        "Pågår",
        "Ej genomförd",
        "Totalt",
    ]
    assert all(th["scope"] == "col" for th in soup.thead.find_all("th"))
    assert table_rows(soup.table) == [("Berga", "1", "2", "0", "3")]
    assert table_rows(soup.tfoot) == [("Alla", "1", "2", "0", "3")]


def test_stacked_bars_share_one_scale_across_rows(words):
    svg = stacked_bars(
        [
            ("Berga", {"genomford": 2, "pagar": 2, "ej_genomford": 0}),
            ("Ryd", {"genomford": 1, "pagar": 0, "ej_genomford": 0}),
        ],
        words.statuses,
        "sammanfattning",
    )
    # The bars' segments (the pattern tiles in <defs> are rects too, without a title).
    rects = [r for r in BeautifulSoup(svg, "lxml").find_all("rect") if r.title]
    widths = [float(r["width"].removesuffix("%")) for r in rects]
    assert widths[0] == widths[1] == pytest.approx(2 * widths[2])
    assert widths[0] + widths[1] == pytest.approx(100)
    assert [r.title.string for r in rects] == ["Genomförd: 2", "Pågår: 2", "Genomförd: 1"]


def test_each_status_has_its_own_pattern_in_the_bars_and_the_key(words):
    svg = BeautifulSoup(
        stacked_bars([("", {"genomford": 1, "pagar": 1, "ej_genomford": 1})], words.statuses, "s"), "lxml"
    )
    fills = [r["fill"] for r in svg.find_all("rect") if r.title]
    patterns = {p["id"]: p for p in svg.find_all("pattern")}
    assert len(set(fills)) == 3 and all(f.removeprefix("url(#").removesuffix(")") in patterns for f in fills)
    marks = [str(p.find_all(["path", "circle"])) for p in patterns.values()]
    assert len(set(marks)) == 3, "two statuses share a pattern"
    keys = [str(BeautifulSoup(swatch(words.statuses, s), "lxml").svg) for s in words.statuses]
    assert len(set(keys)) == 3


def test_tally_counts_every_status_and_compares_with_the_stated_figures(words):
    measures = (measure("1.1", "genomford"), measure("1.2"), measure("2.1"))
    assert tally.by_status(measures, words) == {"genomford": 1, "pagar": 2, "ej_genomford": 0}
    problems = crosschecks.stated_figures(list(measures), words, "data/measures.yml", "docs")
    adopted = "uppföljningen 2021 är fastställd (testrapporten 2021, 2022-01-05) och dess siffror är de officiella: "
    # Named as the editor finds the figures in the file: the year, what is counted, and its line.
    text = FIXTURE_VOCABULARY.read_text(encoding="utf-8").splitlines()
    total_line = next(n for n, line in enumerate(text, start=1) if line.strip().startswith("total:"))
    measures_line = next(n for n, line in enumerate(text, start=1) if line.strip().startswith("measures: 60"))
    assert (
        Problem(
            "data/measures.yml",
            total_line,
            "2021, totalt",
            adopted + "status Genomförd: dokumentet anger 12, men åtgärdssidorna ger 1 (1.1).",
        )
        in problems
    )
    assert problems[0] == Problem(
        "data/measures.yml",
        measures_line,
        "2021, measures",
        adopted + "dokumentet anger 60 åtgärder, men det finns 3 åtgärdssidor för 2021.",
    )


def test_stashed_blocks_come_back_in_place_however_they_are_used():
    stash = HtmlStash()
    first, second = stash.park("<p>ett</p>"), stash.park("<p>två</p>")
    assert stash.restore(f"<div>{first.strip()}</div>") == "<div><p>ett</p></div>"
    # A block stashed after another was used must not take the place of one still waiting.
    third = stash.park("<p>tre</p>")
    assert stash.restore(second.strip() + third.strip()) == "<p>två</p><p>tre</p>"
    # A comment an editor types is not a block.
    assert stash.restore("<!--ap-block-x-0-->") == "<!--ap-block-x-0-->"
    # A stand-in whose block is gone (used twice) is an error, never empty text.
    with pytest.raises(MissingBlock):
        stash.restore(first.strip())


def test_unsearched_blocks_wait_for_search_and_are_counted_until_used():
    stash = HtmlStash()
    table = stash.park_unsearched("<table>…</table>").strip()
    late = stash.park_late(lambda: "<p>sen</p>").strip()
    # Until after search, the page holds only the stand-in, which search reads as a comment.
    assert stash.restore(f"<p>ett</p>{table}") == f"<p>ett</p>{table}"
    assert stash.left() == 2
    assert stash.restore_unsearched(f"<p>ett</p>{table}", str.upper) == "<p>ett</p><TABLE>…</TABLE>"
    assert stash.fill_late(late, str) == "<p>sen</p>"
    assert stash.left() == 0
    with pytest.raises(MissingBlock):
        stash.restore_unsearched(table, str)

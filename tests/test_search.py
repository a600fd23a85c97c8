"""Searching across measures in a real browser: Material's search box with Swedish queries.

Each query is drawn from the 2021 report; the expected measure must be among
the first results (for a number, the very first).
"""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from helpers import WatchedPage

QUERIES = [
    # By number: the measure itself first, never 1.1 for 1.10.
    ("1.4", "1-4", 1),
    ("1.10", "1-10", 1),
    ("2.13", "2-13", 1),
    ("5.10", "5-10", 1),
    ("4.1", "4-1", 1),
    # By a word of the title, description or comment.
    ("Glyttingebadet", "5-10", 1),
    ("Aslansamtal", "1-15", 1),
    ("medborgarlöftet", "1-8", 1),
    ("avhopparverksamheten", "1-3", 1),
    ("Bokstart", "3-6", 1),
    ("torghandel", "4-5", 1),
    ("Kulturpuls", "3-3", 1),
    ("jobbspår", "2-8", 3),
    ("Berga By", "1-4", 3),
    ("lokala driftsorganisationer", "2-2", 1),
    ("SAK", "3-9", 5),
    # Another inflected form than the text uses.
    ("dansbanan", "5-9", 1),
    ("fritidsbanken", "5-4", 1),
    ("krishanteringsplanen", "1-10", 1),
    ("mentorsprogrammet", "2-11", 3),
    ("körkortsutbildningen", "2-12", 1),
    ("fritidslotsarna", "5-2", 1),
    # Å, ä and ö in upper and lower case.
    ("SKÄGGETORPSSKOLAN", "3-1", 3),
    ("fastighetsägarsamverkan", "4-10", 1),
    ("FASTIGHETSÄGARSAMVERKAN", "4-10", 1),
    # By administration (abbreviation or name) and by district.
    ("VSS", "1-5", 2),
    ("Samordningsförbundet", "3-8", 2),
    ("Miljö- och samhällsbyggnadsförvaltningen utbildning", "4-11", 3),
    ("Mottagande skolor", "3-1", 2),
]


def search(page, query: str) -> list[str]:
    """Type into the search box like a reader and return the result pages' paths, best first."""
    box = page.locator("input.md-search__input")
    # Below Material's 60em breakpoint the box is off screen until the header's search button opens it.
    if page.evaluate("matchMedia('(max-width: 59.984375em)').matches"):
        page.locator(".md-header label.md-header__button[for='__search']").click()
    box.click()
    box.fill("")
    box.press_sequentially(query, delay=15)
    meta = page.locator(".md-search-result__meta")
    page.wait_for_function("el => /sökresultat|Inga/.test(el.textContent)", arg=meta.element_handle(), timeout=10_000)
    previous, stable = None, 0
    # Wait until the list has stayed the same for three reads in a row: on a
    # busy machine the results of a half-typed query can linger for a moment.
    for _ in range(60):
        # The first link of each result is its page; the others are sections of it.
        links = page.locator("li.md-search-result__item").evaluate_all(
            "items => items.map(item => item.querySelector('a').href)"
        )
        stable = stable + 1 if links == previous else 0
        if stable == 3:
            break
        previous = links
        page.wait_for_timeout(150)
    return [urlparse(link).path for link in previous]


@pytest.fixture(scope="module")
def search_page(browser, site_server):
    """One page for all queries, as a reader searching one thing after another."""
    watched = WatchedPage(browser, site_server)
    watched.page.goto(site_server + "/")
    yield watched.page
    watched.close()


@pytest.mark.parametrize(("query", "measure", "within"), QUERIES, ids=[q for q, _, _ in QUERIES])
def test_query_finds_the_measure(search_page, query, measure, within):
    results = search(search_page, query)
    wanted = f"/2021/atgarder/{measure}/"
    assert wanted in results[:within], f"{query!r}: {results[:8]}"


def test_results_link_to_measure_pages_that_open(page):
    page.goto(page.site + "/2021/statistik/")
    results = search(page, "dansbanan")
    page.locator(".md-search-result__item > a").first.click()
    page.wait_for_load_state()
    assert urlparse(page.url).path == results[0] == "/2021/atgarder/5-9/"
    assert page.locator("article h1").inner_text().startswith("5.9 Utred förutsättningarna")


def result_texts(page) -> list[tuple[str, str]]:
    """Each result page's (path, text as shown: blocks on lines of their own), best first."""
    return page.locator("li.md-search-result__item").evaluate_all(
        "items => items.map(item => [new URL(item.querySelector('a').href).pathname, item.innerText])"
    )


def missing_terms(page) -> dict[str, set[str]]:
    """Each result page's "Saknas: ..." lines (Material's missing terms, for the page and its sections)."""
    pairs = page.locator("li.md-search-result__item").evaluate_all(
        "items => items.map(item => [new URL(item.querySelector('a').href).pathname,"
        " [...item.querySelectorAll('.md-search-result__terms')].map(p => p.textContent.trim())])"
    )
    return {path: set(lines) for path, lines in pairs if lines}


@pytest.mark.parametrize(
    ("query", "measure"),
    [("feriearbete", "2-4"), ("SKÄGGETORPSSKOLAN", "3-1"), ("krishanteringsplanen", "1-10"), ("Berga By", "1-4")],
)
def test_terms_that_matched_are_not_reported_missing(search_page, query, measure):
    results = search(search_page, query)
    wanted = f"/2021/atgarder/{measure}/"
    assert wanted in results
    assert wanted not in missing_terms(search_page)


def test_a_term_that_did_not_match_is_still_reported_missing(search_page):
    results = search(search_page, "xyzzy dansbanan")
    assert results[0] == "/2021/atgarder/5-9/"
    assert missing_terms(search_page)["/2021/atgarder/5-9/"] == {"Saknas: xyzzy"}


def test_snippets_keep_the_spaces_between_words(search_page):
    search(search_page, "särbehandling")
    path, text = result_texts(search_page)[0]
    assert path == "/2021/atgarder/2-4/"
    # The facts panel's values (its labels are not indexed) are separate words; the status and the year are
    # the result's labels, after its text.
    assert "Utredning har gjorts men det är svårt" in " ".join(text.split())
    assert text.split("\n")[-2:] == ["Uppföljning 2021", "Genomförd"]
    for glued in ["GenomfördUtredning", "behov.Berga", "SkäggetorpUAF", "ramen förarbetsmarknad"]:
        assert glued not in text
    # What every measure page has is not indexed: the facts' labels, the heading "Beskrivning", the date.
    for label in ["Status 2021", "Kommentar", "Ansvarig", "Beskrivning", "Senast ändrad"]:
        assert label not in text


def test_an_area_overview_is_found_by_its_own_text_not_by_its_table_of_measures(search_page):
    # The table repeats the measure pages: a measure is found once, on its own page.
    results = search(search_page, "feriearbete")
    assert "/2021/atgarder/2-4/" in results
    assert not [path for path in results if "utvecklingsomrade" in path]
    # The overview itself stays searchable: its tally as the follow-up states it.
    results = search(search_page, "åtgärdssidorna")
    assert {f"/2021/utvecklingsomrade-{area}/" for area in range(1, 6)} <= {p.split("#")[0] for p in results}

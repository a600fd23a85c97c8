"""The "Alla åtgärder" table, driven in a real browser, and read without JavaScript.

Expected rows are the report's: its six measures "Ej genomförd" are 1.6, 2.3,
2.11, 4.11, 5.1 and 5.9; area 3's three "Genomförd" are 3.1, 3.8 and 3.9.
"""

from __future__ import annotations

import pytest
from helpers import WatchedPage, table_by_caption, table_rows

URL = "/2021/alla-atgarder/"
CAPTION = "Alla åtgärder i uppföljningen 2021"


def visible_ids(page) -> list[str]:
    return page.locator("#ap-all-measures tbody tr:not([hidden]) td:first-child").all_inner_texts()


def count_text(page) -> str:
    return page.locator("#ap-count").inner_text()


@pytest.fixture
def table_page(page):
    page.goto(page.site + URL)
    page.wait_for_selector("#ap-filters:not([hidden])")
    return page


def test_without_javascript_the_full_table_and_tally_are_there(browser, site_server, real_site):
    watched = WatchedPage(browser, site_server, java_script_enabled=False)
    watched.page.goto(site_server + URL)
    assert watched.page.locator("#ap-filters").is_hidden()
    assert len(visible_ids(watched.page)) == 60
    assert count_text(watched.page) == "Visar 60 av 60 åtgärder. Genomförd: 12, Pågår: 42, Ej genomförd: 6."
    watched.close()
    rows = table_rows(table_by_caption(real_site.page(URL), CAPTION))
    assert rows[0] == (
        "1.1",
        "Bilda områdesteam",
        "1",
        "Berga, Ryd, Skäggetorp",
        "SOF, Leanlink",
        "Genomförd",
        "Vidareutvecklad",
    )


def test_filter_by_status(table_page):
    table_page.select_option("select[data-filter=status]", "ej_genomford")
    assert visible_ids(table_page) == ["1.6", "2.3", "2.11", "4.11", "5.1", "5.9"]
    assert count_text(table_page) == "Visar 6 av 60 åtgärder. Genomförd: 0, Pågår: 0, Ej genomförd: 6."


def test_filters_combine(table_page):
    table_page.select_option("select[data-filter=area]", "3")
    assert count_text(table_page) == "Visar 9 av 60 åtgärder. Genomförd: 3, Pågår: 6, Ej genomförd: 0."
    table_page.select_option("select[data-filter=status]", "genomford")
    assert visible_ids(table_page) == ["3.1", "3.8", "3.9"]


def test_filter_by_district_and_administration(table_page):
    table_page.select_option("select[data-filter=districts]", "Mottagande skolor")
    assert visible_ids(table_page) == ["3.1"]
    table_page.select_option("select[data-filter=districts]", "")
    table_page.select_option("select[data-filter=responsible]", "VSS")
    assert visible_ids(table_page) == ["1.5"]
    assert count_text(table_page) == "Visar 1 av 60 åtgärder. Genomförd: 0, Pågår: 1, Ej genomförd: 0."


def test_free_text_matches_words_and_numbers_in_any_case(table_page):
    box = table_page.locator("input[data-filter=text]")
    box.fill("DANSBANA")
    assert visible_ids(table_page) == ["5.9"]
    box.fill("Kommunledningsförvaltningen rtög")
    assert visible_ids(table_page) == ["1.13"]
    box.fill("xyzzy")
    assert visible_ids(table_page) == []
    assert count_text(table_page) == "Visar 0 av 60 åtgärder. Genomförd: 0, Pågår: 0, Ej genomförd: 0."


def test_filters_are_kept_in_the_address_and_restored(table_page):
    table_page.select_option("select[data-filter=status]", "ej_genomford")
    table_page.select_option("select[data-filter=districts]", "Ryd")
    assert "status=ej_genomford" in table_page.url and "districts=Ryd" in table_page.url
    table_page.goto(table_page.url)
    table_page.wait_for_selector("#ap-filters:not([hidden])")
    assert visible_ids(table_page) == ["1.6", "2.3", "2.11", "4.11", "5.1"]


def test_reset_shows_everything_again(table_page):
    table_page.select_option("select[data-filter=status]", "pagar")
    assert len(visible_ids(table_page)) == 42
    table_page.get_by_role("button", name="Visa alla").click()
    table_page.wait_for_function("() => document.querySelectorAll('#ap-all-measures tbody tr[hidden]').length === 0")
    assert len(visible_ids(table_page)) == 60


def test_sorting_by_column(table_page):
    headers = table_page.locator("#ap-all-measures thead th")
    nr = table_page.get_by_role("button", name="Nr")
    assert headers.nth(0).get_attribute("aria-sort") == "ascending"
    nr.click()
    assert headers.nth(0).get_attribute("aria-sort") == "descending"
    assert visible_ids(table_page)[:3] == ["5.10", "5.9", "5.8"]
    table_page.get_by_role("button", name="Åtgärd").click()
    titles = table_page.locator("#ap-all-measures tbody td:nth-child(2)").all_inner_texts()
    # Swedish order: Å, Ä and Ö come after Z; spaces and punctuation before digits and letters.
    alphabet = "0123456789abcdefghijklmnopqrstuvwxyzåäö"
    assert titles == sorted(titles, key=lambda t: [alphabet.find(c) for c in t.lower()])
    assert titles[0].startswith("Aktivt verka") and titles[-1].startswith("Vidareutveckla och stärk")


def test_every_page_loads_only_from_the_site(page):
    # The `page` fixture fails the test on any request outside the site.
    for url in [
        "/",
        "/2021/utvecklingsomrade-2/",
        "/2021/atgarder/2-13/",
        URL,
        "/2021/statistik/",
        "/2021/omrade/ryd/",
    ]:
        page.goto(page.site + url)
        page.wait_for_load_state("networkidle")
        assert page.locator("html").get_attribute("lang") == "sv"


def tab_to(page, accessible_name: str, limit: int = 40) -> dict:
    """Press Tab until the focused element has this name; return how its focus looks."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => {
              const e = document.activeElement
              const label = e.labels && e.labels.length ? e.labels[0].firstChild.textContent : ''
              const style = getComputedStyle(e)
              return { name: (label || e.innerText || '').trim(), outline: style.outlineStyle,
                       width: parseFloat(style.outlineWidth), tag: e.tagName }
            }"""
        )
        if focused["name"] == accessible_name:
            return focused
    raise AssertionError(f"Tab never reached {accessible_name!r}")


def test_filters_and_sorting_work_with_the_keyboard_alone(table_page):
    count = table_page.locator("#ap-count")
    assert count.get_attribute("aria-live") == "polite"
    table_page.locator("h1").first.click()  # start the Tab order from the heading, as after reading it

    focus = tab_to(table_page, "Status 2021")
    assert focus["tag"] == "SELECT" and focus["outline"] != "none" and focus["width"] >= 1
    table_page.keyboard.press("ArrowDown")  # Alla -> Genomförd
    table_page.keyboard.press("ArrowDown")  # -> Pågår
    table_page.keyboard.press("ArrowDown")  # -> Ej genomförd
    assert visible_ids(table_page) == ["1.6", "2.3", "2.11", "4.11", "5.1", "5.9"]
    assert count_text(table_page) == "Visar 6 av 60 åtgärder. Genomförd: 0, Pågår: 0, Ej genomförd: 6."

    focus = tab_to(table_page, "Fritext")
    assert focus["outline"] != "none"
    table_page.keyboard.type("dansbana")
    assert visible_ids(table_page) == ["5.9"]

    focus = tab_to(table_page, "Visa alla")
    assert focus["tag"] == "BUTTON" and focus["outline"] != "none" and focus["width"] >= 1
    table_page.keyboard.press("Enter")
    table_page.wait_for_function("() => document.querySelectorAll('#ap-all-measures tbody tr[hidden]').length === 0")
    assert count_text(table_page) == "Visar 60 av 60 åtgärder. Genomförd: 12, Pågår: 42, Ej genomförd: 6."

    # The table's region, then its sort buttons.
    focus = tab_to(table_page, "Nr")
    assert focus["tag"] == "BUTTON" and focus["outline"] != "none" and focus["width"] >= 1
    table_page.keyboard.press("Enter")
    assert visible_ids(table_page)[:3] == ["5.10", "5.9", "5.8"]
    assert table_page.locator("#ap-all-measures thead th").nth(0).get_attribute("aria-sort") == "descending"
    table_page.keyboard.press("Tab")
    table_page.keyboard.press(" ")
    assert table_page.locator("#ap-all-measures thead th").nth(1).get_attribute("aria-sort") == "ascending"
    assert table_page.locator("#ap-all-measures tbody td:nth-child(2)").first.inner_text().startswith("Aktivt verka")

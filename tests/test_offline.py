"""Offline: every kind of page loads, and search runs, with no request outside the site.

The browser context answers every request for another host itself, with an
error, and records it; the site must make none. (An intranet is often cut off
from the internet, and nothing may be fetched from a CDN or font service.)
"""

from __future__ import annotations

from helpers import SUBPATH
from test_accessibility import PAGES
from test_search import search


def offline_context(browser, site: str):
    context = browser.new_context(locale="sv-SE", service_workers="block")
    outside: list[str] = []

    def answer(route):
        if route.request.url.startswith(site):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort("internetdisconnected")

    context.route("**/*", answer)
    return context, outside


def test_every_kind_of_page_and_search_work_without_the_internet(browser, site_server):
    context, outside = offline_context(browser, site_server)
    page = context.new_page()
    loaded = []
    page.on("requestfinished", lambda request: loaded.append(request.url))
    for url in PAGES.values():
        response = page.goto(site_server + url)
        page.wait_for_load_state("networkidle")
        # (None: "/#utveckling-over-tid" after "/" only scrolls, within the page.)
        assert response is None or response.ok, url
        assert not page.locator("html.no-js").count(), f"Material's script did not run on {url}"
    results = search(page, "fritidsbanken")
    assert results[0] == "/2021/atgarder/5-4/"
    context.close()
    assert any("/search/search_index.json" in url for url in loaded)
    assert any("/workers/" in url for url in loaded)
    assert outside == []


def test_the_404_page_works_without_the_internet(browser, subpath_server):
    context, outside = offline_context(browser, subpath_server)
    page = context.new_page()
    response = page.goto(subpath_server + SUBPATH + "saknas/helt/")
    page.wait_for_load_state("networkidle")
    assert response.status == 404
    assert search(page, "dansbanan")[0] == SUBPATH + "2021/atgarder/5-9/"
    context.close()
    assert outside == []

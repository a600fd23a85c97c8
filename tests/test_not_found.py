"""The 404 page: Swedish, and whole under any sub-path the site is served from.

The server (conftest.subpath_server) answers every missing address with
404.html, whatever its depth, as an intranet web server with an error page
does; the site itself has no site_url and does not know its sub-path.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest
from helpers import SUBPATH, WatchedPage, serve

MISSING = [
    SUBPATH + "finns-inte/",
    SUBPATH + "2021/atgarder/9-99/",
    SUBPATH + "2021/djupt/ner/i/en/felskriven/adress.html",
]


def test_the_built_404_page_has_no_root_absolute_links(real_site):
    html = real_site.file("404.html").read_text(encoding="utf-8")
    assert re.findall(r'(?:href|src)="/(?!/)[^"]*"', html) == []
    assert '<html lang="sv"' in html
    assert "Not found" not in html


@pytest.mark.parametrize("address", MISSING)
def test_missing_page_under_a_sub_path_is_swedish_styled_and_links_inside(browser, subpath_server, address):
    watched = WatchedPage(browser, subpath_server)
    page = watched.page
    loaded: dict[str, int] = {}
    page.on("response", lambda response: loaded.__setitem__(urlsplit(response.url).path, response.status))
    response = page.goto(subpath_server + address)
    page.wait_for_load_state("networkidle")
    assert response.status == 404
    assert page.locator("html").get_attribute("lang") == "sv"
    assert page.locator("article h1").inner_text() == "Sidan finns inte"
    assert page.title().startswith("Sidan finns inte")

    # The page's style sheets and scripts are the site's own, from the root of
    # the sub-path, and they loaded: Material laid out the header and its
    # script ran (it removes the "no-js" class).
    used = page.evaluate(
        "[...document.querySelectorAll('link[rel=stylesheet], script[src]')].map(e => e.href || e.src)"
    )
    assert len(used) >= 5
    for url in used:
        path = urlsplit(url).path
        assert path.startswith(SUBPATH + "assets/") and loaded.get(path) == 200, (path, loaded)
    assert page.locator(".md-header").evaluate("e => getComputedStyle(e).position") == "sticky"
    assert page.locator("html").get_attribute("class") != "no-js"
    assert all(urlsplit(url).path.startswith(SUBPATH) for url in loaded), loaded

    # Every link to the site stays inside the sub-path, and the start page link opens it.
    own = page.locator("a[href]").evaluate_all(
        "links => links.map(a => a.href).filter(h => h.startsWith(location.origin))"
    )
    assert own, "no links to the site"
    outside = [href for href in own if not urlsplit(href).path.startswith(SUBPATH)]
    assert outside == []
    page.get_by_role("link", name="Gå till startsidan").click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path == SUBPATH
    assert page.locator("article h1").inner_text().startswith("Åtgärdsplan mot segregation")
    # The browser reports each 404 answer (the page itself, the root probes)
    # on the console; any other message is an error of the page.
    watched.errors[:] = [e for e in watched.errors if not e.startswith("Failed to load resource")]
    watched.close()


def test_search_on_the_404_page_finds_pages_inside_the_sub_path(browser, subpath_server):
    from test_search import search

    watched = WatchedPage(browser, subpath_server)
    watched.page.goto(subpath_server + SUBPATH + "2021/felskriven/")
    results = search(watched.page, "dansbanan")
    assert results[0] == SUBPATH + "2021/atgarder/5-9/"
    watched.errors[:] = [e for e in watched.errors if not e.startswith("Failed to load resource")]
    watched.close()


@contextlib.contextmanager
def other_site() -> Iterator[tuple[str, list[str]]]:
    """Another origin that answers every request with 200 and lets any site read it; yields its host and what it got."""
    requests: list[str] = []

    class Welcoming(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def answer(self) -> None:
            requests.append(f"{self.command} {self.path}")
            self.send_response(200)
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_GET = do_HEAD = do_OPTIONS = answer

    server = ThreadingHTTPServer(("127.0.0.1", 0), Welcoming)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"127.0.0.1:{server.server_address[1]}", requests
    finally:
        server.shutdown()


def test_an_address_naming_another_host_never_leads_the_404_page_there(browser, real_site, tmp_path):
    # http://site//other.host/x/y/ has the path //other.host/x/y/: the script that finds the site's root
    # probed //other.host/x/404.html, another site, and would have made it the page's base. The policy's
    # connect-src stopped that; here the policy is taken out, so the script itself must not go there.
    site = tmp_path / "site"
    shutil.copytree(real_site.root, site)
    page_file = site / "404.html"
    policy = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">')
    page_file.write_text(policy.sub("", page_file.read_text(encoding="utf-8"), count=1), encoding="utf-8")
    assert "Content-Security-Policy" not in page_file.read_text(encoding="utf-8")
    with other_site() as (host, reached), serve(site) as origin:
        watched = WatchedPage(browser, origin)
        page = watched.page
        response = page.goto(f"{origin}//{host}/x/y/")
        page.wait_for_load_state("networkidle")
        assert response.status == 404
        assert urlsplit(page.url).path == f"//{host}/x/y/"
        assert page.locator("article h1").inner_text() == "Sidan finns inte"
        assert reached == []
        assert page.evaluate("new URL(document.baseURI).origin") == origin
        # No link of the page leads to the other host (the in-page links were written from the path).
        hrefs = page.locator("a[href]").evaluate_all("links => links.map(a => a.href)")
        assert hrefs and [href for href in hrefs if host in urlsplit(href).netloc] == []
        watched.errors[:] = [e for e in watched.errors if not e.startswith("Failed to load resource")]
        watched.close()

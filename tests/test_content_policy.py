"""Every page carries a Content-Security-Policy under which the site works and nothing planted runs.

The policy (glue/content_policy.py) is a <meta> element of every page and
the header README tells the web server to send; the browser tests serve the
site with that header, under a sub-path, as the intranet server does. The
planted payload is the one from issue 21: an editor's link whose id made the
theme read its text as the configuration and start the search worker from a
data: URL, whose result the theme wrote into the page with an <img onerror>.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
import shutil
from pathlib import Path

import material
import pytest
from helpers import PROJECT, SUBPATH, WatchedPage, mkdocs_build, serve, small_project

from glue import content_policy

README = (PROJECT / "README.md").read_text(encoding="utf-8")
HEADERS = {"Content-Security-Policy": content_policy.HEADER}

# Records every violation of the policy, from the first script on.
RECORD_VIOLATIONS = """
window.__violations = []
document.addEventListener("securitypolicyviolation", event =>
  window.__violations.push(`${event.effectiveDirective} ${event.blockedURI}`))
"""

# One page of every kind (as tests/test_accessibility.py), and a missing address deep below the site.
PAGES = [
    "",
    "2021/utvecklingsomrade-1/",
    "2021/atgarder/1-10/",
    "2021/omrade/skaggetorp/",
    "2021/ansvarig/klf/",
    "2021/status/ej-genomford/",
    "2021/nasta-ar/vidareutvecklad/",
    "2021/alla-atgarder/",
    "2021/statistik/",
    "2021/rapport/",
    "redaktorsguide/",
    "tillganglighet/",
    "kontakt/",
]
MISSING = "2021/djupt/ner/felskriven/"


def payload() -> str:
    """The issue's link: its text is a theme configuration whose search worker is a data: script."""
    worker = (
        "postMessage({type:1});postMessage({type:3,data:{items:Array.of(Array.of({location:'x',"
        "title:'<img src=x onerror=window.__pwned=1>',text:'',score:1,terms:{},tags:Array()})),total:1}})"
    )
    config = {"base": ".", "features": [], "translations": {}, "search": "data:text/javascript," + worker}
    # \u003c in JSON: the check refuses a raw <img> in the text, JSON.parse makes it one again.
    text = json.dumps(config, separators=(",", ":")).replace(" ", "%20")
    text = text.replace("<", "\\u003c").replace(">", "\\u003e")
    return f"[{text}](https://example.se){{: #__config}}"


@pytest.fixture
def watched(browser):
    pages = []

    def open_page(origin: str, **options) -> WatchedPage:
        page = WatchedPage(browser, origin, **options)
        page.context.add_init_script(RECORD_VIOLATIONS)
        pages.append(page)
        return page

    yield open_page
    for page in pages:
        page.close()


@pytest.fixture(scope="module")
def policy_server(real_site):
    with serve(real_site.root, HEADERS) as origin:
        yield origin + SUBPATH


# One policy, written once ------------------------------------------------------


def test_readme_tells_nginx_and_apache_to_send_the_policy():
    assert f'add_header Content-Security-Policy "{content_policy.HEADER}" always;' in README
    assert f'Header always set Content-Security-Policy "{content_policy.HEADER}"' in README


def test_the_header_is_the_meta_policy_and_frame_ancestors():
    # A <meta> policy may not hold frame-ancestors (Chromium reports it as an error); the header adds it.
    assert content_policy.HEADER == content_policy.META + "; frame-ancestors 'self'"
    assert "unsafe-inline" not in content_policy.META.split("script-src")[1].split(";")[0]
    for directive in ("default-src 'none'", "worker-src 'self'", "object-src 'none'", "base-uri 'self'"):
        assert directive in content_policy.META


def test_the_theme_storage_script_is_material_own_but_for_the_scope():
    ours = (PROJECT / "overrides/partials/javascripts/base.html").read_text(encoding="utf-8")
    theirs = (Path(material.__file__).parent / "templates/partials/javascripts/base.html").read_text("utf-8")
    [our_script] = re.findall(r"<script.*</script>", ours)
    [their_script] = re.findall(r"<script.*</script>", theirs)
    assert our_script == their_script.replace(
        '<script>__md_scope=new URL("{{ config.extra.scope | d(base_url) }}",location)',
        '<script data-scope="{{ config.extra.scope | d(base_url) }}">'
        "__md_scope=new URL(document.currentScript.dataset.scope,location)",
    )


def test_every_page_has_the_policy_first_and_only_the_listed_inline_scripts(real_site):
    digests = set()
    for path in real_site.pages():
        html = path.read_text(encoding="utf-8")
        meta = f'<meta http-equiv="Content-Security-Policy" content="{content_policy.META}">'
        assert html.count(meta) == 1, path
        assert html.index(meta) < html.index("<script"), path
        for attributes, text in re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S):
            if "src=" not in attributes and 'type="application/json"' not in attributes:
                digests.add("sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode())
    # Each inline script is allowed, and each hash in the policy is still used by some page.
    assert digests == set(content_policy.INLINE_SCRIPTS.values())


# The site works under the policy ------------------------------------------------


@pytest.mark.parametrize("address", [*PAGES, MISSING], ids=lambda address: address or "start")
def test_no_page_breaks_the_policy(watched, policy_server, address):
    watched_page = watched(policy_server)
    page = watched_page.page
    response = page.goto(policy_server + address)
    page.wait_for_load_state("networkidle")
    assert response.headers["content-security-policy"] == content_policy.HEADER
    assert page.evaluate("window.__violations") == []
    # Material has run: it removes "no-js" from the root element.
    assert page.evaluate("document.documentElement.classList.contains('no-js')") is False
    if address == MISSING:  # the missing address itself, and what the preload scanner guessed from it
        watched_page.errors[:] = [e for e in watched_page.errors if not e.startswith("Failed to load resource")]


def test_search_finds_under_the_policy_also_from_the_404_page(watched, policy_server):
    from test_search import search

    for address in ("2021/statistik/", MISSING):
        watched_page = watched(policy_server)
        watched_page.page.goto(policy_server + address)
        assert search(watched_page.page, "dansbanan")[0] == SUBPATH + "2021/atgarder/5-9/"
        assert watched_page.page.evaluate("window.__violations") == []
        if address == MISSING:  # the 404 page's own missing style sheets and scripts, guessed from the address
            watched_page.errors[:] = [e for e in watched_page.errors if not e.startswith("Failed to load resource")]


def test_menu_button_and_filterable_table_work_under_the_policy(watched, policy_server):
    page = watched(policy_server, viewport={"width": 390, "height": 800}).page
    page.goto(policy_server + "2021/alla-atgarder/")
    page.wait_for_selector("#ap-filters:not([hidden])")
    page.locator(".ap-menu-button").click()
    assert page.locator(".ap-menu-button").get_attribute("aria-expanded") == "true"
    page.keyboard.press("Escape")
    page.select_option("select[data-filter=status]", "ej_genomford")
    assert page.locator("#ap-count").inner_text().startswith("Visar 6 av 60 åtgärder.")
    assert page.evaluate("window.__violations") == []


# The planted payload --------------------------------------------------------------


# The attack review's image from another host (F3): an attribute list's src with a space before //host.
PIXEL = '![t](1-2.md){: src=" //127.0.0.1:9/pixel-space/" }'


@pytest.fixture(scope="module")
def planted_site(tmp_path_factory) -> Path:
    """The small plan with the issue's link and PIXEL in a description, its check's attribute rules off in the copy.

    So the link reaches the build as it did before the check refused it: the
    build's sanitiser is what stands between it and the page.
    """
    project = small_project(tmp_path_factory.mktemp("planted") / "small")
    markup = project / "actionplan/load/markup.py"
    markup.write_text(markup.read_text(encoding="utf-8") + "\n_attribute_problem = lambda text: None\n", "utf-8")
    measure = project / "docs/2021/atgarder/1-1.md"
    measure.write_text(measure.read_text(encoding="utf-8") + f"\n{payload()}\n\n{PIXEL}\n", encoding="utf-8")
    result = mkdocs_build(project, project / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


@pytest.mark.build
def test_the_issue_payload_is_refused_by_the_check(small, capsys):
    from helpers import check_lines

    measure = small / "docs/2021/atgarder/1-1.md"
    measure.write_text(measure.read_text(encoding="utf-8") + f"\n{payload()}\n", encoding="utf-8")
    line = measure.read_text(encoding="utf-8").count("\n")
    assert check_lines(small, capsys) == [
        f"docs/2021/atgarder/1-1.md:{line}: beskrivning: id-namnet __config i {{: #__config}} är reserverat för "
        "webbplatsens skript (id som börjar med __ eller ap-). Välj ett annat namn."
    ]


def planted_page_opened(watched, origin: str):
    """The planted measure page, opened and settled, with the payload's flag checked unset: the watched page."""
    watched_page = watched(origin)
    page = watched_page.page
    page.goto(origin + SUBPATH + "2021/atgarder/1-1/")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    assert page.evaluate("window.__pwned") is None
    return watched_page


def test_the_planted_link_neither_runs_nor_breaks_the_page(watched, planted_site):
    with serve(planted_site, HEADERS) as origin:
        watched_page = planted_page_opened(watched, origin)
        page = watched_page.page
        # The image is there without its address (WatchedPage fails on any request to another origin).
        assert page.locator("article img[alt=t]").count() == 1
        assert "pixel-space" not in page.content()
        # The link is there, as an ordinary link, and the theme's own scripts work: search opens and finds.
        assert page.locator("article a[href='https://example.se']").count() == 1
        from test_search import search

        assert search(page, "mötesplats")[0] == SUBPATH + "2021/atgarder/1-1/"
        assert page.evaluate("window.__violations") == []


def test_the_policy_alone_stops_the_payload_planted_in_a_page(watched, planted_site, tmp_path):
    # Should a page reach the server with the payload intact (written by hand, say), the browser runs none of it.
    site = tmp_path / "site"
    shutil.copytree(planted_site, site)
    page_file = site / "2021/atgarder/1-1/index.html"
    config = json.loads(re.search(r"\[(\{.*\})\]\(https://example.se\)", payload())[1])
    planted = f'<a id="__config" href="https://example.se">{html.escape(json.dumps(config))}</a>'
    article = '<article class="md-content__inner md-typeset">'
    page_file.write_text(page_file.read_text(encoding="utf-8").replace(article, article + planted, 1), "utf-8")
    assert page_file.read_text(encoding="utf-8").count('id="__config"') == 2
    with serve(site, HEADERS) as origin:
        watched_page = planted_page_opened(watched, origin)
        page = watched_page.page
        assert any(v.startswith("worker-src data") for v in page.evaluate("window.__violations"))
        # The theme, reading the planted configuration, fails; that is the page's own breakage, reported here.
        watched_page.errors.clear()

"""Accessibility in a real browser: axe-core on every kind of page, reflow, keyboard, charts.

axe-core is the exact version pinned in package-lock.json (installed by
scripts/setup-node), injected from node_modules into each page, and run with
its default rules: none are switched off.

A run of this whole module records what axe-core found on each kind of page
and how many pages scrolled sideways at 320 px in data/tillganglighetstest.json
(`RESULTS`), which the site's accessibility statement shows with its date.
The file is rewritten only when a complete run finds other figures (or other
tool versions) than it holds, so that it changes when the site does.
"""

from __future__ import annotations

import json
import os
import tempfile
import warnings
from datetime import date

import pytest
from helpers import PROJECT, SUBPATH, WatchedPage, add_style, copy_project

AXE = PROJECT / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = [1280, 320]

# One page of every kind.
PAGES = {
    "start": "/",
    "över tid": "/#utveckling-over-tid",
    "utvecklingsområde": "/2021/utvecklingsomrade-1/",
    "åtgärd": "/2021/atgarder/1-10/",
    "område": "/2021/omrade/skaggetorp/",
    "ansvarig": "/2021/ansvarig/klf/",
    "status": "/2021/status/ej-genomford/",
    "nästa år": "/2021/nasta-ar/vidareutvecklad/",
    "alla åtgärder": "/2021/alla-atgarder/",
    "statistik": "/2021/statistik/",
    "rapport": "/2021/rapport/",
    "redaktörsguide": "/redaktorsguide/",
    "tillgänglighetsredogörelse": "/tillganglighet/",
    "kontakt": "/kontakt/",
}

# What this module's run found, for the accessibility statement: {(kind, width): violations}, and the reflow check.
RESULTS = PROJECT / "data" / "tillganglighetstest.json"
_found: dict = {"axe": {}, "reflow": None}


@pytest.fixture(scope="module", autouse=True)
def record_results(browser):
    """After a run of every axe-core and reflow test here, the figures for the statement (see the docstring)."""
    yield
    if set(_found["axe"]) != {(kind, width) for kind in PAGES for width in WIDTHS} or _found["reflow"] is None:
        return  # a partial run (-k, a failure before the end) says nothing about the whole site
    pages, failures = _found["reflow"]
    results = {
        "date": date.today().isoformat(),
        "axe_core": json.loads((AXE.parent / "package.json").read_text(encoding="utf-8"))["version"],
        "browser": f"Chromium {browser.version}",
        "axe": [
            {"kind": kind, "url": url, "width": width, "violations": _found["axe"][kind, width]}
            for kind, url in PAGES.items()
            for width in WIDTHS
        ],
        "reflow": {"width": 320, "pages": pages, "failures": failures},
    }
    write_results(results)


def write_results(results: dict) -> None:
    """Write RESULTS whole (a temporary file renamed over it), unless it holds the same figures already."""
    try:
        old = json.loads(RESULTS.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        old = None
    if old is not None and {**old, "date": None} == {**results, "date": None}:
        return
    text = json.dumps(results, ensure_ascii=False, indent=2) + "\n"
    try:
        handle, temporary = tempfile.mkstemp(dir=RESULTS.parent, prefix=".tillganglighetstest-", suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        os.chmod(temporary, 0o644)  # as a checked-out file; mkstemp makes it private
        os.replace(temporary, RESULTS)
    except OSError as error:  # a read-only checkout: the tests still count, the statement keeps its figures
        warnings.warn(f"{RESULTS} could not be written: {error}", stacklevel=1)


def axe_violations(page) -> list[str]:
    """Every axe-core violation on the page as 'rule (impact): targets', none left out."""
    assert AXE.is_file(), f"{AXE} saknas: kör scripts/setup-node (scripts/test gör det)"
    # Evaluated through the browser's debugging protocol: the site's Content-Security-Policy forbids
    # an inline <script> (add_script_tag), axe-core's included.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    results = page.evaluate("() => axe.run(document, { resultTypes: ['violations'] })")
    return [f"{v['id']} ({v['impact']}): {[node['target'] for node in v['nodes']][:5]}" for v in results["violations"]]


def wait_until_ready(page, idle: bool = True) -> None:
    # The preview's live reload keeps a request open: it never goes idle.
    page.wait_for_load_state("networkidle" if idle else "load")
    # Material has run (it removes "no-js") and wrapped the Markdown tables.
    page.wait_for_function("() => !document.documentElement.classList.contains('no-js')")


@pytest.fixture(params=WIDTHS, ids=[f"{w}px" for w in WIDTHS])
def sized_page(request, browser, site_server):
    watched = WatchedPage(browser, site_server, viewport={"width": request.param, "height": 800})
    yield watched.page
    watched.close()


@pytest.mark.parametrize("kind", PAGES.keys())
def test_axe_finds_no_violations(sized_page, kind):
    url = PAGES[kind]
    sized_page.goto(sized_page.site + url)
    wait_until_ready(sized_page)
    if "#" in url:
        assert sized_page.locator(url[url.index("#") :]).is_visible()
    assert sized_page.locator("html").get_attribute("lang") == "sv"
    violations = axe_violations(sized_page)
    _found["axe"][kind, sized_page.viewport_size["width"]] = len(violations)
    assert violations == []


def test_axe_finds_no_violations_in_open_search_with_results(sized_page):
    sized_page.goto(sized_page.site + "/2021/statistik/")
    wait_until_ready(sized_page)
    from test_search import search

    assert search(sized_page, "fritidsbanken")
    assert sized_page.get_by_role("dialog", name="Sök").count() == 1
    assert axe_violations(sized_page) == []


@pytest.mark.parametrize("width", WIDTHS)
def test_axe_finds_no_violations_on_the_404_page(browser, subpath_server, width):
    watched = WatchedPage(browser, subpath_server, viewport={"width": width, "height": 800})
    watched.page.goto(subpath_server + SUBPATH + "2021/finns-inte/")
    wait_until_ready(watched.page)
    assert watched.page.locator("html").get_attribute("lang") == "sv"
    assert axe_violations(watched.page) == []
    watched.errors[:] = [e for e in watched.errors if not e.startswith("Failed to load resource")]
    watched.close()


def test_axe_finds_no_violations_on_the_preview_problem_page(browser, tmp_path):
    from test_editor_workflow import Preview

    project = copy_project(tmp_path / "project")
    measure = project / "docs/2021/atgarder/1-4.md"
    measure.write_text(measure.read_text(encoding="utf-8").replace("status: genomford", "status: Klar"), "utf-8")
    preview = Preview(project)
    try:
        preview.wait_for("/2021/atgarder/1-4/", lambda html: "Innehållet behöver rättas" in html)
        for width in WIDTHS:
            watched = WatchedPage(browser, preview.base, viewport={"width": width, "height": 800})
            watched.page.goto(preview.base + "/2021/atgarder/1-4/")
            wait_until_ready(watched.page, idle=False)
            assert watched.page.locator("article h1").inner_text().startswith("Innehållet behöver rättas")
            assert axe_violations(watched.page) == []
            if width == 320:
                assert no_sideways_scrolling(watched.page) == []
            watched.close()
    finally:
        preview.stop()


# --- Reflow (WCAG 1.4.10) ------------------------------------------------------


def no_sideways_scrolling(page) -> list[str]:
    """What sticks out to the right of a narrow screen, outside the tables' own scrolling regions."""
    return page.evaluate(
        """() => {
          const width = document.documentElement.clientWidth
          const out = []
          if (document.documentElement.scrollWidth > width)
            out.push(`page ${document.documentElement.scrollWidth}px wide`)
          for (const e of document.querySelectorAll('.md-content *, .md-header *, .md-footer *')) {
            if (e.closest('.ap-scroll') || !e.getClientRects().length) continue
            const style = getComputedStyle(e)
            if (style.visibility === 'hidden') continue
            // Fixed layers (the closed search dialog) do not widen the page.
            let fixed = false
            for (let a = e; a && !fixed; a = a.parentElement) fixed = getComputedStyle(a).position === 'fixed'
            if (fixed) continue
            const right = e.getBoundingClientRect().right
            if (right > width + 1) out.push(`${e.tagName.toLowerCase()}.${e.className} ends at ${Math.round(right)}px`)
          }
          return out.slice(0, 10)
        }"""
    )


def test_no_page_scrolls_sideways_at_320_px(browser, site_server, real_site):
    watched = WatchedPage(browser, site_server, viewport={"width": 320, "height": 640})
    page = watched.page
    urls = ["/" + p.relative_to(real_site.root).parent.as_posix() + "/" for p in real_site.pages()]
    urls = [u.replace("/./", "/") for u in urls if "/search/" not in u]
    assert len(urls) >= 90  # start, guide, 404, 5 areas, 60 measures, all, statistics, 22 facet pages
    failures = {}
    for url in urls:
        page.goto(site_server + url)
        problems = no_sideways_scrolling(page)
        if problems:
            failures[url] = problems
    watched.close()
    _found["reflow"] = (len(urls), len(failures))
    assert failures == {}


def test_every_table_is_in_a_named_focusable_region(real_site):
    labels = set()
    for path in real_site.pages():
        soup = real_site.page(str(path.relative_to(real_site.root)))
        # One region a table: the package's tables come in theirs, the editors' get one from the glue.
        assert not soup.select(".ap-scroll .ap-scroll"), path
        for table in soup.select("article table"):
            region = table.parent
            assert "ap-scroll" in region.get("class", []), path
            assert region["role"] == "region" and region["tabindex"] == "0", path
            label = region["aria-label"]
            assert label and "¶" not in label, (path, label)
            if table.caption:
                assert label == " ".join(table.caption.get_text().split())
            labels.add(label)
    assert "Tabell: Så är webbplatsen uppbyggd" in labels  # a Markdown table: named by its heading


def test_wide_tables_scroll_inside_a_named_focusable_region(page):
    page.set_viewport_size({"width": 320, "height": 640})
    # A table of counts scrolls in its region; a table of measures stacks its rows instead (test_reading_years.py).
    page.goto(page.site + "/2021/statistik/")
    regions = page.locator(".ap-scroll")
    assert regions.count() >= 1
    for region in regions.all():
        assert region.get_attribute("role") == "region"
        assert region.get_attribute("tabindex") == "0"
        caption = region.locator("caption")
        assert region.get_attribute("aria-label") == caption.inner_text()
    table = page.get_by_role("region", name="Status per ansvarig 2021")
    assert table.evaluate("e => e.scrollWidth > e.clientWidth"), "the table fits: nothing to test"
    table.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("e => e.scrollLeft > 0", arg=table.element_handle())


# --- Keyboard ------------------------------------------------------------------


def focus_ring(page) -> dict:
    return page.evaluate(
        """() => {
          const e = document.activeElement
          const style = getComputedStyle(e)
          return { tag: e.tagName, text: (e.innerText || e.getAttribute('aria-label') || '').trim().slice(0, 40),
                   inDrawer: !!e.closest('.md-sidebar--primary'), outline: style.outlineStyle,
                   width: parseFloat(style.outlineWidth), visible: e.getClientRects().length > 0 }
        }"""
    )


def test_tab_skips_the_closed_side_menu_opens_it_by_button_and_always_shows_focus(browser, site_server):
    watched = WatchedPage(browser, site_server, viewport={"width": 390, "height": 800})
    page = watched.page
    page.goto(site_server + "/2021/atgarder/2-13/")
    wait_until_ready(page)
    stops = []
    for _ in range(60):
        page.keyboard.press("Tab")
        stop = focus_ring(page)
        if stop["tag"] == "BODY":  # past the last stop: focus has left the page
            break
        stops.append(stop)
    assert len(stops) >= 10
    assert [s for s in stops if s["inDrawer"]] == []
    assert [s for s in stops if not s["visible"] or s["outline"] == "none" or s["width"] < 1] == []
    # The menu opens and closes from the keyboard: its button is a Tab stop.
    names = [s["text"] for s in stops]
    assert "Meny" in names
    page.keyboard.press("Tab")  # from the end of the page round to its start
    for _ in range(5):
        page.keyboard.press("Tab")
        if focus_ring(page)["text"] == "Meny":
            break
    button = page.get_by_role("button", name="Meny")
    assert button.get_attribute("aria-expanded") == "false"
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    page.wait_for_function("() => document.activeElement.closest('.md-sidebar--primary') !== null")
    ring = focus_ring(page)
    assert ring["inDrawer"] and ring["visible"] and ring["outline"] != "none"
    page.keyboard.press("Tab")
    assert focus_ring(page)["inDrawer"]
    page.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false"
    assert focus_ring(page)["text"] == "Meny"
    watched.close()


# --- Charts --------------------------------------------------------------------


def test_chart_text_is_readable_on_a_phone(browser, site_server):
    watched = WatchedPage(browser, site_server, viewport={"width": 320, "height": 800})
    page = watched.page
    for url in ["/", "/2021/statistik/", "/2021/utvecklingsomrade-3/"]:
        page.goto(site_server + url)
        heights = page.locator("svg.ap-chart text").evaluate_all(
            "texts => texts.map(t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a)"
        )
        assert heights and min(heights) >= 12, (url, min(heights))
    watched.close()


def test_chart_statuses_differ_without_colour_and_in_forced_colours(browser, site_server):
    watched = WatchedPage(browser, site_server, viewport={"width": 1280, "height": 800})
    page = watched.page
    page.goto(site_server + "/2021/statistik/")
    figure = page.locator("figure.ap-figure").first
    # The text alternative names every status with its figure.
    label = figure.locator("svg.ap-chart").get_attribute("aria-label")
    assert "Genomförd 6, Pågår 9, Ej genomförd 1" in label
    # In grey scale the three key swatches still differ (pattern, not only hue).
    add_style(page, ".ap-figure { filter: grayscale(1); }")
    grey = [swatch.screenshot() for swatch in figure.locator(".ap-key .ap-swatch").all()]
    assert len(grey) == 3 and len(set(grey)) == 3
    # In forced-colours (high contrast) mode the key and the bars keep their patterns.
    page.emulate_media(forced_colors="active")
    forced = [swatch.screenshot() for swatch in figure.locator(".ap-key .ap-swatch").all()]
    assert len(set(forced)) == 3
    assert figure.locator(".ap-key li").all_inner_texts() == ["Genomförd", "Pågår", "Ej genomförd"]
    fills = figure.locator("svg.ap-chart rect:has(title)").evaluate_all(
        "rects => rects.map(r => getComputedStyle(r).fill)"
    )
    assert len(fills) >= 3 and all(fill.startswith("url(") for fill in fills)
    watched.close()


def test_status_badges_show_icon_word_and_colour_also_in_grey_and_forced_colours(browser, site_server):
    """A status is never colour alone: each badge has its own icon (from statuser.css) beside its word."""
    watched = WatchedPage(browser, site_server, viewport={"width": 1280, "height": 800})
    page = watched.page
    page.goto(site_server + "/2021/statistik/")
    badges = page.locator("table.ap-tally").first.locator("thead .ap-status")
    assert badges.all_inner_texts() == ["Genomförd", "Pågår", "Ej genomförd"]

    def looks() -> list[dict[str, str]]:
        return badges.evaluate_all(
            """badges => badges.map(b => {
                const icon = getComputedStyle(b, "::before")
                return {mask: icon.webkitMaskImage || icon.maskImage, width: icon.width,
                        iconColour: icon.backgroundColor, background: getComputedStyle(b).backgroundColor}
            })"""
        )

    shown = looks()
    # The colours of data/measures.yml: #2e7d32, #f9c80e, #c62828.
    assert [b["background"] for b in shown] == ["rgb(46, 125, 50)", "rgb(249, 200, 14)", "rgb(198, 40, 40)"]
    assert all(b["mask"].startswith('url("data:image/svg+xml') and float(b["width"][:-2]) >= 10 for b in shown), shown
    assert len({b["mask"] for b in shown}) == 3
    # In grey scale the three icons still differ.
    add_style(page, ".ap-status { filter: grayscale(1); }")
    grey = [badge.screenshot() for badge in badges.all()]
    assert len(set(grey)) == 3
    # In forced colours the icon is drawn in the text colour, not dropped with the background.
    page.emulate_media(forced_colors="active")
    assert all(b["iconColour"] not in ("rgba(0, 0, 0, 0)", "transparent") for b in looks())
    watched.close()


def test_axe_version_is_the_pinned_one():
    lock = json.loads((PROJECT / "package-lock.json").read_text(encoding="utf-8"))
    pinned = lock["packages"]["node_modules/axe-core"]["version"]
    installed = json.loads((PROJECT / "node_modules/axe-core/package.json").read_text(encoding="utf-8"))["version"]
    assert pinned == installed
    assert json.loads((PROJECT / "package.json").read_text(encoding="utf-8"))["devDependencies"]["axe-core"] == pinned

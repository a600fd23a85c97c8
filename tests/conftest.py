"""Shared fixtures: the real site built once, served on 127.0.0.1, and Debian's chromium."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import (
    CHROMIUM_FLAGS,
    PROJECT,
    BuiltSite,
    WatchedPage,
    check_lines,
    copy_project,
    mkdocs_build,
    serve,
    small_project,
)

# Files whose tests run the package's own logic in process, in seconds: `pytest -m "not build"` runs them.
# A test elsewhere, or one using a fixture below, is marked `build` (a real build, a browser, a document
# writer, an installer); a quick file marks such a test itself with @pytest.mark.build.
QUICK_FILES = {
    "test_structure.py",
    "test_render.py",
    "test_loading.py",
    "test_validation.py",
    "test_pageedit.py",
    "test_template_cache.py",
    "test_editor_guide.py",
    "test_one_run.py",
    "test_control_characters.py",
    "test_reserved_names.py",
    "test_disguised_markup.py",
}
BUILD_FIXTURES = {"real_site", "site_server", "subpath_server", "browser", "page", "preview"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.path.name not in QUICK_FILES or BUILD_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.build)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the real project (content, glue and package), for a test that changes it."""
    return copy_project(tmp_path / "project")


@pytest.fixture
def failing_check(capsys):
    """`atgardsplan check` in process on a broken project: its problem lines (it must fail, without a traceback)."""
    return lambda project: check_lines(project, capsys)


@pytest.fixture
def small(tmp_path: Path) -> Path:
    """The small plan of tests/data/small-project with the real code, for a test that breaks one thing."""
    return small_project(tmp_path / "small")


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> BuiltSite:
    """The real project, built once per test session into a temporary folder."""
    site_dir = tmp_path_factory.mktemp("real-site")
    result = mkdocs_build(PROJECT, site_dir)
    assert result.returncode == 0, result.stdout + result.stderr
    return BuiltSite(site_dir, result.stdout + result.stderr)


@pytest.fixture(scope="session")
def site_server(real_site):
    """The built real site served over HTTP on 127.0.0.1, as the intranet server would."""
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class QuietHandler(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(QuietHandler, directory=str(real_site.root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="session")
def subpath_server(real_site):
    """The built site under a sub-path, as an intranet server with an error page would serve it (helpers.serve)."""
    with serve(real_site.root) as origin:
        yield origin


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright; never a downloaded browser."""
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or "/usr/bin/chromium"
    assert Path(executable).exists(), "chromium saknas: kör scripts/test, som installerar Debians paket chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, site_server):
    """A fresh page that fails the test on any request outside the site or any script error."""
    watched = WatchedPage(browser, site_server)
    yield watched.page
    watched.close()

"""Shared fixtures: copies of the project, real builds into temporary folders, HTML helpers."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

PROJECT = Path(__file__).resolve().parents[1]
SOURCES = PROJECT / "sources"
PROJECT_FILES = ["docs", "data", "overrides", "mkdocs.yml", "hooks.py", "macros.py", "actionplan"]


def copy_project(destination: Path) -> Path:
    """A copy of the project's content and glue, without git history or build output."""
    destination.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        source = PROJECT / name
        if source.is_dir():
            shutil.copytree(source, destination / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, destination / name)
    return destination


def mkdocs_build(project: Path, site_dir: Path, **environment: str) -> subprocess.CompletedProcess:
    """`mkdocs build` as an editor runs it, in the project folder."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1", **environment}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml"), "-d", str(site_dir)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )


class BuiltSite:
    """A built site folder with helpers to read its pages as a reader would."""

    def __init__(self, root: Path, output: str) -> None:
        self.root = root
        self.output = output

    def file(self, url: str) -> Path:
        path = self.root / url.strip("/")
        return path / "index.html" if path.is_dir() or not path.suffix else path

    def page(self, url: str) -> BeautifulSoup:
        return BeautifulSoup(self.file(url).read_text(encoding="utf-8"), "lxml")

    def pages(self) -> list[Path]:
        return sorted(self.root.rglob("*.html"))


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> BuiltSite:
    """The real project, built once per test session into a temporary folder."""
    site_dir = tmp_path_factory.mktemp("real-site")
    result = mkdocs_build(PROJECT, site_dir)
    assert result.returncode == 0, result.stdout + result.stderr
    return BuiltSite(site_dir, result.stdout + result.stderr)


def text_of(element) -> str:
    """An element's visible text with white space folded, as a reader sees it (no ¶ permalinks)."""
    strings = [
        text
        for text in element.find_all(string=True)
        if not (text.parent.name == "a" and "headerlink" in text.parent.get("class", []))
    ]
    return " ".join(" ".join(strings).split())


def table_rows(table) -> list[tuple[str, ...]]:
    """A table's body rows as tuples of cell texts."""
    body = table.find("tbody") or table
    return [tuple(text_of(cell) for cell in row.find_all(["th", "td"])) for row in body.find_all("tr")]


def definitions(element) -> dict[str, str]:
    """A definition list's terms and descriptions as text, e.g. a facts panel."""
    terms = [text_of(dt) for dt in element.find_all("dt")]
    return dict(zip(terms, [text_of(dd) for dd in element.find_all("dd")], strict=True))


def table_by_caption(soup, caption: str):
    for table in soup.find_all("table"):
        if table.caption and text_of(table.caption) == caption:
            return table
    raise AssertionError(f"no table captioned {caption!r}")


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


SUBPATH = "/intranet/atgardsplan/"


@pytest.fixture(scope="session")
def subpath_server(real_site):
    """The built site under a sub-path, as an intranet server with an error page would serve it.

    Addresses below SUBPATH are files of the site; a missing one, anywhere on
    the server, is answered with 404.html and status 404 (nginx's `error_page
    404`, Apache's `ErrorDocument 404`). Yields the server's origin.
    """
    import functools
    import io
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
    from urllib.parse import unquote, urlsplit

    class SubpathHandler(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def send_head(self):
            path = unquote(urlsplit(self.path).path)
            if path.startswith(SUBPATH):
                target = real_site.root / path.removeprefix(SUBPATH)
                if target.is_dir() and not path.endswith("/"):
                    self.send_response(301)
                    self.send_header("Location", path + "/")
                    self.end_headers()
                    return None
                if target.is_dir():
                    target = target / "index.html"
                if target.is_file() and target.resolve().is_relative_to(real_site.root.resolve()):
                    return super().send_head()
            body = (real_site.root / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return io.BytesIO(body)

        def translate_path(self, path):
            path = unquote(urlsplit(path).path)
            return str(real_site.root / path.removeprefix(SUBPATH))

    handler = functools.partial(SubpathHandler, directory=str(real_site.root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


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


class WatchedPage:
    """A browser page that records requests outside the site and script errors."""

    def __init__(self, browser, site: str, **context_options) -> None:
        self.context = browser.new_context(locale="sv-SE", **context_options)
        self.page = self.context.new_page()
        self.page.site = site
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda r: None if r.url.startswith(site) else self.outside.append(r.url))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)

    def close(self) -> None:
        self.context.close()
        assert not self.outside, f"requests outside the site: {self.outside}"
        assert not self.errors, f"script errors: {self.errors}"


@pytest.fixture
def page(browser, site_server):
    """A fresh page that fails the test on any request outside the site or any script error."""
    watched = WatchedPage(browser, site_server)
    yield watched.page
    watched.close()

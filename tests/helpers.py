"""What the tests share: copies of the project, real builds into temporary folders, HTML readers."""

from __future__ import annotations

import contextlib
import functools
import io
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

PROJECT = Path(__file__).resolve().parents[1]
SOURCES = PROJECT / "sources"
# The unit tests' own small vocabulary (tests/data/measures.yml).
FIXTURE_VOCABULARY = Path(__file__).resolve().parent / "data" / "measures.yml"
PROJECT_FILES = ["docs", "data", "overrides", "mkdocs.yml", "hooks.py", "macros.py", "actionplan", "glue"]
# A plan of three measures in one open year, for the tests that break one thing on purpose: what they test is
# the code, so they must not change when editors change the real content (awesome-pages' e2e tests do the same).
SMALL_PROJECT = Path(__file__).resolve().parent / "data" / "small-project"


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


def small_project(destination: Path) -> Path:
    """The real code, glue, theme and assets around the small plan in `tests/data/small-project/`."""
    destination.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("__pycache__")
    for name in ("overrides", "actionplan", "glue"):
        shutil.copytree(PROJECT / name, destination / name, ignore=ignore)
    for name in ("mkdocs.yml", "hooks.py", "macros.py"):
        shutil.copy2(PROJECT / name, destination / name)
    shutil.copytree(SMALL_PROJECT, destination, dirs_exist_ok=True)
    shutil.copytree(PROJECT / "docs" / "assets", destination / "docs" / "assets")
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


# The sub-path under which tests serve the site as an intranet server would (conftest.subpath_server).
SUBPATH = "/intranet/atgardsplan/"


@contextlib.contextmanager
def serve(root: Path, headers: dict[str, str] | None = None) -> Iterator[str]:
    """A built site under SUBPATH, as an intranet server with an error page serves it; yields the origin.

    Addresses below SUBPATH are files of the site; a missing one, anywhere on
    the server, is answered with 404.html and status 404 (nginx's `error_page
    404`, Apache's `ErrorDocument 404`). Every answer carries `headers` (the
    README's Content-Security-Policy, say).
    """
    extra = dict(headers or {})

    class SubpathHandler(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def end_headers(self):
            for name, value in extra.items():
                self.send_header(name, value)
            super().end_headers()

        def send_head(self):
            path = unquote(urlsplit(self.path).path)
            if path.startswith(SUBPATH):
                target = root / path.removeprefix(SUBPATH)
                if target.is_dir() and not path.endswith("/"):
                    self.send_response(301)
                    self.send_header("Location", path + "/")
                    self.end_headers()
                    return None
                if target.is_dir():
                    target = target / "index.html"
                if target.is_file() and target.resolve().is_relative_to(root.resolve()):
                    return super().send_head()
            body = (root / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return io.BytesIO(body)

        def translate_path(self, path):
            path = unquote(urlsplit(path).path)
            return str(root / path.removeprefix(SUBPATH))

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(SubpathHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
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


def add_style(page, css: str) -> None:
    """Add a style sheet to the page as the site's Content-Security-Policy allows: a constructed one, not a <style>.

    (Under the policy a test may not add inline <style> or <script>, nor wait on
    a string Playwright would eval; it passes functions, "() => ...", instead.)
    """
    page.evaluate(
        "css => { const sheet = new CSSStyleSheet(); sheet.replaceSync(css);"
        " document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet] }",
        css,
    )


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


def edit(project: Path, relative: str, old: str, new: str) -> None:
    """Replace the first `old` in a project file, as an editor's one edit."""
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below `folder` (compiled Python left out) with its bytes: what 'nothing changed' compares."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


def git(folder: Path, *args: str, when: str | None = None) -> str:
    """git in `folder` as a test editor (and, with `when`, on that day), its output."""
    environment = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Redaktör",
        "GIT_AUTHOR_EMAIL": "redaktor@example.invalid",
        "GIT_COMMITTER_NAME": "Redaktör",
        "GIT_COMMITTER_EMAIL": "redaktor@example.invalid",
    }
    if when:
        environment["GIT_AUTHOR_DATE"] = environment["GIT_COMMITTER_DATE"] = f"{when}T12:00:00+01:00"
    result = subprocess.run(["git", *args], cwd=folder, env=environment, capture_output=True, text=True, check=True)
    return result.stdout.strip()


def run_check(project: Path, capsys) -> tuple[int, list[str]]:
    """`atgardsplan check` in process: its exit code and its problem lines."""
    from actionplan.commands.cli import main

    code = main(["--root", str(project), "check"])
    captured = capsys.readouterr()
    return code, [line for line in (captured.out + captured.err).splitlines() if line.startswith(("docs/", "data/"))]


def check_lines(project: Path, capsys) -> list[str]:
    """`atgardsplan check` in process on a broken project: its problem lines (it must fail)."""
    from actionplan.commands.cli import main

    code = main(["--root", str(project), "check"])
    captured = capsys.readouterr()
    output = captured.out + captured.err
    assert code == 1, output
    assert output.startswith("Innehållet har"), output
    assert "Traceback" not in output
    return [line for line in output.splitlines()[1:]]

"""Edit links, last-changed dates from git, and `mkdocs serve` while an editor works."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from helpers import BuiltSite, copy_project, git, mkdocs_build, text_of

from actionplan.gitdates import last_changed


@pytest.fixture(scope="module")
def history(tmp_path_factory) -> Path:
    """A project with two commits: everything on 3 March 2025, then measure 1.4 on 15 January 2026."""
    project = copy_project(tmp_path_factory.mktemp("history") / "project")
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "Uppföljning 2021", when="2025-03-03")
    page = project / "docs/2021/atgarder/1-4.md"
    page.write_text(page.read_text(encoding="utf-8").replace("Startar 2021", "Startar 2021 "), encoding="utf-8")
    git(project, "commit", "-q", "-am", "Rätta 1.4", when="2026-01-15")
    return project


def changed_line(site: BuiltSite, url: str) -> str | None:
    element = site.page(url).select_one("article .ap-changed")
    return text_of(element) if element else None


def test_edit_link_points_at_the_source_file(real_site):
    button = real_site.page("/2021/atgarder/1-4/").select_one("a.md-content__button[rel=edit]")
    assert button["href"].endswith("/-/edit/main/docs/2021/atgarder/1-4.md")
    assert button["title"] == "Redigera sidan"
    # Generated pages have no source file to edit.
    assert real_site.page("/2021/omrade/berga/").select_one("a[rel=edit]") is None


def test_edit_links_follow_the_one_configured_git_server(tmp_path):
    project = copy_project(tmp_path / "project")
    result = mkdocs_build(
        project,
        project / "site",
        ATGARDSPLAN_REPO_URL="https://git.linkoping.example/segregation/atgardsplan",
        ATGARDSPLAN_EDIT_URI="src/branch/main/docs/",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    soup = BuiltSite(project / "site", "").page("/2021/atgarder/5-10/")
    assert soup.select_one("a[rel=edit]")["href"] == (
        "https://git.linkoping.example/segregation/atgardsplan/src/branch/main/docs/2021/atgarder/5-10.md"
    )


def test_last_changed_dates_come_from_git_history(history):
    assert last_changed(history / "docs")["2021/atgarder/1-4.md"] == date(2026, 1, 15)
    result = mkdocs_build(history, history.parent / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    site = BuiltSite(history.parent / "site", "")
    assert changed_line(site, "/2021/atgarder/1-4/") == "Senast ändrad: 15 januari 2026"
    assert changed_line(site, "/2021/atgarder/1-5/") == "Senast ändrad: 3 mars 2025"


def test_a_copy_without_git_history_builds_and_shows_no_date(tmp_path):
    project = copy_project(tmp_path / "project")
    result = mkdocs_build(project, project / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    site = BuiltSite(project / "site", "")
    assert all("Senast ändrad" not in path.read_text(encoding="utf-8") for path in site.pages())


def test_a_shallow_clone_shows_no_date_it_cannot_know(history, tmp_path):
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{history}", str(clone)], check=True, capture_output=True
    )
    # In a one-commit clone that commit seems to add every file: no date is real.
    assert last_changed(clone / "docs") == {}
    deeper = tmp_path / "deeper"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "2", f"file://{history}", str(deeper)], check=True, capture_output=True
    )
    assert last_changed(deeper / "docs") == {"2021/atgarder/1-4.md": date(2026, 1, 15)}


def test_uncommitted_pages_get_no_date(history):
    (history / "docs/2021/ny.md").write_text("# Ny\n", encoding="utf-8")
    try:
        assert "2021/ny.md" not in last_changed(history / "docs")
    finally:
        (history / "docs/2021/ny.md").unlink()


# --- mkdocs serve -------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Preview:
    """`mkdocs serve` on a copy of the project, as an editor runs it."""

    def __init__(self, project: Path) -> None:
        self.project = project
        self.base = f"http://127.0.0.1:{free_port()}"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", self.base.removeprefix("http://")],
            cwd=project,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )

    def get(self, url: str) -> str:
        with urllib.request.urlopen(self.base + url, timeout=5) as response:
            return response.read().decode("utf-8")

    def wait_for(self, url: str, predicate, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        last = ""
        while time.monotonic() < deadline:
            assert self.process.poll() is None, "mkdocs serve stopped:\n" + self.process.stdout.read()
            try:
                last = self.get(url)
                if predicate(last):
                    return last
            except OSError:
                pass
            time.sleep(0.3)
        raise AssertionError(f"{url} never matched; last page text: {BeautifulSoup(last, 'lxml').get_text()[:500]}")

    def edit(self, relative: str, old: str, new: str) -> None:
        path = self.project / relative
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def append(self, relative: str, code: str) -> None:
        """Add code at the end of a module, as a developer's edit the preview must pick up."""
        path = self.project / relative
        path.write_text(path.read_text(encoding="utf-8") + "\n\n" + code, encoding="utf-8")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=20)


@pytest.fixture
def preview(tmp_path):
    server = Preview(copy_project(tmp_path / "project"))
    yield server
    server.stop()


def test_serve_shows_edits_to_pages_data_glue_and_package(preview):
    measure = "/2021/atgarder/1-5/"
    preview.wait_for(measure, lambda html: "Utveckla Kontakt Linköpings arbetssätt" in html)

    preview.edit("docs/2021/atgarder/1-5.md", "Utveckla Kontakt Linköpings", "Förnya Kontakt Linköpings")
    preview.wait_for(measure, lambda html: "1.5 Förnya Kontakt Linköpings arbetssätt" in html)

    preview.edit("data/measures.yml", "label: Pågår", "label: Pågår fortfarande")
    preview.wait_for(measure, lambda html: "Pågår fortfarande" in html)

    # Code edits are added at the end of a module, by name: a test must not depend on a source line's text.
    preview.append(
        "glue/build.py",
        "_shown = MacroCalls.newest_year_overview\n"
        "MacroCalls.newest_year_overview = lambda calls: '<p>Makrot ändrat</p>' + _shown(calls)\n",
    )
    preview.wait_for("/", lambda html: "Makrot ändrat" in html)

    preview.append(
        "actionplan/render/measure_page.py",
        "_titled = page_title\npage_title = lambda measure: 'Ändrad: ' + _titled(measure)\n",
    )
    preview.wait_for(measure, lambda html: "Ändrad: 1.5 Förnya Kontakt Linköpings arbetssätt" in html)


def test_serve_shows_problems_in_the_browser_and_keeps_running(preview):
    measure = "/2021/atgarder/1-4/"
    preview.wait_for(measure, lambda html: "Starta upp och utveckla" in html)
    preview.edit("docs/2021/atgarder/1-4.md", "status: genomford", "status: Klar")
    html = preview.wait_for(measure, lambda html: "Innehållet behöver rättas" in html)
    assert "docs/2021/atgarder/1-4.md:8: status: &#x27;Klar&#x27; är inte ett giltigt värde." in html
    # Every page says so, whichever the editor has open.
    assert "Innehållet behöver rättas" in preview.get("/2021/statistik/")
    preview.edit("docs/2021/atgarder/1-4.md", "status: Klar", "status: genomford")
    preview.wait_for(measure, lambda html: "Starta upp och utveckla" in html and "behöver rättas" not in html)


def test_serve_starts_even_when_the_content_is_broken(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs/2021/atgarder/2-1.md"
    page.write_text(page.read_text(encoding="utf-8").replace("area: 2", "area: 9"), encoding="utf-8")
    server = Preview(project)
    try:
        html = server.wait_for("/", lambda html: "Innehållet behöver rättas" in html)
        assert "docs/2021/atgarder/2-1.md:4: area: &#x27;9&#x27; är inget utvecklingsområde." in html
    finally:
        server.stop()


def test_serve_survives_every_kind_of_broken_page_and_recovers(preview):
    stats = "/2021/statistik/"
    area = "docs/2021/utvecklingsomrade-5.md"
    preview.wait_for(stats, lambda html: "Per utvecklingsområde" in html)
    original = (preview.project / area).read_bytes()

    def broken_then_fixed(break_it, line_shown: str) -> None:
        break_it()
        html = preview.wait_for(stats, lambda html: "Innehållet behöver rättas" in html)
        assert line_shown in html
        (preview.project / area).write_bytes(original)
        preview.wait_for(stats, lambda html: "Per utvecklingsområde" in html and "behöver rättas" not in html)

    bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: [*b,*b,*b]\n'
    broken_then_fixed(lambda: preview.edit(area, "render_macros: true\n", "render_macros: true\n" + bomb), f"{area}:4:")
    broken_then_fixed(
        lambda: preview.edit(area, "{{ area_overview(2021, 5) }}", "{{ omrade(2021, 5) }}"),
        f"{area}:20: det finns inget makro som heter omrade.",
    )
    latin = original.decode("utf-8").encode("latin-1")
    broken_then_fixed(lambda: (preview.project / area).write_bytes(latin), f"{area}:2: filen är inte sparad som UTF-8")
    # A link to a heading that does not exist is a warning: the preview still shows the page.
    preview.edit("docs/2021/statistik.md", "Varje\n", "Se [saknad sida](../index.md#finns-inte). Varje\n")
    preview.wait_for(stats, lambda html: "saknad sida" in html and "Per utvecklingsområde" in html)


def test_serve_never_publishes_a_link_out_of_the_project(preview):
    os.symlink("/etc/passwd", preview.project / "docs/losen.md")
    html = preview.wait_for("/", lambda html: "Innehållet behöver rättas" in html)
    assert "docs/losen.md: är en symbolisk länk." in html
    with pytest.raises(urllib.error.HTTPError):
        preview.get("/losen/")
    assert "root:" not in preview.get("/")

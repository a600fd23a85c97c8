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
SEEDS = PROJECT.parent / "shared" / "seeds"
PROJECT_FILES = ["docs", "data", "mkdocs.yml", "hooks.py", "macros.py", "actionplan"]


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


def mkdocs_build(project: Path, site_dir: Path) -> subprocess.CompletedProcess:
    """`mkdocs build` as an editor runs it; output is stdout and stderr together."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}
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


def table_by_caption(soup, caption: str):
    for table in soup.find_all("table"):
        if table.caption and text_of(table.caption) == caption:
            return table
    raise AssertionError(f"no table captioned {caption!r}")

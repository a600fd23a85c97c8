"""A plain `mkdocs build` only replaces site/ with a finished site; edit-link settings never reach a page raw."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from helpers import mkdocs_build, snapshot


def leftovers(project: Path) -> list[str]:
    return sorted(p.name for p in project.iterdir() if p.name.startswith(".site."))


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_a_build_that_fails_after_writing_pages_leaves_the_previous_site_as_it_was(project):
    site = project / "site"
    first = mkdocs_build(project, site)
    assert first.returncode == 0, first.stdout + first.stderr
    before = snapshot(site)
    assert "index.html" in before and len(before) > 100

    # A link to a heading that does not exist is only noticed while pages are
    # written (the check looks at files, not headings); strict mode then aborts the build.
    append(project / "docs/redaktorsguide.md", "\n[Trasig länk](index.md#finns-inte)\n")
    failed = mkdocs_build(project, site)
    output = failed.stdout + failed.stderr
    assert failed.returncode != 0, output
    assert "finns-inte" in output
    assert f"Bygget misslyckades; {site} är oförändrad." in output
    assert snapshot(site) == before
    assert leftovers(project) == []


def test_a_build_with_content_problems_leaves_the_previous_site_as_it_was(project):
    site = project / "site"
    assert mkdocs_build(project, site).returncode == 0
    before = snapshot(site)
    page = project / "docs/2021/atgarder/1-4.md"
    page.write_text(page.read_text(encoding="utf-8").replace("status: genomford", "status: Klar"), encoding="utf-8")
    failed = mkdocs_build(project, site)
    assert failed.returncode != 0
    assert "Traceback" not in failed.stdout + failed.stderr
    assert snapshot(site) == before
    assert leftovers(project) == []


def test_a_successful_build_replaces_the_whole_site(project):
    site = project / "site"
    assert mkdocs_build(project, site).returncode == 0
    stale = site / "gammal-sida" / "index.html"
    stale.parent.mkdir()
    stale.write_text("stale", encoding="utf-8")
    append(project / "docs/redaktorsguide.md", "\nEn helt ny mening i guiden.\n")

    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "En helt ny mening i guiden." in (site / "redaktorsguide/index.html").read_text(encoding="utf-8")
    assert not stale.parent.exists()
    assert site.stat().st_mode & 0o755 == 0o755, "the web server must be able to read the site folder"
    assert leftovers(project) == []


HOSTILE_PATH = 'https://git.example.se/grupp/projekt"><script>alert(1)</script><i x="'
HOSTILE_HOST = 'https://ev"<b>il.example.se/grupp/projekt'


def built_pages(project: Path, repo_url: str) -> tuple[str, list[Path]]:
    site = project / "site"
    result = mkdocs_build(project, site, ATGARDSPLAN_REPO_URL=repo_url)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout + result.stderr, [site / "index.html", site / "2021/atgarder/1-4/index.html"]


def test_a_repository_address_with_quotes_and_tags_is_encoded_in_every_link(project):
    _, pages = built_pages(project, HOSTILE_PATH)
    for path in pages:
        raw = path.read_text(encoding="utf-8")
        assert "alert(1)</script>" not in raw
        assert '"><script>' not in raw
        soup = BeautifulSoup(raw, "lxml")
        assert not any("alert" in script.get_text() for script in soup.find_all("script"))
        assert soup.find("i", attrs={"x": True}) is None
        source = soup.select_one("a.md-source")
        assert (
            source["href"] == "https://git.example.se/grupp/projekt%22%3E%3Cscript%3Ealert(1)%3C/script%3E%3Ci%20x=%22"
        )
        edit = soup.select_one('a[rel="edit"]')
        assert edit["href"].startswith(source["href"] + "/-/edit/main/docs/")


def test_a_repository_host_with_tags_is_shown_as_text(project):
    _, pages = built_pages(project, HOSTILE_HOST)
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        name = soup.select_one(".md-source__repository")
        assert name.find("b") is None
        assert name.get_text().strip() == 'Ev"<B>Il'
        assert soup.select_one("a.md-source")["href"].startswith("https://ev%22%3Cb%3Eil.example.se/")


def test_a_repository_address_that_is_not_a_web_address_stops_the_build(project):
    # MkDocs itself wants a scheme and a host; this one has both and would run a script when clicked.
    address = "javascript://git.example.se/%0Aalert(1)"
    result = mkdocs_build(project, project / "site", ATGARDSPLAN_REPO_URL=address)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    assert f"ATGARDSPLAN_REPO_URL (repo_url i mkdocs.yml): {address!r} är ingen webbadress." in output
    assert not (project / "site").exists()


# actionplan.publishing.folder_swap on its own: both ways of moving a finished folder into place.


def filled(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True)
    (folder / "index.html").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("exchange", [True, False], ids=["renameat2", "two-renames"])
def test_a_finished_folder_replaces_the_old_one_and_nothing_is_left_beside_it(tmp_path, monkeypatch, exchange):
    from actionplan.publishing import folder_swap

    if not exchange:
        monkeypatch.setattr(folder_swap, "_exchange", lambda first, second: False)
    destination = filled(tmp_path / "site", "gammal")
    staging = folder_swap.staging_folder(destination)
    (staging / "index.html").write_text("ny", encoding="utf-8")
    folder_swap.move_into_place(staging, destination)
    assert (destination / "index.html").read_text(encoding="utf-8") == "ny"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_link_in_place_of_the_site_is_replaced_and_its_target_kept(tmp_path):
    from actionplan.publishing import folder_swap

    target = filled(tmp_path / "elsewhere", "länkens mål")
    destination = tmp_path / "site"
    destination.symlink_to(target)
    staging = folder_swap.staging_folder(destination)
    (staging / "index.html").write_text("ny", encoding="utf-8")
    folder_swap.move_into_place(staging, destination)
    assert not destination.is_symlink()
    assert (destination / "index.html").read_text(encoding="utf-8") == "ny"
    assert (target / "index.html").read_text(encoding="utf-8") == "länkens mål"

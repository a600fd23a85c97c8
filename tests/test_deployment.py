"""Deployment as users do it: a fresh venv from requirements.txt builds the site, which works under any sub-path."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from collections import deque
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

from bs4 import BeautifulSoup
from helpers import PROJECT, copy_project, git

SUB_PATH = "/intranat/planer/atgardsplan/"


def test_every_requirement_is_pinned_with_hashes():
    for name in ("requirements.txt", "requirements-dev.txt"):
        text = (PROJECT / name).read_text(encoding="utf-8")
        entries = [line for line in text.splitlines() if line and not line.startswith((" ", "#", "-"))]
        assert entries, name
        for entry in entries:
            assert "==" in entry and entry.rstrip().endswith("\\"), f"{name}: {entry} has no exact pin and hash"


class SubPathHandler(SimpleHTTPRequestHandler):
    """Serves the site only below SUB_PATH, as an intranet server would mount it."""

    def log_message(self, *args):
        pass

    def translate_path(self, path):
        if not path.startswith(SUB_PATH):
            return os.path.join(self.directory, "finns-inte-utanfor-undersokvagen")
        return super().translate_path("/" + path[len(SUB_PATH) :])


def page_links(html: str, url: str) -> set[str]:
    soup = BeautifulSoup(html, "lxml")
    found = set()
    for tag, attribute in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src")):
        for element in soup.find_all(tag):
            value = element.get(attribute)
            if not value or value.startswith(("mailto:", "tel:", "javascript:")):
                continue
            target = urldefrag(urljoin(url, value)).url.split("?")[0]
            found.add(target)
    return found


def test_the_site_works_under_a_sub_path(real_site):
    """Every page, stylesheet, script and picture a page links to is found below the sub-path (404.html aside)."""
    from functools import partial

    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(SubPathHandler, directory=str(real_site.root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host = f"http://127.0.0.1:{server.server_address[1]}"
    start = host + SUB_PATH
    try:
        seen, queue, broken, pages = {start}, deque([start]), [], 0
        extra = [start + "search/search_index.json", start + "sitemap.xml"]
        seen.update(extra)
        queue.extend(extra)
        while queue and len(seen) < 5000:
            url = queue.popleft()
            try:
                with urllib.request.urlopen(url, timeout=30) as response:
                    body = response.read()
                    kind = response.headers.get("Content-Type", "")
            except urllib.error.HTTPError as error:
                broken.append(f"{url}: {error.code}")
                continue
            if "text/html" not in kind:
                continue
            pages += 1
            for link in page_links(body.decode("utf-8"), url):
                if urlsplit(link).netloc != urlsplit(host).netloc or link in seen:
                    continue
                seen.add(link)
                queue.append(link)
    finally:
        server.shutdown()
        server.server_close()
    assert broken == []
    assert pages > 60, "the crawl should reach every measure page"
    assert all(link.startswith(start) for link in seen), [link for link in seen if not link.startswith(start)]


def gitlab_ci() -> dict:
    import yaml

    return yaml.safe_load((PROJECT / ".gitlab-ci.yml").read_text(encoding="utf-8"))


def test_the_gitlab_pipeline_has_the_four_stages_in_order():
    pipeline = gitlab_ci()
    assert pipeline["stages"] == ["check", "test", "build", "publish"]
    jobs = {name: job for name, job in pipeline.items() if isinstance(job, dict) and "stage" in job}
    assert sorted(job["stage"] for job in jobs.values()) == sorted(pipeline["stages"])
    lines = [line for job in jobs.values() for line in job["script"]]
    assert all(isinstance(line, str) for line in lines), "a script line that YAML reads as a mapping"
    installs = [line for line in lines if "pip install" in line]
    assert installs and all("--require-hashes" in line for line in installs)


def test_the_pipelines_check_shows_editors_the_swedish_lines(tmp_path):
    """The check job's own command, run in a copy with a mistake, as the git server's runner runs it."""
    [command] = [line for line in gitlab_ci()["kontroll"]["script"] if "actionplan check" in line]
    project = copy_project(tmp_path / "project")
    page = project / "docs/2021/atgarder/1-4.md"
    page.write_text(page.read_text(encoding="utf-8").replace("status: genomford", "status: Klar"), encoding="utf-8")
    environment = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    result = subprocess.run(["bash", "-c", command], cwd=project, env=environment, capture_output=True, text=True)
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert "docs/2021/atgarder/1-4.md:8: status: 'Klar' är inte ett giltigt värde." in output
    assert "Rätta raderna ovan" in output
    assert "Traceback" not in output


def borrowed_venv(checkout: Path) -> None:
    """A .venv in the checkout that runs this test run's Python, so that scripts/setup installs nothing."""
    import hashlib

    bin_folder = checkout / ".venv" / "bin"
    bin_folder.mkdir(parents=True)
    (bin_folder / "python").write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n')
    (bin_folder / "atgardsplan").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m actionplan "$@"\n')
    for script in bin_folder.iterdir():
        script.chmod(0o755)
    # The stamp scripts/setup writes: a hash of the requirements file, requirements.txt and pyproject.toml.
    stamped = ("requirements.txt", "requirements.txt", "pyproject.toml")
    wanted = b"".join((checkout / name).read_bytes() for name in stamped)
    (checkout / ".venv/.installed-requirements.txt").write_text(hashlib.sha256(wanted).hexdigest() + "\n")


def test_the_web_servers_script_publishes_each_new_commit_once(tmp_path):
    origin = copy_project(tmp_path / "origin")
    for name in ("scripts", "deploy"):
        subprocess.run(["cp", "-r", str(PROJECT / name), str(origin / name)], check=True)
    # .gitignore too, as the real repository has it: the checkout's .venv is no change to publish.
    for name in ("requirements.txt", "requirements-dev.txt", "pyproject.toml", ".gitignore"):
        (origin / name).write_bytes((PROJECT / name).read_bytes())
    git(origin, "init", "--quiet", "--initial-branch", "main")
    git(origin, "add", "-A")
    git(origin, "commit", "--quiet", "-m", "Första versionen")
    checkout = tmp_path / "kalla"
    subprocess.run(["git", "clone", "--quiet", str(origin), str(checkout)], check=True)
    borrowed_venv(checkout)

    target = tmp_path / "webb" / "atgardsplan"
    environment = {
        **os.environ,
        "ATGARDSPLAN_CHECKOUT": str(checkout),
        "ATGARDSPLAN_PUBLISH_DIR": str(target),
        "STATE_DIRECTORY": str(tmp_path / "state"),
        "NO_MKDOCS_2_WARNING": "1",
    }

    def run_script() -> subprocess.CompletedProcess:
        return subprocess.run(
            ["bash", str(checkout / "deploy/publish.sh")], env=environment, capture_output=True, text=True
        )

    first = run_script()
    assert first.returncode == 0, first.stdout + first.stderr
    commit = git(origin, "rev-parse", "HEAD")
    assert os.readlink(target).endswith(f"-{commit[:12]}")
    assert (tmp_path / "state/publicerad-commit").read_text().strip() == commit

    again = run_script()
    assert again.returncode == 0
    assert again.stdout == f"Inget nytt på main ({commit[:12]} är redan publicerad).\n"
    assert len(os.listdir(f"{target}.versions")) == 1

    guide = origin / "docs/redaktorsguide.md"
    guide.write_text(guide.read_text(encoding="utf-8") + "\nEn rad från git-servern.\n", encoding="utf-8")
    git(origin, "commit", "--quiet", "-am", "Ny rad i guiden")
    second = run_script()
    assert second.returncode == 0, second.stdout + second.stderr
    assert "En rad från git-servern." in (target / "redaktorsguide/index.html").read_text(encoding="utf-8")
    published = os.readlink(target)

    page = origin / "docs/2021/atgarder/1-4.md"
    page.write_text(page.read_text(encoding="utf-8").replace("status: genomford", "status: Klar"), encoding="utf-8")
    git(origin, "commit", "--quiet", "-am", "Fel status")
    broken = run_script()
    assert broken.returncode != 0
    assert "docs/2021/atgarder/1-4.md:8: status: 'Klar' är inte ett giltigt värde." in broken.stderr
    assert os.readlink(target) == published
    assert (tmp_path / "state/publicerad-commit").read_text().strip() != git(origin, "rev-parse", "HEAD")

"""`atgardsplan publish --to DIR`: readers never miss a page, and nothing but a checked build goes live."""

from __future__ import annotations

import fcntl
import functools
import os
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import docx
import pypdf
import pytest
from helpers import PROJECT, git

from actionplan.publishing import publish_site

PAGES = [
    "",
    "2021/statistik/",
    "2021/alla-atgarder/",
    "2021/atgarder/1-4/",
    "search/search_index.json",
    "assets/stylesheets/atgardsplan.css",
]
TITLE = "Uppföljning av åtgärdsplan mot segregation 2021"
# Bounds the readers' loops whatever happens to the publishes; each reader also
# pauses briefly between reads so that the bound is far beyond a publish's length.
MAX_READS = 200_000
PAUSE = 0.0005


def atgardsplan(project: Path, *args: str) -> subprocess.CompletedProcess:
    """The installed command, as the web server's timer runs it."""
    command = Path(sys.executable).parent / "atgardsplan"
    return subprocess.run(
        [str(command), "--root", str(project), *args], capture_output=True, text=True, encoding="utf-8"
    )


def published(target: Path) -> str:
    return os.readlink(target)


def versions(target: Path) -> list[str]:
    return sorted(os.listdir(f"{target}.versions"))


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class Readers:
    """An HTTP server on 127.0.0.1 serving DIR, one thread fetching pages through it, one reading files."""

    def __init__(self, target: Path) -> None:
        self.target = target
        self.failures: list[str] = []
        self.reads = 0
        self.stop = threading.Event()
        self.exhausted = threading.Event()
        handler = functools.partial(QuietHandler, directory=str(target))
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}/"
        self.threads = [
            threading.Thread(target=self.server.serve_forever, daemon=True),
            threading.Thread(target=self._fetch, daemon=True),
            threading.Thread(target=self._read_files, daemon=True),
        ]

    def __enter__(self) -> Readers:
        for thread in self.threads:
            thread.start()
        return self

    @property
    def covered_everything(self) -> bool:
        return not self.exhausted.is_set()

    def __exit__(self, *exc) -> None:
        self.stop.set()
        for thread in self.threads[1:]:
            thread.join(timeout=60)
        self.server.shutdown()
        self.server.server_close()

    def _fetch(self) -> None:
        for count in range(MAX_READS):
            if self.stop.is_set():
                return
            url = self.base + PAGES[count % len(PAGES)]
            try:
                with urllib.request.urlopen(url, timeout=30) as response:
                    if response.status != 200 or not response.read():
                        self.failures.append(f"{url}: {response.status}")
            except (urllib.error.URLError, OSError) as error:
                self.failures.append(f"{url}: {error}")
            self.reads += 1
            self.stop.wait(PAUSE)
        self.exhausted.set()

    def _read_files(self) -> None:
        for count in range(MAX_READS):
            if self.stop.is_set():
                return
            page = PAGES[count % len(PAGES)]
            path = self.target / page / "index.html" if not page or page.endswith("/") else self.target / page
            try:
                if not path.read_bytes():
                    self.failures.append(f"{path}: empty")
            except OSError as error:
                self.failures.append(f"{path}: {error}")
            self.reads += 1
            self.stop.wait(PAUSE)
        self.exhausted.set()


def test_readers_never_miss_a_page_while_publishing_and_rolling_back(project, tmp_path):
    target = tmp_path / "www" / "atgardsplan"
    first = atgardsplan(project, "publish", "--to", str(target))
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("Publicerade version 0001-")
    assert published(target).startswith("atgardsplan.versions/0001-")

    guide = project / "docs/redaktorsguide.md"
    with Readers(target) as readers:
        for number in (2, 3, 4):
            guide.write_text(guide.read_text(encoding="utf-8") + f"\nPubliceringsrunda {number}.\n", encoding="utf-8")
            result = atgardsplan(project, "publish", "--to", str(target))
            assert result.returncode == 0, result.stderr
        result = atgardsplan(project, "publish", "--to", str(target), "--rollback")
        assert result.returncode == 0, result.stderr
    assert readers.failures == []
    assert readers.reads > 0
    assert readers.covered_everything, "a reader stopped at its bound before the publishes ended"

    kept = versions(target)
    assert [name[:4] for name in kept] == ["0002", "0003", "0004"], "the three newest are kept"
    assert published(target) == f"atgardsplan.versions/{kept[1]}", "rollback goes to the previous version"
    assert result.stdout == f"Bytte tillbaka {target} från version {kept[2]} till {kept[1]}.\n"
    live = (target / "redaktorsguide/index.html").read_text(encoding="utf-8")
    assert "Publiceringsrunda 3." in live and "Publiceringsrunda 4." not in live


def test_a_failing_build_leaves_dir_as_it_was(project, tmp_path):
    target = tmp_path / "atgardsplan"
    assert atgardsplan(project, "publish", "--to", str(target)).returncode == 0
    before = (published(target), versions(target))

    page = project / "docs/2021/atgarder/1-4.md"
    page.write_text(page.read_text(encoding="utf-8").replace("status: genomford", "status: Klar"), encoding="utf-8")
    result = atgardsplan(project, "publish", "--to", str(target))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert lines[0] == f"Bygget misslyckades; {target} är oförändrad."
    assert "docs/2021/atgarder/1-4.md:8: status: 'Klar' är inte ett giltigt värde." in result.stderr
    assert (published(target), versions(target)) == before
    assert os.listdir(f"{target}.versions") == before[1], "no partial build is left beside the versions"


def test_the_build_runs_with_documents_switched_on(project, tmp_path):
    """Other parts of the build make documents and exports when ATGARDSPLAN_DOCUMENTS=1."""
    probe = project / "documents_probe.py"
    probe.write_text(
        "import os\nfrom pathlib import Path\n\n\n"
        "def on_post_build(config):\n"
        "    Path(config.site_dir, 'documents.txt').write_text(os.environ.get('ATGARDSPLAN_DOCUMENTS', 'saknas'))\n",
        encoding="utf-8",
    )
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("  - hooks.py\n", "  - hooks.py\n  - documents_probe.py\n"),
        encoding="utf-8",
    )
    target = tmp_path / "atgardsplan"
    result = atgardsplan(project, "publish", "--to", str(target))
    assert result.returncode == 0, result.stderr
    assert (target / "documents.txt").read_text() == "1"


def test_the_report_documents_written_beside_the_build_are_published_and_linked(project, tmp_path):
    target = tmp_path / "atgardsplan"
    result = atgardsplan(project, "publish", "--to", str(target))
    assert result.returncode == 0, result.stderr
    folder = target / "2021/rapport"
    page = (folder / "index.html").read_text(encoding="utf-8")
    assert 'href="rapport-2021.pdf"' in page and 'href="rapport-2021.docx"' in page
    assert pypdf.PdfReader(folder / "rapport-2021.pdf").metadata.title == TITLE
    assert docx.Document(folder / "rapport-2021.docx").core_properties.title == TITLE


def test_documents_that_cannot_be_written_leave_dir_as_it_was(project, tmp_path, monkeypatch):
    target = tmp_path / "atgardsplan"
    assert atgardsplan(project, "publish", "--to", str(target)).returncode == 0
    before = (published(target), versions(target))

    def failing_writer(root: Path, folder: Path, output, temporary: Path) -> subprocess.Popen:
        command = [sys.executable, "-c", "import sys; print('PDF kan inte skapas: WeasyPrint saknas.'); sys.exit(1)"]
        return subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, start_new_session=True)

    monkeypatch.setattr(publish_site, "_start_documents", failing_writer)
    with pytest.raises(publish_site.PublishFailed) as failure:
        publish_site.publish(project, target)
    assert failure.value.lines == [
        f"Bygget misslyckades; {target} är oförändrad.",
        "Rapporten som PDF och Word-fil kunde inte skapas.",
        "PDF kan inte skapas: WeasyPrint saknas.",
    ]
    assert (published(target), versions(target)) == before


def test_a_failing_build_ends_the_documents_process(project, tmp_path, monkeypatch):
    started: list[subprocess.Popen] = []

    def slow_writer(root: Path, folder: Path, output, temporary: Path) -> subprocess.Popen:
        command = [sys.executable, "-c", "import time; time.sleep(600)"]
        started.append(subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, start_new_session=True))
        return started[-1]

    monkeypatch.setattr(publish_site, "_start_documents", slow_writer)
    page = project / "docs/2021/atgarder/1-4.md"
    page.write_text(page.read_text(encoding="utf-8").replace("status: genomford", "status: Klar"), encoding="utf-8")
    with pytest.raises(publish_site.PublishFailed) as failure:
        publish_site.publish(project, tmp_path / "atgardsplan")
    assert failure.value.lines[0].startswith("Bygget misslyckades;")
    assert [process.poll() for process in started] == [-9]


def test_a_plain_folder_is_refused_and_left_alone(project, tmp_path):
    target = tmp_path / "atgardsplan"
    target.mkdir()
    (target / "index.html").write_text("gammal", encoding="utf-8")
    result = atgardsplan(project, "publish", "--to", str(target))
    assert result.returncode == 1
    assert result.stderr.startswith(f"{target} är en vanlig mapp, inte en symbolisk länk, och ändras inte.")
    assert f"mv {target} {target}.gammal" in result.stderr
    assert (target / "index.html").read_text(encoding="utf-8") == "gammal"
    assert not target.is_symlink()


def test_a_second_publish_waits_for_none_and_changes_nothing(project, tmp_path):
    target = tmp_path / "atgardsplan"
    Path(f"{target}.lock").touch()
    with open(f"{target}.lock") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        result = atgardsplan(project, "publish", "--to", str(target))
    assert result.returncode == 1
    assert result.stderr == (
        f"En annan publicering till {target} pågår (låsfilen {target}.lock är låst). Försök igen när den är klar.\n"
    )
    assert not os.path.lexists(target)


def test_rollback_without_an_earlier_version_says_so(project, tmp_path):
    target = tmp_path / "atgardsplan"
    result = atgardsplan(project, "publish", "--to", str(target), "--rollback")
    assert result.returncode == 1
    assert "det finns inget att byta tillbaka från" in result.stderr
    assert atgardsplan(project, "publish", "--to", str(target)).returncode == 0
    only = published(target)
    result = atgardsplan(project, "publish", "--to", str(target), "--rollback")
    assert result.returncode == 1
    assert "Det finns ingen äldre sparad version" in result.stderr
    assert published(target) == only


# The steps around the build, with a stand-in build that is quick.


@pytest.fixture
def bare(tmp_path: Path) -> Path:
    """A project folder beside the target, for the tests whose build and check are stand-ins."""
    (tmp_path / "projekt").mkdir()
    return tmp_path / "projekt"


def fake_build(root: Path, destination: Path, temporary: Path) -> list[str]:
    for name in publish_site.REQUIRED_FILES:
        (destination / name).parent.mkdir(parents=True, exist_ok=True)
        (destination / name).write_text(destination.name.removeprefix(publish_site.BUILDING_PREFIX), encoding="utf-8")
    return []


def no_problems(root: Path, temporary: Path) -> list[str]:
    return []


def test_only_the_three_newest_versions_are_kept(bare, tmp_path):
    target = tmp_path / "atgardsplan"
    for _ in range(5):
        publish_site.publish(bare, target, build=fake_build, check=no_problems)
    kept = versions(target)
    assert [name[:4] for name in kept] == ["0003", "0004", "0005"]
    assert published(target) == f"atgardsplan.versions/{kept[-1]}"
    assert (target / "index.html").read_text(encoding="utf-8") == kept[-1]


def test_a_failing_check_after_a_good_build_leaves_dir_as_it_was(bare, tmp_path):
    target = tmp_path / "atgardsplan"
    publish_site.publish(bare, target, build=fake_build, check=no_problems)
    before = (published(target), versions(target))
    with pytest.raises(publish_site.PublishFailed) as failure:
        publish_site.publish(bare, target, build=fake_build, check=lambda root, temporary: ["docs/x.md:1: status: fel"])
    assert failure.value.lines == [f"Kontrollen hittade problem; {target} är oförändrad.", "docs/x.md:1: status: fel"]
    assert (published(target), versions(target)) == before


def test_a_build_without_a_start_page_is_not_published(bare, tmp_path):
    target = tmp_path / "atgardsplan"

    def empty_build(root: Path, destination: Path, temporary: Path) -> list[str]:
        destination.mkdir()
        return []

    with pytest.raises(publish_site.PublishFailed) as failure:
        publish_site.publish(bare, target, build=empty_build, check=no_problems)
    assert failure.value.lines[0].startswith("Bygget saknar index.html, 404.html, search/search_index.json;")
    assert not os.path.lexists(target)
    assert versions(target) == []


def test_partial_builds_of_a_killed_publish_are_cleared(bare, tmp_path):
    target = tmp_path / "atgardsplan"
    publish_site.publish(bare, target, build=fake_build, check=no_problems)
    killed = Path(f"{target}.versions/.0002-20260101T000000Z.partial-abc123")
    killed.mkdir()
    publish_site.publish(bare, target, build=fake_build, check=no_problems)
    assert not killed.exists()


def test_uncommitted_content_is_published_only_when_allowed_and_the_name_says_so(tmp_path):
    project = tmp_path / "projekt"
    for name, text in [("docs/index.md", "# Start\n"), ("data/measures.yml", "statuses: []\n"), ("hooks.py", "")]:
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text(text, encoding="utf-8")
    git(project, "init", "-q", "-b", "main")
    git(project, "add", ".")
    git(project, "commit", "-q", "-m", "Start")
    commit = git(project, "rev-parse", "--short=12", "HEAD")
    target = tmp_path / "webb" / "atgardsplan"
    target.parent.mkdir()
    publish_site.publish(project, target, build=fake_build, check=no_problems)
    assert published(target).endswith(f"-{commit}")
    # An edited page and a new prose file, not committed: what would go live matches no commit.
    (project / "docs/index.md").write_text("# Start, ändrad\n", encoding="utf-8")
    (project / "data/2023").mkdir()
    (project / "data/2023/rapporttext.md").write_text("## 1 Inledning\n", encoding="utf-8")
    before = (published(target), versions(target))
    with pytest.raises(publish_site.PublishFailed) as failure:
        publish_site.publish(project, target, build=fake_build, check=no_problems)
    assert failure.value.lines == [
        "Inget publicerades: 2 filer i docs och data har ändringar som inte är incheckade (data/2023/rapporttext.md, "
        "docs/index.md). Den publicerade versionen skulle inte motsvara någon incheckning. Checka in ändringarna "
        "(git commit) och publicera igen, eller publicera ändå med --allow-dirty."
    ]
    assert (published(target), versions(target)) == before
    message = publish_site.publish(project, target, build=fake_build, check=no_problems, allow_dirty=True)
    assert published(target).endswith(f"-{commit}-med-andringar")
    assert message.endswith("Versionen innehåller ändringar som inte är incheckade (2 filer).")
    # A change outside the content (here the glue) is published, and the name still says what it holds.
    git(project, "add", ".")
    git(project, "commit", "-q", "-m", "Text")
    (project / "hooks.py").write_text("# ändrad\n", encoding="utf-8")
    publish_site.publish(project, target, build=fake_build, check=no_problems)
    assert published(target).endswith(f"-{git(project, 'rev-parse', '--short=12', 'HEAD')}-med-andringar")
    # The command line names the switch.
    from actionplan.commands.cli import _parser

    assert _parser().parse_args(["publish", "--to", str(target), "--allow-dirty"]).allow_dirty is True


def test_files_git_ignores_in_the_content_folders_are_refused_like_uncommitted_ones(tmp_path):
    """A folder named like a tool's (site/, __pycache__/) inside docs/ or data/ goes live: git must not hide it."""
    project = tmp_path / "projekt"
    for name, text in [("docs/index.md", "# Start\n"), ("data/measures.yml", "statuses: []\n"), ("hooks.py", "")]:
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text(text, encoding="utf-8")
    (project / ".gitignore").write_bytes((PROJECT / ".gitignore").read_bytes())
    git(project, "init", "-q", "-b", "main")
    git(project, "add", ".")
    git(project, "commit", "-q", "-m", "Start")
    commit = git(project, "rev-parse", "--short=12", "HEAD")
    # What the tools leave outside the content is ignored and no change: the build, the venv, the code's caches.
    for name in ["site/index.html", ".venv/bin/python", "node_modules/x/index.js", "__pycache__/hooks.cpython.pyc"]:
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text("x", encoding="utf-8")
    target = tmp_path / "webb" / "atgardsplan"
    publish_site.publish(project, target, build=fake_build, check=no_problems)
    assert published(target).endswith(f"-{commit}")

    planted = ["docs/site/evil.html", "data/node_modules/x.yml", "docs/2021/__pycache__/x.svg"]
    for name in planted:
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text("<script>alert(1)</script>", encoding="utf-8")
    before = (published(target), versions(target))
    with pytest.raises(publish_site.PublishFailed) as failure:
        publish_site.publish(project, target, build=fake_build, check=no_problems)
    assert failure.value.lines == [
        "Inget publicerades: 3 filer i docs och data har ändringar som inte är incheckade (data/node_modules/x.yml, "
        "docs/2021/__pycache__/x.svg, docs/site/evil.html). Den publicerade versionen skulle inte motsvara någon "
        "incheckning. Av dem ignoreras 1 av git (.gitignore), så git status visar dem inte och de kan inte checkas "
        "in, men bygget skulle publicera dem (docs/2021/__pycache__/x.svg): ta bort dem. Checka in ändringarna "
        "(git commit) och publicera igen, eller publicera ändå med --allow-dirty."
    ]
    assert (published(target), versions(target)) == before
    message = publish_site.publish(project, target, build=fake_build, check=no_problems, allow_dirty=True)
    assert published(target).endswith(f"-{commit}-med-andringar"), "the name says it holds what no commit does"
    assert message.endswith("Versionen innehåller ändringar som inte är incheckade (3 filer).")

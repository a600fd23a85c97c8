"""`atgardsplan publish` stopped or failing at any moment: no process left running, no unchecked version, one line.

A real publish is killed (SIGKILL, SIGTERM) while it builds, while its PDF
workers print and while it checks; the processes are found by a mark in
their environment, which every child inherits. Machine faults (a full disk,
a read-only folder) use small tmpfs mounts, which needs root (the tests
skip elsewhere).
"""

from __future__ import annotations

import functools
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from actionplan.publishing import build_output, interruption, publish_site

MARK = "ATGARDSPLAN_TESTPUBLICERING"
# What each moment's process runs (the launcher that ties a child to its parent is not the moment yet).
MOMENTS = {
    "bygget": "-m mkdocs build",
    "dokumenten": "-m actionplan.report.pdf_worker",
    "kontrollen": " check",
}


def publish_command(project: Path, target: Path, *args: str) -> list[str]:
    command = Path(sys.executable).parent / "atgardsplan"
    return [str(command), "--root", str(project), "publish", "--to", str(target), *args]


def atgardsplan(project: Path, target: Path, *args: str, env: dict[str, str] | None = None):
    return subprocess.run(
        publish_command(project, target, *args), capture_output=True, text=True, encoding="utf-8", env=env
    )


def marked(mark: str) -> list[str]:
    """The command lines of every live process whose environment holds the mark (zombies have none)."""
    found = []
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            environment = Path(entry.path, "environ").read_bytes().split(b"\0")
            command = Path(entry.path, "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if f"{MARK}={mark}".encode() in environment:
            found.append(f"{entry.name}: {command}")
    return found


def versions(target: Path) -> list[str]:
    return sorted(os.listdir(f"{target}.versions"))


def kill_at(project: Path, target: Path, environment: dict[str, str], moment: str, number: int):
    """Start a publish, kill it with `number` once the moment's process runs; its result."""
    publishing = subprocess.Popen(
        publish_command(project, target), env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    wanted = MOMENTS[moment]
    deadline = time.monotonic() + 120
    while publishing.poll() is None and time.monotonic() < deadline:
        running = marked(environment[MARK])
        if any(wanted in line and "child_processes.py" not in line for line in running):
            publishing.send_signal(number)
            break
        time.sleep(0.002)
    else:
        publishing.kill()
        publishing.communicate()
        pytest.fail(f"the publish ended before {moment} was seen running")
    stdout, stderr = publishing.communicate(timeout=60)
    return publishing.returncode, stdout, stderr


def survivors(mark: str, seconds: float = 3) -> list[str]:
    """The marked processes still running after a few seconds (a killed child needs a moment to go)."""
    deadline = time.monotonic() + seconds
    while (running := marked(mark)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return running


class Served:
    """DIR served on 127.0.0.1, as the web server would."""

    def __init__(self, folder: Path) -> None:
        class Quiet(SimpleHTTPRequestHandler):
            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def status(self, path: str) -> int:
        try:
            with urllib.request.urlopen(self.base + path, timeout=30) as response:
                response.read()
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.mark.parametrize("number", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_a_killed_publish_leaves_no_process_and_no_version_and_rollback_stays_on_checked_ones(
    project, tmp_path, number
):
    target = tmp_path / "www" / "atgardsplan"
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    mark = uuid.uuid4().hex
    environment = {**os.environ, MARK: mark, "TMPDIR": str(scratch), "NO_MKDOCS_2_WARNING": "1"}
    guide = project / "docs/redaktorsguide.md"
    for number_of_good in (1, 2):
        guide.write_text(guide.read_text(encoding="utf-8") + f"\nGod version {number_of_good}.\n", encoding="utf-8")
        assert atgardsplan(project, target, env=environment).returncode == 0
    good = versions(target)
    live = os.readlink(target)

    for moment in MOMENTS:
        status, _, stderr = kill_at(project, target, environment, moment, number)
        assert survivors(mark) == [], f"killed during {moment}"
        if number == signal.SIGTERM:
            assert (status, stderr) == (1, f"Publiceringen avbröts av signalen SIGTERM; {target} är oförändrad.\n")
            assert versions(target) == good, f"a stopped publish cleans up after itself ({moment})"
        else:
            assert status == -signal.SIGKILL
        assert publish_site.Target(target).kept() == good, f"killed during {moment}: nothing unchecked is a version"
        assert os.readlink(target) == live

    result = atgardsplan(project, target, env=environment)
    assert result.returncode == 0, result.stderr
    kept = versions(target)
    assert kept[:2] == good and len(kept) == 3, "what the killed publishes left is gone; the good ones are kept"
    assert os.listdir(scratch) == [], "no scratch outside DIR.versions"
    assert not [name for name in os.listdir(target.parent) if name.startswith(".")]

    result = atgardsplan(project, target, "--rollback", env=environment)
    assert result.returncode == 0, result.stderr
    assert os.readlink(target) == live, "rollback goes back to the last good version"
    served = Served(target)
    try:
        page = BeautifulSoup((target / "2021/rapport/index.html").read_text(encoding="utf-8"), "lxml")
        downloads = [a["href"] for a in page.find_all("a", href=True) if a["href"].endswith((".pdf", ".docx"))]
        assert len(downloads) >= 2
        assert {served.status(f"2021/rapport/{href}") for href in downloads} == {200}
    finally:
        served.close()


# Machine faults: the operator reads one Swedish line, nothing is left half-made.


def one_line(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.fixture
def mount(tmp_path):
    """mount(folder, options): a tmpfs at folder (root only: skipped when not root), unmounted afterwards."""
    mounted: list[Path] = []

    def make(folder: Path, options: str) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        result = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True)
        if result.returncode != 0:
            message = f"cannot mount a tmpfs here: {result.stderr.decode(errors='replace').strip()}"
            # Only a machine where the tests do not run as root may skip; CI runs them as root.
            if os.geteuid() == 0:
                pytest.fail(message)
            pytest.skip(message)
        mounted.append(folder)
        return folder

    yield make
    for folder in reversed(mounted):
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_a_full_disk_is_one_line_and_leaves_the_site_as_it_was(small, tmp_path, mount):
    disk = mount(tmp_path / "disk", "size=12m")
    target = disk / "atgardsplan"
    assert atgardsplan(small, target).returncode == 0
    before = (os.readlink(target), versions(target))
    # Fill the disk but for a few blocks: the next build cannot be written.
    with open(disk / "fyllnad", "wb") as filler:
        try:
            while True:
                filler.write(b"\0" * 65536)
                filler.flush()
        except OSError:
            pass
    (disk / "fyllnad").write_bytes((disk / "fyllnad").read_bytes()[:-131072])

    line = one_line(atgardsplan(small, target))
    assert line.startswith(f"Publiceringen avbröts: disken är full ({disk}/"), "names the path on the full disk"
    assert line.endswith(f"); {target} är oförändrad.")
    assert (os.readlink(target), versions(target)) == before, "the site stays up and nothing is left beside it"
    assert (target / "index.html").is_file()


def test_a_read_only_target_is_one_swedish_line_and_nothing_is_made(small, tmp_path, mount):
    target = mount(tmp_path / "skrivskyddad", "ro,size=1m") / "atgardsplan"
    line = one_line(atgardsplan(small, target))
    assert line == (
        f"Kan inte förbereda publiceringen bredvid {target}: filsystemet är skrivskyddat ({target}.versions)."
    )


def test_the_root_folder_is_refused_in_one_line():
    line = one_line(atgardsplan(Path.cwd(), Path("/")))
    assert line.startswith("/ kan inte bli den publicerade mappen: rotmappen kan inte bytas mot en symbolisk länk")
    assert not os.path.lexists("/.versions") and not os.path.lexists("/.lock")


@pytest.mark.parametrize("folder", ["docs", "site"])
def test_a_target_in_the_projects_docs_or_site_folder_is_refused_and_nothing_is_made(small, folder):
    target = small / folder / "ut"
    (small / folder).mkdir(exist_ok=True)
    before = sorted(os.listdir(small / folder))
    line = one_line(atgardsplan(small, target))
    assert line.startswith(f"{target} ligger i projektets mapp {folder}, ")
    assert line.endswith(
        "inget publicerades. Publicera till en mapp utanför projektet, till exempel /srv/atgardsplan/webb/atgardsplan."
    )
    assert sorted(os.listdir(small / folder)) == before


def tree(folder: Path) -> list[str]:
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*"))


@pytest.mark.parametrize("folder", ["data", "data/2021", "overrides", "glue", ".venv", ""])
def test_a_target_anywhere_in_the_project_is_refused_and_nothing_is_made(small, tmp_path, folder):
    """In data/ the versions were uncommitted changes to every later publish, in overrides/ part of the next build."""
    (small / ".venv").mkdir()
    before = tree(small)
    target = small / folder / "ut" if folder else small
    line = one_line(atgardsplan(small, target))
    where = "är projektets egen mapp" if not folder else f"ligger i projektet {small.resolve()}"
    assert line == (
        f"{target} {where}, där versionerna och låsfilen skulle bli en del av projektet (git ser dem som ändringar, "
        "bygget och nästa kopia av projektet tar med dem); inget publicerades. "
        "Publicera till en mapp utanför projektet, till exempel /srv/atgardsplan/webb/atgardsplan."
    )
    assert tree(small) == before
    # Reached through a symbolic link, it is the same folder.
    shortcut = tmp_path / "genvag"
    shortcut.symlink_to(small)
    line = one_line(atgardsplan(small, shortcut / folder / "ut"))
    assert line.startswith(f"{shortcut / folder / 'ut'} ligger i projektet {small.resolve()}, ")
    assert tree(small) == before


def test_a_rollback_with_nothing_to_roll_back_makes_nothing(tmp_path):
    target = tmp_path / "atgardsplan"
    line = one_line(atgardsplan(tmp_path, target, "--rollback"))
    assert line.endswith("det finns inget att byta tillbaka från.")
    assert os.listdir(tmp_path) == []


def test_the_operating_systems_error_is_found_at_the_end_of_a_traceback():
    output = (
        "INFO    -  Building documentation...\n"
        "Traceback (most recent call last):\n"
        '  File "x.py", line 1, in <module>\n'
        "    open('/srv/x/index.html', 'w').write(text)\n"
        "OSError: [Errno 28] No space left on device: '/srv/x/index.html'\n"
    )
    fault = build_output.os_fault(output)
    assert (fault.errno, fault.filename) == (28, "/srv/x/index.html")
    assert build_output.os_fault("ERROR - docs/a.md:3: status: fel\n") is None
    copied = output.replace(": '/srv/x/index.html'\n", ": '/venv/a.js' -> '/srv/x/a.js'\n")
    assert build_output.os_fault(copied).filename == "/srv/x/a.js", "the path written to, not the one read"
    other = output.replace("OSError: [Errno 28] No space left on device: '/srv/x/index.html'", "KeyError: 'x'")
    assert build_output.os_fault(other) is None
    assert build_output.problem_lines(other) == ["Ett oväntat fel stoppade det: KeyError: 'x'"]


def test_a_signal_while_a_child_starts_is_raised_after_and_one_during_the_switch_is_ignored():
    with interruption.signals_interrupt():
        started = []
        with pytest.raises(interruption.Interrupted) as stop, interruption.signals_held():
            os.kill(os.getpid(), signal.SIGTERM)
            started.append("the child is known")
        assert (stop.value.name, started) == ("SIGTERM", ["the child is known"])

    with interruption.signals_interrupt():
        with interruption.uninterrupted():
            os.kill(os.getpid(), signal.SIGHUP)
            switched = True
        assert switched
        with pytest.raises(interruption.Interrupted, match="SIGINT"):
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(1)
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler, "the handlers are put back"


def stand_in_build(root: Path, destination: Path, temporary: Path) -> list[str]:
    for name in publish_site.REQUIRED_FILES:
        (destination / name).parent.mkdir(parents=True, exist_ok=True)
        (destination / name).write_text("ersättning", encoding="utf-8")
    return []


@pytest.mark.parametrize("number", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_a_publish_killed_while_printing_leaves_nothing_in_the_tmpdir_it_was_started_with(small, tmp_path, number):
    """WeasyPrint keeps its font subsets (about 0.5 MB) in a folder of TMPDIR that only a clean exit removes."""
    target = tmp_path / "www" / "atgardsplan"
    started_with = tmp_path / "tmp"
    started_with.mkdir()
    mark = uuid.uuid4().hex
    environment = {**os.environ, MARK: mark, "TMPDIR": str(started_with), "NO_MKDOCS_2_WARNING": "1"}
    versions_folder = Path(f"{target}.versions")
    publishing = subprocess.Popen(
        publish_command(small, target), env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    fonts: list[Path] = []
    deadline = time.monotonic() + 120
    while publishing.poll() is None and time.monotonic() < deadline:
        fonts = [*started_with.glob("weasyprint-*"), *versions_folder.glob(".*/weasyprint-*")]
        if fonts:
            publishing.send_signal(number)
            break
        time.sleep(0.002)
    else:
        publishing.kill()
        publishing.communicate()
        pytest.fail("the publish ended before WeasyPrint made its folder of fonts")
    publishing.communicate(timeout=60)
    assert survivors(mark) == []
    assert os.listdir(started_with) == [], "nothing of the publish's children is left in the TMPDIR it was started with"
    assert fonts[0].parent.parent == versions_folder, "the children's TMPDIR is in DIR.versions"
    publish_site.publish(small, target, build=stand_in_build, check=lambda root, temporary: [])
    assert not list(versions_folder.glob(".*")), "the next publish removes whatever the killed one left"

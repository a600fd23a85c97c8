"""`atgardsplan publish --to DIR`: build, check and switch the published site in one step.

DIR is a symbolic link that the web server serves. Each publish builds the
whole site (with ATGARDSPLAN_DOCUMENTS=1, so that documents and exports are
made too; the report's PDF and Word files by a process of their own while
the site is built) into a hidden folder in `DIR.versions/` (`.bygge-<version>`),
runs `atgardsplan check`, makes sure the build holds a start page, and only
then renames the folder to its version name and points DIR at it: a new
link is made beside DIR and renamed over it, which the kernel does in one
step. A reader therefore always gets either the old or the new version,
never a missing file. Only a folder with a version name counts as a
version (for pruning and `--rollback`), so a build that was stopped halfway
never does. The three newest versions are kept (and always the one DIR
points at); `--rollback` points DIR at the previous one. A lock file,
`DIR.lock`, keeps two publishes from running at once; under it, whatever a
killed publish left (hidden folders in `DIR.versions/`, a half-made link
beside DIR) is removed first.

Every child process (the build, the check, the documents' process and its
PDF workers) is tied to its parent (actionplan.child_processes): it is
killed when the publish dies, even by SIGKILL. Each gets a TMPDIR in the
publish's own hidden folder in `DIR.versions/` (`.tmp-<version>`), so that
what a killed child leaves there (WeasyPrint's font subsets) is removed by
the next publish instead of piling up in /tmp. SIGTERM, SIGINT and SIGHUP
stop a publish like a failure (publishing.interruption).

Whatever fails, DIR is left as it was, every problem is printed on a line
of its own in Swedish, and the exit status is 1. No traceback: a fault of
the machine (a full disk, a read-only folder) is one line.
"""

from __future__ import annotations

import argparse
import fcntl
import glob
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from actionplan import gitdates, settings
from actionplan.child_processes import tied_to_this_process
from actionplan.editing.os_errors import os_error_text
from actionplan.publishing import build_output, folder_swap
from actionplan.publishing.interruption import Interrupted, signals_held, signals_interrupt, uninterrupted

KEEP = 3
# Where DIR belongs, said by every refusal of a DIR inside the project.
_OUTSIDE = "Publicera till en mapp utanför projektet, till exempel /srv/atgardsplan/webb/atgardsplan."
VERSIONS_SUFFIX = ".versions"
LOCK_SUFFIX = ".lock"
# The switch of environment under which the build also makes documents and exports.
DOCUMENTS_VARIABLE = "ATGARDSPLAN_DOCUMENTS"
# ...and the one under which it links the report documents but leaves their writing to this command
# (actionplan.report.site_report reads both; not imported from there, so that other commands need not load it).
DOCUMENTS_ELSEWHERE_VARIABLE = "ATGARDSPLAN_DOCUMENTS_ELSEWHERE"
# A version folder: sequence number, UTC time, the git commit where there is one, and DIRTY_MARK when the
# tree held changes that commit does not (so that the name says what the version holds).
DIRTY_MARK = "-med-andringar"
_VERSION = re.compile(rf"^(\d+)-\d{{8}}T\d{{6}}Z(-[0-9a-f]+)?({DIRTY_MARK})?$")
# A version is built into a hidden folder and gets its name only once it has passed every check. Every
# hidden name in DIR.versions is a publish's work in progress (also the documents' scratch, SCRATCH_PREFIX,
# and the glue's staging beside the build), removed by the next publish while it holds the lock.
BUILDING_PREFIX = ".bygge-"
SCRATCH_PREFIX = ".dokument-"
# The children's TMPDIR (see mkdocs_build): what they leave there goes with the rest of a publish's work.
TEMPORARY_PREFIX = ".tmp-"
# The editors' folders: a publish of changes to them that are not committed is refused unless allowed.
CONTENT_FOLDERS = ("data",)
# What a build must hold before DIR may point at it.
REQUIRED_FILES = ("index.html", "404.html", "search/search_index.json")

# build(root, destination, temporary) and check(root, temporary) return problem lines; none means success.
# `temporary` is the folder their children are to use as TMPDIR.
Step = Callable[..., list[str]]


class PublishFailed(Exception):
    """Publishing stopped and DIR is as it was; `lines` are the Swedish lines to print."""

    def __init__(self, *lines: str) -> None:
        super().__init__("\n".join(lines))
        self.lines = list(lines)


def run(root: Path, arguments: argparse.Namespace) -> int:
    """The command: one Swedish line per outcome or problem, exit status 0 or 1."""
    try:
        with signals_interrupt():
            if arguments.rollback:
                message = rollback(arguments.to)
            else:
                message = publish(root, arguments.to, allow_dirty=arguments.allow_dirty)
    except PublishFailed as failure:
        for line in failure.lines:
            print(line, file=sys.stderr)
        return 1
    except Interrupted as stop:
        # Before the lock was taken or after it was let go: nothing of DIR's was touched.
        print(f"Publiceringen avbröts av signalen {stop.name}; {arguments.to} är oförändrad.", file=sys.stderr)
        return 1
    except OSError as error:
        # Only outside the build and the switch (those say DIR is unchanged), e.g. reading DIR.versions.
        print(f"Publiceringen avbröts: {_describe(error)}.", file=sys.stderr)
        return 1
    print(message)
    return 0


class Target:
    """DIR and what lives beside it: `DIR.versions/` and `DIR.lock`."""

    def __init__(self, path: Path) -> None:
        # Absolute, but the link itself: never resolved.
        self.link = Path(os.path.abspath(path))
        if not self.link.name:
            raise PublishFailed(
                f"{self.link} kan inte bli den publicerade mappen: rotmappen kan inte bytas mot en symbolisk länk "
                "och har ingen mapp bredvid sig för versionerna. Ange en mapp under den, "
                "till exempel /srv/atgardsplan/webb/atgardsplan."
            )
        self.versions = self.link.with_name(self.link.name + VERSIONS_SUFFIX)
        self.lock = self.link.with_name(self.link.name + LOCK_SUFFIX)

    def kept(self) -> list[str]:
        """The version folders (each has passed every check), oldest first."""
        if not self.versions.is_dir():
            return []
        names = [p.name for p in self.versions.iterdir() if _VERSION.match(p.name) and p.is_dir()]
        return sorted(names, key=_sequence)

    def current(self) -> str | None:
        """The version DIR points at, or None (no link, or a link elsewhere)."""
        if not self.link.is_symlink():
            return None
        pointed = Path(os.path.normpath(self.link.parent / os.readlink(self.link)))
        if pointed.parent == self.versions and _VERSION.match(pointed.name):
            return pointed.name
        return None

    def switch_to(self, version: str) -> None:
        """Point DIR at a kept version in one step (relative link, so the folders can move together)."""
        folder_swap.point_link(self.link, f"{self.versions.name}/{version}")

    def refuse_plain_folder(self) -> None:
        if os.path.lexists(self.link) and not self.link.is_symlink():
            kind = "en vanlig mapp" if self.link.is_dir() else "en fil"
            raise PublishFailed(
                f"{self.link} är {kind}, inte en symbolisk länk, och ändras inte. "
                f"Publiceringen byter ut {self.link.name} mot en länk till den nya versionen i ett steg. "
                f"Flytta undan den en gång (mv {self.link} {self.link}.gammal) och kör kommandot igen "
                "(webbservern svarar då 404 tills den första publiceringen är klar)."
            )

    def refuse_project_folders(self, root: Path) -> None:
        """DIR, and so DIR.versions and DIR.lock beside it, must lie outside the project (`root`, resolved).

        Anywhere inside, the project takes them for its own: in data/ git
        sees them as uncommitted (every later publish is refused), overrides/
        copies a whole earlier site into the next build, and a fresh checkout
        or copy of the project carries them along. The docs folder and
        site_dir are named with their own reason, and checked also where the
        configuration puts them outside the project.
        """
        config = root / settings.CONFIG_FILE
        # The link itself is never resolved (it is what the publish replaces); the folders above it are.
        where = Path(os.path.realpath(self.link.parent)) / self.link.name
        folders = [
            (settings.docs_dir(config), "som bygget läser sidorna från (versionerna skulle bli sidor i nästa bygge)"),
            (settings.site_dir(config), "som mkdocs build ersätter vid varje bygge"),
        ]
        for name, why in folders:
            folder = Path(os.path.realpath(root / name))
            if where.is_relative_to(folder):
                raise PublishFailed(
                    f"{self.link} ligger i projektets mapp {name}, {why}; inget publicerades. {_OUTSIDE}"
                )
        if where.is_relative_to(root):
            inside = "är projektets egen mapp" if where == root else f"ligger i projektet {root}"
            raise PublishFailed(
                f"{self.link} {inside}, där versionerna och låsfilen skulle bli en del av projektet "
                f"(git ser dem som ändringar, bygget och nästa kopia av projektet tar med dem); inget publicerades. "
                f"{_OUTSIDE}"
            )

    def remove_leftovers(self) -> None:
        """What a killed publish left: hidden folders in DIR.versions, a half-made link beside DIR.

        Only while holding the lock, so that no running publish owns them.
        """
        if self.versions.is_dir():
            for path in self.versions.iterdir():
                if path.name.startswith("."):
                    folder_swap.remove(path)
        for path in self.link.parent.glob(f".{glob.escape(self.link.name)}{folder_swap.LINK_MARK}*"):
            folder_swap.remove(path)


def publish(
    root: Path, to: Path, *, build: Step | None = None, check: Step | None = None, allow_dirty: bool = False
) -> str:
    """Build into a new version, check it, switch DIR to it, keep the newest three. Returns the message.

    DIR must lie outside the project. In a git work tree, uncommitted
    changes to the editors' files (the docs folder and data/, their
    git-ignored files included) are refused unless `allow_dirty`: the
    published site would match no commit, and the next pull would publish
    something else. Both are refused before anything is made.
    """
    build = build or mkdocs_build
    check = check or atgardsplan_check
    root = root.resolve()
    target = Target(to)
    target.refuse_project_folders(root)
    changed, ignored = _uncommitted(root)
    content = _content(root, changed or set())
    if content and not allow_dirty:
        raise PublishFailed(_uncommitted_refusal(root, content, ignored))
    target.refuse_plain_folder()
    started = time.monotonic()
    with _locked(target, prepare=True):
        target.refuse_plain_folder()  # again, now that no other publish can change it
        target.remove_leftovers()
        name = _new_version_name(root, target.kept(), dirty=bool(changed))
        # Built under a hidden name: until it has passed every check, nothing takes it for a version.
        building = target.versions / f"{BUILDING_PREFIX}{name}"
        temporary = target.versions / f"{TEMPORARY_PREFIX}{name}"
        try:
            temporary.mkdir()
            problems = build(root, building, temporary)
            if problems:
                raise PublishFailed(f"Bygget misslyckades; {target.link} är oförändrad.", *problems)
            problems = check(root, temporary)
            if problems:
                raise PublishFailed(f"Kontrollen hittade problem; {target.link} är oförändrad.", *problems)
            folder_swap.remove(temporary)
            missing = [f for f in REQUIRED_FILES if not (building / f).is_file()]
            if missing:
                raise PublishFailed(
                    f"Bygget saknar {', '.join(missing)}; {target.link} är oförändrad.",
                )
            with uninterrupted():
                os.rename(building, target.versions / name)
                try:
                    target.switch_to(name)
                except OSError:
                    folder_swap.remove(target.versions / name)
                    raise
                removed = _prune(target)
        except PublishFailed:
            target.remove_leftovers()  # the build and what its killed children left beside it
            raise
        except Interrupted as stop:
            target.remove_leftovers()
            raise PublishFailed(
                f"Publiceringen avbröts av signalen {stop.name}; {target.link} är oförändrad."
            ) from None
        except OSError as error:
            target.remove_leftovers()
            raise PublishFailed(f"Publiceringen avbröts: {_describe(error)}; {target.link} är oförändrad.") from None
    seconds = f"{time.monotonic() - started:.1f}".replace(".", ",")
    kept = ", ".join(target.kept())
    note = f" Tog bort: {', '.join(removed)}." if removed else ""
    if changed:
        note += f" Versionen innehåller ändringar som inte är incheckade ({len(changed)} filer)."
    return f"Publicerade version {name} i {target.link} ({seconds} s). Sparade versioner: {kept}.{note}"


def rollback(to: Path) -> str:
    """Point DIR at the newest kept version older than the one it points at now."""
    target = Target(to)
    target.refuse_plain_folder()
    _previous(target)  # refused before the lock, so that a rollback with nothing to go back to creates nothing
    with _locked(target, prepare=False):
        current, previous = _previous(target)  # again, now that no publish can change them
        try:
            with uninterrupted():
                target.switch_to(previous)
        except OSError as error:
            raise PublishFailed(f"Bytet avbröts: {_describe(error)}; {target.link} är oförändrad.") from None
    return f"Bytte tillbaka {target.link} från version {current} till {previous}."


def _previous(target: Target) -> tuple[str, str]:
    """The version DIR points at and the newest kept one before it; refused where there is none."""
    current = target.current()
    if current is None:
        raise PublishFailed(
            f"{target.link} pekar inte på någon sparad version i {target.versions}; "
            "det finns inget att byta tillbaka från."
        )
    kept = target.kept()
    older = kept[: kept.index(current)] if current in kept else []
    if not older:
        raise PublishFailed(
            f"Det finns ingen äldre sparad version än {current} i {target.versions}; {target.link} är oförändrad."
        )
    return current, older[-1]


def mkdocs_build(root: Path, destination: Path, temporary: Path) -> list[str]:
    """`mkdocs build` of the project into `destination`, documents included; the problem lines if it fails.

    The report's PDF and Word files need nothing from the build, and their PDF
    takes longer than the rest of it (WeasyPrint, on one core). So a process
    of their own (actionplan.publishing.documents_process) writes them meanwhile into a
    scratch folder beside the build (hidden, so that a killed publish's scratch
    is removed by the next one, and on the same file system, so that they are
    moved, not copied), on the other core, and they are moved into the build
    when both are done; the build links them but leaves them out
    (ATGARDSPLAN_DOCUMENTS_ELSEWHERE). Both, and the documents' PDF workers,
    which inherit it, use `temporary` as TMPDIR. A fault of the machine in
    either (a full disk) is raised as the OSError it was.
    """
    destination.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=SCRATCH_PREFIX, dir=destination.parent) as scratch:
        documents, log = Path(scratch, "dokument"), Path(scratch, "logg")
        writer = None
        try:
            # A signal while it starts waits until `writer` is known, so that the finally below ends it.
            with open(log, "wb") as output, signals_held():
                writer = _start_documents(root, documents, output, temporary)
            environment = {**_child_environment(temporary), DOCUMENTS_VARIABLE: "1", "NO_MKDOCS_2_WARNING": "1"}
            environment.update({"NO_COLOR": "1", DOCUMENTS_ELSEWHERE_VARIABLE: "1"})
            command = [sys.executable, "-m", "mkdocs", "build", "--clean"]
            command += ["-f", str(root / "mkdocs.yml"), "-d", str(destination)]
            result = _run(command, root, environment)
            if result.returncode != 0 or not destination.is_dir():
                return _failure_lines(
                    result.stdout + result.stderr, f"mkdocs build avslutades med status {result.returncode}."
                )
            status = writer.wait()
        finally:
            if writer is not None:
                _stop(writer)
        if status != 0:
            problems = _failure_lines(log.read_text(encoding="utf-8", errors="replace"))
            return ["Rapporten som PDF och Word-fil kunde inte skapas.", *problems]
        _move_into(documents, destination)
    return []


def _failure_lines(output: str, otherwise: str | None = None) -> list[str]:
    """A failed child's problem lines (or `otherwise`); a fault of the machine is raised as its OSError."""
    fault = build_output.os_fault(output)
    if fault is not None:
        raise fault
    return build_output.problem_lines(output) or ([otherwise] if otherwise else [])


def _move_into(documents: Path, destination: Path) -> None:
    """Move the documents' files into the build, folder by folder (renames: the same file system)."""
    if not documents.is_dir():
        return
    for path in sorted(documents.rglob("*")):
        if path.is_file():
            moved = destination / path.relative_to(documents)
            moved.parent.mkdir(parents=True, exist_ok=True)
            os.replace(path, moved)


def _start_documents(root: Path, folder: Path, output: IO[bytes], temporary: Path) -> subprocess.Popen[bytes]:
    """The process writing every year's report documents into `folder`, with the project's own package."""
    command = [sys.executable, "-m", "actionplan.publishing.documents_process", str(root), str(folder)]
    environment = {**_child_environment(temporary), "PYTHONPATH": _with_root(root)}
    try:
        # A session of its own, so that _stop ends its PDF workers with it.
        return subprocess.Popen(
            tied_to_this_process(command),
            cwd=root,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    except OSError as error:
        raise PublishFailed(f"Kunde inte starta {command[0]}: {_describe(error)}.") from None


def _stop(process: subprocess.Popen[bytes] | subprocess.Popen[str]) -> None:
    """End a child and its own children if it still runs (the build failed, or publishing stopped).

    Each child leads a process group of its own (start_new_session), so the
    whole group goes, the documents' PDF workers with it.
    """
    if process.poll() is None:
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def atgardsplan_check(root: Path, temporary: Path) -> list[str]:
    """`atgardsplan check`, as its own process; the problem lines if it finds any."""
    command = [sys.executable, "-m", "actionplan", "--root", str(root), "check"]
    result = _run(command, root, {**_child_environment(temporary), "PYTHONPATH": _with_root(root)})
    if result.returncode == 0:
        return []
    return _failure_lines(result.stdout + result.stderr, f"Kontrollen avslutades med status {result.returncode}.")


def _run(command: list[str], root: Path, environment: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run a child to its end, tied to this process and in a group of its own; ended with it if interrupted."""
    process = None
    try:
        # A signal while it starts waits until `process` is known, so that the finally below ends it.
        with signals_held():
            process = subprocess.Popen(
                tied_to_this_process(command),
                cwd=root,
                env=environment,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                encoding="utf-8",
                errors="replace",
                start_new_session=True,
            )
        stdout, stderr = process.communicate()
    except OSError as error:
        if process is None:
            raise PublishFailed(f"Kunde inte starta {command[0]}: {_describe(error)}.") from None
        raise
    finally:
        if process is not None:
            _stop(process)
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


def _child_environment(temporary: Path) -> dict[str, str]:
    """This process's environment with `temporary` as TMPDIR, for a child and (inherited) its children.

    Python's tempfile, and so WeasyPrint's folder of font subsets, takes
    TMPDIR when it exists and is writable (else it quietly falls back on
    /tmp: the publish makes it first). A child killed with the publish
    cannot clean up; in DIR.versions, the next publish does.
    """
    return {**os.environ, "TMPDIR": str(temporary)}


def _with_root(root: Path) -> str:
    """PYTHONPATH with the project first, so that its own package runs even where it is not installed."""
    existing = os.environ.get("PYTHONPATH")
    return os.pathsep.join([str(root), existing] if existing else [str(root)])


def _new_version_name(root: Path, kept: list[str], dirty: bool = False) -> str:
    """NNNN-<UTC time>-<commit>, with DIRTY_MARK when the tree differs from that commit."""
    sequence = _sequence(kept[-1]) + 1 if kept else 1
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    commit = _commit(root)
    if not commit:
        return f"{sequence:04d}-{stamp}"
    return f"{sequence:04d}-{stamp}-{commit}" + (DIRTY_MARK if dirty else "")


def _uncommitted(root: Path) -> tuple[set[str] | None, set[str]]:
    """(files of the project that differ from its commit or are new; the content's files git ignores), relative.

    The first is None outside git. An ignored file in the docs folder or
    data/ (`.gitignore`'s `__pycache__/` matches at any depth) never shows
    in git status, yet the build reads it and it goes live, so it counts
    as a change too. Ignored files elsewhere (the code's `__pycache__`, the
    venv) are not content.
    """
    changed = gitdates.changed_files(root)
    if changed is None:
        return None, set()
    ignored = gitdates.ignored_files(root, _content_folders(root)) or set()
    return changed | ignored, ignored


def _uncommitted_refusal(root: Path, content: set[str], ignored: set[str]) -> str:
    """The line refusing to publish uncommitted content (and ignored content, which no commit can hold)."""
    line = (
        f"Inget publicerades: {len(content)} filer i {' och '.join(_content_folders(root))} har ändringar som "
        f"inte är incheckade ({_first_few(content)}). Den publicerade versionen skulle inte motsvara någon "
        "incheckning. "
    )
    hidden = content & ignored
    if hidden:
        line += (
            f"Av dem ignoreras {len(hidden)} av git (.gitignore), så git status visar dem inte och de kan inte "
            f"checkas in, men bygget skulle publicera dem ({_first_few(hidden)}): ta bort dem. "
        )
    return line + "Checka in ändringarna (git commit) och publicera igen, eller publicera ändå med --allow-dirty."


def _first_few(paths: set[str], shown: int = 5) -> str:
    """The first paths in order and how many more there are: a line stays a line."""
    first = ", ".join(sorted(paths)[:shown])
    return first + (f" och {len(paths) - shown} till" if len(paths) > shown else "")


def _content_folders(root: Path) -> list[str]:
    return [settings.docs_dir(root / settings.CONFIG_FILE), *CONTENT_FOLDERS]


def _content(root: Path, changed: set[str]) -> set[str]:
    """The changed files that are the editors' content."""
    folders = tuple(f"{folder}/" for folder in _content_folders(root))
    return {path for path in changed if path.startswith(folders)}


def _sequence(version: str) -> int:
    """A version folder's sequence number (the names are checked against _VERSION before)."""
    match = _VERSION.match(version)
    return int(match[1]) if match else 0


def _commit(root: Path) -> str | None:
    """The checked-out commit (12 hex digits), where the project is a git work tree and git exists."""
    try:
        result = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--short=12", "HEAD"], capture_output=True, text=True
        )
    except OSError:
        return None
    commit = result.stdout.strip()
    return commit if result.returncode == 0 and re.fullmatch(r"[0-9a-f]+", commit) else None


def _prune(target: Target) -> list[str]:
    """Delete all but the newest KEEP versions, never the one DIR points at."""
    current = target.current()
    kept = target.kept()
    removed = [name for name in kept[:-KEEP] if name != current]
    for name in removed:
        folder_swap.remove(target.versions / name)
    return removed


@contextmanager
def _locked(target: Target, *, prepare: bool) -> Iterator[None]:
    """Hold DIR.lock for the whole publish; refuse at once if another publish holds it.

    `prepare` makes DIR.versions (a publish); a rollback only ever uses what is there.
    """
    try:
        if prepare:
            target.versions.mkdir(parents=True, exist_ok=True)
        handle = open(target.lock, "a")  # noqa: SIM115 - held open for the lock's lifetime
    except OSError as error:
        raise PublishFailed(f"Kan inte förbereda publiceringen bredvid {target.link}: {_describe(error)}.") from None
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise PublishFailed(
                f"En annan publicering till {target.link} pågår (låsfilen {target.lock} är låst). "
                "Försök igen när den är klar."
            ) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _describe(error: OSError) -> str:
    """The error in Swedish (actionplan.editing.os_errors), with the path it concerns."""
    where = f" ({error.filename})" if error.filename else ""
    return f"{os_error_text(error)}{where}"

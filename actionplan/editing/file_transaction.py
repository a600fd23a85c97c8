"""Write several of the editors' files all or nothing, also when a rename fails or the process is killed.

Every command that writes the editors' files (import, new-year, new, forms)
writes through `writing(...)`: one lock per project, and a journal that
makes a write of many files one step.

1. Every new text is written to a staging folder, `.atgardsplan-skrivning/`
   in the project's root (outside the docs folder, so neither `check` nor
   the build ever reads it; git-ignored), and flushed to disk. Each file it
   replaces keeps its original there too (a hard link, or a copy).
2. A journal naming every target, its staged and original copy and the new
   text's checksum is written and flushed. From here on a crash is undone.
3. The staged files are renamed over their targets, one atomic rename each.
4. The journal is deleted: the write is done. Then the staging folder goes.

A rename that fails (an immutable file, an I/O error, a full disk) or an
interrupt puts back every file already renamed, at once, from the
originals. A process killed during step 3 leaves the journal behind: the
next command that writes (it takes the lock first, so the journal's owner
is dead) puts back every file that still holds what the killed command
wrote, and says so. A target changed by someone in between is left as it is
and named. Staging left by a crash before step 2 is simply deleted.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import IO

from actionplan.editing.os_errors import os_error_text

WORK_FOLDER = ".atgardsplan-skrivning"
_LOCK = "lås"
_JOURNAL = "journal.json"
_TRANSACTION = "skrivning-"


class WriteFailed(Exception):
    """Nothing was written (or everything was put back); the message says why, in Swedish."""


@dataclass(frozen=True)
class Recovery:
    """What an earlier, interrupted write had done, and what was put back."""

    command: str
    started: str
    total: int
    restored: tuple[str, ...]
    kept: tuple[str, ...]  # changed by someone after the interruption: left as they are

    def message(self) -> str:
        lines = [
            f"Ett tidigare kommando ({self.command}, startat {self.started}) avbröts efter att ha skrivit "
            f"{len(self.restored) + len(self.kept)} av {self.total} filer."
        ]
        if self.restored:
            lines.append("Återställt som före det: " + ", ".join(self.restored) + ".")
        if self.kept:
            lines.append("Ändrat efter avbrottet och lämnat som det är (kontrollera): " + ", ".join(self.kept) + ".")
        return "\n".join(lines)


@dataclass(frozen=True)
class _Entry:
    target: str  # relative to the root, POSIX
    staged: str  # name in the transaction's folder
    original: str | None  # name of the kept original, None for a new file
    checksum: str  # sha256 of the new text
    original_checksum: str | None  # sha256 of the original


@dataclass
class Writer:
    """Writes file sets into `root` while the lock is held (see `writing`)."""

    root: Path
    work: Path
    command: str
    recovered: list[Recovery] = field(default_factory=list)

    def write(self, files: Mapping[str, bytes], *, new: Collection[str] = ()) -> None:
        """Write every file (path relative to the root, POSIX: bytes), all or nothing.

        The files are renamed into place in the order given. A path in `new`
        must not exist yet. WriteFailed when nothing could be written, or
        when what was written had to be put back.
        """
        if not files:
            return
        transaction = self._stage(files, new)
        entries, folders = transaction.entries, transaction.folders
        done: list[_Entry] = []
        current = entries[0].target
        try:
            for folder in folders:
                current = folder
                os.mkdir(self.root / folder)
            for entry in entries:
                current = entry.target
                os.replace(transaction.path / entry.staged, self.root / entry.target)
                done.append(entry)
            _sync_folders(self.root, entries)
            # The commit point: without its journal the transaction is finished.
            os.unlink(transaction.path / _JOURNAL)
        except BaseException as error:
            left = _roll_back(self.root, transaction.path, done, folders)
            if not left:
                shutil.rmtree(transaction.path, ignore_errors=True)
            if not isinstance(error, OSError):
                raise  # an interrupt: put back, then let it end the command
            if left:
                raise WriteFailed(
                    f"Kunde inte skriva {current} ({os_error_text(error)}). Dessutom kunde {', '.join(left)} inte "
                    f"återställas; originalen finns kvar i {self._shown(transaction.path)} och återställs nästa "
                    "gång ett atgardsplan-kommando som skriver körs."
                ) from None
            raise WriteFailed(
                f"Kunde inte skriva {current} ({os_error_text(error)}). Inget har ändrats: de filer som redan hade "
                "skrivits är återställda."
            ) from None
        shutil.rmtree(transaction.path, ignore_errors=True)

    def _stage(self, files: Mapping[str, bytes], new: Collection[str]) -> _Transaction:
        for relative in files:
            target = self._target(relative)
            if os.path.lexists(target):
                if relative in new:
                    raise WriteFailed(f"{relative} finns redan och skrivs inte över.")
                if target.is_symlink() or not target.is_file():
                    raise WriteFailed(f"{relative} är ingen vanlig fil (en länk eller en mapp) och skrivs inte över.")
        try:
            path = Path(tempfile.mkdtemp(prefix=_TRANSACTION, dir=self.work))
        except OSError as error:
            shown = self._shown(self.work)
            raise WriteFailed(f"Inget skrevs: kan inte skapa {shown} ({os_error_text(error)}).") from None
        try:
            entries = []
            for index, (relative, data) in enumerate(files.items()):
                target = self.root / relative
                staged = path / f"ny-{index}"
                with open(staged, "xb") as stream:
                    stream.write(data)
                original = original_checksum = None
                if target.exists():
                    shutil.copymode(target, staged)
                    original = f"original-{index}"
                    _keep_original(target, path / original)
                    original_checksum = _checksum(path / original)
                checksum = hashlib.sha256(data).hexdigest()
                entries.append(_Entry(relative, staged.name, original, checksum, original_checksum))
            _flush_files([path / entry.staged for entry in entries])
            folders = _missing_folders(self.root, [entry.target for entry in entries])
            journal = {
                "command": self.command,
                "started": datetime.now().strftime("%Y-%m-%d %H:%M"),
                "folders": folders,
                "entries": [entry.__dict__ for entry in entries],
            }
            _write_synced(path / (_JOURNAL + ".ny"), json.dumps(journal, ensure_ascii=False, indent=1).encode())
            os.replace(path / (_JOURNAL + ".ny"), path / _JOURNAL)
            _sync_folder(path)
        except OSError as error:
            shutil.rmtree(path, ignore_errors=True)
            raise WriteFailed(f"Inget skrevs: kan inte förbereda skrivningen ({os_error_text(error)}).") from None
        return _Transaction(path, entries, folders)

    def _target(self, relative: str) -> Path:
        parts = PurePosixPath(relative).parts
        if not parts or PurePosixPath(relative).is_absolute() or ".." in parts or parts[0] == WORK_FOLDER:
            raise ValueError(f"not a path inside the project: {relative!r}")  # a programming error, not input
        return self.root / relative

    def _shown(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)


@dataclass(frozen=True)
class _Transaction:
    path: Path
    entries: list[_Entry]
    folders: list[str]


@contextlib.contextmanager
def writing(root: Path, command: str) -> Iterator[Writer]:
    """Hold the root's write lock, put back what an interrupted write left, and give a Writer.

    A second command meanwhile is refused at once (WriteFailed). What was
    put back is in `Writer.recovered`, for the command to say. Nothing is
    left behind: the staging folder goes when the command is done.
    """
    work = root / WORK_FOLDER
    handle = _take_lock(root, work)
    with handle:
        try:
            writer = Writer(root, work, command)
            writer.recovered = _recover(root, work)
            yield writer
        finally:
            # Removed while the lock is still held: a command that opened the lock file meanwhile
            # finds, once it holds that lock, that the file is gone, and starts over (_take_lock).
            if not any(path.name != _LOCK for path in work.iterdir()):
                with contextlib.suppress(OSError):
                    (work / _LOCK).unlink()
                    work.rmdir()
            _unlock(handle)


def _take_lock(root: Path, work: Path) -> IO[bytes]:
    busy = "Ett annat atgardsplan-kommando skriver i projektet just nu. Vänta tills det är klart och försök igen."
    for _ in range(10):
        try:
            work.mkdir(exist_ok=True)
            handle = open(work / _LOCK, "a+b")  # noqa: SIM115 - held open for the lock's lifetime
        except OSError as error:
            message = f"Inget skrevs: kan inte skapa {WORK_FOLDER} i {root} ({os_error_text(error)})."
            raise WriteFailed(message) from None
        if not _lock(handle):
            handle.close()
            raise WriteFailed(busy)
        try:
            current = os.path.samestat(os.fstat(handle.fileno()), os.stat(work / _LOCK))
        except OSError:
            current = False
        if current:
            return handle
        _unlock(handle)
        handle.close()
    raise WriteFailed(busy)


def _recover(root: Path, work: Path) -> list[Recovery]:
    """Undo every transaction a killed process left (the lock is held: none is running)."""
    recovered = []
    for path in sorted(work.glob(_TRANSACTION + "*")):
        journal = path / _JOURNAL
        if journal.is_file():
            try:
                saved = json.loads(journal.read_text(encoding="utf-8"))
                entries = [_Entry(**entry) for entry in saved["entries"]]
                folders = [str(folder) for folder in saved["folders"]]
            except (OSError, ValueError, KeyError, TypeError):
                raise WriteFailed(
                    f"{WORK_FOLDER}/{path.name}/{_JOURNAL} från ett avbrutet kommando går inte att läsa. Kontrollera "
                    f"filerna med git status och ta sedan bort mappen {WORK_FOLDER}/{path.name}."
                ) from None
            recovered.append(_undo(root, path, entries, folders, saved))
        shutil.rmtree(path, ignore_errors=True)
    return [r for r in recovered if r.restored or r.kept]


def _undo(root: Path, path: Path, entries: list[_Entry], folders: list[str], saved: dict[str, object]) -> Recovery:
    restored, kept = [], []
    for entry in reversed(entries):
        if not _inside(entry.target):
            continue
        target = root / entry.target
        current = _checksum(target)
        if current == entry.original_checksum:
            continue  # not replaced yet, or already put back
        if current != entry.checksum:
            if current is not None:
                kept.append(entry.target)
            continue
        try:
            if entry.original is not None:
                os.replace(path / entry.original, target)
            else:
                os.unlink(target)
        except OSError as error:
            raise WriteFailed(
                f"Ett avbrutet kommando lämnade {entry.target} halvskriven, och den kan inte återställas "
                f"({os_error_text(error)}). Originalet finns i {WORK_FOLDER}/{path.name}/{entry.original}."
            ) from None
        restored.append(entry.target)
    for folder in reversed(folders):
        if _inside(folder):
            with contextlib.suppress(OSError):
                os.rmdir(root / folder)  # only when empty: what the command created and nothing else
    return Recovery(
        str(saved.get("command", "?")),
        str(saved.get("started", "?")),
        len(entries),
        tuple(reversed(restored)),
        tuple(reversed(kept)),
    )


def _roll_back(root: Path, path: Path, done: list[_Entry], folders: list[str]) -> list[str]:
    """Put back the files already renamed into place; the targets that could not be put back."""
    left = []
    for entry in reversed(done):
        try:
            if entry.original is not None:
                os.replace(path / entry.original, root / entry.target)
            else:
                os.unlink(root / entry.target)
        except OSError:
            left.append(entry.target)
    for folder in reversed(folders):
        with contextlib.suppress(OSError):
            os.rmdir(root / folder)
    if not left:
        with contextlib.suppress(OSError):
            os.unlink(path / _JOURNAL)
    return left


def _inside(relative: str) -> bool:
    parts = PurePosixPath(relative).parts
    return bool(parts) and not PurePosixPath(relative).is_absolute() and ".." not in parts


def _checksum(path: Path) -> str | None:
    try:
        if path.is_symlink() or not path.is_file():
            return None
        digest = hashlib.sha256()
        with open(path, "rb") as stream:
            for chunk in iter(lambda: stream.read(1 << 20), b""):
                digest.update(chunk)
        return digest.hexdigest()
    except OSError:
        return None


def _write_synced(path: Path, data: bytes) -> None:
    with open(path, "xb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())


def _flush_files(paths: list[Path]) -> None:
    """Every staged file on disk before the journal names it.

    One flush of everything (`sync`) where the system has it and the files are many: a flush per
    file waits for the disk's journal each time (3,000 pages took 6-12 s on a busy disk).
    """
    if hasattr(os, "sync") and len(paths) > 8:
        os.sync()
        return
    for path in paths:
        with open(path, "rb") as stream:
            os.fsync(stream.fileno())


def _keep_original(target: Path, kept: Path) -> None:
    """The original under a second name: a hard link (instant), or a copy where links are refused."""
    try:
        os.link(target, kept)
    except OSError:
        shutil.copy2(target, kept)
        with open(kept, "rb+") as stream:
            os.fsync(stream.fileno())


def _missing_folders(root: Path, targets: list[str]) -> list[str]:
    """The folders the targets need that do not exist yet, parents first."""
    missing: list[str] = []
    for target in targets:
        for parent in reversed(PurePosixPath(target).parents[:-1]):
            name = parent.as_posix()
            if name not in missing and not (root / name).is_dir():
                missing.append(name)
    return missing


def _sync_folders(root: Path, entries: list[_Entry]) -> None:
    for folder in dict.fromkeys(str(PurePosixPath(entry.target).parent) for entry in entries):
        _sync_folder(root / folder)


def _sync_folder(folder: Path) -> None:
    """Flush a folder's entries (the renames) to disk; Windows cannot open a folder, and needs not."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def _lock(handle: IO[bytes]) -> bool:
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        except OSError:
            return False
        return True
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock(handle: IO[bytes]) -> None:
    try:
        import fcntl
    except ImportError:
        import msvcrt

        with contextlib.suppress(OSError):
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]
        return
    fcntl.flock(handle, fcntl.LOCK_UN)

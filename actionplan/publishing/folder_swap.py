"""Put a finished folder in place of another in one step, so that nobody sees a half-written site.

A build writes into a staging folder beside its destination (same file
system, so a rename is atomic) and only a finished build is moved into
place. Used by the glue for a plain `mkdocs build` and by `atgardsplan
publish`. Never imports the site generator.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import shutil
import tempfile
from pathlib import Path

STAGING_MARK = ".partial-"
# A new link is made as `.<name>.link-<pid>` beside the old one and renamed over it.
LINK_MARK = ".link-"

# renameat2(2) flag: swap two existing paths atomically (Linux 3.15+, glibc 2.28+).
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def staging_folder(destination: Path) -> Path:
    """A new, empty folder beside `destination`, named `.<name>.partial-<random>`."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=f".{destination.name}{STAGING_MARK}", dir=destination.parent))
    # mkdtemp makes it private (0700); the web server must read the site it becomes.
    folder.chmod(0o777 & ~_umask())
    return folder


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


def remove(path: Path) -> None:
    """Delete a folder, a file or a symbolic link (never what a link points at); nothing if absent."""
    if path.is_symlink() or path.is_file():
        path.unlink(missing_ok=True)
    elif path.is_dir():
        shutil.rmtree(path, ignore_errors=True)


def move_into_place(staging: Path, destination: Path) -> None:
    """Make `staging` be `destination`, then delete what `destination` held before.

    Where the kernel allows, the old and the new folder are exchanged in one
    step; otherwise the old one is renamed aside first, which leaves
    `destination` missing for the moment between two renames (never
    half-written).
    """
    if not os.path.lexists(destination):
        os.rename(staging, destination)
        return
    if _exchange(staging, destination):
        remove(staging)  # now holds the previous site
        return
    aside = Path(tempfile.mkdtemp(prefix=f".{destination.name}.old-", dir=destination.parent))
    old = aside / destination.name
    os.rename(destination, old)
    os.rename(staging, destination)
    remove(aside)


def point_link(link: Path, target: str) -> None:
    """Make the symbolic link `link` point at `target` in one step (a new link renamed over the old)."""
    temporary = link.parent / f".{link.name}{LINK_MARK}{os.getpid()}"
    remove(temporary)
    os.symlink(target, temporary)
    os.replace(temporary, link)
    _sync_folder(link.parent)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically with renameat2(RENAME_EXCHANGE); False where that is not available."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    result = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    if result == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
        return False
    raise OSError(error, os.strerror(error), str(second))


def _sync_folder(folder: Path) -> None:
    """Write a folder's entries to disk, so that a switch survives a power cut."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)

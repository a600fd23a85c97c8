"""Child processes that end with the process that started them, whatever ends it (even SIGKILL).

A publish runs the build, the check and the documents' process, which runs
PDF workers of its own. Killed with SIGKILL, the publish can clean nothing
up, so each child must end by itself: Linux sends a child the signal set
with `prctl(PR_SET_PDEATHSIG)` when its parent dies, and keeps that setting
across `execve`. `tied_to_this_process(command)` wraps a command so that a
small launcher (this file, run as a script) sets it and then executes the
command. It is set in the child before the command runs, rather than in a
`preexec_fn`, which Python calls unsafe in a process with threads (the
documents' process starts its PDF workers from threads).

The launcher is run with `-I -S` (nothing from the environment or
site-packages) and imports only the standard library, so it works whichever
copy of the package started it. Elsewhere than Linux it only runs the command.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from pathlib import Path

# prctl(2) option: the signal the calling process gets when its parent dies.
_PR_SET_PDEATHSIG = 1
# Exit status of the launcher when the parent died before the tie was made (as if killed by SIGKILL).
_ORPHANED = 128 + signal.SIGKILL


def tied_to_this_process(command: list[str]) -> list[str]:
    """`command` run through the launcher: it is killed (SIGKILL) when this process dies."""
    return [sys.executable, "-I", "-S", str(Path(__file__).resolve()), str(os.getpid()), *command]


def _tie_to_parent(parent: int) -> bool:
    """Ask for SIGKILL when the parent dies; False if it has died already (then nothing will tell us)."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
            error = ctypes.get_errno()
            raise OSError(error, os.strerror(error))
    # The parent may have died between our fork and the prctl: we were then handed to another process.
    return os.getppid() == parent


def _main(argv: list[str]) -> int:
    parent, command = int(argv[0]), argv[1:]
    if not _tie_to_parent(parent):
        return _ORPHANED
    os.execv(command[0], command)


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))

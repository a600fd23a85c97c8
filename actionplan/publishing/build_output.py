"""What an operator reads of a child process's output: the problems, one per line, never a traceback.

The build and the documents' process print the content's problems as
Swedish lines. A fault of the machine (a full disk, a read-only folder)
ends them with a Python traceback instead; `os_fault` recovers the
operating system's error from it (so that it is told in Swedish, in one
line, by the publish), and `problem_lines` keeps the lines before a
traceback and only the traceback's last line.
"""

from __future__ import annotations

import re

TRACEBACK = "Traceback (most recent call last):"
# The last line of a traceback of an OSError: `PermissionError: [Errno 13] Permission denied: '/x'`
# (two paths for a copy or a rename: `... 'a' -> 'b'`, where b is the one being written).
_OS_ERROR_LINE = re.compile(r"^[\w.]*Error: \[Errno (\d+)\] ([^']*?)(?:: '(.*?)')?(?: -> '(.*)')?$")


def os_fault(output: str) -> OSError | None:
    """The operating system's error that ended the process, where its output ends in such a traceback."""
    if TRACEBACK not in output:
        return None
    last = _last_line_of_traceback(output)
    match = _OS_ERROR_LINE.match(last)
    if not match:
        return None
    return OSError(int(match[1]), match[2], match[4] or match[3])


def problem_lines(output: str) -> list[str]:
    """Warnings, errors and the content's problems, one per line; a traceback as its one last line."""
    before, traceback, _ = output.partition(TRACEBACK)
    lines = []
    for line in before.splitlines():
        if not line.strip() or line.startswith(("INFO", "DEBUG", "Aborted with")):
            continue
        lines.append(re.sub(r"^(ERROR|WARNING)\s+-\s+", "", line).rstrip())
    if traceback:
        lines.append(f"Ett oväntat fel stoppade det: {_last_line_of_traceback(output)}")
    return lines


def _last_line_of_traceback(output: str) -> str:
    """The exception's own line: the last line after the last traceback that is not indented."""
    after = output.rpartition(TRACEBACK)[2]
    lines = [line.rstrip() for line in after.splitlines() if line.strip() and not line.startswith((" ", "\t"))]
    return lines[-1] if lines else ""

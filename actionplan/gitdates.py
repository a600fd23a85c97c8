"""When each page last changed, read from git history in one call per build; and what differs from the commit.

A copy without git history, or without git, gets no dates at all rather
than wrong ones. In a shallow clone the oldest commit present seems to add
every file; a date from that commit is not a real last change and is left
out.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable
from datetime import date
from pathlib import Path

_RECORD = "\x1e"


def last_changed(folder: Path) -> dict[str, date]:
    """{path relative to `folder` (POSIX): date of the last commit that changed it}."""
    log = _git(folder, "log", "--relative", "--name-only", "--no-renames", f"--format={_RECORD}%H %cs", "--", ".")
    if log is None:
        return {}
    boundary = _shallow_boundary(folder)
    dates: dict[str, date] = {}
    for record in log.split(_RECORD)[1:]:
        header, _, names = record.partition("\n")
        commit, _, day = header.partition(" ")
        if commit in boundary:
            continue
        for name in names.splitlines():
            if name and name not in dates:
                dates[name] = date.fromisoformat(day)
    return dates


def _shallow_boundary(folder: Path) -> set[str]:
    if _git(folder, "rev-parse", "--is-shallow-repository") != "true\n":
        return set()
    path = _git(folder, "rev-parse", "--git-path", "shallow")
    shallow_file = folder / path.strip() if path else None
    if shallow_file is None or not shallow_file.is_file():
        return set()
    return set(shallow_file.read_text().split())


def _git(folder: Path, *args: str) -> str | None:
    """Run git in `folder`; None when git is missing or the folder is not in a repository."""
    try:
        result = subprocess.run(
            ["git", "-c", "core.quotepath=off", *args],
            cwd=folder,
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=False,
        )
    except OSError:
        return None
    return result.stdout if result.returncode == 0 else None


def changed_files(root: Path) -> set[str] | None:
    """Files under `root` that differ from the last commit (edited, staged, added or deleted), relative to `root`.

    None without git or outside a repository: then nobody can tell which page
    was edited, and callers say so instead of guessing.
    """
    tracked = _git(root, "diff", "--relative", "--name-only", "--no-renames", "HEAD", "--", ".")
    untracked = _git(root, "ls-files", "--others", "--exclude-standard", "--", ".")
    if tracked is None or untracked is None:
        return None
    return {name for name in (tracked + untracked).splitlines() if name}


def ignored_files(root: Path, folders: Iterable[str]) -> set[str] | None:
    """Files in `folders` (relative to `root`) that git ignores, relative to `root`; None without git.

    `changed_files` cannot see them (git status does not show an ignored
    file), yet whatever reads the folders reads them as well.
    """
    listed = _git(root, "ls-files", "--others", "--ignored", "--exclude-standard", "--", *folders)
    if listed is None:
        return None
    return {name for name in listed.splitlines() if name}

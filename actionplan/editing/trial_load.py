"""Load the project as it would be with some files written, from a copy, before writing any of them."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

from actionplan import layout, pipeline
from actionplan.aggregate.catalogue import Catalogue
from actionplan.problems import Problems


def load_with(
    root: Path, docs_dir: str, files: Mapping[str, str], scanner: pipeline.CallScanner | None
) -> Catalogue | Problems:
    """`pipeline.load` of a copy of what it reads (the docs folder and data/), with `files` (relative, POSIX) written.

    Links in the copy stay links, as they are in the project, so that the
    loader says the same about them.
    """
    with tempfile.TemporaryDirectory(prefix="atgardsplan-prov-") as folder:
        copy = Path(folder)
        shutil.copytree(root / docs_dir, copy / docs_dir, symlinks=True)
        data = Path(layout.VOCABULARY_FILE).parts[0]
        shutil.copytree(root / data, copy / data, symlinks=True)
        for relative, text in files.items():
            path = copy / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return pipeline.load(copy, docs_dir, scanner)


def replace_file(path: Path, text: str) -> None:
    """Write a file in one step: a new file beside it, flushed, renamed over it (or into place)."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=path.suffix)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        if path.exists():
            shutil.copymode(path, temporary)
        else:
            os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_new(root: Path, files: Mapping[str, str]) -> None:
    """Write new files (none may exist yet), all or none: on any failure the ones written are removed again.

    Until the project's shared all-or-nothing writer (issue 22's
    file_transaction) is on main; that one also survives a killed process.
    """
    existing = [relative for relative in files if (root / relative).exists()]
    if existing:
        raise FileExistsError(f"{existing[0]} finns redan och skrivs inte över.")
    written: list[Path] = []
    made: list[Path] = []
    try:
        for relative, text in files.items():
            path = root / relative
            for parent in reversed(path.parents):
                if not parent.exists() and parent.is_relative_to(root):
                    parent.mkdir()
                    made.append(parent)
            replace_file(path, text)
            written.append(path)
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        for folder in reversed(made):
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise

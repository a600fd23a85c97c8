"""Load the project as it would be with some files written, from a copy, before writing any of them.

Every command that writes the editors' files tries the result first: the
import (its edited pages), `adopt` (the vocabulary), `new --from` (the new
pages). Nothing in the copy is written to; a file that changes replaces its
copy as a new file, since the copies are hard links to the real files.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

from actionplan import pipeline, settings
from actionplan.aggregate.catalogue import Catalogue
from actionplan.problems import Problems


def load_with(
    root: Path, docs_dir: str, files: Mapping[str, bytes], scanner: pipeline.CallScanner | None
) -> Catalogue | Problems:
    """`pipeline.load` of a copy of what it reads, with `files` (relative to the project, POSIX) written."""
    with tempfile.TemporaryDirectory(prefix="atgardsplan-prov-") as folder:
        copy = Path(folder)
        copy_content(root, docs_dir, copy)
        for relative, data in files.items():
            path = copy / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            # A new file, never a write into the copy's file: that is a hard link to the real one.
            path.unlink(missing_ok=True)
            path.write_bytes(data)
        return pipeline.load(copy, docs_dir, scanner)


def copy_content(root: Path, docs_dir: str, copy: Path) -> None:
    """What the loader reads: the data folder (the vocabulary, the years' prose, the site's facts), the
    generator's configuration (the docs folder and the menu), and the whole docs folder (its pages, and the
    files they link to).

    Links stay links, as they are in the project, so that the loader says the same about them. The files
    themselves are hard links where the file system allows (nothing in the copy is written to: a changed
    file replaces its copy as a new file), so that thousands of pages are not copied byte by byte.
    """
    data = Path(pipeline.VOCABULARY_FILE).parts[0]
    shutil.copytree(root / data, copy / data, symlinks=True, copy_function=_link_or_copy)
    shutil.copy2(root / settings.CONFIG_FILE, copy / settings.CONFIG_FILE)
    shutil.copytree(root / docs_dir, copy / docs_dir, symlinks=True, copy_function=_link_or_copy)


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)

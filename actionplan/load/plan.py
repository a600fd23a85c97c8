"""Read every file the plan is made of: the vocabulary and every measure page, each once."""

from __future__ import annotations

import os
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from actionplan import layout
from actionplan.load import frontmatter
from actionplan.load.measures import Shared, read_measure
from actionplan.load.vocabulary import load as load_vocabulary
from actionplan.model import Measure, Vocabulary
from actionplan.problems import Problem

VOCABULARY_FILE = layout.VOCABULARY_FILE


@dataclass
class ReadPlan:
    """What reading gave: the vocabulary (None when it is broken), the measures that read cleanly, the problems."""

    vocabulary: Vocabulary | None
    measures: list[Measure] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def read_plan(
    root: Path,
    docs_dir: str,
    sources: list[str],
    vocabulary_file: str = VOCABULARY_FILE,
    site_files: Collection[str] | None = None,
) -> ReadPlan:
    """Read the vocabulary and the measure pages `sources` (relative to the docs folder, POSIX).

    Paths in problems are relative to `root`.
    """
    if (root / vocabulary_file).is_symlink():
        link = Problem(
            vocabulary_file, None, None, "är en symbolisk länk; filen ska ligga i projektet som en vanlig fil."
        )
        return ReadPlan(None, problems=[link])
    vocabulary, problems = load_vocabulary(root / vocabulary_file, vocabulary_file)
    read = ReadPlan(vocabulary, problems=problems)
    docs = str(root / docs_dir)
    shared = Shared()
    for name in sources:
        source = PurePosixPath(name)
        shown = f"{docs_dir}/{name}"
        matter, problem = frontmatter.read(os.path.join(docs, name), shown)
        if problem or matter is None:
            read.problems.extend([problem] if problem else [])
            continue
        # The folder from the name, not source.parts: that would keep a tuple of parts in every measure's path.
        year = _year(name.split("/", 1)[0], shown, vocabulary, vocabulary_file, read.problems)
        if vocabulary is None or year is None:
            continue
        measure = read_measure(
            matter, source, year, shown, vocabulary, read.problems, site_files=site_files, shared=shared
        )
        if measure is not None:
            read.measures.append(measure)
    return read


def _year(
    folder: str, shown: str, vocabulary: Vocabulary | None, vocabulary_file: str, problems: list[Problem]
) -> int | None:
    if not (folder.isdigit() and len(folder) == 4):
        problems.append(
            Problem(shown, None, None, f"mappen '{folder}' ska vara ett uppföljningsår, till exempel 2021.")
        )
        return None
    year = int(folder)
    if vocabulary is not None and vocabulary.follow_up(year) is None:
        problems.append(Problem(shown, None, None, vocabulary.unknown_year(year, vocabulary_file)))
        return None
    return year

"""Read every file the plan is made of: the vocabulary and every measure page, each once."""

from __future__ import annotations

import os
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from actionplan import layout
from actionplan.load import frontmatter
from actionplan.load.measures import Shared, Unchecked, read_measure
from actionplan.load.vocabulary import load_partial
from actionplan.model import Measure, Vocabulary
from actionplan.problems import Problem

VOCABULARY_FILE = layout.VOCABULARY_FILE


@dataclass
class ReadPlan:
    """What reading gave: the vocabulary (None when it is broken), the measures that read cleanly, the problems.

    `known` is the vocabulary's entries that read cleanly even when others did
    not (None only when the file cannot be read at all): what the pages were
    checked against.
    """

    vocabulary: Vocabulary | None
    known: Vocabulary | None = None
    measures: list[Measure] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # The `continues` of pages that did not read cleanly, where that field did (by source).
    continues_of_unread: dict[str, tuple[str, ...]] = field(default_factory=dict)


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
    # The pages are read against the entries that read cleanly even when the file has problems, so that
    # one run reports both; the plan has a vocabulary only when the file has none.
    partial = load_partial(root / vocabulary_file, vocabulary_file)
    vocabulary = partial.vocabulary
    read = ReadPlan(None if partial.problems else vocabulary, vocabulary, problems=list(partial.problems))
    unchecked = Unchecked(partial.broken)
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
        year = _year(name.split("/", 1)[0], shown, vocabulary, vocabulary_file, read.problems, unchecked)
        if vocabulary is None or year is None:
            continue
        measure = read_measure(
            matter,
            source,
            year,
            shown,
            vocabulary,
            read.problems,
            site_files=site_files,
            shared=shared,
            continues_of_unread=read.continues_of_unread,
            unchecked=unchecked,
        )
        if measure is not None:
            read.measures.append(measure)
    read.problems += unchecked.problems(vocabulary_file)
    return read


def _year(
    folder: str,
    shown: str,
    vocabulary: Vocabulary | None,
    vocabulary_file: str,
    problems: list[Problem],
    unchecked: Unchecked,
) -> int | None:
    if not (folder.isdigit() and len(folder) == 4):
        problems.append(
            Problem(shown, None, None, f"mappen '{folder}' ska vara ett uppföljningsår, till exempel 2021.")
        )
        return None
    year = int(folder)
    if vocabulary is not None and vocabulary.follow_up(year) is None:
        if unchecked.defer("follow_ups", shown):
            return None
        problems.append(Problem(shown, None, None, vocabulary.unknown_year(year, vocabulary_file)))
        return None
    return year

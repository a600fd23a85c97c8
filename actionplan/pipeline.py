"""The whole way from the editors' files to a plan the pages can show: read, check, index.

    docs/ + data/measures.yml  ->  load/  ->  validate/  ->  aggregate.Catalogue  ->  render/

Every caller (the site build, `atgardsplan check`, the scaffold) goes
through `load`, so that they all see exactly the same problems.
"""

from __future__ import annotations

from pathlib import Path

from actionplan.aggregate.catalogue import Catalogue
from actionplan.load.plan import VOCABULARY_FILE, read_plan
from actionplan.problems import Problems
from actionplan.validate import crosschecks, lineage

__all__ = ["VOCABULARY_FILE", "load"]


def load(root: Path, docs_dir: str, vocabulary_file: str = VOCABULARY_FILE) -> Catalogue | Problems:
    """The checked plan, or every problem that stops it; paths in problems are relative to `root`."""
    read = read_plan(root, docs_dir, vocabulary_file)
    problems = read.problems + crosschecks.page_problems(read.measures, root / docs_dir, docs_dir, read.vocabulary)
    if problems or read.vocabulary is None:
        return Problems.of(problems)
    problems = lineage.problems(read.measures, read.vocabulary, docs_dir)
    problems += crosschecks.stated_figures(read.measures, read.vocabulary, vocabulary_file, docs_dir, root)
    if problems:
        return Problems.of(problems)
    return Catalogue(read.vocabulary, tuple(sorted(read.measures, key=lambda m: m.sort_key)))

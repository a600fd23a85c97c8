"""Edit the follow-up years of `data/measures.yml` as text, at the lines the YAML nodes point at.

The file is edited rather than loaded and dumped again: a dump would drop
the editors' comments and layout, and a round-trip library would be one more
dependency for a few small edits (insert an entry or some lines, drop one).
Every edited text is read back by the build's own reader before anything is
written (`read_back`).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml

from actionplan import layout
from actionplan.load import yamlsource
from actionplan.load.vocabulary import load as load_vocabulary
from actionplan.model import Vocabulary
from actionplan.problems import Problem


def entries(text: str) -> yaml.SequenceNode:
    """The follow_ups list's node of a vocabulary text that the pipeline has already read without problems."""
    root = yaml.compose(text, Loader=yamlsource.LOADER)
    assert isinstance(root, yaml.MappingNode), "checked by the pipeline before"
    found = next(v for k, v in root.value if k.value == "follow_ups")
    assert isinstance(found, yaml.SequenceNode), "checked by the pipeline before"
    return found


def entry_of(follow_ups: yaml.SequenceNode, year: int) -> yaml.MappingNode | None:
    """The entry of `year`, None when the file has none."""
    for entry in follow_ups.value:
        assert isinstance(entry, yaml.MappingNode), "checked by the pipeline before"
        if any(k.value == "year" and v.value == str(year) for k, v in entry.value):
            return entry
    return None


def fields(entry: yaml.MappingNode) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    """{key: (key node, value node)} of an entry."""
    return {k.value: (k, v) for k, v in entry.value}


def last_line(node: yaml.Node) -> int:
    """The last line (0-based) on which a node or any node inside it has text."""
    if isinstance(node, yaml.MappingNode):
        return max(last_line(v) for _, v in node.value)
    if isinstance(node, yaml.SequenceNode) and node.value:
        return max(last_line(v) for v in node.value)
    end = node.end_mark
    # A mark at the start of a line belongs to the line before (a block scalar ends there).
    return end.line - 1 if end.column == 0 else end.line


def read_back(text: str) -> tuple[Vocabulary | None, list[Problem]]:
    """The vocabulary as the edited text would give it, read by the build's own reader."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "measures.yml"
        path.write_text(text, encoding="utf-8")
        vocabulary, problems = load_vocabulary(path, layout.VOCABULARY_FILE)
    return vocabulary, list(problems)

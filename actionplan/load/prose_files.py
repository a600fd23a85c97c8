"""Read each follow-up year's own prose, `data/<year>/rapporttext.md`, once, with the pages' rules.

The start page shows the newest year's prose as Markdown and the report
(page, PDF, Word) uses it as paragraphs, so it is as much an editor's file as
a page: read here, under the same encoding and markup rules and with the same
one-line Swedish problems, so that `atgardsplan check` and the build cannot
disagree about it. Notes to editors are HTML comments (`<!-- -->`), allowed in
this file only; everything else an HTML comment would hide is not.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from actionplan import layout
from actionplan.fields import PROSE_PENDING
from actionplan.load import frontmatter
from actionplan.load.markup import markup_problems
from actionplan.model import Vocabulary
from actionplan.problems import Problem

_NOTE = re.compile(r"<!--.*?-->", re.DOTALL)


@dataclass
class ReadProse:
    """Each follow-up year's prose that exists, by year; the years whose prose is still to be written; problems.

    `pending` is {year: line of the first "to be written" marker (PROSE_PENDING) outside the notes}.
    """

    texts: dict[int, str] = field(default_factory=dict)
    pending: dict[int, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def read_prose(root: Path, vocabulary: Vocabulary) -> ReadProse:
    """Read every follow-up year's prose file that exists."""
    read = ReadProse()
    for follow_up in vocabulary.follow_ups:
        shown = layout.prose_file(follow_up.year)
        text, problem = _read(root / shown, shown)
        if problem is not None:
            read.problems.append(problem)
        elif text is not None:
            visible = without_notes_keeping_lines(text)
            read.problems += markup_problems(visible, 1, shown, "text")
            read.texts[follow_up.year] = text
            marker = next((n for n, line in enumerate(visible.split("\n"), 1) if PROSE_PENDING in line), None)
            if marker is not None:
                read.pending[follow_up.year] = marker
    return read


def without_notes_keeping_lines(text: str) -> str:
    """The text with its notes to editors blanked, every other line where it was (for problems' line numbers)."""
    return _NOTE.sub(lambda note: "\n" * note[0].count("\n"), text)


def _read(path: Path, shown: str) -> tuple[str | None, Problem | None]:
    """The file's text, None when there is none; a link, pipe or device is a problem and never opened."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return None, None
    except OSError as error:
        return None, Problem(shown, None, None, f"filen går inte att läsa ({error.strerror}).")
    if stat.S_ISLNK(mode):
        return None, Problem(shown, None, None, "är en symbolisk länk; filen ska ligga i projektet som en vanlig fil.")
    if not stat.S_ISREG(mode):
        return None, Problem(shown, None, None, "är ingen vanlig fil (till exempel en mapp eller en namngiven pipe).")
    try:
        data = path.read_bytes()
    except OSError as error:
        return None, Problem(shown, None, None, f"filen går inte att läsa ({error.strerror}).")
    return frontmatter.decode(data, shown)

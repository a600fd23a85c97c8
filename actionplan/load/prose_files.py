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
from pathlib import Path

from actionplan import layout
from actionplan.load import frontmatter
from actionplan.load.markup import markup_problems
from actionplan.model import Vocabulary
from actionplan.problems import Problem

_NOTE = re.compile(r"<!--.*?-->", re.DOTALL)


def read_prose(root: Path, vocabulary: Vocabulary) -> tuple[dict[int, str], list[Problem]]:
    """{year: text} of every follow-up year whose prose file exists, and the problems met reading them."""
    texts: dict[int, str] = {}
    problems: list[Problem] = []
    for follow_up in vocabulary.follow_ups:
        shown = layout.prose_file(follow_up.year)
        text, problem = _read(root / shown, shown)
        if problem is not None:
            problems.append(problem)
        elif text is not None:
            problems += markup_problems(without_notes_keeping_lines(text), 1, shown, "text")
            texts[follow_up.year] = text
    return texts, problems


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

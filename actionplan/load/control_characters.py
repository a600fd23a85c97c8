"""Control characters in an editor's text, refused the same way however they were written.

A control character (U+0000 to U+001F but tab and line breaks, U+007F to
U+009F) never shows, and XML 1.0 cannot hold most of them: the workbook
export, the Word report and the form would stop on one (openpyxl raises
`IllegalCharacterError`). They reach a file pasted from another program, or
typed as a YAML escape (`"Klart\\x01 slut"`, `"\\u0007"`), which YAML turns
into the character itself. Either way the editor reads the same line, with
the file, line and field.
"""

from __future__ import annotations

import re

from actionplan.problems import Problem

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def control_message(character: str) -> str:
    return (
        f"texten innehåller ett styrtecken (U+{ord(character):04X}), som inte syns och inte kan sparas i "
        "exporterna eller rapporten. Ta bort det (det kan ha följt med när texten klistrades in, eller vara "
        "skrivet som \\x eller \\u inom citattecken)."
    )


def control_problems(text: str, first_line: int, shown_path: str, field: str | None) -> list[Problem]:
    """One problem for each line of `text` that holds a control character."""
    problems: list[Problem] = []
    for match in CONTROL.finditer(text):
        line = first_line + text.count("\n", 0, match.start())
        if problems and problems[-1].line == line:
            continue
        problems.append(Problem(shown_path, line, field, control_message(match.group())))
    return problems

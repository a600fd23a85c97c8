"""Problems in the editors' files, kept as values so that all can be reported at once."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one file, said in Swedish for the editor.

    `path` is shown as given (relative to the project), `line` is 1-based
    where the file has one, `field` names the front-matter key or the
    vocabulary entry.
    """

    path: str
    line: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        place = self.path if self.line is None else f"{self.path}:{self.line}"
        if self.field:
            return f"{place}: {self.field}: {self.message}"
        return f"{place}: {self.message}"


def report(problems: list[Problem]) -> str:
    """One line per problem, sorted by file and line, with a Swedish headline."""
    lines = [f"Innehållet har {len(problems)} problem som måste rättas:"]
    lines.extend(str(p) for p in in_order(problems))
    return "\n".join(lines)


def in_order(problems: list[Problem]) -> list[Problem]:
    """By file, then line, then field: the order an editor fixes them in."""
    return sorted(problems, key=lambda p: (p.path, p.line or 0, p.field or "", p.message))

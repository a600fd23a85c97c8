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


@dataclass(frozen=True)
class Problems:
    """What loading gives instead of a plan when the content has problems: all of them, in the editor's order."""

    items: tuple[Problem, ...]

    @classmethod
    def of(cls, problems: list[Problem]) -> Problems:
        return cls(tuple(in_order(problems)))

    def report(self) -> str:
        return report(list(self.items))

    def __len__(self) -> int:
        return len(self.items)


# An editor reads the first lines and fixes them; a file full of junk (megabytes
# of unknown keys) must not print megabytes.
MAX_SHOWN = 100
MAX_LINE = 500


def report(problems: list[Problem]) -> str:
    """One line per problem, sorted by file and line, with a Swedish headline; long output is cut."""
    lines = [f"Innehållet har {len(problems)} problem som måste rättas:"]
    lines.extend(shown_lines(problems))
    return "\n".join(lines)


def shown_lines(problems: list[Problem] | tuple[Problem, ...]) -> list[str]:
    """The problems as lines, at most MAX_SHOWN of them and each at most MAX_LINE characters."""
    ordered = in_order(problems)
    lines = [_cut(str(p)) for p in ordered[:MAX_SHOWN]]
    if len(ordered) > MAX_SHOWN:
        lines.append(f"… och {len(ordered) - MAX_SHOWN} problem till. Rätta dem ovan och kör kontrollen igen.")
    return lines


def _cut(line: str) -> str:
    return line if len(line) <= MAX_LINE else line[: MAX_LINE - 1] + "…"


def in_order(problems: list[Problem] | tuple[Problem, ...]) -> list[Problem]:
    """By file, then line, then field: the order an editor fixes them in."""
    return sorted(problems, key=lambda p: (p.path, p.line or 0, p.field or "", p.message))

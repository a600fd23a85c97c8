"""The report's prose, read from the files that also make the site's pages.

The prose is Markdown written by editors, but the package must not import a
Markdown library (the site generator's glue owns Markdown). The report
therefore reads only the plain shape the texts have: `#` headings and
paragraphs separated by blank lines, and `*emphasis*` (the figure caption
of 2021 is written so). Everything else is kept as the literal text and
escaped by the writers, so nothing an editor types can reach a document as
markup. The measure descriptions are plain paragraphs too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The heading of an area overview's section that holds the report's summary of the year.
SUMMARY_HEADING = "Året som gått"
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_FRONT_MATTER = re.compile(r"\A---\s*\n.*?\n---\s*\n", re.DOTALL)
# Notes to editors at the top of a prose file; never shown to readers.
_EMPHASIS = re.compile(r"(?<![*\w])\*(?=\S)([^*]+?)(?<=\S)\*(?![*\w])")
_COMMENT = re.compile(r"<!--.*?-->\s*", re.DOTALL)


@dataclass(frozen=True)
class Heading:
    level: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    """A paragraph as typed (with its `*emphasis*` marks); `runs` splits it for the writers."""

    source: str

    @property
    def runs(self) -> tuple[tuple[str, bool], ...]:
        """(text, emphasised) pieces; a lone `*` stays as typed."""
        pieces = []
        position = 0
        for match in _EMPHASIS.finditer(self.source):
            if match.start() > position:
                pieces.append((self.source[position : match.start()], False))
            pieces.append((match[1], True))
            position = match.end()
        if position < len(self.source):
            pieces.append((self.source[position:], False))
        return tuple(pieces)

    @property
    def text(self) -> str:
        """The paragraph as a reader sees it, without emphasis marks."""
        return "".join(text for text, _ in self.runs)


Block = Heading | Paragraph


def blocks(markdown: str) -> list[Block]:
    """Headings and paragraphs of a Markdown text, with white space folded and front matter left out."""
    markdown = without_notes(_FRONT_MATTER.sub("", markdown.replace("\r\n", "\n"), count=1))
    result: list[Block] = []
    lines: list[str] = []

    def flush() -> None:
        if lines:
            result.append(Paragraph(" ".join(" ".join(lines).split())))
            lines.clear()

    for line in markdown.split("\n"):
        heading = _HEADING.match(line)
        if heading:
            flush()
            result.append(Heading(len(heading[1]), heading[2]))
        elif not line.strip():
            flush()
        else:
            lines.append(line.strip())
    flush()
    return result


def section(markdown: str, heading: str) -> list[Paragraph]:
    """The paragraphs under the first heading with this text, up to the next heading of its level or above."""
    found: Heading | None = None
    paragraphs: list[Paragraph] = []
    for block in blocks(markdown):
        if isinstance(block, Heading):
            if found is not None and block.level <= found.level:
                break
            if found is None and block.text == heading:
                found = block
        elif found is not None:
            paragraphs.append(block)
    return paragraphs


def without_notes(markdown: str) -> str:
    """The text without the HTML comments that hold notes to editors."""
    return _COMMENT.sub("", markdown)


def plain_paragraphs(text: str) -> list[str]:
    """A measure's description as paragraphs of plain text (blank-line separated, white space folded)."""
    return [" ".join(part.split()) for part in text.replace("\r\n", "\n").split("\n\n") if part.strip()]

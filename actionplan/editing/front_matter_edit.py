"""Change single front-matter fields of a measure page, keeping every other byte.

Why line-level editing on the package's own YAML nodes and not a round-trip
YAML library: the nodes (actionplan.yamlsource, the same reading the build
does) say exactly where each field's value starts and ends, so only that
span is rewritten and the rest of the file (comments, order, quoting, blank
lines, the body, a byte order mark, CRLF line ends) is copied through
untouched by construction. A round-trip dumper re-emits the whole mapping
and may re-indent, re-wrap or re-quote lines it was not asked to change,
and would be one more pinned dependency. Every edit is read back afterwards
by the caller (the loader must see exactly the new values).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping

import yaml

from actionplan.load import frontmatter, yamlsource

# The order the `new` command writes fields in; a missing field is added after
# the nearest field before it in this order.
FIELD_ORDER = (
    "id",
    "title",
    "area",
    "districts",
    "responsible",
    "financing",
    "status",
    "comment",
    "next_year",
    "next_year_text",
    "responsible_text",
)
# Fields whose values are vocabulary keys (plain words); the others are free text.
KEY_FIELDS = ("status", "next_year")

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# A YAML comment after a value on its line: white space, then # to the end of the line.
_COMMENT = re.compile(r"[ \t]+#[^\r\n]*")


class EditRefused(Exception):
    """The page could not be edited safely; the message says why, in Swedish."""


def edit_fields(text: str, changes: Mapping[str, str | None], shown_path: str) -> str:
    """`text` (a whole page, as decoded) with each field in `changes` set to its new value.

    A value of None or "" removes a free-text field; a missing field is
    added on a line of its own. Nothing outside the changed fields' lines changes.
    """
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    body = text[len(bom) :]
    contents, starts, newline = _lines(body)
    matter, problem = frontmatter.split("\n".join(contents), shown_path)
    if problem or matter is None:
        raise EditRefused(str(problem))
    # frontmatter.split numbers YAML lines from the file's second line.
    first = matter.first_line - 1

    def offset(mark: yaml.Mark) -> int:
        return starts[first + mark.line] + mark.column

    fields = {key: (key_node, value_node) for key, key_node, value_node in yamlsource.mapping_pairs(matter.root)}
    edits: list[tuple[int, int, str]] = []  # (start, end, replacement), applied from the end backwards
    for key, new in changes.items():
        new = new or ""
        if key in fields:
            key_node, value_node = fields[key]
            start = offset(key_node.start_mark)
            end = _value_end(body, offset(value_node.end_mark), start)
            if not new:
                if key in KEY_FIELDS:
                    raise EditRefused(f"{shown_path}: {key}: fältet kan inte tömmas.")
                edits.append((starts[first + key_node.start_mark.line], _line_after(body, end), ""))
                continue
            empty = yamlsource.is_null(value_node)
            kept = body[start : offset(value_node.start_mark)] if not empty else ""
            lead = kept if kept.rstrip().endswith(":") else f"{body[start : offset(key_node.end_mark)]}: "
            indent = " " * (key_node.start_mark.column + 2)
            style = value_node.style if isinstance(value_node, yaml.ScalarNode) else None
            value = render(key, new, style, indent, newline)
            line_end = _line_end(body, end)
            if empty:
                # What follows an empty value on its line is the hint the scaffold wrote ("# tomt = Ej
                # uppföljd; ..."): it has done its work once the field is filled, and would otherwise
                # sit behind the value, or inside it when the value becomes a block of several lines.
                end = line_end
            else:
                # An editor's own comment behind the old value (or behind a block's | or >) stays with the
                # new one: behind a one-line value, or behind the | of a block, the only place on a block's
                # lines where it stays a comment.
                if style in ("|", ">"):
                    header = offset(value_node.start_mark)
                    note = _COMMENT.search(body, header, _line_end(body, header))
                    comment = note[0] if note else ""
                else:
                    comment = body[end:line_end] if _COMMENT.match(body, end, line_end) else ""
                    end = line_end if comment else end
                value = "|" + comment + value[1:] if value.startswith("|") else value + comment
            edits.append((start, end, lead + value))
        elif new:
            at = _insertion_point(body, fields, key, offset, starts[first])
            line = f"{key}: {render(key, new, None, '  ', newline)}"
            edits.append((at, at, line + newline) if at == starts[first] else (at, at, newline + line))
    for start, end, replacement in sorted(edits, key=lambda edit: (edit[0], edit[1]), reverse=True):
        body = body[:start] + replacement + body[end:]
    return bom + body


def render(key: str, value: str, style: str | None, indent: str, newline: str) -> str:
    """A YAML scalar for `value`, in the style the field had where that is safe."""
    if key in KEY_FIELDS:
        quote = style if style in ('"', "'") else ""
        return f"{quote}{value}{quote}"
    if "\n" in value:
        lines = value.split("\n")
        # A literal block keeps paragraphs as the editor guide shows them; it
        # cannot start with a space without an indentation indicator, so such
        # a text is written double-quoted instead.
        if not lines[0].startswith((" ", "\t")) and all(_printable(line) for line in lines):
            return "|" + "".join(newline + (indent + line if line else "") for line in lines)
        return json.dumps(value, ensure_ascii=False)
    if style == "'" and _printable(value):
        return "'" + value.replace("'", "''") + "'"
    # A JSON string is a valid double-quoted YAML scalar whatever it holds.
    return json.dumps(value, ensure_ascii=False)


def _printable(line: str) -> bool:
    return all(char == "\t" or (char.isprintable() and char not in "\u2028\u2029\x85") for char in line)


def _lines(text: str) -> tuple[list[str], list[int], str]:
    """The lines without their breaks, where each starts in `text`, and the file's first line break."""
    contents, starts, position = [], [], 0
    for match in _LINE_BREAK.finditer(text):
        contents.append(text[position : match.start()])
        starts.append(position)
        position = match.end()
    contents.append(text[position:])
    starts.append(position)
    first_break = _LINE_BREAK.search(text)
    return contents, starts, first_break[0] if first_break else "\n"


def _value_end(text: str, end: int, start: int) -> int:
    """Where a value really ends: a block scalar's span runs on over the line breaks and blank lines after it."""
    while end > start and text[end - 1] in " \t\r\n":
        end -= 1
    return end


def _line_end(text: str, position: int) -> int:
    """Where the line `position` is on ends (before its line break), or the end of the text."""
    match = _LINE_BREAK.search(text, position)
    return match.start() if match else len(text)


def _line_after(text: str, position: int) -> int:
    """The start of the line after the one `position` is on (or the end of the text)."""
    match = _LINE_BREAK.search(text, position)
    return match.end() if match else len(text)


def _insertion_point(
    text: str,
    fields: dict[str, tuple[yaml.Node, yaml.Node]],
    key: str,
    offset: Callable[[yaml.Mark], int],
    first_start: int,
) -> int:
    """The end of the line where the nearest earlier field ends, or the start of the front matter."""
    earlier = FIELD_ORDER[: FIELD_ORDER.index(key)] if key in FIELD_ORDER else FIELD_ORDER
    present = [name for name in earlier if name in fields]
    if not present:
        return first_start
    _, value_node = fields[present[-1]]
    end = _value_end(text, offset(value_node.end_mark), 0)
    match = _LINE_BREAK.search(text, end)
    return match.start() if match else len(text)

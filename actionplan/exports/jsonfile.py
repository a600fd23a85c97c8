"""The JSON exports: plain UTF-8, indented, the same structure every year.

Written value by value, and the long lists item by item, so that a year of
thousands of measures never exists as one big string: json.dumps of the
whole export once took 40 MiB at 5000 measures, at the end of a build that
still holds every page. The bytes are the same as json.dumps(..., indent=2).

json.dumps with an indent runs the encoder written in Python, generator by
generator (0.1 s for the records of 3,000 measures); values are indented
here instead, each text encoded by the json module's C string encoder.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from json.encoder import encode_basestring
from pathlib import Path
from typing import Any

INDENT = "  "


def write_json(path: Path, data: dict[str, Any]) -> None:
    """Write `data`; a value that is a list or another iterable (not a dict or text) is streamed item by item."""
    with path.open("w", encoding="utf-8", newline="\n") as stream:
        for chunk in _chunks(data):
            stream.write(chunk)


def _dumps(value: Any, depth: int) -> str:
    text = json.dumps(value, ensure_ascii=False, indent=len(INDENT))
    return text.replace("\n", "\n" + INDENT * depth)


def _indented(value: Any, depth: int) -> str:
    """`_dumps(value, depth)`, made faster for the texts, lists, dicts, whole numbers and nulls the exports hold.

    Texts, most of the values, are encoded in place rather than in a call of
    their own.
    """
    if isinstance(value, str):
        return encode_basestring(value)
    child = depth + 1
    inner = "\n" + INDENT * child
    if isinstance(value, dict):
        if not value:
            return "{}"
        try:
            items = [
                encode_basestring(key)
                + ": "
                + (encode_basestring(item) if isinstance(item, str) else _indented(item, child))
                for key, item in value.items()
            ]
        except TypeError:
            return _dumps(value, depth)  # a key that is no text: json.dumps' own rules
        return "{" + inner + ("," + inner).join(items) + "\n" + INDENT * depth + "}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        items = [encode_basestring(item) if isinstance(item, str) else _indented(item, child) for item in value]
        return "[" + inner + ("," + inner).join(items) + "\n" + INDENT * depth + "]"
    if type(value) is int:
        return repr(value)
    if value is None:
        return "null"
    return _dumps(value, depth)  # other numbers, true, false, and what json.dumps refuses


def _chunks(data: dict[str, Any]) -> Iterator[str]:
    if not data:
        yield "{}\n"
        return
    yield "{"
    for index, (key, value) in enumerate(data.items()):
        yield ("," if index else "") + f"\n{INDENT}{json.dumps(key, ensure_ascii=False)}: "
        if isinstance(value, dict | str) or not isinstance(value, Iterable):
            yield _indented(value, 1)
            continue
        empty = True
        for position, item in enumerate(value):
            empty = False
            yield ("," if position else "[") + f"\n{INDENT * 2}{_indented(item, 2)}"
        yield "[]" if empty else f"\n{INDENT}]"
    yield "\n}\n"

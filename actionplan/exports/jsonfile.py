"""The JSON exports: plain UTF-8, indented, the same structure every year.

Written value by value, and the long lists item by item, so that a year of
thousands of measures never exists as one big string: json.dumps of the
whole export once took 40 MiB at 5000 measures, at the end of a build that
still holds every page. The bytes are the same as json.dumps(..., indent=2).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
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


def _chunks(data: dict[str, Any]) -> Iterator[str]:
    if not data:
        yield "{}\n"
        return
    yield "{"
    for index, (key, value) in enumerate(data.items()):
        yield ("," if index else "") + f"\n{INDENT}{json.dumps(key, ensure_ascii=False)}: "
        if isinstance(value, dict | str) or not isinstance(value, Iterable):
            yield _dumps(value, 1)
            continue
        empty = True
        for position, item in enumerate(value):
            empty = False
            yield ("," if position else "[") + f"\n{INDENT * 2}{_dumps(item, 2)}"
        yield "[]" if empty else f"\n{INDENT}]"
    yield "\n}\n"

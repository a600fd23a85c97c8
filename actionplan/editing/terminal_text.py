"""Text from a form or a file name, made safe to print: no control character ever reaches the terminal.

A cell can hold an escape sequence that moves the cursor, rewrites earlier
lines or sets the window's title, and a file name can too. Every character
that is not printable (C0 and C1 controls, format characters such as the
right-to-left override, line and paragraph separators) is shown as its code
instead, like \\x1b or \\u202e; a line break in a comment is shown as ↵.
"""

from __future__ import annotations

import re
import unicodedata

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# A shown comment is one line; longer texts are cut here, with their length said.
MAX_SHOWN = 240


def shown(text: str, *, line_breaks: bool = False, limit: int | None = None) -> str:
    """`text` with every unprintable character as its code; line breaks as ↵ when `line_breaks`."""
    if line_breaks:
        text = _LINE_BREAK.sub(" ↵ ", text)
    cut = limit is not None and len(text) > limit
    if cut:
        length = len(text)
        text = text[:limit]
    safe = "".join(char if _printable(char) else _code(char) for char in text)
    return f"{safe}… ({length} tecken)" if cut else safe


def _printable(char: str) -> bool:
    if char.isascii():
        return char == " " or char.isprintable()
    return unicodedata.category(char) not in ("Cc", "Cf", "Zl", "Zp", "Co", "Cs", "Cn")


def _code(char: str) -> str:
    number = ord(char)
    return f"\\x{number:02x}" if number < 0x100 else f"\\u{number:04x}"

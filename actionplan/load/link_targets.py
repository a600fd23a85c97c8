"""Link and image addresses as a reader's browser reads them, for the check and the build's sanitiser alike.

An address reaches the page as the editor wrote it, and the browser then
decodes its character references (`java&#115;cript:`, `&colon;`, `&Tab;`),
drops spaces and control characters around it and tabs and line breaks
anywhere in it, and reads a backslash as a slash. So `[x](&Tab;javascript:…)`
is a javascript: link and `![t](&Tab;//host/p)` an image from another host:
both are judged only after the same steps (the URL standard's "basic URL
parser").
"""

from __future__ import annotations

import html
import re

_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*(?=:)")
# U+0000 to U+0020: what the browser strips from both ends of an address.
_CONTROL_OR_SPACE = "".join(chr(code) for code in range(0x21))
_TAB_AND_NEWLINES = str.maketrans("", "", "\t\n\r")


def as_browser_reads(address: str, *, decoded: bool = False) -> str:
    """The address the browser follows; `decoded` when an HTML parser has already decoded the references."""
    text = address if decoded else html.unescape(address)
    return text.strip(_CONTROL_OR_SPACE).translate(_TAB_AND_NEWLINES).replace("\\", "/")


def scheme(address: str) -> str | None:
    """The scheme of an address as `as_browser_reads` gives it, lower case, or None for a relative one."""
    match = _SCHEME.match(address)
    return match[0].lower() if match else None


def outside_site(address: str) -> bool:
    """Whether an address (as `as_browser_reads` gives it) may lead to another site: a scheme or //host.

    A colon anywhere in the first part counts, valid scheme or not: the rule errs on the safe side.
    """
    return address.startswith("//") or ":" in address.split("/", 1)[0]

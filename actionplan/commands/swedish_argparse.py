"""argparse in Swedish: the commands' own usage errors and help read like the rest of the tool.

argparse looks its messages up through `gettext` at the moment it needs
them, by the module-level names `_` and `ngettext`; while a command parses
its arguments, those names point at this table instead.
"""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Iterator

_SWEDISH = {
    "usage: ": "användning: ",
    "argument %(argument_name)s: %(message)s": "argumentet %(argument_name)s: %(message)s",
    "positional arguments": "argument",
    "options": "flaggor",
    "show this help message and exit": "visa den här hjälpen och avsluta",
    "unrecognized arguments: %s": "okända argument: %s",
    "the following arguments are required: %s": "följande argument saknas: %s",
    "one of the arguments %s is required": "ett av argumenten %s måste anges",
    "expected one argument": "ett värde behövs",
    "expected at most one argument": "högst ett värde får anges",
    "expected at least one argument": "minst ett värde behövs",
    "ambiguous option: %(option)s could match %(matches)s": "flaggan %(option)s kan betyda %(matches)s",
    "unexpected option string: %s": "oväntad flagga: %s",
    "invalid %(type)s value: %(value)r": "ogiltigt värde: %(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)": "ogiltigt val: %(value)r (välj bland %(choices)s)",
    "not allowed with argument %s": "får inte anges tillsammans med %s",
    "ignored explicit argument %r": "värdet %r används inte",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fel: %(message)s\n",
}


def _gettext(message: str) -> str:
    return _SWEDISH.get(message, message)


def _ngettext(singular: str, plural: str, number: int) -> str:
    if singular == "expected %s argument":
        return "%s värden behövs"
    return _gettext(singular if number == 1 else plural)


@contextlib.contextmanager
def swedish() -> Iterator[None]:
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _gettext, _ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]

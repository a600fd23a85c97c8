"""Swedish number agreement: '1 åtgärd', '2 åtgärder'."""

from __future__ import annotations


def count(number: int, singular: str, plural: str) -> str:
    return f"{number} {singular if number == 1 else plural}"


def measures(number: int) -> str:
    return count(number, "åtgärd", "åtgärder")


def sentence(text: str) -> str:
    """A problem line's lower-case text as a sentence of its own: 'uppföljningsåret …' -> 'Uppföljningsåret …'."""
    return text[:1].upper() + text[1:]

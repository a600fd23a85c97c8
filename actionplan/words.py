"""Swedish number agreement ('1 åtgärd', '2 åtgärder') and the year in a title ('Område: Berga (2021)')."""

from __future__ import annotations

import re


def count(number: int, singular: str, plural: str) -> str:
    return f"{number} {singular if number == 1 else plural}"


def measures(number: int) -> str:
    return count(number, "åtgärd", "åtgärder")


def sentence(text: str) -> str:
    """A problem line's lower-case text as a sentence of its own: 'uppföljningsåret …' -> 'Uppföljningsåret …'."""
    return text[:1].upper() + text[1:]


def with_year(title: str, year: int) -> str:
    """`title` naming its follow-up year: 'Utvecklingsområde 1: … (2021)', unless it already names it."""
    if re.search(rf"(?<!\d){year}(?!\d)", title):
        return title
    return f"{title} ({year})"

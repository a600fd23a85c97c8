"""Dates written the Swedish way, without depending on the machine's locale."""

from __future__ import annotations

import re
from datetime import date

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")

MONTHS = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)


def swedish(day: date) -> str:
    """`date(2026, 11, 4)` -> '4 november 2026'."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def swedish_iso(text: str) -> str:
    """'2022-01-05' -> '5 januari 2022'."""
    return swedish(date.fromisoformat(text))


def is_iso_date(text: str) -> bool:
    """A real calendar date written ÅÅÅÅ-MM-DD (2022-13-45 has the shape but is no date)."""
    if not _ISO.match(text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True

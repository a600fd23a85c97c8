"""Dates written the Swedish way, without depending on the machine's locale."""

from __future__ import annotations

from datetime import date

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

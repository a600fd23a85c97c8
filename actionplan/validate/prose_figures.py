"""Figures that a report's prose states about its year, checked against the tally counted from the pages.

The 2021 report writes "12 åtgärder är genomförda. 42 åtgärder pågår och 6
åtgärder är ej genomförda." in its own words; a figure typed by hand there
must say what the measure pages say, or the report contradicts its own
tables. A statement is a number, "åtgärd"/"åtgärder", optionally "är" or
"som är", and a status in the report's plural ("genomförda", "pågår",
"ej genomförda"), case aside. Only such statements are checked: other
numbers in the prose (13 indikatorer, 2022) are the editors' own.

`problems` takes the text and the counts it must agree with, so that it can
check any prose: the year's report text against the year's tally, and an
area's summary against the area's.
"""

from __future__ import annotations

import re

from actionplan.model import Status
from actionplan.problems import Problem

_NUMBER = r"(?P<count>\d+)\s+åtgärd(?:er)?\s+(?:(?:som\s+)?är\s+)?"


def _plural(label: str) -> str:
    # As the report writes its tally lines (report_model.plural): "Genomförd" -> "genomförda".
    return (label + "a" if label.endswith("d") else label).lower()


def statements(text: str, statuses: tuple[Status, ...]) -> list[tuple[int, int, Status]]:
    """(line, count, status) for every figure the text states about a status, in order."""
    by_word = {_plural(status.label): status for status in statuses}
    # Longest first, so that "ej genomförda" is never read as "genomförda".
    words = sorted(by_word, key=len, reverse=True)
    pattern = re.compile(
        _NUMBER + r"(?P<word>" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words) + r")\b",
        re.IGNORECASE,
    )
    found = []
    for match in pattern.finditer(text):
        word = " ".join(match["word"].lower().split())
        found.append((text.count("\n", 0, match.start()) + 1, int(match["count"]), by_word[word]))
    return found


def problems(text: str, path: str, counts: dict[str, int], statuses: tuple[Status, ...], scope: str) -> list[Problem]:
    """A Swedish line for each stated figure that differs from `counts` (the tally of `scope`, e.g. "2021")."""
    return [
        Problem(
            path,
            line,
            None,
            f"texten anger {count} {'åtgärd' if count == 1 else 'åtgärder'} med status {status.label}, "
            f"men åtgärdssidorna för {scope} har {counts.get(status.key, 0)}. "
            "Rätta siffran i texten (eller statusen på den åtgärdssida som är fel).",
        )
        for line, count, status in statements(text, statuses)
        if counts.get(status.key, 0) != count
    ]

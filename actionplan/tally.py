"""Count measures by status: the one tally every page, export, document and check uses."""

from __future__ import annotations

from collections.abc import Iterable

from actionplan.model import Measure, Status, Vocabulary


def by_status(measures: Iterable[Measure], vocabulary: Vocabulary, year: int | None = None) -> dict[str, int]:
    """{status key: count} in the vocabulary's order, zero for statuses no measure has.

    With `year`, the statuses are that year's (Ej uppföljd too when it is open);
    a measure always belongs to a year whose statuses count it.
    """
    statuses = vocabulary.statuses if year is None else vocabulary.statuses_of(year)
    counts = {status.key: 0 for status in statuses}
    for measure in measures:
        counts[measure.status] = counts.get(measure.status, 0) + 1
    return counts


def summary(counts: dict[str, int], vocabulary: Vocabulary | tuple[Status, ...]) -> str:
    """'Genomförd: 12, Pågår: 42, Ej genomförd: 6' (plain text, in the vocabulary's order).

    Given a vocabulary, its editor statuses; given statuses, exactly those.
    """
    statuses = vocabulary.statuses if isinstance(vocabulary, Vocabulary) else vocabulary
    return ", ".join(f"{status.label}: {counts.get(status.key, 0)}" for status in statuses)


def short(counts: dict[str, int], statuses: tuple[Status, ...]) -> str:
    """'15/39/6': the figures alone, in the statuses' order, as the documents' readers write them."""
    return "/".join(str(counts.get(status.key, 0)) for status in statuses)

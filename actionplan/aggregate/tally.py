"""Count measures by status."""

from __future__ import annotations

from collections.abc import Iterable

from actionplan.model import Measure, Vocabulary


def by_status(measures: Iterable[Measure], vocabulary: Vocabulary) -> dict[str, int]:
    """{status key: count} in the vocabulary's order, zero for statuses no measure has."""
    counts = {status.key: 0 for status in vocabulary.statuses}
    for measure in measures:
        counts[measure.status] += 1
    return counts


def summary(counts: dict[str, int], vocabulary: Vocabulary) -> str:
    """'Genomförd: 12, Pågår: 42, Ej genomförd: 6' (plain text, in the vocabulary's order)."""
    return ", ".join(f"{status.label}: {counts.get(status.key, 0)}" for status in vocabulary.statuses)

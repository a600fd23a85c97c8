"""Count measures by status, and compare the counts with what the official reports state."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from actionplan.model import Measure, Vocabulary
from actionplan.problems import Problem

if TYPE_CHECKING:
    from actionplan.catalogue import Catalogue


def by_status(measures: Iterable[Measure], vocabulary: Vocabulary) -> dict[str, int]:
    """{status key: count} in the vocabulary's order, zero for statuses no measure has."""
    counts = {status.key: 0 for status in vocabulary.statuses}
    for measure in measures:
        counts[measure.status] += 1
    return counts


def summary(counts: dict[str, int], vocabulary: Vocabulary) -> str:
    """'Genomförd: 12, Pågår: 42, Ej genomförd: 6' (plain text, in the vocabulary's order)."""
    return ", ".join(f"{status.label}: {counts.get(status.key, 0)}" for status in vocabulary.statuses)


def disagreements(catalogue: Catalogue, vocabulary_file: str) -> list[Problem]:
    """Where the figures computed from the pages differ from the figures a report states.

    Only years with measure pages are compared; a year known only from a later
    letter has nothing to compute.
    """
    vocabulary = catalogue.vocabulary
    problems = []
    for year in catalogue.years:
        follow_up = vocabulary.follow_up(year)
        measures = catalogue.of_year(year)
        if follow_up.measures is not None and len(measures) != follow_up.measures:
            problems.append(
                Problem(
                    vocabulary_file,
                    None,
                    f"follow_ups {year}",
                    f"rapporten anger {follow_up.measures} åtgärder, men det finns {len(measures)} "
                    f"åtgärdssidor för {year}.",
                )
            )
        if follow_up.stated is None:
            continue
        scopes = [("totalt", follow_up.stated.total, measures)]
        scopes += [
            (f"utvecklingsområde {area}", stated, catalogue.of_area(year, area))
            for area, stated in sorted(follow_up.stated.areas.items())
        ]
        for scope, stated, members in scopes:
            computed = by_status(members, vocabulary)
            for status in vocabulary.statuses:
                if computed[status.key] != stated[status.key]:
                    ids = ", ".join(m.id for m in members if m.status == status.key) or "inga"
                    problems.append(
                        Problem(
                            vocabulary_file,
                            None,
                            f"follow_ups {year}",
                            f"{scope}, status {status.label}: rapporten anger {stated[status.key]}, "
                            f"men åtgärdssidorna ger {computed[status.key]} ({ids}).",
                        )
                    )
    return problems

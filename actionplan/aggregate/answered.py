"""Who has answered in a follow-up year: per administration, its measures with and without a status.

A measure is answered when its page has a status; an open year's "Ej
uppföljd" is no answer. A shared measure counts for each of its
administrations: when one has answered it, none of them needs to be asked
again. Read from the pages alone, so that the statistics page (built) and
`atgardsplan answers` (the command) say the same.
"""

from __future__ import annotations

from dataclasses import dataclass

from actionplan.aggregate.catalogue import Catalogue
from actionplan.model import NOT_FOLLOWED_UP, Administration, Measure


@dataclass(frozen=True)
class Answers:
    administration: Administration
    answered: tuple[Measure, ...]
    unanswered: tuple[Measure, ...]

    @property
    def measures(self) -> int:
        return len(self.answered) + len(self.unanswered)


def is_answered(measure: Measure) -> bool:
    return measure.status != NOT_FOLLOWED_UP.key


def by_administration(catalogue: Catalogue, year: int) -> list[Answers]:
    """Every administration with measures in `year`, in the vocabulary's order."""
    result = []
    measures = catalogue.of_year(year)
    for administration in catalogue.vocabulary.administrations:
        own = [m for m in measures if administration.abbreviation in m.organisations]
        if own:
            answered = tuple(m for m in own if is_answered(m))
            unanswered = tuple(m for m in own if not is_answered(m))
            result.append(Answers(administration, answered, unanswered))
    return result


def without_any_answer(answers: list[Answers]) -> list[Answers]:
    """The administrations none of whose measures has a status yet."""
    return [a for a in answers if not a.answered]

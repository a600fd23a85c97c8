"""Checks of `continues`: each measure names measures of the previous follow-up year that may be continued.

The previous follow-up year of a year is the newest earlier year with
measure pages (the year `atgardsplan new-year` starts from). When a year is
adopted, every measure of the year before that was to be carried forward
or merged must be continued by one of its measures.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping

from actionplan import layout
from actionplan.model import DROPPED, FORWARD, MERGED, Measure, Vocabulary, id_sort_key
from actionplan.problems import Problem


def previous_year(years: set[int] | list[int], year: int) -> int | None:
    """The newest year before `year` among `years` (the years with measure pages)."""
    return max((y for y in years if y < year), default=None)


def problems(
    measures: list[Measure],
    vocabulary: Vocabulary,
    docs_dir: str,
    unread: Mapping[int, Collection[str]] | None = None,
    continues_of_unread: Mapping[str, tuple[str, ...]] | None = None,
) -> list[Problem]:
    """Every problem of `continues`, judged on the pages that read cleanly.

    `unread` are each year's measure pages (relative to the docs folder) that
    could not be read; their own problems are reported elsewhere. Where such
    a page's `continues` read cleanly (`continues_of_unread`, by source), it
    counts; what depends on the rest is still said, with the reason it cannot
    be judged yet, so that fixing them brings no new round of problems
    unannounced.
    """
    continues_of_unread = continues_of_unread or {}
    unread = {year: set(pages) for year, pages in (unread or {}).items() if pages}
    by_year: dict[int, dict[str, Measure]] = {year: {} for year in unread}
    for measure in measures:
        by_year.setdefault(measure.year, {})[measure.id] = measure
    found: list[Problem] = []
    # What each year's measures may continue, as the problems list it: made once
    # per year. Made anew for each measure that continues one, it made the check
    # of a plan with thousands of measures quadratic.
    allowed: dict[int, str] = {}
    for measure in measures:
        if measure.continues:
            found += _continues(measure, by_year, vocabulary, docs_dir, allowed, unread)
    for year, of_year in sorted(by_year.items()):
        before = previous_year(list(by_year), year)
        if before is not None and vocabulary.is_adopted(year):
            pages = unread.get(year, set())
            continued = {measure_id for page in pages for measure_id in continues_of_unread.get(page, ())}
            not_read = sum(1 for page in pages if page not in continues_of_unread)
            found += _not_continued(by_year[before], of_year.values(), year, vocabulary, docs_dir, not_read, continued)
    return found


def _continues(
    measure: Measure,
    by_year: dict[int, dict[str, Measure]],
    vocabulary: Vocabulary,
    docs_dir: str,
    allowed: dict[int, str],
    unread: Mapping[int, Collection[str]],
) -> list[Problem]:
    """The problems of the measure's `continues`; `allowed` keeps each year's list of what it may continue."""
    path, line = f"{docs_dir}/{measure.source}", measure.field_lines.get("continues")
    before = previous_year(list(by_year), measure.year)
    if before is None:
        return [
            Problem(
                path,
                line,
                "continues",
                f"det finns ingen tidigare uppföljning med åtgärdssidor än {measure.year} att fortsätta. "
                "Ta bort fältet.",
            )
        ]
    earlier = by_year[before]
    if measure.year not in allowed:
        ids = sorted(
            (m.id for m in earlier.values() if vocabulary.disposition(m.next_year).lineage != DROPPED),
            key=id_sort_key,
        )
        allowed[measure.year] = (
            f"Tillåtna (åtgärder {before} som finns med i planen för {measure.year}): {', '.join(ids)}."
        )
    allowed_text = allowed[measure.year]
    found = []
    for measure_id in measure.continues:
        target = earlier.get(measure_id)
        if target is None and layout.measure_page(before, measure_id) in unread.get(before, ()):
            continue  # the page is there but has problems of its own, which are reported
        if target is None:
            same_year = measure_id in by_year[measure.year]
            where = (
                f"är en åtgärd i {measure.year}, samma år; continues anger åtgärder i uppföljningen {before}"
                if same_year
                else f"finns inte i uppföljningen {before}"
            )
            found.append(Problem(path, line, "continues", f"'{measure_id}' {where}. {allowed_text}"))
            continue
        disposition = vocabulary.disposition(target.next_year)
        if disposition.lineage == DROPPED:
            found.append(
                Problem(
                    path,
                    line,
                    "continues",
                    f"'{measure_id}' finns inte med i planen för {measure.year} "
                    f"(next_year: {disposition.key}, {disposition.label}) och kan inte fortsättas. {allowed_text}",
                )
            )
    return found


def _not_continued(
    earlier: dict[str, Measure],
    later: Iterable[Measure],
    year: int,
    vocabulary: Vocabulary,
    docs_dir: str,
    not_read: int = 0,
    continued_by_unread: Collection[str] = (),
) -> list[Problem]:
    """Measures that were to go on into `year` but that no measure of the adopted `year` continues.

    `continued_by_unread` are continued by pages of `year` that have other
    problems; `not_read` pages of `year` could not be read even that far: one
    of them may be the one that continues the measure, which the line then says.
    """
    continued = {measure_id for m in later for measure_id in m.continues} | set(continued_by_unread)
    unsure = (
        f" ({not_read} åtgärdssidor för {year} har problem och är inte lästa; kanske fortsätter en av dem åtgärden)"
        if not_read > 1
        else f" (en åtgärdssida för {year} har problem och är inte läst; kanske fortsätter den åtgärden)"
        if not_read
        else ""
    )
    found = []
    for measure in uncontinued(earlier.values(), continued, vocabulary):
        disposition = vocabulary.disposition(measure.next_year)
        found.append(
            Problem(
                f"{docs_dir}/{measure.source}",
                measure.field_lines.get("next_year"),
                "next_year",
                f"åtgärd {measure.id} ska enligt next_year ({disposition.key}, {disposition.label}) finnas med "
                f"i planen för {year}, men ingen åtgärd {year} fortsätter den{unsure}. Uppföljningen {year} är "
                f'fastställd: skriv continues: ["{measure.id}"] på den åtgärd {year} som fortsätter den.',
            )
        )
    return found


def uncontinued(earlier: Iterable[Measure], continued: Collection[str], vocabulary: Vocabulary) -> list[Measure]:
    """The measures of `earlier`, in order, that were to go on (forward or merged) but whose id is not `continued`."""
    return [
        measure
        for measure in sorted(earlier, key=lambda m: m.sort_key)
        if vocabulary.disposition(measure.next_year).lineage in (FORWARD, MERGED) and measure.id not in continued
    ]

"""Adopt (fastställa) a follow-up year: write `adopted` and the year's figures into `data/measures.yml`.

The figures written are the year's tallies as the site computes them, total
and per development area: what `atgardsplan report` puts in the document
that goes to the board. A year whose figures a document stated before the
site existed (2021, 2022) keeps them, and the pages must give them.

Nothing is written while anything would keep the year from passing the
check once adopted; every reason is said at once. The file is edited as text
(`follow_ups_text`), keeping its comments and layout, read back by the
build's reader, and the whole project is loaded with it on a copy before the
real file is replaced (through the all-or-nothing writer).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from actionplan import layout, pipeline, tally, words
from actionplan.aggregate.catalogue import Catalogue
from actionplan.dates import is_iso_date
from actionplan.editing import follow_ups_text, trial_load
from actionplan.editing.file_transaction import WriteFailed, Writer
from actionplan.fields import PLACEHOLDER, SUMMARY_PENDING
from actionplan.model import NOT_DECIDED, NOT_FOLLOWED_UP, FollowUp, Measure, Vocabulary
from actionplan.problems import Problems, shown_lines
from actionplan.validate import crosschecks, lineage

# Most numbers listed in one reason; the rest are counted.
MAX_LISTED = 12


class AdoptRefused(Exception):
    """Nothing was written; `reasons` are the Swedish lines that say why (every one at once)."""

    def __init__(self, headline: str, reasons: list[str] | None = None) -> None:
        super().__init__(headline)
        self.headline = headline
        self.reasons = reasons or []


@dataclass(frozen=True)
class Adopted:
    """What `adopt` wrote: the year, the date, and the figures as written (None where a document's stood)."""

    year: int
    date: str
    document: str
    measures: int
    figures: dict[str, int] | None
    area_figures: dict[int, dict[str, int]] | None
    kept: FollowUp | None  # the entry's own stated figures, kept, when a document stated them before


def adopt(
    writer: Writer,
    docs_dir: str,
    year: int,
    adopted: str,
    document: str | None = None,
    scanner: pipeline.CallScanner | None = None,
) -> Adopted:
    """Mark `year` adopted on `adopted` (ÅÅÅÅ-MM-DD); AdoptRefused, with every reason, when it cannot be.

    The file is written through `writer` (rooted at the project), all or nothing.
    """
    root = writer.root
    if not is_iso_date(adopted):
        raise AdoptRefused(f"'{adopted}' är inget datum på formen ÅÅÅÅ-MM-DD, till exempel --date 2023-01-26.")
    loaded = pipeline.load(root, docs_dir, scanner)
    if isinstance(loaded, Problems):
        raise AdoptRefused(
            "innehållet har problem som måste rättas först (kör atgardsplan check):", shown_lines(loaded.items)
        )
    catalogue, vocabulary = loaded, loaded.vocabulary
    follow_up = vocabulary.follow_up(year)
    if follow_up is None:
        raise AdoptRefused(f"{vocabulary.unknown_year(year)} Starta året med atgardsplan new-year {year}.")
    if follow_up.is_adopted:
        raise AdoptRefused(
            f"uppföljningen {year} är redan fastställd ({follow_up.document}, {follow_up.adopted}). Ett fastställt "
            "år ändras bara för att rätta något som blivit fel överfört."
        )
    measures = list(catalogue.of_year(year))
    if not measures:
        raise AdoptRefused(
            f"uppföljningen {year} har inga åtgärdssidor att fastställa. Starta året med atgardsplan new-year {year}."
        )
    reasons = _reasons(catalogue, follow_up, measures, docs_dir)
    if reasons:
        raise AdoptRefused(f"uppföljningen {year} kan inte fastställas ännu:", reasons)
    result = _result(follow_up, measures, vocabulary, adopted, document)
    path = root / pipeline.VOCABULARY_FILE
    text = _adopted_text(path.read_text(encoding="utf-8-sig"), result, vocabulary)
    written, problems = follow_ups_text.read_back(text)
    if written is None or not written.is_adopted(year):
        raise AdoptRefused(f"{pipeline.VOCABULARY_FILE} kunde inte ändras automatiskt:", [str(p) for p in problems])
    left = _tried(root, docs_dir, text, scanner)
    if left:
        raise AdoptRefused("med året fastställt skulle atgardsplan check hitta dessa problem:", left)
    try:
        writer.write({pipeline.VOCABULARY_FILE: text.encode("utf-8")})
    except WriteFailed as failure:
        raise AdoptRefused(str(failure)) from None
    return result


def _reasons(catalogue: Catalogue, follow_up: FollowUp, measures: list[Measure], docs_dir: str) -> list[str]:
    """Everything that keeps the year from passing the check once adopted, in the order an editor fixes it."""
    year, vocabulary = follow_up.year, catalogue.vocabulary
    reasons = []
    no_status = [m.id for m in measures if m.status == NOT_FOLLOWED_UP.key]
    if no_status:
        reasons.append(f"{_measures(no_status)} saknar status ({NOT_FOLLOWED_UP.label}): {_listed(no_status)}.")
    undecided = [m.id for m in measures if m.next_year == NOT_DECIDED.key]
    if undecided:
        reasons.append(
            f"{_measures(undecided)} saknar next_year, hur de hanteras i nästa års plan ({NOT_DECIDED.label}): "
            f"{_listed(undecided)}."
        )
    unwritten = [
        f"{docs_dir}/{layout.area_page(year, area)}"
        for area in catalogue.texts.area_pages(year)
        if any(marker in catalogue.texts.overviews[(year, area)] for marker in (SUMMARY_PENDING, PLACEHOLDER))
    ]
    if unwritten:
        reasons.append(f'Sammanfattningen under "Året som gått" är inte skriven i {", ".join(unwritten)}.')
    prose = layout.prose_file(year)
    if year not in catalogue.texts.prose:
        reasons.append(f"Rapportens text saknas: skriv {prose} (kapitel 1 och inledningen till kapitel 2).")
    elif year in catalogue.texts.prose_pending:
        line = catalogue.texts.prose_pending[year]
        reasons.append(
            f"Rapportens text är inte skriven: {prose} säger fortfarande att texten skrivs senare (rad {line})."
        )
    before = catalogue.previous_year(year)
    if before is not None:
        continued = {measure_id for m in measures for measure_id in m.continues}
        left = lineage.uncontinued(catalogue.of_year(before), continued, vocabulary)
        if left:
            shown = [f"{m.id} ({vocabulary.disposition(m.next_year).label})" for m in left]
            reasons.append(
                f"{_measures(left)} {before} ska finnas med i planen för {year} men fortsätts inte av någon åtgärd "
                f"{year}: {_listed(shown)}. Skriv numret i continues på den åtgärd som tar över, till exempel "
                f'continues: ["{left[0].id}"], eller med atgardsplan new --continues {left[0].id}.'
            )
    if not no_status:
        differences = crosschecks.figure_differences(follow_up, measures, vocabulary)
        if differences:
            shown = [
                f"{d.scope} {d.label} {d.computed} i stället för {d.stated}"
                if d.label != crosschecks.MEASURES
                else f"{words.count(d.computed, 'åtgärdssida', 'åtgärdssidor')} i stället för {d.stated}"
                for d in differences
            ]
            reasons.append(
                f"{follow_up.document} ({follow_up.date}) anger siffror för {year} som åtgärdssidorna inte ger: "
                f"{', '.join(shown)}. De officiella siffrorna ändras inte; rätta de sidor som är fel överförda."
            )
    return reasons


def _result(
    follow_up: FollowUp, measures: list[Measure], vocabulary: Vocabulary, adopted: str, document: str | None
) -> Adopted:
    year = follow_up.year
    if follow_up.stated is not None:
        # A document stated the figures before: they stand, and so does the document that states them.
        return Adopted(year, adopted, document or follow_up.document or "", len(measures), None, None, follow_up)
    total = tally.by_status(measures, vocabulary)
    areas = {
        area.number: tally.by_status([m for m in measures if m.area == area.number], vocabulary)
        for area in vocabulary.areas
    }
    name = document or follow_up.document or f"uppföljningsrapporten {year}"
    return Adopted(year, adopted, name, len(measures), total, areas, None)


def _adopted_text(text: str, result: Adopted, vocabulary: Vocabulary) -> str:
    """The file's text with the year's entry adopted: new lines at the end of the entry, nothing else changed.

    The entry's own values stay (a stated document's figures, its document and
    date); what is missing is added. The "open year" note that new-year wrote
    above the entry goes, since it no longer holds.
    """
    lines = text.split("\n")
    entry = follow_ups_text.entry_of(follow_ups_text.entries(text), result.year)
    assert entry is not None, "the year was found in the loaded vocabulary"
    fields = follow_ups_text.fields(entry)
    indent = " " * entry.value[0][0].start_mark.column

    def quoted(value: str) -> str:
        return json.dumps(value, ensure_ascii=False)  # JSON is valid YAML, whatever the text holds

    added = [f"{indent}# Fastställd {result.date} genom {result.document}."]
    added.append(f"{indent}adopted: {quoted(result.date)}")
    if "document" not in fields:
        added.append(f"{indent}document: {quoted(result.document)}")
    if "date" not in fields:
        added.append(f"{indent}date: {quoted(result.date)}")
    if "measures" not in fields:
        added.append(f"{indent}measures: {result.measures}")
    if result.figures is not None and result.area_figures is not None:
        added += [
            f"{indent}# Siffrorna är åtgärdssidornas när året fastställdes; rapporten anger dem.",
            f"{indent}stated:",
            f"{indent}  total: {_flow(result.figures)}",
            f"{indent}  areas:",
            *(f"{indent}    {area}: {_flow(counts)}" for area, counts in result.area_figures.items()),
        ]
    end = follow_ups_text.last_line(entry)
    lines[end + 1 : end + 1] = added
    start = entry.start_mark.line
    note = start
    while note > 0 and lines[note - 1].strip().startswith("#"):
        note -= 1
    if note < start and lines[note].strip().startswith(OPEN_YEAR_NOTE):
        del lines[note:start]
    return "\n".join(lines)


# How the note above an open year's entry starts (new-year's, and the one the real file had for 2022).
OPEN_YEAR_NOTE = "# Öppet år"


def _flow(counts: dict[str, int]) -> str:
    return "{" + ", ".join(f"{key}: {count}" for key, count in counts.items()) + "}"


def _tried(root: Path, docs_dir: str, text: str, scanner: pipeline.CallScanner | None) -> list[str]:
    """The check's problem lines for the project with the edited vocabulary, loaded from a copy of what it reads."""
    loaded = trial_load.load_with(root, docs_dir, {pipeline.VOCABULARY_FILE: text.encode("utf-8")}, scanner)
    return shown_lines(loaded.items) if isinstance(loaded, Problems) else []


def _measures(ids: list[str] | list[Measure]) -> str:
    return words.measures(len(ids))


def _listed(values: list[str]) -> str:
    shown = ", ".join(values[:MAX_LISTED])
    return shown + (f" och {len(values) - MAX_LISTED} till" if len(values) > MAX_LISTED else "")


def summary(result: Adopted, vocabulary: Vocabulary) -> str:
    """What was written, in the editor's words (labels, never keys), and what comes next."""
    year = result.year
    lines = [f"Uppföljningen {year} är fastställd {result.date} ({result.document})."]
    if result.figures is not None:
        lines.append(
            f"Skrivet i {pipeline.VOCABULARY_FILE}: adopted och årets siffror, {words.measures(result.measures)} "
            f"({tally.summary(result.figures, vocabulary)}), totalt och per utvecklingsområde."
        )
    elif result.kept is not None:
        lines.append(
            f"Skrivet i {pipeline.VOCABULARY_FILE}: adopted. Siffrorna ur {result.kept.document} står kvar, och "
            "åtgärdssidorna ger dem."
        )
    lines.append(
        f"Rapporten till nämnden: atgardsplan report --year {year} --format pdf --output rapport-{year}.pdf "
        "(också docx; --document skrivelse ger tjänsteskrivelsen). Från och med nu ändras årets sidor bara för att "
        "rätta något som blivit fel överfört."
    )
    return "\n".join(lines)

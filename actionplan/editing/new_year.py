"""Start the follow-up of a new year from the newest earlier year with measure pages.

Everything is prepared in memory and checked first; only then is anything
written, so a refusal leaves the tree exactly as it was.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from actionplan import layout, pipeline
from actionplan.aggregate.catalogue import Catalogue
from actionplan.editing import follow_ups_text
from actionplan.editing.file_transaction import WriteFailed, Writer
from actionplan.fields import SUMMARY_PENDING
from actionplan.model import FORWARD, MERGED, NOT_DECIDED, Measure, Vocabulary
from actionplan.problems import Problems
from actionplan.render.page_sources import area_template, carried_page, prose_page, year_pages


class NewYearRefused(Exception):
    """Nothing was written; the message says why, in Swedish."""


@dataclass
class NewYear:
    """What `start` wrote and what is left for the editor."""

    year: int
    previous: int
    files: dict[str, str] = field(default_factory=dict)  # path relative to the project root: text
    carried: list[Measure] = field(default_factory=list)
    merged: list[Measure] = field(default_factory=list)
    vocabulary_note: str = ""


def start(
    writer: Writer, docs_dir: str, templates: Path, year: int, scanner: pipeline.CallScanner | None = None
) -> NewYear:
    """Write the new year's pages and open it in the vocabulary file; NewYearRefused when it cannot be done.

    Everything goes through `writer` in one all-or-nothing write (its root is
    the project's). `scanner` finds the block calls in hand-written pages, as
    for `atgardsplan check`.
    """
    root = writer.root
    loaded = pipeline.load(root, docs_dir, scanner)
    if isinstance(loaded, Problems):
        raise NewYearRefused(
            "innehållet har problem som måste rättas först (kör atgardsplan check):\n" + loaded.report()
        )
    catalogue = loaded
    if not catalogue.years:
        raise NewYearRefused("det finns inget uppföljningsår med åtgärdssidor att utgå från.")
    newest = catalogue.years[-1]
    if year <= newest:
        raise NewYearRefused(
            f"{year} är inte senare än {newest}, det senaste året med åtgärdssidor. "
            f"Ett nytt uppföljningsår måste vara senare, till exempel {newest + 1}."
        )
    docs = root / docs_dir
    folder = docs / str(year)
    if folder.exists() and any(folder.iterdir()):
        raise NewYearRefused(
            f"{docs_dir}/{year}/ finns redan och har innehåll; new-year skriver aldrig över sidor. "
            "Lägg till åtgärder med atgardsplan new."
        )
    undecided = [m.id for m in catalogue.of_year(newest) if m.next_year == NOT_DECIDED.key]
    if undecided:
        raise NewYearRefused(
            f"uppföljningen {newest} är inte klar: {len(undecided)} åtgärder har ingen next_year "
            f"({', '.join(undecided[:10])}{' …' if len(undecided) > 10 else ''}), så det går inte att veta vilka "
            f"som ska finnas med {year}. Fyll i next_year på dem först."
        )
    result = NewYear(year, newest)
    # In the order they are written: should the process die halfway, every prefix of this order is
    # content the check and the build accept (the next command puts the old state back anyway).
    result.files[pipeline.VOCABULARY_FILE], result.vocabulary_note = _opened_vocabulary(
        root / pipeline.VOCABULARY_FILE, year, catalogue.vocabulary
    )
    vocabulary, problems = follow_ups_text.read_back(result.files[pipeline.VOCABULARY_FILE])
    if vocabulary is None:
        raise NewYearRefused(
            f"{pipeline.VOCABULARY_FILE} kunde inte ändras automatiskt: " + "; ".join(str(p) for p in problems)
        )
    for source, text in year_pages(templates, year).items():
        result.files[f"{docs_dir}/{source}"] = text
    for area in vocabulary.areas:
        page = area_template(templates, vocabulary, year, area.number, summary=SUMMARY_PENDING)
        result.files[f"{docs_dir}/{layout.area_page(year, area.number)}"] = page
    for measure in catalogue.of_year(newest):
        lineage = vocabulary.disposition(measure.next_year).lineage
        if lineage == FORWARD:
            result.carried.append(measure)
            source = f"{docs_dir}/{layout.measure_page(year, measure.id)}"
            result.files[source] = carried_page(measure, vocabulary)
        elif lineage == MERGED:
            result.merged.append(measure)
    # The report's own text, with its headings and every section to be written; one written early is kept.
    if not (root / layout.prose_file(year)).exists():
        result.files[layout.prose_file(year)] = prose_page(year)
    pages = [relative for relative in result.files if relative != pipeline.VOCABULARY_FILE]
    try:
        writer.write({relative: text.encode("utf-8") for relative, text in result.files.items()}, new=pages)
    except WriteFailed as failure:
        raise NewYearRefused(str(failure)) from None
    return result


def _opened_vocabulary(path: Path, year: int, vocabulary: Vocabulary) -> tuple[str, str]:
    """The vocabulary file's text with `year` present and open, and a Swedish note on what changed.

    Edited as text (`follow_ups_text`: insert an entry, drop an `adopted`
    line) and read back by the build's own reader before anything is written.
    """
    text = path.read_text(encoding="utf-8-sig")
    lines = text.split("\n")
    entries = follow_ups_text.entries(text)
    entry = follow_ups_text.entry_of(entries, year)
    if entry is not None:
        fields = follow_ups_text.fields(entry)
        if "adopted" not in fields:
            return text, f"{year} fanns redan; det är ett öppet år och dess siffror står kvar."
        key, value = fields["adopted"]
        if value.end_mark.line != key.start_mark.line:
            raise NewYearRefused(f"skriv adopted för {year} på en rad i {pipeline.VOCABULARY_FILE}, eller ta bort den.")
        del lines[key.start_mark.line]
        return "\n".join(lines), (
            f"{year} var markerat som fastställt; raden adopted togs bort så att året är öppet medan "
            "uppföljningen förs in. Dess siffror står kvar."
        )
    last = entries.value[-1]
    indent = " " * last.start_mark.column
    end_line = follow_ups_text.last_line(last)
    previous = vocabulary.follow_ups[-1] if vocabulary.follow_ups else None
    title = f"Uppföljning av åtgärdsplan mot segregation {year}"
    if previous is not None and previous.title.endswith(str(previous.year)):
        title = previous.title[: -len(str(previous.year))] + str(year)
    block = [
        f"{indent[:-2]}# Öppet år: uppföljningen pågår. När den är beslutad skriver",
        f"{indent[:-2]}# atgardsplan adopt {year} --date ÅÅÅÅ-MM-DD siffrorna här och fastställer året.",
        f"{indent[:-2]}- year: {year}",
        f"{indent}title: {json.dumps(title, ensure_ascii=False)}",
    ]
    lines[end_line + 1 : end_line + 1] = block
    return "\n".join(lines), f"{year} lades till under follow_ups som ett öppet år."


def summary(result: NewYear, vocabulary: Vocabulary, catalogue: Catalogue | None = None) -> str:
    """What was created and what is left, in Swedish, for the editor: values by their labels, never their keys."""
    year, previous = result.year, result.previous
    kinds = Counter(m.next_year for m in result.carried)
    counted = ", ".join(f"{kinds[d.key]} {d.label}" for d in vocabulary.dispositions if kinds[d.key])
    prose = layout.prose_file(year)
    lines = [
        f"Uppföljningsåret {year} är startat från {previous}.",
        "",
        "Skapat:",
        f"- {len(result.carried)} åtgärdssidor i docs/{year}/atgarder/ ({counted}), var och en med "
        f"continues som pekar på åtgärden {previous}, utan status och kommentar.",
        '- översikterna för utvecklingsområdena med ett tomt avsnitt "Året som gått": '
        f"docs/{year}/utvecklingsomrade-*.md",
        f"- årets övriga sidor: {', '.join(sorted(Path(p).name for p in result.files if _is_year_page(p, year)))}",
        f"- {prose}: rapportens rubriker, texten ännu inte skriven"
        if prose in result.files
        else f"- {prose} fanns redan och lämnades som den var",
        f"- {pipeline.VOCABULARY_FILE}: {result.vocabulary_note}",
        "",
        "Kvar att göra:",
    ]
    merged_label = next((d.label for d in vocabulary.dispositions if d.lineage == MERGED), "")
    steps = [
        f"Lägg till årets nya åtgärder, alla på en gång: atgardsplan plan-form --year {year} skapar "
        f"formular/plan-{year}.xlsx; fyll i det och läs in det med atgardsplan new --from formular/plan-{year}.xlsx "
        f'(visar först, skriver med --apply). En i taget: atgardsplan new --year {year} --area 1 --title "...".'
    ]
    if result.merged:
        example = result.merged[0].id
        merged = [
            f"   - {m.id} {m.title}" + (f" ({m.next_year_text})" if m.next_year_text else "") for m in result.merged
        ]
        steps.append(
            f"Åtgärder {previous} som ingår i en annan åtgärd {year} ({merged_label}). Ange på den åtgärd {year} "
            f"som tar över dem vilka den fortsätter: i planformulärets kolumn Fortsätter, med --continues "
            f'{example} till atgardsplan new, eller continues: ["{example}"] på sidan:\n' + "\n".join(merged)
        )
    steps += [
        f"Samla in uppföljningen: atgardsplan forms --year {year} skapar formulären i formular/{year}; läs in de "
        f"ifyllda med atgardsplan import formular/{year}. Så länge en åtgärd saknar status visas den som Ej uppföljd.",
        f'Skriv årets sammanfattning under "Året som gått" på varje översikt och rapportens text i {prose}.',
        f"När uppföljningen är beslutad: atgardsplan adopt {year} --date ÅÅÅÅ-MM-DD. Kommandot skriver "
        f"siffrorna i {pipeline.VOCABULARY_FILE}, eller säger allt som återstår.",
    ]
    lines += [f"{number}. {step}" for number, step in enumerate(steps, start=1)]
    return "\n".join(lines)


def _is_year_page(path: str, year: int) -> bool:
    if path == layout.prose_file(year):
        return False
    parts = Path(path).parts
    return len(parts) >= 2 and parts[-2] == str(year) and not parts[-1].startswith("utvecklingsomrade-")

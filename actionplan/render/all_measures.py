"""The "Alla åtgärder" table: every measure of a year, with filters that a script brings to life.

Without JavaScript the reader gets the full table and its tally; the filter
form stays hidden because it could do nothing. The script
(`docs/assets/javascripts/all-measures.js`) reads the row attributes written
here, so both sides share these names.
"""

from __future__ import annotations

import json

from actionplan import tally, words
from actionplan.aggregate.catalogue import Catalogue
from actionplan.model import VALUE_SEPARATOR, Administration, Measure
from actionplan.render.export_links import download_links
from actionplan.render.html_fragments import esc
from actionplan.render.page_links import Links
from actionplan.render.tables import ALL_COLUMNS, measure_columns, measure_table

# The page that shows this table is left out of search (its front matter):
# the table repeats every measure page.


def all_measures(catalogue: Catalogue, year: int, links: Links) -> str:
    vocabulary = catalogue.vocabulary
    measures = list(catalogue.of_year(year))
    columns = measure_columns(vocabulary, links, year)

    def row_attributes(measure: Measure) -> dict[str, str]:
        return {
            "data-area": str(measure.area),
            "data-districts": VALUE_SEPARATOR.join(measure.districts),
            "data-responsible": VALUE_SEPARATOR.join(measure.organisations),
            "data-status": measure.status,
            "data-next-year": measure.next_year,
            "data-text": _searchable_text(measure, catalogue),
        }

    filters = [
        ("area", "Utvecklingsområde", [(str(a.number), f"{a.number}. {a.title}") for a in vocabulary.areas]),
        ("districts", "Område", [(d.name, d.name) for d in vocabulary.districts]),
        ("responsible", "Ansvarig", [(a.abbreviation, _administration_label(a)) for a in vocabulary.administrations]),
        ("status", f"Status {year}", [(s.key, s.label) for s in vocabulary.statuses_of(year)]),
        ("next-year", f"I planen för {year + 1}", [(d.key, d.label) for d in vocabulary.dispositions_of(year)]),
    ]
    total = tally.by_status(measures, vocabulary, year)
    # The script writes the same sentence as rows are filtered (all-measures.js).
    statuses = json.dumps([[s.key, s.label] for s in vocabulary.statuses_of(year)], ensure_ascii=False)
    shown = tally.summary(total, vocabulary.statuses_of(year))
    count = f"Visar {len(measures)} av {words.measures(len(measures))}. {shown}."
    summary = f'<p class="ap-count" id="ap-count" aria-live="polite" data-statuses="{esc(statuses)}">{esc(count)}</p>'
    table = measure_table(
        measures,
        [columns[name] for name in ALL_COLUMNS],
        f"Alla åtgärder i uppföljningen {year}",
        row_attributes=row_attributes,
        table_id="ap-all-measures",
        sortable=True,
    )
    return "\n".join([download_links(year, links), _filter_form(filters, links), summary, table])


def _filter_form(filters: list[tuple[str, str, list[tuple[str, str]]]], links: Links) -> str:
    fields = []
    for name, label, options in filters:
        choices = "".join(f'<option value="{esc(value)}">{esc(text)}</option>' for value, text in options)
        fields.append(
            f'<label class="ap-filter">{esc(label)}<select name="{name}" data-filter="{name}">'
            f'<option value="">Alla</option>{choices}</select></label>'
        )
    fields.append(
        '<label class="ap-filter ap-filter--text">Fritext<input type="search" name="text" data-filter="text" '
        'placeholder="Ord eller nummer" autocomplete="off"></label>'
    )
    button = f' class="{esc(links.theme.button)}"' if links.theme.button else ""
    fields.append(f'<button type="reset"{button}>Visa alla</button>')
    return (
        '<form class="ap-filters" id="ap-filters" hidden aria-controls="ap-all-measures" role="search" '
        f'aria-label="Filtrera åtgärderna">{"".join(fields)}</form>'
    )


def _administration_label(administration: Administration) -> str:
    if administration.name:
        return f"{administration.abbreviation} – {administration.name}"
    return administration.abbreviation


def _searchable_text(measure: Measure, catalogue: Catalogue) -> str:
    """What free text matches: number, title, places, administrations (with names), comment."""
    vocabulary = catalogue.vocabulary
    names = [vocabulary.administration(o).name or "" for o in measure.organisations]
    parts = [
        measure.id,
        measure.title,
        *measure.districts,
        *(str(r) for r in measure.responsible),
        *names,
        measure.responsible_text,
        measure.financing,
        measure.comment,
        measure.next_year_text,
    ]
    return " ".join(" ".join(part for part in parts if part).split()).lower()

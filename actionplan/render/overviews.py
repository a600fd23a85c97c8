"""Blocks that aggregate measures: tallies, area overviews, statistics, facet pages, history."""

from __future__ import annotations

from actionplan import dates, layout, words
from actionplan.aggregate import tally
from actionplan.aggregate.catalogue import Catalogue
from actionplan.aggregate.facets import Facet, FacetValue, facets
from actionplan.model import Measure, Vocabulary
from actionplan.render.charts import chart_summary, stacked_bars, swatch
from actionplan.render.html import esc, link
from actionplan.render.links import Links
from actionplan.render.tables import ALL_COLUMNS, AREA_COLUMNS, measure_columns, measure_table, tally_table


def tally_figure(rows: list[tuple[str, dict[str, int]]], vocabulary: Vocabulary, title: str, links: Links) -> str:
    """A chart of the rows with a colour key, excluded from search (the table beside it is indexed)."""
    if not rows:
        return ""
    summary = "; ".join(chart_summary(label, counts, vocabulary.statuses) for label, counts in rows)
    key = "".join(f"<li>{swatch(vocabulary.statuses, s)}{esc(s.label)}</li>" for s in vocabulary.statuses)
    chart = stacked_bars(rows, vocabulary.statuses, summary)
    return (
        f'<figure class="ap-figure"{links.theme.excluded_from_search()}>{chart}'
        f'<figcaption>{esc(title)}<ul class="ap-key">{key}</ul></figcaption></figure>'
    )


def area_tally_table(catalogue: Catalogue, year: int, links: Links) -> str:
    """A row per development area, linked to its overview, with a total row."""
    vocabulary = catalogue.vocabulary
    rows = [
        (
            link(links.to(layout.area_page(year, area.number)), esc(f"{area.number}. {area.title}")),
            tally.by_status(catalogue.of_area(year, area.number), vocabulary),
        )
        for area in vocabulary.areas
    ]
    total = tally.by_status(catalogue.of_year(year), vocabulary)
    return tally_table(
        rows,
        vocabulary,
        f"Status per utvecklingsområde {year}",
        "Utvecklingsområde",
        total_row=("Alla utvecklingsområden", total),
    )


def year_tally(catalogue: Catalogue, year: int, links: Links) -> str:
    """The year's overall tally as a sentence and a bar, and the table of the areas."""
    vocabulary = catalogue.vocabulary
    measures = catalogue.of_year(year)
    total = tally.by_status(measures, vocabulary)
    lead = f"Uppföljningen {year} omfattar {words.measures(len(measures))}. {tally.summary(total, vocabulary)}."
    return "\n".join(
        [
            f'<p class="ap-lead">{esc(lead)}</p>',
            tally_figure([("", total)], vocabulary, f"Status för alla åtgärder {year}", links),
            area_tally_table(catalogue, year, links),
        ]
    )


def area_overview(catalogue: Catalogue, year: int, area: int, links: Links) -> str:
    """An area's tally (computed, and as the follow-up states it) and a table of its measures."""
    vocabulary = catalogue.vocabulary
    measures = catalogue.of_area(year, area)
    counts = tally.by_status(measures, vocabulary)
    follow_up = vocabulary.known_follow_up(year)
    stated = follow_up.stated.areas.get(area) if follow_up.stated else None
    parts = [tally_figure([("", counts)], vocabulary, f"Status för utvecklingsområde {area} {year}", links)]
    if stated is not None:
        # The build stops when the two disagree, so the page may say that they agree.
        source = follow_up.document[:1].upper() + follow_up.document[1:]
        parts.append(
            f'<p class="ap-stated">{esc(source)} anger för området: {esc(tally.summary(stated, vocabulary))}. '
            "Siffrorna ovan är räknade från åtgärdssidorna och stämmer med den.</p>"
        )
    columns = measure_columns(vocabulary, links, year)
    parts.append(
        measure_table(list(measures), [columns[n] for n in AREA_COLUMNS], f"Åtgärder i utvecklingsområde {area}")
    )
    return "\n".join(parts)


def statistics(catalogue: Catalogue, year: int, links: Links) -> list[tuple[str, str]]:
    """(heading, HTML) sections: tallies by area and by every facet, each as a chart and a table."""
    vocabulary = catalogue.vocabulary
    area_rows = [
        (f"{area.number}. {area.title}", tally.by_status(catalogue.of_area(year, area.number), vocabulary))
        for area in vocabulary.areas
    ]
    by_area = "\n".join(
        [
            tally_figure(area_rows, vocabulary, f"Status per utvecklingsområde {year}", links),
            area_tally_table(catalogue, year, links),
        ]
    )
    sections = [("Per utvecklingsområde", by_area)]
    for facet in facets(vocabulary):
        if facet.key != "status":  # the status tally is the total row of every table
            sections.append((facet.plural, facet_tally(facet, catalogue.of_year(year), year, links, vocabulary)))
    return sections


def facet_tally(facet: Facet, measures: tuple[Measure, ...], year: int, links: Links, vocabulary: Vocabulary) -> str:
    """A chart and a table with a row per value of the facet, each linked to its page."""
    rows = [(value, tally.by_status(facet.measures(measures, value), vocabulary)) for value in facet.values]
    caption = f"Status per {facet.label.lower()} {year}"
    parts = []
    if facet.multi_valued:
        parts.append(
            '<p class="ap-note">En åtgärd kan höra till flera rader, så raderna summerar inte till '
            "antalet åtgärder.</p>"
        )
    parts += [
        tally_figure([(v.label, counts) for v, counts in rows], vocabulary, caption, links),
        tally_table(
            [(link(links.to(facet.page(year, v)), esc(v.label)), counts) for v, counts in rows],
            vocabulary,
            caption,
            facet.label,
        ),
    ]
    return "\n".join(parts)


def facet_title(facet: Facet, value: FacetValue, year: int) -> str:
    return f"{facet.label}: {value.label} ({year})"


def facet_body(catalogue: Catalogue, year: int, facet: Facet, value: FacetValue, links: Links) -> str:
    """A facet page (`links` are the page's own): its measures, with their status and the page's own tally."""
    vocabulary = catalogue.vocabulary
    measures = facet.measures(catalogue.of_year(year), value)
    intro = f"Åtgärder i uppföljningen {year} med {facet.label.lower()} {value.label}"
    intro += f" ({value.description})." if value.description else "."
    if not measures:
        return f'<p class="ap-lead">{esc(intro)}</p>\n<p>Inga åtgärder i uppföljningen {year}.</p>'
    counts = tally.by_status(measures, vocabulary)
    columns = measure_columns(vocabulary, links, year)
    caption = f"Status, {value.label} {year}"
    return "\n".join(
        [
            f'<p class="ap-lead">{esc(intro)} {words.measures(len(measures))}.</p>',
            tally_figure([("", counts)], vocabulary, caption, links),
            tally_table([(esc(value.label), counts)], vocabulary, caption, facet.label),
            measure_table(measures, [columns[n] for n in ALL_COLUMNS], f"Åtgärder, {value.label} {year}"),
        ]
    )


def development_over_time(catalogue: Catalogue, links: Links) -> str:
    """Every follow-up year's figures: computed where the site has the pages, else as reported."""
    vocabulary = catalogue.vocabulary
    rows, chart_rows = [], []
    number: int | None
    for follow_up in vocabulary.follow_ups:
        if follow_up.year in catalogue.years:
            measures = catalogue.of_year(follow_up.year)
            counts, number = tally.by_status(measures, vocabulary), len(measures)
            source = "Räknat från åtgärdssidorna"
            if follow_up.stated:
                source += f"; stämmer med {follow_up.document}"
        elif follow_up.stated:
            counts, number = follow_up.stated.total, follow_up.measures
            source = f"Enligt {follow_up.document} ({dates.swedish_iso(follow_up.date)}); inga åtgärdssidor ännu"
        else:
            continue
        chart_rows.append((f"Uppföljning {follow_up.year}", counts))
        figures = "".join(f'<td class="ap-num">{counts[s.key]}</td>' for s in vocabulary.statuses)
        shown_number = number if number is not None else "–"
        rows.append(
            f'<tr><th scope="row">{follow_up.year}</th><td class="ap-num">{shown_number}</td>'
            f"{figures}<td>{esc(source)}</td></tr>"
        )
    head = "".join(f'<th scope="col">{esc(s.label)}</th>' for s in vocabulary.statuses)
    table = (
        '<table class="ap-table ap-history"><caption>Status vid varje årlig uppföljning</caption>'
        f'<thead><tr><th scope="col">Uppföljning</th><th scope="col">Åtgärder</th>{head}'
        f'<th scope="col">Källa</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )
    plans = "".join(
        f"<li>Åtgärdsplanen för {plan.year} innehåller {words.measures(plan.measures)} "
        f"(enligt {esc(plan.document)}, {dates.swedish_iso(plan.date)}).</li>"
        for plan in vocabulary.plans
    )
    parts = [tally_figure(chart_rows, vocabulary, "Status per uppföljningsår", links), table]
    if plans:
        parts.append(f'<ul class="ap-plans">{plans}</ul>')
    return "\n".join(parts)


def follow_up_facts(vocabulary: Vocabulary, year: int) -> str:
    """The document facts of a follow-up report (title, diarienummer, date, organisation)."""
    follow_up = vocabulary.known_follow_up(year)
    rows = [("Dokument", follow_up.title)]
    if follow_up.diarienummer:
        rows.append(("Diarienummer", follow_up.diarienummer))
    rows.append(("Datum", dates.swedish_iso(follow_up.date)))
    if follow_up.organisation:
        rows.append(("Organisation", follow_up.organisation))
    items = "".join(f"<dt>{esc(term)}</dt><dd>{esc(value)}</dd>" for term, value in rows)
    return f'<div class="ap-facts ap-document"><dl>{items}</dl></div>'

"""Pages and blocks that aggregate measures: tallies, area overviews, statistics, facet pages."""

from __future__ import annotations

from actionplan import dates, layout, tally
from actionplan.catalogue import Catalogue
from actionplan.facets import Facet, FacetValue, facets
from actionplan.layout import Links
from actionplan.model import Measure, Vocabulary
from actionplan.render.charts import chart_summary, stacked_bars
from actionplan.render.html import esc, link
from actionplan.render.tables import measure_columns, measure_table, tally_table


def tally_figure(rows: list[tuple[str, dict[str, int]]], vocabulary: Vocabulary, title: str) -> str:
    """A chart of the rows with a colour key, excluded from search (the table beside it is indexed)."""
    summary = "; ".join(chart_summary(label, counts, vocabulary.statuses) for label, counts in rows)
    key = "".join(
        f'<li><span class="ap-swatch" style="background-color:{s.colour}"></span>{esc(s.label)}</li>'
        for s in vocabulary.statuses
    )
    return (
        f'<figure class="ap-figure" data-search-exclude>{stacked_bars(rows, vocabulary.statuses, summary)}'
        f'<figcaption>{esc(title)}<ul class="ap-key">{key}</ul></figcaption></figure>'
    )


def year_tally(catalogue: Catalogue, year: int, links: Links) -> str:
    """The year's overall tally as a bar, and a table of the areas with their counts and links."""
    words = catalogue.vocabulary
    measures = catalogue.of_year(year)
    total = tally.by_status(measures, words)
    rows = [
        (
            link(links.to(layout.area_page(year, area.number)), esc(f"{area.number}. {area.title}")),
            tally.by_status(catalogue.of_area(year, area.number), words),
        )
        for area in words.areas
    ]
    return "\n\n".join(
        [
            f'<p class="ap-lead">Uppföljningen {year} omfattar {len(measures)} åtgärder. '
            + ", ".join(f"{esc(s.label)}: {total[s.key]}" for s in words.statuses)
            + ".</p>",
            tally_figure([("", total)], words, f"Status för alla åtgärder {year}"),
            tally_table(
                rows,
                words,
                f"Status per utvecklingsområde {year}",
                "Utvecklingsområde",
                total_row=("Alla utvecklingsområden", total),
            ),
        ]
    )


def area_overview(catalogue: Catalogue, year: int, area: int, links: Links) -> str:
    """An area's tally (computed, and as the report states it) and a table of its measures."""
    words = catalogue.vocabulary
    measures = catalogue.of_area(year, area)
    counts = tally.by_status(measures, words)
    follow_up = words.follow_up(year)
    stated = follow_up.stated.areas.get(area) if follow_up.stated else None
    parts = [tally_figure([("", counts)], words, f"Status för utvecklingsområde {area} {year}")]
    if stated is not None:
        figures = ", ".join(f"{esc(s.label)}: {stated[s.key]}" for s in words.statuses)
        parts.append(
            f'<p class="ap-stated">Uppföljningsrapporten anger för området: {figures}. '
            "Siffrorna ovan är räknade från åtgärdssidorna och stämmer med rapporten.</p>"
        )
    columns = measure_columns(words, links, year)
    chosen = [columns[name] for name in ("id", "title", "districts", "responsible", "status", "next_year")]
    parts.append(measure_table(list(measures), chosen, f"Åtgärder i utvecklingsområde {area}"))
    return "\n\n".join(parts)


def statistics(catalogue: Catalogue, year: int, links: Links) -> list[tuple[str, str]]:
    """(heading, HTML) sections: tallies by area and by every facet, each as a chart and a table."""
    words = catalogue.vocabulary
    measures = catalogue.of_year(year)
    total = tally.by_status(measures, words)
    area_rows = [
        (f"{area.number}. {area.title}", tally.by_status(catalogue.of_area(year, area.number), words))
        for area in words.areas
    ]
    by_area = "\n".join(
        [
            tally_figure(area_rows, words, f"Status per utvecklingsområde {year}"),
            tally_table(
                [
                    (link(links.to(layout.area_page(year, a.number)), esc(label)), counts)
                    for a, (label, counts) in zip(words.areas, area_rows, strict=True)
                ],
                words,
                f"Status per utvecklingsområde {year}",
                "Utvecklingsområde",
                total_row=("Alla utvecklingsområden", total),
            ),
        ]
    )
    sections = [("Per utvecklingsområde", by_area)]
    for chosen in facets(words):
        if chosen.key != "status":
            sections.append((chosen.plural, facet_tally(chosen, measures, year, links, words)))
    return sections


def facet_tally(chosen: Facet, measures: tuple[Measure, ...], year: int, links: Links, words: Vocabulary) -> str:
    rows = [(value, tally.by_status(chosen.measures(measures, value), words)) for value in chosen.values]
    parts = []
    if chosen.key in ("district", "administration"):
        parts.append(
            '<p class="ap-note">En åtgärd kan höra till flera rader, så raderna summerar inte till '
            "antalet åtgärder.</p>"
        )
    parts += [
        tally_figure([(v.label, counts) for v, counts in rows], words, f"Status per {chosen.label.lower()} {year}"),
        tally_table(
            [(link(links.to(chosen.page(year, v)), esc(v.label)), counts) for v, counts in rows],
            words,
            f"Status per {chosen.label.lower()} {year}",
            chosen.label,
        ),
    ]
    return "\n\n".join(parts)


def facet_title(chosen: Facet, value: FacetValue, year: int) -> str:
    return f"{chosen.label}: {value.label} ({year})"


def facet_body(catalogue: Catalogue, year: int, chosen: Facet, value: FacetValue) -> str:
    """A facet page: its measures, with their status and the page's own tally."""
    words = catalogue.vocabulary
    links = Links(chosen.page(year, value))
    measures = chosen.measures(catalogue.of_year(year), value)
    intro = f"Åtgärder i uppföljningen {year} med {esc(chosen.label.lower())} {esc(value.label)}"
    intro += f" ({esc(value.description)})." if value.description else "."
    if not measures:
        return f'<p class="ap-lead">{intro}</p>\n<p>Inga åtgärder i uppföljningen {year}.</p>'
    counts = tally.by_status(measures, words)
    columns = measure_columns(words, links, year)
    names = ["id", "title", "area", "districts", "responsible", "status", "next_year"]
    return "\n".join(
        [
            f'<p class="ap-lead">{intro} {len(measures)} åtgärder.</p>',
            tally_figure([("", counts)], words, f"Status, {value.label} {year}"),
            tally_table([(esc(value.label), counts)], words, f"Status, {value.label} {year}", chosen.label),
            measure_table(measures, [columns[n] for n in names], f"Åtgärder, {value.label} {year}"),
        ]
    )


def development_over_time(catalogue: Catalogue) -> str:
    """Every follow-up year's figures: computed where the site has the pages, else as reported."""
    words = catalogue.vocabulary
    rows, chart_rows = [], []
    for follow_up in words.follow_ups:
        if follow_up.year in catalogue.years:
            measures = catalogue.of_year(follow_up.year)
            counts, number = tally.by_status(measures, words), len(measures)
            source = "Räknat från åtgärdssidorna"
            if follow_up.stated:
                source += f"; stämmer med {follow_up.document}"
        elif follow_up.stated:
            counts, number = follow_up.stated.total, follow_up.measures
            source = f"Enligt {follow_up.document} ({dates.swedish_iso(follow_up.date)}); inga åtgärdssidor ännu"
        else:
            continue
        chart_rows.append((f"Uppföljning {follow_up.year}", counts))
        figures = "".join(f'<td class="ap-num">{counts[s.key]}</td>' for s in words.statuses)
        rows.append(
            f'<tr><th scope="row">{follow_up.year}</th><td class="ap-num">{number if number is not None else "–"}</td>'
            f"{figures}<td>{esc(source)}</td></tr>"
        )
    head = "".join(f'<th scope="col">{esc(s.label)}</th>' for s in words.statuses)
    table = (
        '<table class="ap-table ap-history"><caption>Status vid varje årlig uppföljning</caption>'
        f'<thead><tr><th scope="col">Uppföljning</th><th scope="col">Åtgärder</th>{head}'
        f'<th scope="col">Källa</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )
    plans = "".join(
        f"<li>Åtgärdsplanen för {plan.year} innehåller {plan.measures} åtgärder "
        f"(enligt {esc(plan.document)}, {dates.swedish_iso(plan.date)}).</li>"
        for plan in words.plans
    )
    parts = [tally_figure(chart_rows, words, "Status per uppföljningsår"), table]
    if plans:
        parts.append(f'<ul class="ap-plans">{plans}</ul>')
    return "\n\n".join(parts)


def follow_up_facts(vocabulary: Vocabulary, year: int) -> str:
    """The document facts of a follow-up report (title, diarienummer, date, organisation)."""
    follow_up = vocabulary.follow_up(year)
    rows = [("Dokument", follow_up.title)]
    if follow_up.diarienummer:
        rows.append(("Diarienummer", follow_up.diarienummer))
    rows.append(("Datum", dates.swedish_iso(follow_up.date)))
    if follow_up.organisation:
        rows.append(("Organisation", follow_up.organisation))
    items = "".join(f"<dt>{esc(term)}</dt><dd>{esc(value)}</dd>" for term, value in rows)
    return f'<div class="ap-facts ap-document"><dl>{items}</dl></div>'

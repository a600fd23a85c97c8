"""Blocks that aggregate measures: tallies, area overviews, statistics, facet pages, history."""

from __future__ import annotations

from actionplan import dates, layout, tally, words
from actionplan.aggregate import answered, changes
from actionplan.aggregate.catalogue import Catalogue
from actionplan.aggregate.facets import Facet, FacetValue, facets
from actionplan.model import NOT_FOLLOWED_UP, FollowUp, Measure, Status, Vocabulary
from actionplan.render.badges import status_badge
from actionplan.render.charts import chart_summary, stacked_bars, swatch
from actionplan.render.export_links import download_links
from actionplan.render.html_fragments import esc, link, scroll_region
from actionplan.render.page_links import Links
from actionplan.render.tables import (
    ALL_COLUMNS,
    AREA_COLUMNS,
    SharedRows,
    measure_columns,
    measure_table,
    tally_table,
)


def tally_figure(
    rows: list[tuple[str, dict[str, int]]],
    vocabulary: Vocabulary,
    title: str,
    links: Links,
    statuses: tuple[Status, ...] | None = None,
) -> str:
    """A chart of the rows with a colour key, excluded from search (the table beside it is indexed)."""
    if not rows:
        return ""
    statuses = statuses or vocabulary.statuses
    summary = "; ".join(chart_summary(label, counts, statuses) for label, counts in rows)
    key = "".join(f"<li>{swatch(statuses, s)}{esc(s.label)}</li>" for s in statuses)
    chart = stacked_bars(rows, statuses, summary)
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
            tally.by_status(catalogue.of_area(year, area.number), vocabulary, year),
        )
        for area in vocabulary.areas
    ]
    total = tally.by_status(catalogue.of_year(year), vocabulary, year)
    return tally_table(
        rows,
        vocabulary,
        f"Status per utvecklingsområde {year}",
        "Utvecklingsområde",
        total_row=("Alla utvecklingsområden", total),
        statuses=vocabulary.statuses_of(year),
    )


def stated_note(follow_up: FollowUp, stated: dict[str, int], vocabulary: Vocabulary, scope: str) -> str:
    """What the document states, beside the computed figures: agreed with (adopted) or only shown (open)."""
    source = _source(follow_up)
    source = source[:1].upper() + source[1:]
    figures = f"{tally.summary(stated, vocabulary)} ({tally.short(stated, vocabulary.statuses)})"
    if follow_up.is_adopted:
        # The build stops when the two disagree, so the page may say that they agree.
        after = "Siffrorna här är räknade från åtgärdssidorna och stämmer med den."
    else:
        after = (
            f"Uppföljningen {follow_up.year} är öppen: siffrorna här är räknade från åtgärdssidorna "
            "och jämförs inte med dokumentets."
        )
    return f'<p class="ap-stated">{esc(source)} anger {esc(scope)}: {esc(figures)}. {esc(after)}</p>'


def year_state(vocabulary: Vocabulary, year: int, counts: dict[str, int]) -> str:
    """One sentence on whether the year is adopted or still being followed up."""
    follow_up = vocabulary.known_follow_up(year)
    if follow_up.adopted:
        return f"Uppföljningen {year} är fastställd ({follow_up.document}, {dates.swedish_iso(follow_up.adopted)})."
    missing = counts.get(NOT_FOLLOWED_UP.key, 0)
    still = "åtgärd är ännu inte uppföljd" if missing == 1 else "åtgärder är ännu inte uppföljda"
    return f"Uppföljningen {year} pågår: {missing} {still} ({NOT_FOLLOWED_UP.label})."


def year_tally(catalogue: Catalogue, year: int, links: Links) -> str:
    """The year's overall tally as a sentence and a bar, what the document states, and the table of the areas."""
    vocabulary = catalogue.vocabulary
    statuses = vocabulary.statuses_of(year)
    measures = catalogue.of_year(year)
    total = tally.by_status(measures, vocabulary, year)
    lead = f"Uppföljningen {year} omfattar {words.measures(len(measures))}. {tally.summary(total, statuses)}."
    follow_up = vocabulary.known_follow_up(year)
    parts = [
        f'<p class="ap-lead">{esc(lead)} {esc(year_state(vocabulary, year, total))}</p>',
        tally_figure([("", total)], vocabulary, f"Status för alla åtgärder {year}", links, statuses),
    ]
    if follow_up.stated is not None:
        scope = "för alla åtgärder"
        if follow_up.measures is not None:
            scope += f" ({words.measures(follow_up.measures)})"
        parts.append(stated_note(follow_up, follow_up.stated.total, vocabulary, scope))
    parts.append(area_tally_table(catalogue, year, links))
    parts.append(download_links(year, links))
    return "\n".join(parts)


def area_overview(catalogue: Catalogue, year: int, area: int, links: Links) -> tuple[str, str]:
    """An area's tally (computed, and as the follow-up states it), and a table of its measures.

    Apart, because the table repeats the measure pages: it is shown, but
    search need not read it (the glue decides how).
    """
    vocabulary = catalogue.vocabulary
    statuses = vocabulary.statuses_of(year)
    measures = catalogue.of_area(year, area)
    counts = tally.by_status(measures, vocabulary, year)
    follow_up = vocabulary.known_follow_up(year)
    stated = follow_up.stated.areas.get(area) if follow_up.stated else None
    parts = [tally_figure([("", counts)], vocabulary, f"Status för utvecklingsområde {area} {year}", links, statuses)]
    if stated is not None:
        parts.append(stated_note(follow_up, stated, vocabulary, "för området"))
    columns = measure_columns(vocabulary, links, year)
    table = measure_table(list(measures), [columns[n] for n in AREA_COLUMNS], f"Åtgärder i utvecklingsområde {area}")
    return "\n".join(parts), table


def _source(follow_up: FollowUp) -> str:
    """The document that states a year's figures, as a phrase: 'tjänsteskrivelsen om … (6 februari 2023)'."""
    document = follow_up.document or f"uppföljningen {follow_up.year}"
    return f"{document} ({dates.swedish_iso(follow_up.date)})" if follow_up.date else document


def statistics(catalogue: Catalogue, year: int, links: Links) -> list[tuple[str, str]]:
    """(heading, HTML) sections: tallies by area and by every facet, each as a chart and a table."""
    vocabulary = catalogue.vocabulary
    statuses = vocabulary.statuses_of(year)
    area_rows = [
        (f"{area.number}. {area.title}", tally.by_status(catalogue.of_area(year, area.number), vocabulary, year))
        for area in vocabulary.areas
    ]
    by_area = "\n".join(
        [
            tally_figure(area_rows, vocabulary, f"Status per utvecklingsområde {year}", links, statuses),
            area_tally_table(catalogue, year, links),
        ]
    )
    sections = [("Per utvecklingsområde", by_area)]
    if not vocabulary.is_adopted(year) and catalogue.of_year(year):
        sections.append(("Svar per förvaltning", answers_table(catalogue, year, links)))
    changed = changes_since_previous(catalogue, year, links)
    if changed:
        sections.append(changed)
    for facet in facets(vocabulary, year):
        if facet.key != "status":  # the status tally is the total row of every table
            sections.append((facet.plural, facet_tally(facet, catalogue.of_year(year), year, links, vocabulary)))
    sections.append(("Ladda ned", download_links(year, links, statistics=True)))
    return sections


def changes_since_previous(catalogue: Catalogue, year: int, links: Links) -> tuple[str, str] | None:
    """(heading, HTML): per area and in total, how many continuing measures changed status since last year, and which.

    None when no measure of the year continues one of the year before.
    """
    found = changes.since_previous(catalogue, year)
    if found is None:
        return None
    vocabulary = catalogue.vocabulary

    def row(label: str, area: int | None) -> str:
        return (
            f'<tr><th scope="row">{label}</th><td class="ap-num">{len(found.of_area(area))}</td>'
            f'<td class="ap-num">{len(found.changed(area))}</td>'
            f'<td class="ap-num">{len(found.not_followed_up(area))}</td></tr>'
        )

    areas = [area for area in vocabulary.areas if found.of_area(area.number)]
    caption = f"Förändringar sedan {found.previous}, antal åtgärder"
    table = scroll_region(
        esc(caption),
        f'<table class="ap-table ap-tally"><caption>{esc(caption)}</caption>'
        '<thead><tr><th scope="col">Utvecklingsområde</th><th scope="col">Fortsätter</th>'
        f'<th scope="col">Ändrad status</th><th scope="col">{esc(NOT_FOLLOWED_UP.label)}</th></tr></thead><tbody>'
        + "".join(
            row(link(links.to(layout.area_page(year, a.number)), esc(f"{a.number}. {a.title}")), a.number)
            for a in areas
        )
        + f"</tbody><tfoot>{row('Alla utvecklingsområden', None)}</tfoot></table>",
    )
    total = found.changed()
    lead = (
        f"{len(total)} av {words.measures(len(found.continuations))} {year} som fortsätter en åtgärd från "
        f"{found.previous} har en annan status än den hade {found.previous}."
    )
    items = "".join(
        f"<li>{link(links.measure(c.measure), esc(f'{c.measure.id} {c.measure.title}'))}: "
        + ", ".join(
            f"{link(links.measure(m), esc(f'{m.id} {m.year}'))} {status_badge(_status_of(m, vocabulary))}"
            for m in c.earlier
        )
        + f" → {status_badge(_status_of(c.measure, vocabulary))}</li>"
        for c in total
    )
    listing = f'<ul class="ap-changes">{items}</ul>' if items else ""
    return f"Förändringar sedan {found.previous}", f'<p class="ap-lead">{esc(lead)}</p>{table}{listing}'


def _status_of(measure: Measure, vocabulary: Vocabulary) -> Status:
    return vocabulary.status(measure.status) if changes.followed_up(measure) else NOT_FOLLOWED_UP


def answers_table(catalogue: Catalogue, year: int, links: Links) -> str:
    """While a year is followed up: per administration its measures, how many have a status, which have not.

    The same figures as `atgardsplan answers` prints (aggregate/answered.py).
    """
    rows = []
    summaries = answered.by_administration(catalogue, year)
    for entry in summaries:
        missing = ", ".join(link(links.to(str(m.source)), esc(f"{m.id} {m.title}")) for m in entry.unanswered)
        name = entry.administration.abbreviation
        rows.append(
            f'<tr><th scope="row">{esc(name)}</th><td class="ap-num">{entry.measures}</td>'
            f'<td class="ap-num">{len(entry.answered)}</td><td>{missing or "–"}</td></tr>'
        )
    caption = f"Svar per förvaltning {year}"
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in ("Förvaltning", "Åtgärder", "Med status", "Utan status"))
    table = scroll_region(
        esc(caption),
        f'<table class="ap-table"><caption>{esc(caption)}</caption><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>",
    )
    silent = answered.without_any_answer(summaries)
    total = len(catalogue.of_year(year))
    with_status = sum(1 for m in catalogue.of_year(year) if answered.is_answered(m))
    lead = (
        f'<p class="ap-note">Uppföljningen {year} pågår: {with_status} av {words.measures(total)} har status. '
        "En åtgärd med flera ansvariga räknas hos var och en av dem.</p>"
    )
    tail = (
        f"<p>Inget svar alls från: {esc(', '.join(a.administration.abbreviation for a in silent))}.</p>"
        if silent
        else "<p>Alla förvaltningar har svarat för minst en åtgärd.</p>"
    )
    return lead + table + tail


def facet_tally(facet: Facet, measures: tuple[Measure, ...], year: int, links: Links, vocabulary: Vocabulary) -> str:
    """A chart and a table with a row per value of the facet, each linked to its page."""
    statuses = vocabulary.statuses_of(year)
    rows = [(value, tally.by_status(facet.measures(measures, value), vocabulary, year)) for value in facet.values]
    caption = f"Status per {facet.label.lower()} {year}"
    parts = []
    if facet.multi_valued:
        parts.append(
            '<p class="ap-note">En åtgärd kan höra till flera rader, så raderna summerar inte till '
            "antalet åtgärder.</p>"
        )
    parts += [
        tally_figure([(v.label, counts) for v, counts in rows], vocabulary, caption, links, statuses),
        tally_table(
            [(link(links.to(facet.page(year, v)), esc(v.label)), counts) for v, counts in rows],
            vocabulary,
            caption,
            facet.label,
            statuses=statuses,
        ),
    ]
    return "\n".join(parts)


def facet_title(facet: Facet, value: FacetValue, year: int) -> str:
    return words.with_year(f"{facet.label}: {value.label}", year)


def facet_body(
    catalogue: Catalogue, year: int, facet: Facet, value: FacetValue, links: Links, rows: SharedRows | None = None
) -> str:
    """A facet page (`links` are the page's own): its measures, with their status and the page's own tally.

    `rows` shares the table rows with the other facet pages, which list the same measures again.
    """
    vocabulary = catalogue.vocabulary
    statuses = vocabulary.statuses_of(year)
    measures = facet.measures(catalogue.of_year(year), value)
    intro = f"Åtgärder i uppföljningen {year} med {facet.label.lower()} {value.label}"
    intro += f" ({value.description})." if value.description else "."
    if not measures:
        return f'<p class="ap-lead">{esc(intro)}</p>\n<p>Inga åtgärder i uppföljningen {year}.</p>'
    counts = tally.by_status(measures, vocabulary, year)
    columns = measure_columns(vocabulary, links, year)
    caption = f"Status, {value.label} {year}"
    return "\n".join(
        [
            f'<p class="ap-lead">{esc(intro)} {words.measures(len(measures))}.</p>',
            tally_figure([("", counts)], vocabulary, caption, links, statuses),
            tally_table([(esc(value.label), counts)], vocabulary, caption, facet.label, statuses=statuses),
            measure_table(
                measures,
                [columns[n] for n in ALL_COLUMNS],
                f"Åtgärder, {value.label} {year}",
                shared=(rows, links) if rows is not None else None,
            ),
        ]
    )


def _year_figures(
    catalogue: Catalogue, follow_up: FollowUp, area: int | None
) -> tuple[dict[str, int], int | None, bool] | None:
    """(counts, number of measures, computed?) of a year, overall or for an area; None when nothing is known.

    Computed from the pages where the year has them, else the document's figures.
    """
    vocabulary = catalogue.vocabulary
    if follow_up.year in catalogue.years:
        measures = catalogue.of_year(follow_up.year) if area is None else catalogue.of_area(follow_up.year, area)
        return tally.by_status(measures, vocabulary, follow_up.year), len(measures), True
    if follow_up.stated is None:
        return None
    if area is None:
        return follow_up.stated.total, follow_up.measures, False
    stated = follow_up.stated.areas.get(area)
    return (stated, sum(stated.values()), False) if stated is not None else None


def development_over_time(catalogue: Catalogue, links: Links) -> str:
    """Every follow-up year's figures side by side, overall and per area.

    Computed where the site has the pages, else the documents' figures
    (marked as reported). A table per scope holds the figures; the chart of
    the overall figures carries a text alternative.
    """
    vocabulary = catalogue.vocabulary
    years = [f.year for f in vocabulary.follow_ups]
    statuses = vocabulary.statuses_of(*[y for y in years if y in catalogue.years])
    head = "".join(f'<th scope="col">{esc(s.label)}</th>' for s in statuses)
    chart_rows: list[tuple[str, dict[str, int]]] = []
    overall: list[str] = []
    per_area: list[str] = []
    for follow_up in vocabulary.follow_ups:
        figures = _year_figures(catalogue, follow_up, None)
        if figures is None:
            continue
        counts, number, computed = figures
        label = f"{follow_up.year}" if computed else f"{follow_up.year} (rapporterat)"
        chart_rows.append((label, counts))
        overall.append(_history_row(follow_up, None, counts, number, computed, statuses, vocabulary))
    for area in vocabulary.areas:
        rows = []
        for follow_up in vocabulary.follow_ups:
            figures = _year_figures(catalogue, follow_up, area.number)
            if figures is not None:
                rows.append(_history_row(follow_up, area.number, *figures, statuses, vocabulary))
        if rows:
            per_area.append(
                f'<tbody><tr><th scope="rowgroup" colspan="{len(statuses) + 3}">'
                f"{esc(f'{area.number}. {area.title}')}</th></tr>{''.join(rows)}</tbody>"
            )
    columns = (
        f'<thead><tr><th scope="col">Uppföljning</th><th scope="col">Åtgärder</th>{head}'
        '<th scope="col">Källa</th></tr></thead>'
    )
    parts = [
        tally_figure(chart_rows, vocabulary, "Status per uppföljningsår", links, statuses),
        '<table class="ap-table ap-history"><caption>Status vid varje årlig uppföljning</caption>'
        f"{columns}<tbody>{''.join(overall)}</tbody></table>",
    ]
    if per_area:
        parts.append(
            '<table class="ap-table ap-history ap-history-areas">'
            "<caption>Status per utvecklingsområde vid varje årlig uppföljning</caption>"
            f"{columns}{''.join(per_area)}</table>"
        )
    plans = "".join(
        f"<li>Åtgärdsplanen för {plan.year} innehåller {words.measures(plan.measures)} "
        f"(enligt {esc(plan.document)}, {dates.swedish_iso(plan.date)}).</li>"
        for plan in vocabulary.plans
    )
    if plans:
        parts.append(f'<ul class="ap-plans">{plans}</ul>')
    return "\n".join(parts)


def _history_row(
    follow_up: FollowUp,
    area: int | None,
    counts: dict[str, int],
    number: int | None,
    computed: bool,
    statuses: tuple[Status, ...],
    vocabulary: Vocabulary,
) -> str:
    if computed:
        source = "Räknat från åtgärdssidorna"
        if follow_up.stated and follow_up.is_adopted:
            source += f"; fastställt, stämmer med {follow_up.document}"
        elif follow_up.stated and _stated_for(follow_up, area) is not None:
            stated = tally.short(_stated_for(follow_up, area) or {}, vocabulary.statuses)
            source += f"; uppföljningen pågår. Enligt {_source(follow_up)}: {stated}"
        elif not follow_up.is_adopted:
            source += "; uppföljningen pågår"
    else:
        source = f"Rapporterat: enligt {_source(follow_up)}; inga åtgärdssidor"
    # A reported year has no Ej uppföljd: the document counts every measure.
    figures = "".join(f'<td class="ap-num">{counts.get(s.key, "–")}</td>' for s in statuses)
    shown_number = number if number is not None else "–"
    return (
        f'<tr><th scope="row">{follow_up.year}</th><td class="ap-num">{shown_number}</td>'
        f"{figures}<td>{esc(source)}</td></tr>"
    )


def _stated_for(follow_up: FollowUp, area: int | None) -> dict[str, int] | None:
    """The document's figures for the whole plan, or for one area where it states them (else None)."""
    if follow_up.stated is None:
        return None
    return follow_up.stated.total if area is None else follow_up.stated.areas.get(area)


def follow_up_facts(vocabulary: Vocabulary, year: int) -> str:
    """The document facts of a follow-up (title, diarienummer, date, organisation) and whether it is adopted."""
    follow_up = vocabulary.known_follow_up(year)
    rows = [("Dokument", follow_up.title)]
    if follow_up.diarienummer:
        rows.append(("Diarienummer", follow_up.diarienummer))
    if follow_up.date:
        rows.append(("Datum", dates.swedish_iso(follow_up.date)))
    if follow_up.organisation:
        rows.append(("Organisation", follow_up.organisation))
    if follow_up.adopted:
        rows.append(("Fastställd", f"{dates.swedish_iso(follow_up.adopted)} ({follow_up.document})"))
    else:
        rows.append(("Fastställd", "Nej, uppföljningen pågår"))
    items = "".join(f"<dt>{esc(term)}</dt><dd>{esc(value)}</dd>" for term, value in rows)
    return f'<dl class="ap-facts ap-document">{items}</dl>'


def newest_year_overview(catalogue: Catalogue, year: int, links: Links) -> list[tuple[str, str]]:
    """The start page's sections on the newest year: its document facts and its tally, with links to its pages."""
    pages = [
        (layout.all_measures_page(year), "Alla åtgärder"),
        (layout.statistics_page(year), "Statistik"),
    ]
    links_html = " · ".join(link(links.to(source), esc(f"{label} {year}")) for source, label in pages)
    intro = f'<p class="ap-lead">Senaste uppföljningen är {year}. {links_html}</p>'
    return [
        (f"Uppföljning {year}", intro + "\n" + follow_up_facts(catalogue.vocabulary, year)),
        (f"Status {year}", year_tally(catalogue, year, links)),
    ]

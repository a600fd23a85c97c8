"""A measure's page: heading, facts panel, description, and links to its neighbours."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from actionplan import dates, layout, words
from actionplan.aggregate import facets
from actionplan.model import Measure, Vocabulary
from actionplan.render.badges import status_badge
from actionplan.render.html_fragments import esc, link, paragraphs
from actionplan.render.page_links import Links

# The id of a measure page's heading, the first entry of its contents.
HEADING_ID = "atgard"


def page_title(measure: Measure) -> str:
    """The measure's number and title as plain text, as search and the other years' pages name it."""
    return f"{measure.id} {measure.title}"


def heading(measure: Measure) -> str:
    """The page's heading and title as plain text: number, title and the follow-up year it belongs to."""
    return words.with_year(page_title(measure), measure.year)


def measure_header(measure: Measure, rows: list[Fact], links: Links) -> str:
    """The heading with the number, the facts panel, and the heading of the editor's description below it.

    The description's heading has no id, so that search keeps the page in one
    entry (title, facts and description together) instead of splitting it at
    a heading every measure page has.
    """
    panel = facts_panel(rows, links)
    excluded = links.theme.excluded_from_search()
    return f'<h1 id="{HEADING_ID}">{esc(heading(measure))}</h1>\n{panel}\n<h2{excluded}>Beskrivning</h2>'


def lineage_links(
    continues: tuple[Measure, ...], continued_by: tuple[Measure, ...], year: int, next_year: int | None, links: Links
) -> list[tuple[str, str]]:
    """Facts rows for both directions of the lineage: 'Fortsättning på 2021' and 'Fortsätter 2022 som'."""
    rows = []
    if continues:
        items = ", ".join(link(links.measure(m), esc(f"{m.id} {m.title}")) for m in continues)
        rows.append((f"Fortsättning på {continues[0].year}", items))
    if continued_by:
        items = ", ".join(link(links.measure(m), esc(f"{m.id} {m.title}")) for m in continued_by)
        rows.append((f"Fortsätter {continued_by[0].year} som", items))
    elif next_year is not None:
        rows.append((f"Fortsätter {next_year} som", f"Ingen åtgärd {next_year} fortsätter den ännu."))
    return rows


def history(measure: Measure, lineage: tuple[Measure, ...], vocabulary: Vocabulary, links: Links) -> str:
    """The Historik: the status of the measure in each year along its lineage, each linked."""
    if len(lineage) < 2:
        return ""
    rows = []
    for other in lineage:
        status = status_badge(vocabulary.status(other.status))
        title = esc(f"{other.id} {other.title}")
        cell = (
            f'<span aria-current="page">{title}</span> (den här sidan)'
            if other == measure
            else link(links.measure(other), title)
        )
        rows.append(f'<tr><th scope="row">{other.year}</th><td>{cell}</td><td>{status}</td></tr>')
    return (
        '<h2 id="historik">Historik</h2>'
        '<table class="ap-table ap-lineage"><caption>Åtgärdens status vid varje uppföljning</caption>'
        '<thead><tr><th scope="col">Uppföljning</th><th scope="col">Åtgärd</th><th scope="col">Status</th></tr>'
        f"</thead><tbody>{''.join(rows)}</tbody></table>"
    )


def measure_footer(
    neighbours: tuple[Measure | None, Measure | None], links: Links, last_changed: date | None, history_html: str = ""
) -> str:
    """The Historik, links to the neighbours in the area, and when the page last changed (where git knows)."""
    parts = [history_html, _neighbour_links(neighbours, links)]
    if last_changed:
        parts.append(
            f'<p class="ap-changed"{links.theme.excluded_from_search()}>Senast ändrad: '
            f'<time datetime="{last_changed.isoformat()}">'
            f"{dates.swedish(last_changed)}</time></p>"
        )
    return "\n".join(part for part in parts if part)


@dataclass(frozen=True)
class Fact:
    """A row of the facts panel: its label, its value as HTML, and the value as search indexes it.

    `search_text` is escaped text made from the same data as `value_html`
    (never stripped from it), or None where search leaves the value out.
    """

    term: str
    value_html: str
    search_text: str | None = None

    @property
    def searched(self) -> bool:
        return self.search_text is not None


def fact_rows(
    measure: Measure, vocabulary: Vocabulary, links: Links, lineage_rows: list[tuple[str, str]] | None = None
) -> list[Fact]:
    """The measure's facts from its front matter, in the panel's order.

    Search indexes what readers look a measure up by: its comment,
    districts and administrations (with its number, title and description;
    its status goes with its search tags, `search_tags`). The labels, and the
    facts that many measures share word for word (the area's name,
    financing, next year's plan, lineage), are shown but not indexed: they
    made each measure's entry in the index twice as large and turned a
    search for such words into a list of every measure.
    """
    year = measure.year
    status = vocabulary.status(measure.status)
    disposition = vocabulary.disposition(measure.next_year)
    area = vocabulary.area(measure.area)
    status_link = link(_facet_href("status", measure.status, links, year), status_badge(status))
    rows = [Fact(f"Status {year}", status_link)]
    if measure.comment:
        rows.append(Fact("Kommentar", _paragraphs(measure.comment), esc(" ".join(measure.comment.split()))))
    plan = link(_facet_href("next_year", measure.next_year, links, year), esc(disposition.label))
    if measure.next_year_text:
        plan += f' <span class="ap-quote">– {esc(measure.next_year_text)}</span>'
    area_link = link(links.to(layout.area_page(year, area.number)), esc(f"{area.number}. {area.title}"))
    districts = ", ".join(link(_facet_href("district", d, links, year), esc(d)) for d in measure.districts)
    responsible_html, responsible_text = _responsible(measure, vocabulary, links)
    rows += [
        Fact(f"I planen för {year + 1}", plan),
        Fact("Utvecklingsområde", area_link),
        Fact("Område", districts, ", ".join(esc(d) for d in measure.districts)),
        Fact("Ansvarig", responsible_html, responsible_text),
        Fact("Finansiering och tid", esc(measure.financing)),
        *(Fact(term, value) for term, value in lineage_rows or []),
    ]
    return rows


def facts_panel(rows: list[Fact], links: Links) -> str:
    """The facts as a definition list inside the content; what search leaves out is marked for the theme."""
    excluded = links.theme.excluded_from_search()
    items = "".join(
        f"<dt{excluded}>{esc(row.term)}</dt><dd{'' if row.searched else excluded}>{row.value_html}</dd>" for row in rows
    )
    return f'<dl class="ap-facts">{items}</dl>'


def search_head(measure: Measure, rows: list[Fact]) -> str:
    """The page's number and title and the searched facts as text: what search needs of the panel.

    The glue gives this (with the description) to the site's search instead
    of the whole page, whose panel, links and labels search would parse only
    to leave most of them out; the words indexed are the same, since each
    row's search text is made from the data its HTML is made from. The
    heading leaves out the year (a result shows it from the page's address)
    and the facts are bare text, not a paragraph: every byte of it is in the
    index once per measure.
    """
    text = " ".join(row.search_text for row in rows if row.search_text is not None)
    return f'<h1 id="{HEADING_ID}">{esc(page_title(measure))}</h1>\n{text}'


def search_tags(measure: Measure, vocabulary: Vocabulary) -> list[str]:
    """What a search result shows beside the measure's title, as escaped text: its status.

    Searched as well (a search for "pågår" finds the measures that are), and
    shown by the theme as HTML, hence escaped. The year is in every result's
    address already, and the glue shows it from there.
    """
    return [esc(vocabulary.status(measure.status).label)]


def _paragraphs(text: str) -> str:
    """One paragraph as plain text (a `<dd>` holds it), several as paragraphs."""
    html = paragraphs(text)
    if html.count("<p>") == 1:
        return html[len("<p>") : -len("</p>")]
    return html


def _facet_href(key: str, value: str, links: Links, year: int) -> str:
    return links.to(facets.page_of(key, value, year))


def _responsible(measure: Measure, vocabulary: Vocabulary, links: Links) -> tuple[str, str]:
    """(HTML, search text): the report's own wording where it has one, and an entry per administration."""
    entries, texts = [], []
    for responsible in measure.responsible:
        organisation = vocabulary.administration(responsible.organisation)
        text = esc(organisation.abbreviation)
        html = link(_facet_href("administration", organisation.abbreviation, links, measure.year), text)
        if responsible.unit:
            text += f" ({esc(responsible.unit)})"
            html += f" ({esc(responsible.unit)})"
        if organisation.name:
            text += f" – {esc(organisation.name)}"
            html += f' <span class="ap-orgname">– {esc(organisation.name)}</span>'
        entries.append(html)
        texts.append(text)
    if measure.responsible_text:
        texts.insert(0, esc(" ".join(measure.responsible_text.split())))
    # One administration (the most common case) needs no list around it.
    listed = (
        entries[0] if len(entries) == 1 else f'<ul class="ap-responsible"><li>{"</li><li>".join(entries)}</li></ul>'
    )
    if measure.responsible_text:
        listed = listed if len(entries) > 1 else f"<p>{listed}</p>"
        return f"<p>{esc(measure.responsible_text)}</p>{listed}", " ".join(texts)
    return listed, " ".join(texts)


def _neighbour_links(neighbours: tuple[Measure | None, Measure | None], links: Links) -> str:
    """Links to the previous and next measure of the same area, as in the area's table."""
    items = [
        f'<li class="ap-{kind}">{label}: {link(links.measure(m), esc(f"{m.id} {m.title}"))}</li>'
        for kind, label, m in zip(("prev", "next"), ("Föregående", "Nästa"), neighbours, strict=True)
        if m is not None
    ]
    if not items:
        return ""
    label = "Åtgärder i samma utvecklingsområde"
    # Excluded from search, or a search for 1.4 would also list 1.3 and 1.5.
    excluded = links.theme.excluded_from_search()
    return f'<nav class="ap-neighbours" aria-label="{label}"{excluded}><ul>{"".join(items)}</ul></nav>'

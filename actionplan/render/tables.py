"""Accessible HTML tables: lists of measures and status tallies."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

from actionplan import layout
from actionplan.model import Measure, Status, Vocabulary, id_sort_key
from actionplan.render.badges import status_badge
from actionplan.render.html_fragments import esc, link, scroll_region, scroll_region_start
from actionplan.render.page_links import Links

# The columns of the measure tables: every column, and on an area's own overview.
ALL_COLUMNS = ("id", "title", "area", "districts", "responsible", "status", "next_year")
AREA_COLUMNS = ("id", "title", "districts", "responsible", "status", "next_year")
# The columns the stylesheet places (atgardsplan.css, print.css: .ap-col-id, .ap-col-title, .ap-col-status):
# a width in the table, and on a narrow screen, where each row stacks, the number and title first, then the status.
STYLED_COLUMNS = frozenset({"id", "title", "status"})
# The columns a stacked row shows without a label: the number and the title head the row.
_UNLABELLED_COLUMNS = frozenset({"id", "title"})


@dataclass(frozen=True)
class Column:
    """A column of a measure table: its name, header, cell and the value it sorts by."""

    name: str
    header: str
    cell: Callable[[Measure], str]
    sort_value: Callable[[Measure], str]


def measure_columns(vocabulary: Vocabulary, links: Links, year: int) -> dict[str, Column]:
    """The columns a measure table can show, by name."""
    area_titles = {a.number: a.title for a in vocabulary.areas}
    status_order = {s.key: i for i, s in enumerate(vocabulary.statuses_of(year))}
    disposition_order = {d.key: i for i, d in enumerate(vocabulary.dispositions_of(year))}
    return {
        "id": Column("id", "Nr", lambda m: esc(m.id), lambda m: ".".join(f"{p:04d}" for p in id_sort_key(m.id))),
        "title": Column("title", "Åtgärd", lambda m: link(links.measure(m), esc(m.title)), lambda m: m.title),
        "area": Column(
            "area",
            "Utvecklingsområde",
            lambda m: (
                f'<a href="{esc(links.to(layout.area_page(m.year, m.area)))}" '
                f'title="{esc(area_titles[m.area])}">{m.area}</a>'
            ),
            lambda m: f"{m.area:04d}",
        ),
        "districts": Column(
            "districts", "Område", lambda m: esc(", ".join(m.districts)), lambda m: ", ".join(m.districts)
        ),
        "responsible": Column(
            "responsible",
            "Ansvarig",
            lambda m: esc(", ".join(str(r) for r in m.responsible)),
            lambda m: ", ".join(str(r) for r in m.responsible),
        ),
        "status": Column(
            "status",
            f"Status {year}",
            lambda m: status_badge(vocabulary.status(m.status)),
            lambda m: str(status_order[m.status]),
        ),
        "next_year": Column(
            "next_year",
            f"I planen för {year + 1}",
            lambda m: esc(vocabulary.disposition(m.next_year).label),
            lambda m: str(disposition_order[m.next_year]),
        ),
    }


class SharedRows:
    """Rows of measure tables made once and reused by every page whose links in them read the same.

    Each measure is listed on several facet pages (its status, each of its
    districts and administrations, next year's plan); made once per measure
    instead of once per page. A row is reused only where its links (to the
    measure and to its area) are the same text, so the pages need not be
    alike in anything else.
    """

    def __init__(self) -> None:
        self._rows: dict[tuple[object, ...], str] = {}

    def row(self, key: tuple[object, ...], make: Callable[[], str]) -> str:
        row = self._rows.get(key)
        if row is None:
            row = self._rows[key] = make()
        return row


def measure_table(
    measures: list[Measure],
    columns: list[Column],
    caption: str,
    *,
    row_attributes: Callable[[Measure], dict[str, str]] | None = None,
    table_id: str | None = None,
    sortable: bool = False,
    shared: tuple[SharedRows, Links] | None = None,
) -> str:
    """A table with a row per measure, in the order given.

    Only a `sortable` table's cells carry the value they sort by (for
    all-measures.js), and only the columns the stylesheet places carry a
    class: these tables have a row per measure on many pages. A cell other
    than the number and title carries its column's header as `data-label`,
    which a narrow screen shows before the value when the row stacks
    (atgardsplan.css) and the header row is out of sight.
    """
    head = "".join(f'<th scope="col" class="ap-col-{c.name}">{esc(c.header)}</th>' for c in columns)
    starts = [_cell_start(c) for c in columns]

    def row(measure: Measure) -> str:
        attributes = row_attributes(measure) if row_attributes else {}
        attrs = "".join(f' {name}="{esc(value)}"' for name, value in attributes.items())
        if sortable:
            cells = "".join(
                f'{start} data-sort="{esc(c.sort_value(measure))}">{c.cell(measure)}</td>'
                for start, c in zip(starts, columns, strict=True)
            )
        else:
            cells = "".join(f"{start}>{c.cell(measure)}</td>" for start, c in zip(starts, columns, strict=True))
        return f"<tr{attrs}>{cells}</tr>"

    if shared is None:
        rows = [row(measure) for measure in measures]
    else:
        cache, links = shared
        # What a row's text depends on besides the measure: the columns and the two links in it.
        layout_key = (tuple(c.name for c in columns), sortable, row_attributes)
        area_hrefs: dict[tuple[int, int], str] = {}
        rows = []
        for measure in measures:
            area = (measure.year, measure.area)
            if area not in area_hrefs:
                area_hrefs[area] = links.to(layout.area_page(*area))
            key = (measure.source, layout_key, links.measure(measure), area_hrefs[area])
            rows.append(cache.row(key, functools.partial(row, measure)))
    id_attr = f' id="{esc(table_id)}"' if table_id else ""
    # Its header row stays in sight when rows stack on a narrow screen: it holds the sort buttons.
    sortable_class = " ap-sortable" if sortable else ""
    label = esc(caption)
    start = (
        f'{scroll_region_start(label)}<table class="ap-table ap-measures{sortable_class}"{id_attr}>'
        f"<caption>{label}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>"
    )
    # One join: a table of thousands of rows is megabytes, and each copy counts.
    return "".join([start, *rows, "</tbody></table></div>"])


def _cell_start(column: Column) -> str:
    """The opening of a body cell of `column`, without its closing `>`: its class and label where it needs them."""
    start = f'<td class="ap-col-{column.name}"' if column.name in STYLED_COLUMNS else "<td"
    return start if column.name in _UNLABELLED_COLUMNS else f'{start} data-label="{esc(column.header)}"'


def tally_table(
    rows: list[tuple[str, dict[str, int]]],
    vocabulary: Vocabulary,
    caption: str,
    group_header: str,
    *,
    total_row: tuple[str, dict[str, int]] | None = None,
    statuses: tuple[Status, ...] | None = None,
) -> str:
    """A table of counts per status, a row per group; row labels are HTML (often links).

    The total row is optional: where a measure can belong to several groups
    (districts, administrations) the rows do not add up to the total.
    """
    statuses = statuses or vocabulary.statuses
    head = f'<th scope="col">{esc(group_header)}</th>'
    head += "".join(f'<th scope="col">{status_badge(s)}</th>' for s in statuses)
    head += '<th scope="col">Totalt</th>'

    def row(label_html: str, counts: dict[str, int]) -> str:
        figures = "".join(f'<td class="ap-num">{counts.get(s.key, 0)}</td>' for s in statuses)
        return f'<tr><th scope="row">{label_html}</th>{figures}<td class="ap-num">{sum(counts.values())}</td></tr>'

    body = "".join(row(label, counts) for label, counts in rows)
    foot = f"<tfoot>{row(total_row[0], total_row[1])}</tfoot>" if total_row else ""
    label = esc(caption)
    return scroll_region(
        label,
        f'<table class="ap-table ap-tally"><caption>{label}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody>{foot}</table>",
    )

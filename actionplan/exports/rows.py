"""The plan as plain values for the exports: a row of texts per measure, records and tallies for JSON.

Everything here is plain strings, lists and dicts, so that each writer
(CSV, XLSX, JSON) only decides how to write them, never what they say.
A measure may have no status yet (a follow-up not yet adopted); it is then
shown as "Ej uppföljd" and counted apart from the vocabulary's statuses.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from actionplan import tally as status_tally
from actionplan.aggregate.facets import facets
from actionplan.model import NOT_DECIDED, NOT_FOLLOWED_UP, Measure, Vocabulary

if TYPE_CHECKING:
    from actionplan.aggregate.catalogue import Catalogue
    from actionplan.render.page_links import UrlOf

# Joins several values (districts, administrations) in one cell.
JOIN = ", "

NOT_FOLLOWED_UP_KEY = NOT_FOLLOWED_UP.key
NOT_FOLLOWED_UP_LABEL = NOT_FOLLOWED_UP.label

HEADERS = (
    "Nr",
    "Åtgärd",
    "Utvecklingsområde",
    "Område",
    "Ansvarig",
    "Finansiering och tid",
    "Status",
    "Kommentar",
    "I planen för nästa år",
    "Kommentar om nästa år",
    "Fortsätter åtgärd från föregående år",
    "Fortsätter i åtgärd nästa år",
    "Sida",
)
# Column positions the writers style (status colour, wrapped long texts).
STATUS_COLUMN = HEADERS.index("Status")
LONG_TEXT_COLUMNS = tuple(
    HEADERS.index(name) for name in ("Åtgärd", "Finansiering och tid", "Kommentar", "Kommentar om nästa år")
)


def status_label(vocabulary: Vocabulary, key: str | None) -> str:
    """The Swedish label of a status key; a measure without status is not yet followed up."""
    if not key:
        return NOT_FOLLOWED_UP_LABEL
    return vocabulary.status(key).label


def disposition_label(vocabulary: Vocabulary, key: str | None) -> str:
    """The Swedish label of a next-year key; an open year's measure may have none decided yet."""
    return vocabulary.disposition(key).label if key else NOT_DECIDED.label


def continues(measure: Measure) -> tuple[str, ...]:
    """The numbers of last year's measures this one continues.

    The lineage field (`continues`) is being added to the model separately;
    until a measure has it, the lineage is simply empty.
    """
    value = getattr(measure, "continues", None) or ()
    return tuple(str(item) for item in value)


@dataclass(frozen=True)
class YearExport:
    """One follow-up year of the catalogue, with what every export of it needs."""

    catalogue: Catalogue
    year: int
    # The site generator's URL rule (source page -> URL relative to the site
    # root, e.g. 2021/atgarder/1-10.md -> 2021/atgarder/1-10/), handed in by the glue.
    url_of: UrlOf
    # Prefixed to page URLs in the spreadsheets when the site's address is known.
    base_url: str = ""

    @property
    def vocabulary(self) -> Vocabulary:
        return self.catalogue.vocabulary

    @property
    def measures(self) -> tuple[Measure, ...]:
        return self.catalogue.of_year(self.year)

    @cached_property
    def _continued_by(self) -> dict[str, tuple[str, ...]]:
        """{this year's number: next year's numbers that continue it}, indexed once for the whole year."""
        found: dict[str, list[str]] = {}
        for later in self.catalogue.of_year(self.year + 1):
            for earlier in continues(later):
                found.setdefault(earlier, []).append(later.id)
        return {key: tuple(value) for key, value in found.items()}

    def continued_by(self, measure: Measure) -> tuple[str, ...]:
        return self._continued_by.get(measure.id, ())

    def page_url(self, measure: Measure) -> str:
        """The measure page's URL relative to the site root."""
        return self.url_of(str(measure.source))

    def url(self, measure: Measure) -> str:
        relative = self.page_url(measure)
        return self.base_url.rstrip("/") + "/" + relative if self.base_url else relative

    # Spreadsheets -------------------------------------------------------

    def rows(self) -> list[list[str]]:
        """A row of plain texts per measure, in the order of HEADERS (the header not included)."""
        vocabulary = self.vocabulary
        area_titles = {a.number: a.title for a in vocabulary.areas}
        return [
            [
                m.id,
                m.title,
                f"{m.area}. {area_titles[m.area]}",
                JOIN.join(m.districts),
                JOIN.join(str(r) for r in m.responsible),
                m.financing,
                status_label(vocabulary, m.status),
                m.comment,
                disposition_label(vocabulary, m.next_year),
                m.next_year_text,
                JOIN.join(continues(m)),
                JOIN.join(self.continued_by(m)),
                self.url(m),
            ]
            for m in self.measures
        ]

    def status_colours(self) -> dict[str, str]:
        """{status label: colour #rrggbb}, for the spreadsheet's status cells."""
        return {s.label: s.colour for s in self.vocabulary.statuses}

    # JSON ---------------------------------------------------------------

    def records(self) -> dict[str, Any]:
        """Every field of every measure, with labels beside keys, the page URL and the lineage.

        The measures come as a generator, so that a writer can stream them.
        """
        return {"year": self.year, "measures": self._records()}

    def _records(self) -> Iterator[dict[str, Any]]:
        vocabulary = self.vocabulary
        for m in self.measures:
            yield (
                {
                    "year": m.year,
                    "id": m.id,
                    "title": m.title,
                    "area": {"number": m.area, "title": vocabulary.area(m.area).title},
                    "districts": list(m.districts),
                    "responsible": [
                        {"organisation": r.organisation, "unit": r.unit, "text": str(r)} for r in m.responsible
                    ],
                    "responsible_text": m.responsible_text,
                    "financing": m.financing,
                    "status": {"key": m.status or None, "label": status_label(vocabulary, m.status)},
                    "comment": m.comment,
                    "next_year": {
                        "key": m.next_year or None,
                        "label": disposition_label(vocabulary, m.next_year),
                    },
                    "next_year_text": m.next_year_text,
                    "description": m.body.strip("\n"),
                    "source": str(m.source),
                    "url": self.page_url(m),
                    "continues": list(continues(m)),
                    "continued_by": list(self.continued_by(m)),
                }
            )

    def statistics(self) -> dict[str, Any]:
        """The tallies overall and per area, district, administration and next-year disposition.

        Beside each computed tally stands the figure the official document
        states, where it states one (null otherwise).
        """
        vocabulary = self.vocabulary
        follow_up = vocabulary.follow_up(self.year)
        stated = follow_up.stated if follow_up else None
        measures = self.measures
        # An open year's statuses include Ej uppföljd (the loader gives a measure without a status that key).
        statuses = [{"key": s.key, "label": s.label} for s in vocabulary.statuses_of(self.year)]

        def tally(members: Iterable[Measure]) -> dict[str, int]:
            return status_tally.by_status(members, vocabulary, self.year)

        total = {
            "measures": len(measures),
            "stated_measures": follow_up.measures if follow_up else None,
            "computed": tally(measures),
            "stated": dict(stated.total) if stated else None,
        }
        areas = [
            {
                "number": area.number,
                "title": area.title,
                "measures": len(self.catalogue.of_area(self.year, area.number)),
                "computed": tally(self.catalogue.of_area(self.year, area.number)),
                "stated": dict(stated.areas[area.number]) if stated and area.number in stated.areas else None,
            }
            for area in vocabulary.areas
        ]
        groups = {}
        names = {"district": "districts", "administration": "administrations", "next_year": "next_year"}
        for facet in facets(vocabulary, self.year):
            if facet.key not in names:
                continue  # the status tally is the total itself
            entries = []
            for value in facet.values:
                members = facet.measures(measures, value)
                entry = {"key": value.key, "label": value.label}
                if value.description:
                    entry["description"] = value.description
                entries.append({**entry, "measures": len(members), "computed": tally(members), "stated": None})
            groups[names[facet.key]] = entries
        return {
            "year": self.year,
            "document": follow_up.document if follow_up else None,
            "statuses": statuses,
            # Districts and administrations: a measure may count in several rows.
            "total": total,
            "areas": areas,
            **groups,
        }

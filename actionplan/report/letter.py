"""The yearly letter to the board (tjänsteskrivelse) as a draft: the structure of `tjansteskrivelse-2023.txt`.

The letter of a follow-up year YEAR informs the municipal board of the plan
for YEAR+1 and of the follow-up of YEAR, as the 2023 letter did for 2023 and
2022. Every figure comes from the data: the follow-up's tally (counted from
the measure pages, or the figures data/measures.yml states for a year without
pages), its number of measures, and the next plan's number of measures when
that year is known (its pages, its follow-up's `measures`, or `plans`). What
only the coordinator knows (dates, names, the decision's date, other
attachments) is a marked field to fill in (`Fill`), never made up. The fixed
wording is the 2023 letter's.
"""

from __future__ import annotations

from dataclasses import dataclass

from actionplan import tally
from actionplan.aggregate.catalogue import Catalogue
from actionplan.report.report_model import PLAN_TITLE, ReportRefused
from actionplan.words import sentence


@dataclass(frozen=True)
class Fill:
    """A field the coordinator fills in: shown as "[Fyll i: what]" and marked in the document."""

    what: str

    @property
    def text(self) -> str:
        return f"[Fyll i: {self.what}]"


Piece = str | Fill


@dataclass(frozen=True)
class Block:
    """A heading (level 1-2, under the letter's title), a paragraph, or a list (`items`, numbered or not).

    Texts are pieces: plain text and fields to fill in.
    """

    kind: str  # "heading", "paragraph", "list", "numbered"
    pieces: tuple[Piece, ...] = ()
    level: int = 0
    items: tuple[tuple[Piece, ...], ...] = ()

    @property
    def text(self) -> str:
        return _joined(self.pieces)


@dataclass(frozen=True)
class Letter:
    year: int
    title: str
    # (term, value) lines of the letterhead: the document kind, date, Dnr, sender, recipient.
    letterhead: tuple[tuple[str, tuple[Piece, ...]], ...]
    blocks: tuple[Block, ...]
    organisation: str

    @property
    def fields(self) -> tuple[Fill, ...]:
        """Every field to fill in, in the order they appear."""
        pieces = [p for _, value in self.letterhead for p in value]
        for block in self.blocks:
            pieces += block.pieces
            for item in block.items:
                pieces += item
        return tuple(p for p in pieces if isinstance(p, Fill))


def _joined(pieces: tuple[Piece, ...]) -> str:
    return "".join(p.text if isinstance(p, Fill) else p for p in pieces)


def _heading(text: str, level: int = 1) -> Block:
    return Block("heading", (text,), level)


def _paragraph(*pieces: Piece) -> Block:
    return Block("paragraph", pieces)


def next_plan_measures(catalogue: Catalogue, year: int) -> int | None:
    """The number of measures of the plan for `year`, where the data knows it."""
    if catalogue.of_year(year):
        return len(catalogue.of_year(year))
    vocabulary = catalogue.vocabulary
    follow_up = vocabulary.follow_up(year)
    if follow_up is not None and follow_up.measures is not None:
        return follow_up.measures
    return next((plan.measures for plan in vocabulary.plans if plan.year == year), None)


def _figures(catalogue: Catalogue, year: int) -> tuple[int, list[tuple[str, int]]]:
    """The follow-up's number of measures and (status, count) lines: from the pages, else as the data states them."""
    vocabulary = catalogue.vocabulary
    measures = catalogue.of_year(year)
    if measures:
        counts = tally.by_status(measures, vocabulary, year)
        return len(measures), [(s.label, counts[s.key]) for s in vocabulary.statuses_of(year) if s.key in counts]
    follow_up = vocabulary.known_follow_up(year)
    if follow_up.stated is None:
        raise ReportRefused(
            f"Uppföljningen {year} har varken åtgärdssidor eller angivna siffror i data/measures.yml, "
            "så tjänsteskrivelsen har inga siffror att redovisa."
        )
    stated = follow_up.stated.total
    total = follow_up.measures if follow_up.measures is not None else sum(stated.values())
    return total, [(s.label, stated.get(s.key, 0)) for s in vocabulary.statuses]


def build(catalogue: Catalogue, year: int) -> Letter:
    """The draft letter for follow-up year `year` (and the plan of `year` + 1)."""
    vocabulary = catalogue.vocabulary
    follow_up = vocabulary.follow_up(year)
    if follow_up is None:
        raise ReportRefused(sentence(vocabulary.unknown_year(year)))
    plan_year = year + 1
    total, lines = _figures(catalogue, year)
    next_measures = next_plan_measures(catalogue, plan_year)
    next_plan = PLAN_TITLE.format(year=plan_year)
    follow_up_title = follow_up.title
    organisation = follow_up.organisation or ""
    title = f"Åtgärdsplan mot segregation, uppdaterad åtgärdsplan {plan_year} samt uppföljning av {year}, information"
    letterhead: tuple[tuple[str, tuple[Piece, ...]], ...] = (
        ("Dokument", ("Tjänsteskrivelse",)),
        ("Datum", (Fill("datum"),)),
        ("Diarienummer", (f"Dnr {follow_up.diarienummer}",) if follow_up.diarienummer else (Fill("diarienummer"),)),
        ("Avsändare", (organisation or Fill("förvaltning"), ", ", Fill("handläggare"))),
        ("Mottagare", ("Kommunstyrelsen",)),
    )
    blocks = [
        _paragraph(
            "Utkast från åtgärdsplanens webbplats. Siffrorna kommer från uppföljningen; fälten markerade "
            "[Fyll i: …] fyller samordnaren i innan skrivelsen skickas."
        ),
        _heading("Förslag till kommunstyrelsens beslut"),
        Block(
            "numbered",
            items=(
                ("Kommundirektörens beslut samt informationen noteras.",),
                (
                    "Informationen om kommundirektörens beslut om åtgärdsplan mot segregation skickas till samtliga "
                    "nämnder som rekommenderas lyfta informationen på ett kommande sammanträde.",
                ),
            ),
        ),
        _heading("Ärende"),
        _paragraph(
            "Kommundirektören beslutade ",
            Fill("datum för kommundirektörens beslut"),
            f" om att fastställa Åtgärdsplanen mot segregation för {plan_year}.",
        ),
        _paragraph(
            f"Åtgärdsplanen är uppbyggd av {_count_words(len(vocabulary.areas))} utvecklingsområden inom vilka "
            "Linköpings kommun ser ett behov av att kraftsamla för att åstadkomma en positiv utveckling. "
            "Utvecklingsområdena är:"
        ),
        Block("list", items=tuple((area.title,) for area in vocabulary.areas)),
        _paragraph(
            f"En uppföljning har gjorts av {year} års åtgärdsplan. Uppföljningen visar att av totalt {total} "
            "åtgärder så är statusen följande:"
        ),
        Block("list", items=tuple((f"{label}: {count}",) for label, count in lines)),
        _paragraph(*_next_plan_sentence(plan_year, next_measures)),
        _paragraph("Kommunstyrelsen föreslås notera kommundirektörens beslut samt informationen."),
        _heading("Beslutsunderlag"),
        Block("list", items=_attachments(year, plan_year, next_plan, follow_up_title, next_measures is not None)),
        _heading("Information eller förhandling enligt lag (1976:580) om medbestämmande i arbetslivet"),
        _paragraph(Fill("t.ex. MBL-information eller förhandling är inte påkallad.")),
        _paragraph(organisation or Fill("förvaltning")),
        _paragraph(Fill("namn på den som undertecknar")),
        _heading("Beslutet skickas till"),
        Block("list", items=(("Samtliga nämnder (inkl. bilagor)",), (Fill("övriga mottagare"),))),
    ]
    return Letter(year, title, letterhead, tuple(blocks), organisation)


def _next_plan_sentence(plan_year: int, measures: int | None) -> tuple[Piece, ...]:
    opening = (
        "Mycket arbete kvarstår dock, och utmaningarna är fortsatt stora. En uppdaterad version av "
        f"åtgärdsplanen har utifrån det arbetats fram och gäller för år {plan_year}. Den nya åtgärdsplanen "
        "utgår från utvecklingsområdena och innehåller totalt "
    )
    return (
        opening,
        str(measures) if measures is not None else Fill(f"antal åtgärder i planen {plan_year}"),
        " åtgärder.",
    )


def _attachments(
    year: int, plan_year: int, next_plan: str, follow_up_title: str, plan_known: bool
) -> tuple[tuple[Piece, ...], ...]:
    items: list[tuple[Piece, ...]] = [
        (f"Tjänsteskrivelse – Åtgärdsplan mot segregation {plan_year}, information, ", Fill("datum")),
        (f"Bilaga 1 – Kommundirektörens beslut – Åtgärdsplan mot segregation {plan_year}",),
    ]
    number = 2
    if plan_known:
        items.append((f"Bilaga {number} – {next_plan}",))
        number += 1
    items.append((f"Bilaga {number} – {follow_up_title}",))
    items.append((Fill("övriga bilagor, till exempel nulägesbilder"),))
    return tuple(items)


def _count_words(number: int) -> str:
    words = ("noll", "en", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio")
    return words[number] if number < len(words) else str(number)

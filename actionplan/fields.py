"""The fields of a measure page's front matter: one table for validation, the editor guide and the scaffold.

Adding a field means adding a row here; the reader (`load/measures.py`)
still decides how its value is checked.
"""

from __future__ import annotations

from dataclasses import dataclass

# What the scaffold writes where an editor still has to fill something in;
# a page or overview that still holds it fails the check.
PLACEHOLDER = "FYLL I"
# What a new year's area overview says until the year's summary is written;
# an adopted year's overview may not still say it (validate/crosschecks.py).
SUMMARY_PENDING = "*Sammanfattningen av året skrivs när uppföljningen är klar.*"
# What each section of a new year's report prose (data/<year>/rapporttext.md) says until it is written;
# `atgardsplan adopt` refuses a year whose prose still says it, and the start page shows no such prose.
PROSE_PENDING = "*Texten skrivs när uppföljningen är klar.*"


@dataclass(frozen=True)
class Field:
    """One front-matter field.

    `help` is the editor guide's explanation; `scaffold` is the value the
    `new` command writes, where `{allowed}` is replaced by the vocabulary's
    allowed values for the field (and the line is left out when it is None).
    `open_scaffold` is what `new` and `new-year` write instead in an open
    follow-up year, where the field may stay empty until the follow-up is done.
    """

    name: str
    required: bool
    help: str
    scaffold: str | None
    open_scaffold: str | None = None


MEASURE_FIELDS: tuple[Field, ...] = (
    Field(
        "id",
        True,
        'Åtgärdens nummer inom citattecken, till exempel "1.4". Första delen är utvecklingsområdet; '
        "filen heter likadant med bindestreck (1-4.md).",
        None,  # written by the scaffold itself, from the next free number
    ),
    Field("title", True, "Åtgärdens rubrik, utan nummer.", None),
    Field("area", True, "Utvecklingsområdets nummer.", None),
    Field(
        "districts",
        True,
        "Område eller områden, som en lista: [Berga, Ryd].",
        f"[{PLACEHOLDER}]  # en eller flera av: {{allowed}}",
    ),
    Field(
        "responsible",
        True,
        "Ansvariga förvaltningar som en lista med förkortningar, eventuellt med enhet inom parentes: "
        '["KLF (säkerhetsenheten)", UAF].',
        f'[{PLACEHOLDER}]  # en eller flera av: {{allowed}}; enhet inom parentes, t.ex. "KLF (HR)"',
    ),
    Field("financing", True, "Finansiering och tid, som i åtgärdsplanen.", f'"{PLACEHOLDER}: finansiering och tid"'),
    Field(
        "status",
        True,
        "Status vid uppföljningen. I ett öppet uppföljningsår får fältet vara tomt; åtgärden visas då som "
        "Ej uppföljd. I ett fastställt år måste det vara ifyllt.",
        f"{PLACEHOLDER}  # en av: {{allowed}}",
        "  # tomt = Ej uppföljd; fyll i vid uppföljningen en av: {allowed}",
    ),
    Field(
        "comment",
        False,
        "Kommentar till statusen. Flera stycken skrivs efter comment: | med en tom rad emellan.",
        f'"{PLACEHOLDER}: kommentar till statusen (ta bort raden om det inte finns någon)"',
        "  # kommentar till statusen, inom citattecken",
    ),
    Field(
        "next_year",
        True,
        "Hur åtgärden hanteras i nästa års åtgärdsplan. I ett öppet uppföljningsår får fältet vara tomt (Ej beslutad).",
        f"{PLACEHOLDER}  # en av: {{allowed}}",
        "  # tomt = Ej beslutad; fyll i en av: {allowed}",
    ),
    Field(
        "next_year_text",
        False,
        'Uppföljningens egen mening om nästa års plan, till exempel "Vidmakthållen åtgärd 2022.".',
        f'"{PLACEHOLDER}: meningen om nästa års plan (ta bort raden om den saknas)"',
        "  # uppföljningens mening om nästa års plan, om den finns",
    ),
    Field(
        "continues",
        False,
        'De åtgärder i föregående uppföljningsår som åtgärden fortsätter, som en lista: ["1.4"]. '
        "atgardsplan new-year skriver fältet; en åtgärd som tar över en åtgärd som ingår i annan "
        "(ingar_i_annan) anger den här.",
        None,
    ),
    Field(
        "responsible_text",
        False,
        "Uppföljningens egen formulering om ansvaret, när den säger mer än en lista, till exempel "
        '"UAF för genomförande i skolan, KoF för genomförande i fritidsverksamhet".',
        None,
    ),
)

REQUIRED = tuple(f.name for f in MEASURE_FIELDS if f.required)
OPTIONAL = tuple(f.name for f in MEASURE_FIELDS if not f.required)
NAMES = tuple(f.name for f in MEASURE_FIELDS)

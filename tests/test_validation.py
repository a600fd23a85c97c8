"""Checking a measure's fields against the real vocabulary, and the vocabulary itself."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import pytest
from helpers import FIXTURE_VOCABULARY, PROJECT

from actionplan.load import frontmatter, vocabulary
from actionplan.load.measures import read_measure
from actionplan.model import Responsible

VALID = """---
id: "2.10"
title: "Stärk samverkan"
area: 2
districts: [Berga, Ryd]
responsible: ["KLF (säkerhetsenheten)", UAF]
financing: "Genomförs inom ram."
status: pagar
next_year: vidmakthallen
---

Beskrivning.
"""


@pytest.fixture(scope="module")
def words():
    loaded, problems = vocabulary.load(FIXTURE_VOCABULARY, "data/measures.yml")
    assert problems == []
    return loaded


def measure_from(text: str, words, name: str = "2-10.md"):
    matter, problem = frontmatter.split(text, name)
    assert problem is None
    problems: list = []
    measure = read_measure(matter, PurePosixPath(f"2021/atgarder/{name}"), 2021, name, words, problems)
    return measure, [str(p) for p in problems]


def test_a_valid_page_becomes_a_measure(words):
    measure, problems = measure_from(VALID, words)
    assert problems == []
    assert measure.id == "2.10" and measure.area == 2 and measure.year == 2021
    assert measure.responsible == (Responsible("KLF", "säkerhetsenheten"), Responsible("UAF"))
    assert measure.organisations == ("KLF", "UAF")
    assert measure.comment == "" and measure.body.strip() == "Beskrivning."


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            'id: "2.10"',
            'id: "2-10"',
            "2-10.md:2: id: '2-10' har fel form. Numret skrivs område.nummer, till exempel \"1.4\".",
        ),
        (
            'id: "2.10"',
            "id: 2",
            "2-10.md:2: id: 2 läses som ett tal, och då blir till exempel 1.10 samma sak som 1.1. "
            'Skriv numret inom citattecken: id: "2"',
        ),
        (
            "area: 2",
            "area: 3",
            "2-10.md:2: id: '2.10' börjar med 2, men area är 3. Numrets första del ska vara "
            "utvecklingsområdets nummer.",
        ),
        (
            "status: pagar",
            "status: pågår",
            "2-10.md:8: status: 'pågår' är inte ett giltigt värde. Tillåtna: "
            "genomford (Genomförd), pagar (Pågår), ej_genomford (Ej genomförd). Skriv pagar.",
        ),
        (
            "districts: [Berga, Ryd]",
            "districts: [Berga, berga]",
            "2-10.md:5: districts: 'berga' är inget känt område. Tillåtna: Berga, Ryd, Skäggetorp.",
        ),
        (
            'responsible: ["KLF (säkerhetsenheten)", UAF]',
            "responsible: [KLF säkerhetsenheten]",
            "2-10.md:6: responsible: 'KLF säkerhetsenheten' är ingen känd förvaltning. Skriv förkortningen, eventuellt "
            "med enheten inom parentes, till exempel KLF (säkerhetsenheten). Tillåtna: SOF, KLF, UAF, KoF.",
        ),
        ('title: "Stärk samverkan"', "title: {a: b}", "2-10.md:3: title: ska vara en text, men är en samling fält."),
        ("area: 2", "area: ²", "2-10.md:4: area: '²' är inte ett heltal. Skriv bara siffror, till exempel 3."),
        (
            'id: "2.10"',
            'id: "2.010"',
            "2-10.md:2: id: '2.010' har fel form. Numret skrivs område.nummer, till exempel \"1.4\".",
        ),
        (
            "districts: [Berga, Ryd]",
            "districts: [Berga, Ryd, Berga]",
            "2-10.md:5: districts: 'Berga' står två gånger i listan; ta bort den ena.",
        ),
    ],
)
def test_each_bad_value_gives_one_line_naming_file_line_field_and_allowed_values(words, old, new, expected):
    assert old in VALID
    measure, problems = measure_from(VALID.replace(old, new), words)
    assert measure is None
    assert problems == [expected]


def test_a_single_district_may_be_written_without_brackets(words):
    measure, problems = measure_from(VALID.replace("districts: [Berga, Ryd]", "districts: Skäggetorp"), words)
    assert problems == [] and measure.districts == ("Skäggetorp",)


def test_the_real_vocabulary_is_complete():
    words, problems = vocabulary.load(PROJECT / "data/measures.yml", "data/measures.yml")
    assert problems == []
    assert [s.key for s in words.statuses] == ["genomford", "pagar", "ej_genomford"]
    assert [a.number for a in words.areas] == [1, 2, 3, 4, 5]
    assert words.administration("KLF").name == "Kommunledningsförvaltningen"
    # Only names the source documents give: no invented full names.
    assert words.administration("SOF").name is None and words.administration("KoF").name is None
    assert [f.year for f in words.follow_ups] == [2021, 2022]
    assert words.plans[0].measures == 50


def write(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "measures.yml"
    path.write_text(text, encoding="utf-8")
    loaded, problems = vocabulary.load(path, "data/measures.yml")
    assert (loaded is None) == bool(problems)
    return [str(p) for p in problems]


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """The 1-based line of the n-th line that contains `needle`."""
    return [i for i, line in enumerate(text.splitlines(), start=1) if needle in line][occurrence - 1]


def test_vocabulary_problems_name_line_and_entry(tmp_path):
    text = FIXTURE_VOCABULARY.read_text(encoding="utf-8")
    text = text.replace('colour: "#2e7d32"', 'colour: "grön"').replace("icon: clock", "icon: timglas")
    text = text.replace("  - Ryd\n", "  - Ryd\n  - Ryd\n")
    problems = write(tmp_path, text)
    assert problems == [
        f"data/measures.yml:{line_of(text, 'grön')}: status genomford, colour: 'grön' är ingen färgkod. "
        'Skriv till exempel "#1b7a3a".',
        f"data/measures.yml:{line_of(text, 'timglas')}: status pagar, icon: 'timglas' är ingen känd ikon. "
        "Tillåtna: check, clock, cross, dashed, half.",
        f"data/measures.yml:{line_of(text, '  - Ryd', 2)}: districts: 'Ryd' står två gånger; varje värde får "
        "bara finnas en gång.",
    ]


def test_names_that_would_share_a_facet_address_are_refused(tmp_path):
    text = FIXTURE_VOCABULARY.read_text(encoding="utf-8").replace("  - Ryd\n", "  - Ryd\n  - RYD\n")
    assert write(tmp_path, text) == [
        f"data/measures.yml:{line_of(text, 'RYD')}: districts: 'RYD' och 'Ryd' skulle få samma sidadress (ryd); "
        "byt det ena namnet."
    ]


EMPTY_ENTRY = '- ""'


def test_empty_names_and_the_filter_separator_are_refused(tmp_path):
    text = FIXTURE_VOCABULARY.read_text(encoding="utf-8")
    text = text.replace("  - Ryd\n", '  - Ryd\n  - ""\n  - "Ryd|Berga"\n')
    assert write(tmp_path, text) == [
        f"data/measures.yml:{line_of(text, EMPTY_ENTRY)}: districts: en post i listan är tom.",
        f"data/measures.yml:{line_of(text, 'Ryd|Berga')}: districts: 'Ryd|Berga' får inte innehålla tecknet |.",
    ]


def test_dates_must_be_real_dates(tmp_path):
    text = FIXTURE_VOCABULARY.read_text(encoding="utf-8").replace('date: "2022-01-05"', 'date: "2022-13-45"')
    assert write(tmp_path, text) == [
        f"data/measures.yml:{line_of(text, '2022-13-45')}: 2021, date: '2022-13-45' är inget datum på "
        "formen ÅÅÅÅ-MM-DD."
    ]


def test_missing_vocabulary_file(tmp_path):
    loaded, problems = vocabulary.load(tmp_path / "nope.yml", "data/measures.yml")
    assert loaded is None
    assert [str(p) for p in problems] == ["data/measures.yml: filen saknas; den behövs för att bygga webbplatsen."]

"""`atgardsplan check` reports every problem it can find in one run, in the editors' words.

Before, problems came in rounds: the figures and the lineage were judged
only once every page read cleanly, and no page was read while
data/measures.yml had a problem. Each test makes two unrelated mistakes at
once, as editors do, and expects both in the first run; a line that can
only be judged once another problem is fixed says so.
"""

from __future__ import annotations

from pathlib import Path

from helpers import edit, run_check

from actionplan.commands.cli import main

VOCABULARY = "data/measures.yml"


def line_of(project: Path, relative: str, text: str) -> int:
    lines = (project / relative).read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if text in line)


def test_a_broken_vocabulary_and_a_broken_page_in_one_run(small, capsys):
    # A status's colour deleted in the vocabulary, and a district typed wrong on a page.
    edit(small, VOCABULARY, '    colour: "#f9c80e"\n', "")
    edit(small, "docs/2021/atgarder/1-1.md", "districts: [Berga]", "districts: [Bergaa]")
    code, lines = run_check(small, capsys)
    assert code == 1
    assert lines == [
        "data/measures.yml: när problemen i filen är rättade kontrolleras också sidornas makroanrop och menyer, "
        "continues och de angivna siffrorna.",
        # The page using the status whose entry is broken waits for it, and the line says so.
        f"data/measures.yml:{line_of(small, VOCABULARY, 'statuses:')}: statuses: 1 åtgärdssida "
        "(docs/2021/atgarder/1-2.md) har ett värde i status som inte står i statuses; de kontrolleras när "
        "problemen i statuses är rättade.",
        f"data/measures.yml:{line_of(small, VOCABULARY, 'key: pagar')}: status pagar, colour: fältet saknas. "
        "Det måste fyllas i.",
        "docs/2021/atgarder/1-1.md:5: districts: 'Bergaa' är inget känt område. Tillåtna: Berga, Ryd, Skäggetorp.",
    ]


def test_wrong_figures_are_reported_beside_a_broken_page_and_say_what_is_not_counted(project, capsys):
    # The figures of area 2 and the total copied wrong from the report (13/41 instead of 12/42, area 2
    # 4/7 instead of 3/8: they still add up), and a status on an area 1 page mistyped.
    edit(project, VOCABULARY, "total: {genomford: 12, pagar: 42,", "total: {genomford: 13, pagar: 41,")
    edit(project, VOCABULARY, "2: {genomford: 3, pagar: 8,", "2: {genomford: 4, pagar: 7,")
    edit(project, "docs/2021/atgarder/1-4.md", "status: genomford", "status: Klar")
    code, lines = run_check(project, capsys)
    assert code == 1
    adopted = (
        "uppföljningen 2021 är fastställd (uppföljningsrapporten 2021, 2022-01-05) och dess siffror är de "
        "officiella: status"
    )
    total, area = line_of(project, VOCABULARY, "total: {genomford: 13"), line_of(project, VOCABULARY, "2: {genom")
    figures = [line for line in lines if line.startswith(VOCABULARY)]
    # Only the differences that no reading of 1.4 can mend: area 1's Genomförd (5 read, 6 stated) could be.
    assert [line.split(" dokumentet anger")[0] for line in figures] == [
        f"data/measures.yml:{total}: 2021, totalt: {adopted} Genomförd:",
        f"data/measures.yml:{total}: 2021, totalt: {adopted} Pågår:",
        f"data/measures.yml:{area}: 2021, utvecklingsområde 2: {adopted} Genomförd:",
        f"data/measures.yml:{area}: 2021, utvecklingsområde 2: {adopted} Pågår:",
    ]
    # What the page that is not counted could change, and why the difference holds anyway.
    assert [line.split(" dokumentet anger ")[1].split(" (")[0] for line in figures] == [
        "13, men åtgärdssidorna ger 11, och högst 12 med den åtgärdssida för 2021 som har problem",
        "41, men åtgärdssidorna ger 42 redan utan den åtgärdssida för 2021 som har problem",
        # Area 2 has no page with problems: nothing to say about one.
        "4, men åtgärdssidorna ger 3",
        "7, men åtgärdssidorna ger 8",
    ]
    assert [line for line in lines if line.startswith("docs/")] == [
        "docs/2021/atgarder/1-4.md:8: status: 'Klar' är inte ett giltigt värde. Tillåtna: genomford (Genomförd), "
        "pagar (Pågår), ej_genomford (Ej genomförd)."
    ]


def test_a_figure_that_does_not_add_up_is_named_by_year_and_area_with_its_line(project, capsys):
    edit(project, VOCABULARY, "3: {genomford: 3, pagar: 6,", "3: {genomford: 3, pagar: 7,")
    code, lines = run_check(project, capsys)
    areas = line_of(project, VOCABULARY, "      areas:")
    assert lines == [
        "data/measures.yml: när problemen i filen är rättade kontrolleras också sidornas makroanrop och menyer, "
        "continues och de angivna siffrorna.",
        f"data/measures.yml:{areas}: 2021, areas: utvecklingsområdenas pagar blir sammanlagt 43, men total anger 42.",
    ]


def test_after_new_year_the_open_year_checks_green_and_names_no_key(small, capsys):
    assert main(["--root", str(small), "new-year", "2022"]) == 0
    output = capsys.readouterr().out
    assert "1 åtgärdssidor i docs/2022/atgarder/ (2 Vidmakthållen)" not in output
    assert "(2 Vidmakthållen)" in output
    assert run_check(small, capsys) == (0, [])

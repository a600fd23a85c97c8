"""`atgardsplan adopt` and `atgardsplan new --continues`: adopting a year and carrying the plan on, without YAML.

The figures an adopted year gets are counted here from the test plan's pages
as the test knows them (tests/data/small-project: 1.1 Genomförd and 1.2
Pågår in area 1, 2.1 Ej genomförd in area 2), never from the code under test.
"""

from __future__ import annotations

import re
from pathlib import Path

from helpers import edit, run_check, snapshot

from actionplan.commands.cli import main

VOCABULARY = "data/measures.yml"
# What new-year writes under each heading of a year's report prose until it is written.
PROSE_PENDING = "*Texten skrivs när uppföljningen är klar.*"


def run(project: Path, capsys, *arguments: str) -> tuple[int, str, str]:
    code = main(["--root", str(project), *arguments])
    output = capsys.readouterr()
    return code, output.out, output.err


def test_adopt_refuses_with_every_reason_at_once_and_writes_nothing(project, capsys):
    assert run(project, capsys, "new-year", "2022")[0] == 0
    before = snapshot(project)
    code, out, err = run(project, capsys, "adopt", "2022", "--date", "2023-01-26")
    assert code == 1 and out == ""
    carried = "1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.8, 1.9, 1.11, 2.1, 2.2, 2.6 och 31 till"
    overviews = ", ".join(f"docs/2022/utvecklingsomrade-{n}.md" for n in range(1, 6))
    merged = ", ".join(f"{i} (Ingår i annan åtgärd)" for i in ["1.7", "1.12", "1.14", "2.5", "2.13", "5.9"])
    assert err.splitlines() == [
        "Inget skrevs: uppföljningen 2022 kan inte fastställas ännu:",
        f"- 43 åtgärder saknar status (Ej uppföljd): {carried}.",
        f"- 43 åtgärder saknar next_year, hur de hanteras i nästa års plan (Ej beslutad): {carried}.",
        f'- Sammanfattningen under "Året som gått" är inte skriven i {overviews}.',
        "- Rapportens text är inte skriven: data/2022/rapporttext.md säger fortfarande att texten skrivs senare "
        "(rad 12).",
        f"- 6 åtgärder 2021 ska finnas med i planen för 2022 men fortsätts inte av någon åtgärd 2022: {merged}. "
        'Skriv numret i continues på den åtgärd som tar över, till exempel continues: ["1.7"], eller med '
        "atgardsplan new --continues 1.7.",
    ]
    assert snapshot(project) == before


def test_adopt_writes_adopted_and_the_figures_as_lines_of_the_file(small, capsys):
    before = (small / VOCABULARY).read_text(encoding="utf-8")
    code, out, err = run(small, capsys, "adopt", "2021", "--date", "2022-01-05", "--document", "testrapporten 2021")
    assert code == 0, err
    assert out.splitlines()[:2] == [
        "Uppföljningen 2021 är fastställd 2022-01-05 (testrapporten 2021).",
        "Skrivet i data/measures.yml: adopted och årets siffror, 3 åtgärder (Genomförd: 1, Pågår: 1, Ej genomförd: "
        "1), totalt och per utvecklingsområde.",
    ]
    # Every line of the file as it was, in order, with the year's new lines at the end of its entry
    # (its document and date were there already, so they stay).
    assert (small / VOCABULARY).read_text(encoding="utf-8") == before.replace(
        "    measures: 3\n",
        "    measures: 3\n"
        "    # Fastställd 2022-01-05 genom testrapporten 2021.\n"
        '    adopted: "2022-01-05"\n'
        "    # Siffrorna är åtgärdssidornas när året fastställdes; rapporten anger dem.\n"
        "    stated:\n"
        "      total: {genomford: 1, pagar: 1, ej_genomford: 1}\n"
        "      areas:\n"
        "        1: {genomford: 1, pagar: 1, ej_genomford: 0}\n"
        "        2: {genomford: 0, pagar: 0, ej_genomford: 1}\n",
    )
    assert run_check(small, capsys) == (0, [])
    # The adopted year's report is no longer a draft.
    report = small / "rapport.html"
    assert run(small, capsys, "report", "--year", "2021", "--format", "html", "--output", str(report))[0] == 0
    assert "Utkast" not in report.read_text(encoding="utf-8")
    # Adopting twice is refused, and says by which document the year was adopted.
    code, _, err = run(small, capsys, "adopt", "2021", "--date", "2022-01-06")
    assert code == 1
    assert err == (
        "Inget skrevs: uppföljningen 2021 är redan fastställd (testrapporten 2021, 2022-01-05). Ett fastställt år "
        "ändras bara för att rätta något som blivit fel överfört.\n"
    )


def test_figures_a_document_stated_before_must_be_the_pages(small, capsys):
    # As the 2023 letter stated 2022's figures before the site had its pages.
    edit(
        small,
        VOCABULARY,
        "    measures: 3\n",
        "    measures: 3\n    stated:\n      total: {genomford: 2, pagar: 1, ej_genomford: 0}\n",
    )
    before = snapshot(small)
    code, _, err = run(small, capsys, "adopt", "2021", "--date", "2022-01-05")
    assert code == 1
    assert err.splitlines() == [
        "Inget skrevs: uppföljningen 2021 kan inte fastställas ännu:",
        "- testrapporten 2021 (2022-01-05) anger siffror för 2021 som åtgärdssidorna inte ger: totalt Genomförd 1 i "
        "stället för 2, totalt Ej genomförd 1 i stället för 0. De officiella siffrorna ändras inte; rätta de sidor "
        "som är fel överförda.",
    ]
    assert snapshot(small) == before
    edit(small, "docs/2021/atgarder/2-1.md", "status: ej_genomford", "status: genomford")
    code, out, err = run(small, capsys, "adopt", "2021", "--date", "2022-01-05")
    assert code == 0, err
    assert "Siffrorna ur testrapporten 2021 står kvar, och åtgärdssidorna ger dem." in out
    text = (small / VOCABULARY).read_text(encoding="utf-8")
    assert text.count("stated:") == 1 and 'adopted: "2022-01-05"' in text
    assert run_check(small, capsys) == (0, [])


def test_adopt_refuses_what_is_no_year_to_adopt(small, capsys):
    before = snapshot(small)
    assert run(small, capsys, "adopt", "2021", "--date", "5 januari 2022")[2] == (
        "Inget skrevs: '5 januari 2022' är inget datum på formen ÅÅÅÅ-MM-DD, till exempel --date 2023-01-26.\n"
    )
    assert run(small, capsys, "adopt", "2021", "--date", "2022-02-30")[0] == 1
    assert run(small, capsys, "adopt", "2024", "--date", "2025-01-05")[2] == (
        "Inget skrevs: uppföljningsåret 2024 finns inte under follow_ups i data/measures.yml. Kända år: 2021. "
        "Starta året med atgardsplan new-year 2024.\n"
    )
    # A summary still to be written and the report's text still to be written are both said.
    edit(small, "docs/2021/utvecklingsomrade-2.md", "Sammanfattning av året för område 2.", "FYLL I: text.")
    (small / "data/2021/rapporttext.md").write_text(f"## 1 Inledning\n\n{PROSE_PENDING}\n", encoding="utf-8")
    code, _, err = run(small, capsys, "adopt", "2021", "--date", "2022-01-05")
    assert code == 1
    # (FYLL I is a problem of the check for any year: adopt sends the editor there first.)
    assert err.startswith("Inget skrevs: innehållet har problem som måste rättas först (kör atgardsplan check):\n")
    edit(small, "docs/2021/utvecklingsomrade-2.md", "FYLL I: text.", "Text.")
    code, _, err = run(small, capsys, "adopt", "2021", "--date", "2022-01-05")
    assert err.splitlines()[1:] == [
        "- Rapportens text är inte skriven: data/2021/rapporttext.md säger fortfarande att texten skrivs senare "
        "(rad 3)."
    ]
    (small / "data/2021/rapporttext.md").unlink()
    code, _, err = run(small, capsys, "adopt", "2021", "--date", "2022-01-05")
    assert err.splitlines()[1:] == [
        "- Rapportens text saknas: skriv data/2021/rapporttext.md (kapitel 1 och inledningen till kapitel 2)."
    ]
    assert (small / VOCABULARY).read_bytes() == before[VOCABULARY]


# new --continues ----------------------------------------------------------------------


def test_new_continues_names_measures_of_the_year_before(project, capsys):
    assert run(project, capsys, "new-year", "2022")[0] == 0
    code, out, err = run(
        project, capsys, "new", "--year", "2022", "--area", "1", "--title", "Brottsförebyggande arbete",
        "--continues", "1.7, 1.12,1.14",
    )  # fmt: skip
    assert code == 0, err
    assert out.splitlines()[0] == "Skapade docs/2022/atgarder/1-12.md (åtgärd 1.12 som fortsätter 1.7, 1.12, 1.14)."
    page = (project / "docs/2022/atgarder/1-12.md").read_text(encoding="utf-8")
    assert re.search(r'^continues: \["1\.7", "1\.12", "1\.14"\]$', page, re.MULTILINE)
    # The check has nothing to say about continues (only the page's own fields are still to be filled in).
    code, lines = run_check(project, capsys)
    assert not [line for line in lines if "continues" in line]


def test_new_continues_refuses_what_cannot_be_continued(project, small, capsys):
    assert run(project, capsys, "new-year", "2022")[0] == 0
    before = snapshot(project)
    new = ["new", "--year", "2022", "--area", "1", "--title", "Ny åtgärd"]
    assert run(project, capsys, *new, "--continues", "1.99")[2] == (
        "Ingen sida skapades: Åtgärd 1.99 finns inte i uppföljningen 2021 (--continues).\n"
    )
    assert run(project, capsys, *new, "--continues", "1.15")[2] == (
        "Ingen sida skapades: Åtgärd 1.15 2021 finns inte med i planen för 2022 (Finns inte med) och kan inte "
        "fortsättas.\n"
    )
    assert run(project, capsys, *new, "--continues", "1,7")[2] == (
        "Ingen sida skapades: --continues '1' har fel form. Skriv numren med kommatecken emellan, till exempel "
        "--continues 1.4,1.5.\n"
    )
    assert snapshot(project) == before
    code, _, err = run(small, capsys, "new", "--year", "2021", "--area", "1", "--title", "Ny", "--continues", "1.1")
    assert err == (
        "Ingen sida skapades: Det finns ingen uppföljning före 2021 med åtgärdssidor att fortsätta; ta bort "
        "--continues.\n"
    )

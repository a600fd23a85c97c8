"""`atgardsplan plan-form` and `atgardsplan new --from`: the new plan's measures in one go, all or none.

The workbook is read back with openpyxl (an independent reader) as Excel
would show it; the form is filled as a coordinator fills it (lower case,
Alt+Enter, semicolons, an area chosen from the list).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import openpyxl
import pytest
from helpers import run_check, snapshot
from plan_fixture import MERGED_2021, NEW_MEASURES_2022, fill_plan

from actionplan.commands.cli import main


def run(project: Path, capsys, *arguments: str) -> tuple[int, str, str]:
    code = main(["--root", str(project), *arguments])
    output = capsys.readouterr()
    return code, output.out, output.err


@pytest.fixture
def planned(project: Path, tmp_path: Path, capsys) -> tuple[Path, Path]:
    """The real project with 2022 started, and the plan form plan-form wrote for it."""
    assert run(project, capsys, "new-year", "2022")[0] == 0
    code, out, err = run(project, capsys, "plan-form", "--year", "2022", "--output", str(tmp_path / "plan"))
    assert code == 0, err
    form = tmp_path / "plan" / "plan-2022.xlsx"
    assert out.splitlines() == [
        f"Skapade {form}: 43 åtgärder som redan finns (låsta) och 60 tomma rader för årets nya åtgärder.",
        f"Fyll i det och läs in det med: atgardsplan new --from {form}",
    ]
    return project, form


def test_the_form_shows_the_year_its_measures_and_the_year_before(planned):
    project, form = planned
    workbook = openpyxl.load_workbook(form)
    assert workbook.sheetnames == ["Plan", "Listor", "Året innan"]
    assert workbook["Listor"].sheet_state == "hidden"
    sheet = workbook["Plan"]
    assert (sheet["A1"].value, sheet["B1"].value) == ("Uppföljningsår", "2022")
    header = [cell.value for cell in sheet[3]]
    assert header == ["Nr", "Utvecklingsområde", "Åtgärd", "Beskrivning", "Områden", "Ansvariga",
                      "Finansiering och tid", "Fortsätter"]  # fmt: skip
    first = [cell.value for cell in sheet[4]]
    assert first[:3] == ["1.1", "1", "Bilda områdesteam"] and first[7] == "1.1"
    # The measures that exist are locked, the rows for new ones are not, and every cell is text.
    assert sheet.protection.sheet and sheet["C4"].protection.locked and not sheet["C47"].protection.locked
    assert all(cell.data_type == "s" for row in sheet.iter_rows(min_row=1, max_row=46) for cell in row if cell.value)
    assert sheet["A47"].number_format == "@"
    # The area is chosen from the list of areas, as the list shows them.
    [areas] = [v for v in sheet.data_validations.dataValidation if v.type == "list"]
    assert areas.formula1 == "Listor!$A$2:$A$6" and "B47" in str(areas.sqref)
    assert workbook["Listor"]["A4"].value == "3 Utbildning för att barn och vuxna ska nå sin fulla potential"
    # Printed on A4 landscape, as wide as the page, with the header on every page.
    setup = (sheet.page_setup.orientation, sheet.page_setup.paperSize, sheet.page_setup.fitToWidth)
    assert setup == ("landscape", int(sheet.PAPERSIZE_A4), 1) and sheet.print_title_rows == "$3:$3"
    # The year before, with what becomes of each measure: the merged ones are continued by nothing yet.
    before = {row[0]: row[2:] for row in workbook["Året innan"].iter_rows(min_row=2, values_only=True)}
    assert len(before) == 60
    assert before["1.7"] == ("Ingår i annan åtgärd", None)
    assert before["1.1"][1] == "1.1"


def test_the_new_measures_are_shown_then_written_all_at_once(planned, tmp_path, capsys):
    project, form = planned
    filled = tmp_path / "fylld.xlsx"
    fill_plan(form, filled, NEW_MEASURES_2022)
    before = snapshot(project)
    code, out, err = run(project, capsys, "new", "--from", str(filled))
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "fylld.xlsx ger 17 åtgärder för 2022:"
    # Numbers are the next free ones in each area, after the carried measures (area 1's go up to 1.11).
    assert lines[1] == (
        "  1.12 Testdata: brottsförebyggande arbete (rad 47; utvecklingsområde 1; Berga, Ryd, Skäggetorp; "
        "KLF (säkerhetsenheten); fortsätter 1.7, 1.12) -> docs/2022/atgarder/1-12.md"
    )
    assert lines[-1] == "Inget har skrivits; kör samma kommando med --apply för att skapa sidorna."
    assert snapshot(project) == before
    code, out, err = run(project, capsys, "new", "--from", str(filled), "--apply")
    assert code == 0, err
    assert out.splitlines()[-1] == "Skapade 17 åtgärdssidor i docs/2022/atgarder/."
    pages = sorted((project / "docs/2022/atgarder").glob("*.md"))
    assert len(pages) == 60
    page = (project / "docs/2022/atgarder/1-13.md").read_text(encoding="utf-8")
    # Lower case and semicolons written as the vocabulary writes them.
    assert 'districts: ["Berga", "Skäggetorp"]' in page and 'responsible: ["KLF"]' in page
    assert 'continues: ["1.14"]' in page
    # A line break in a cell is a paragraph.
    assert (
        (project / "docs/2022/atgarder/1-12.md")
        .read_text(encoding="utf-8")
        .endswith("---\n\nTestbeskrivning.\n\nAndra stycket.\n")
    )
    continued = set()
    for path in pages:
        match = re.search(r"^continues: \[(.*)\]$", path.read_text(encoding="utf-8"), re.MULTILINE)
        continued |= {part.strip().strip('"') for part in match[1].split(",")} if match else set()
    assert set(MERGED_2021) <= continued
    assert run_check(project, capsys) == (0, [])
    # Read again, the form gives nothing new: its rows are now measures that exist.
    code, out, err = run(project, capsys, "new", "--from", str(filled))
    assert code == 1
    assert "det finns redan en åtgärd med den titeln för 2022" in err


def test_every_problem_of_the_form_is_one_line_and_nothing_is_written(planned, tmp_path, capsys):
    project, form = planned
    filled = tmp_path / "fylld.xlsx"
    fill_plan(
        form,
        filled,
        [
            ("9", "Testdata: fel område", "Text.", "Bergaa", "XYZ", "Inom ram", "1.99"),
            ("1", "", "", "Berga", "SOF", "", "1.15"),
            ("2", "bilda områdesteam", "Text.", "Berga", "SOF", "Inom ram", ""),
            ("1", "Testdata: med html", "Text med <script>x</script>.", "Berga", "SOF", "Inom ram", ""),
        ],
    )
    workbook = openpyxl.load_workbook(filled)
    workbook["Plan"]["A51"] = "2.1"  # a number already taken, on a new row
    workbook["Plan"]["B51"], workbook["Plan"]["C51"] = "2", "Testdata: taget nummer"
    workbook["Plan"]["D51"], workbook["Plan"]["E51"] = "Text.", "Ryd"
    workbook["Plan"]["F51"], workbook["Plan"]["G51"] = "SOF", "=1+1"  # a formula
    workbook.save(filled)
    before = snapshot(project)
    code, out, err = run(project, capsys, "new", "--from", str(filled), "--apply")
    assert code == 1 and out == ""
    allowed_districts = "Tillåtna: Berga, Ryd, Skäggetorp, Mottagande skolor."
    assert err.splitlines() == [
        "Inget har skrivits. Planformuläret har 12 problem som måste rättas:",
        "fylld.xlsx, rad 47: Utvecklingsområde: '9' är inget utvecklingsområde. Välj i listan (eller skriv numret: "
        "1, 2, 3, 4, 5).",
        f"fylld.xlsx, rad 47: Områden: 'Bergaa' är inget känt område. {allowed_districts}",
        "fylld.xlsx, rad 47: Ansvariga: 'XYZ' är ingen känd förvaltning. Skriv förkortningen, eventuellt med "
        "enheten inom parentes, till exempel KLF (HR). Tillåtna: SOF, Leanlink, KLF, UAF, KoF, VSS, MoS, IAF, "
        "Samtliga nämnder, Samordningsförbundet.",
        "fylld.xlsx, rad 47: Fortsätter: åtgärd 1.99 finns inte i uppföljningen 2021.",
        "fylld.xlsx, rad 48: Åtgärd: fältet är tomt. Det måste fyllas i.",
        "fylld.xlsx, rad 48: Beskrivning: fältet är tomt. Det måste fyllas i.",
        "fylld.xlsx, rad 48: Finansiering och tid: fältet är tomt. Det måste fyllas i.",
        "fylld.xlsx, rad 48: Fortsätter: åtgärd 1.15 finns inte med i planen för 2022 (Finns inte med) och kan "
        "inte fortsättas.",
        "fylld.xlsx, rad 49: Åtgärd: det finns redan en åtgärd med den titeln för 2022: 1.1.",
        # The same rules as a page's description: no raw HTML.
        "fylld.xlsx, rad 50: Beskrivning: HTML-taggen <script> är inte tillåten. Skriv texten i Markdown; tillåtna "
        "taggar: <br>, <sup>, <sub>, <abbr>, <kbd>, <mark>. Ska tecknet < synas, skriv &lt;.",
        "fylld.xlsx, rad 51: Nr: 2.1 används redan för 2022; varje åtgärd har ett eget nummer.",
        "fylld.xlsx, rad 51: Finansiering och tid: cellen innehåller en formel. Skriv värdet som text.",
    ]
    assert snapshot(project) == before


def test_a_locked_row_changed_the_wrong_year_and_no_form_are_refused(planned, tmp_path, capsys):
    project, form = planned
    workbook = openpyxl.load_workbook(form)
    workbook["Plan"]["C4"] = "Bilda områdesteam, ändrad"
    workbook.save(tmp_path / "andrad.xlsx")
    code, _, err = run(project, capsys, "new", "--from", str(tmp_path / "andrad.xlsx"))
    assert err.splitlines()[1:] == [
        "andrad.xlsx, rad 4: åtgärd 1.1 finns redan och ändras inte här; ändra den på sidan docs/2022/atgarder/1-1.md."
    ]
    code, _, err = run(project, capsys, "new", "--from", str(form), "--year", "2023")
    assert err.splitlines()[1:] == [
        "plan-2022.xlsx, rad 1: Uppföljningsår: formuläret gäller 2022, men --year är 2023."
    ]
    other = openpyxl.Workbook()
    other.active.title = "Plan"
    other.save(tmp_path / "annat.xlsx")
    code, _, err = run(project, capsys, "new", "--from", str(tmp_path / "annat.xlsx"))
    assert code == 1
    assert err.splitlines()[1].startswith("annat.xlsx: är inget planformulär: bladet Plan ska ha Uppföljningsår i A1")
    # With --from the measures come from the form: a single measure's switches are refused.
    code, _, err = run(project, capsys, "new", "--from", str(form), "--title", "X")
    assert (code, err) == (2, "Med --from kommer åtgärderna ur formuläret; ta bort --title.\n")
    # The form of an adopted year is not made.
    code, _, err = run(project, capsys, "plan-form", "--year", "2021", "--output", str(tmp_path / "x"))
    assert code == 1 and err.startswith("Inget formulär skapades: uppföljningen 2021 är fastställd")
    # Nor written over one that may be filled in.
    code, _, err = run(project, capsys, "plan-form", "--year", "2022", "--output", str(form.parent))
    assert code == 1 and "finns redan och skrivs inte över" in err


def test_a_file_that_is_no_workbook_is_one_line_and_nothing_waits(planned, tmp_path, capsys):
    # The same bounded reader as the answers: a text file, and a named pipe nobody writes to.
    project, _ = planned
    text = tmp_path / "plan.xlsx"
    text.write_text("Nr;Åtgärd\n", encoding="utf-8")
    code, _, err = run(project, capsys, "new", "--from", str(text))
    assert (code, err) == (1, "Inget har skrivits. plan.xlsx: filen är ingen Excel-arbetsbok (.xlsx).\n")
    pipe = tmp_path / "ror.xlsx"
    os.mkfifo(pipe)
    code, _, err = run(project, capsys, "new", "--from", str(pipe))
    assert code == 1 and err.startswith("Inget har skrivits. ror.xlsx: ")
    # A workbook without the form's sheet.
    other = openpyxl.Workbook()
    other.save(tmp_path / "annan.xlsx")
    code, _, err = run(project, capsys, "new", "--from", str(tmp_path / "annan.xlsx"))
    assert err == ("Inget har skrivits. annan.xlsx: bladet Plan saknas; skapa formuläret med atgardsplan plan-form.\n")

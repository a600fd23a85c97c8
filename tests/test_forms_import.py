"""Follow-up forms out, answers in: the forms as Excel shows them, the round trip, and every bad answer.

Expected content comes from the pages' front matter as the report gives it
(SOF answers for 1.1, 1.2 and 1.3; 1.1 and 1.2 are shared with Leanlink) and
the 2021 report's stated figures, which a changed status must not break.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
import yaml
from helpers import copy_project, definitions, mkdocs_build

from actionplan.commands.cli import main

STATUS_LABELS = ["Genomförd", "Pågår", "Ej genomförd"]
DISPOSITION_LABELS = [
    "Vidmakthållen",
    "Vidareutvecklad",
    "Ingår i annan åtgärd",
    "Finns inte med",
    "Finns inte med, genomförd",
]
KEYS = {"genomford", "pagar", "ej_genomford", "vidmakthallen", "vidareutvecklad", "ingar_i_annan", "utgar"}
OLD_COMMENT = '"Berga by öppnade under våren 2021 och invigdes i september 2021."'
NEW_COMMENT = "Berga by är öppen året runt – nu även på söndagar."


@pytest.fixture
def project(tmp_path: Path) -> Path:
    project = copy_project(tmp_path / "project")
    # A page saved on Windows (byte order mark, CRLF) and a page with a YAML
    # comment: the import must keep both exactly.
    page = project / "docs/2021/atgarder/1-1.md"
    page.write_bytes(b"\xef\xbb\xbf" + page.read_bytes().replace(b"\n", b"\r\n"))
    page = project / "docs/2021/atgarder/1-2.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace("status: pagar\n", "status: pagar  # bekräftat av SOF\n"),
        encoding="utf-8",
    )
    return project


@pytest.fixture
def forms_dir(project: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "formular"
    assert main(["--root", str(project), "forms", "--year", "2021", "--output", str(folder)]) == 0
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8-sig")
    return yaml.safe_load(text.split("---")[1])


def edit(path: Path, cells: dict[str, str], sheet: str = "Uppföljning") -> None:
    workbook = openpyxl.load_workbook(path)
    for coordinate, value in cells.items():
        workbook[sheet][coordinate] = value
    workbook.save(path)


def run_import(project: Path, forms_dir: Path, monkeypatch, capsys, *args: str) -> tuple[int, str, str]:
    monkeypatch.chdir(forms_dir)
    code = main(["--root", str(project), "import", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# The forms ---------------------------------------------------------------


def test_one_form_per_administration_with_its_measures(project, forms_dir):
    expected: dict[str, list[str]] = {}
    for page in sorted((project / "docs/2021/atgarder").glob("*.md")):
        matter = front_matter(page)
        for responsible in matter["responsible"]:
            expected.setdefault(responsible.split(" (")[0], []).append(matter["id"])
    assert sorted(p.name for p in forms_dir.iterdir()) == sorted(f"{a}.xlsx" for a in expected)
    for abbreviation, ids in expected.items():
        sheet = openpyxl.load_workbook(forms_dir / f"{abbreviation}.xlsx")["Uppföljning"]
        listed = [row[0] for row in sheet.iter_rows(min_row=5, values_only=True)]
        assert sorted(listed) == sorted(ids), abbreviation
    sof = openpyxl.load_workbook(forms_dir / "SOF.xlsx")["Uppföljning"]
    assert [c.value for c in sof[4]] == ["Nr", "Åtgärd", "Status", "Kommentar", "I planen för nästa år"]
    assert [c.value for c in sof[5]][:3] == ["1.1", "Bilda områdesteam", "Genomförd"]
    assert sof["E5"].value == "Vidareutvecklad"
    assert sof["B1"].value == "2021" and sof["B2"].value == "SOF"
    assert sof["A3"].value.startswith("Fyll i Status, Kommentar och I planen för nästa år (2022)")
    leanlink = openpyxl.load_workbook(forms_dir / "Leanlink.xlsx")["Uppföljning"]
    assert [row[0] for row in leanlink.iter_rows(min_row=5, values_only=True)] == ["1.1", "1.2", "1.15"]


def test_forms_offer_the_labels_as_drop_down_lists_and_lock_nr_and_title(forms_dir):
    workbook = openpyxl.load_workbook(forms_dir / "KLF.xlsx")
    sheet, lists = workbook["Uppföljning"], workbook["Listor"]
    assert lists.sheet_state == "hidden"
    assert [c.value for c in lists["A"][1:] if c.value] == STATUS_LABELS
    assert [c.value for c in lists["B"][1:] if c.value] == DISPOSITION_LABELS
    last = sheet.max_row
    validations = {str(v.sqref): v for v in sheet.data_validations.dataValidation}
    assert set(validations) == {f"C5:C{last}", f"E5:E{last}"}
    for validation, column in ((validations[f"C5:C{last}"], "A"), (validations[f"E5:E{last}"], "B")):
        assert validation.type == "list" and validation.showErrorMessage
        rows = len(STATUS_LABELS if column == "A" else DISPOSITION_LABELS) + 1
        assert validation.formula1 == f"Listor!${column}$2:${column}${rows}"
    assert sheet.protection.sheet
    for row in sheet.iter_rows(min_row=5):
        assert row[0].protection.locked and row[1].protection.locked
        assert not any(cell.protection.locked for cell in row[2:])
    shown = {c.value for ws in workbook.worksheets for row in ws.iter_rows() for c in row if c.value}
    assert not shown & KEYS, "an administration must only ever see labels"


def test_forms_are_never_written_over(project, forms_dir, capsys):
    before = snapshot(forms_dir)
    assert main(["--root", str(project), "forms", "--year", "2021", "--output", str(forms_dir)]) == 1
    assert "Inga formulär skapades: " in capsys.readouterr().err
    assert snapshot(forms_dir) == before


def test_forms_for_a_year_without_pages_are_refused(project, tmp_path, capsys):
    assert main(["--root", str(project), "forms", "--year", "2022", "--output", str(tmp_path / "f")]) == 1
    err = capsys.readouterr().err
    assert err == "Inga formulär skapades: Uppföljningsåret 2022 har inga åtgärdssidor. År med åtgärder: 2021.\n"
    assert not (tmp_path / "f").exists()


# The round trip ----------------------------------------------------------


def test_unchanged_forms_change_nothing(project, forms_dir, monkeypatch, capsys):
    before = snapshot(project)
    files = sorted(p.name for p in forms_dir.iterdir())
    code, out, err = run_import(project, forms_dir, monkeypatch, capsys, *files, "--apply")
    assert (code, err) == (0, "")
    assert out == "Inga ändringar: formulärens 60 svar stämmer med åtgärdssidorna.\n"
    assert snapshot(project) == before


def test_round_trip_changes_exactly_the_answered_fields(project, forms_dir, monkeypatch, capsys, tmp_path):
    # SOF swaps the statuses of 1.1 and 1.2 (both area 1: the report's figures still hold);
    # KoF rewrites the comment and next-year decision of 1.4.
    edit(forms_dir / "SOF.xlsx", {"C5": "Pågår", "C6": "Genomförd"})
    edit(forms_dir / "KoF.xlsx", {"D5": NEW_COMMENT, "E5": "Finns inte med, genomförd"})
    before = snapshot(project)

    code, out, err = run_import(project, forms_dir, monkeypatch, capsys, "SOF.xlsx", "KoF.xlsx")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "Åtgärd 1.1 (docs/2021/atgarder/1-1.md):",
        "  Status: Genomförd -> Pågår",
        "Åtgärd 1.2 (docs/2021/atgarder/1-2.md):",
        "  Status: Pågår -> Genomförd",
        "Åtgärd 1.4 (docs/2021/atgarder/1-4.md):",
        f'  Kommentar: {OLD_COMMENT} -> "{NEW_COMMENT}"',
        "  I planen för nästa år: Vidareutvecklad -> Finns inte med, genomförd",
        "4 ändringar i 3 åtgärder (16 svar lästa). Inget har skrivits; kör samma kommando med --apply för att "
        "skriva ändringarna.",
    ]
    assert snapshot(project) == before, "a dry run writes nothing"

    code, out, err = run_import(project, forms_dir, monkeypatch, capsys, "SOF.xlsx", "KoF.xlsx", "--apply")
    assert (code, err) == (0, "")
    assert out.endswith("Ändringarna är skrivna i åtgärdssidorna.\n")
    after = snapshot(project)
    changed = {name for name in after if after[name] != before[name]}
    assert changed == {"docs/2021/atgarder/1-1.md", "docs/2021/atgarder/1-2.md", "docs/2021/atgarder/1-4.md"}
    page = "docs/2021/atgarder/"
    assert after[page + "1-1.md"] == before[page + "1-1.md"].replace(b"status: genomford\r\n", b"status: pagar\r\n")
    assert after[page + "1-2.md"] == before[page + "1-2.md"].replace(
        b"status: pagar  # bekr", b"status: genomford  # bekr"
    )
    assert after[page + "1-4.md"] == (
        before[page + "1-4.md"]
        .replace(OLD_COMMENT.encode(), f'"{NEW_COMMENT}"'.encode())
        .replace(b"next_year: vidareutvecklad\n", b"next_year: utgar_genomford\n")
    )

    assert main(["--root", str(project), "check"]) == 0
    site = tmp_path / "site"
    build = mkdocs_build(project, site)
    assert build.returncode == 0, build.stdout + build.stderr
    from bs4 import BeautifulSoup

    soup = BeautifulSoup((site / "2021/atgarder/1-4/index.html").read_text(encoding="utf-8"), "lxml")
    facts = definitions(soup.find(class_="ap-facts"))
    assert facts["Kommentar"] == NEW_COMMENT
    assert facts["I planen för 2022"].startswith("Finns inte med, genomförd")
    assert f';"{NEW_COMMENT}";' in (site / "export/atgarder-2021.csv").read_text(encoding="utf-8-sig")


def test_a_change_that_breaks_the_adopted_figures_writes_nothing(project, forms_dir, monkeypatch, capsys):
    edit(forms_dir / "SOF.xlsx", {"C7": "Genomförd"})  # 1.3: area 1 would have 7 Genomförd, the report says 6
    before = snapshot(project)
    code, out, err = run_import(project, forms_dir, monkeypatch, capsys, "SOF.xlsx", "--apply")
    assert code == 1
    assert err.splitlines()[0] == "Inget har skrivits: med ändringarna skulle atgardsplan check hitta dessa problem:"
    assert (
        "data/measures.yml: follow_ups 2021: uppföljningen 2021 är fastställd (uppföljningsrapporten 2021, "
        "2022-01-05) och dess siffror är de officiella: utvecklingsområde 1, status Genomförd: dokumentet anger 6, "
        "men åtgärdssidorna ger 7 (1.1, 1.3, 1.4, 1.7, 1.10, 1.12, 1.13)." in err.splitlines()
    )
    assert snapshot(project) == before


# Bad answers: the exact line, and an unchanged tree -------------------------


def test_every_bad_answer_is_listed_and_nothing_is_written(project, forms_dir, monkeypatch, capsys):
    # SOF and Leanlink share 1.2: SOF writes a new comment, Leanlink keeps the old one.
    edit(forms_dir / "SOF.xlsx", {"C5": "Klar", "D6": "Ny text", "B7": "En annan titel"})
    edit(forms_dir / "KLF.xlsx", {"A5": "1.99", "E6": "Avslutad"})
    edit(forms_dir / "KoF.xlsx", {"A5": "2.1", "D6": '=HYPERLINK("http://example.invalid","klicka")'})
    edit(forms_dir / "MoS.xlsx", {"B1": "2022"})
    edit(forms_dir / "UAF.xlsx", {"C5": ""})
    (forms_dir / "Trasig.xlsx").write_text("inte en arbetsbok", encoding="utf-8")
    before = snapshot(project)
    files = ["SOF.xlsx", "Leanlink.xlsx", "KLF.xlsx", "KoF.xlsx", "MoS.xlsx", "UAF.xlsx", "Trasig.xlsx"]
    code, out, err = run_import(project, forms_dir, monkeypatch, capsys, *files, "--apply")
    assert code == 1 and out == ""
    assert err.splitlines() == [
        "Inget har skrivits. Formulären har 11 problem som måste rättas:",
        'SOF.xlsx, rad 5: Status: "Klar" är inte tillåtet. Tillåtna: Genomförd, Pågår, Ej genomförd',
        'SOF.xlsx, rad 7: Åtgärd: titeln har ändrats till "En annan titel". Ändra inte Åtgärd; den ska vara '
        '"Vidareutveckla avhopparverksamheten".',
        # Leanlink still says Genomförd for 1.1: a disagreement even though SOF's "Klar" is wrong anyway.
        "Leanlink.xlsx, rad 5: åtgärd 1.1: svaret skiljer sig från SOF.xlsx, rad 5 (Status). Kom överens om "
        "ett svar och rätta det ena formuläret.",
        "Leanlink.xlsx, rad 6: åtgärd 1.2: svaret skiljer sig från SOF.xlsx, rad 6 (Kommentar). Kom överens om "
        "ett svar och rätta det ena formuläret.",
        'KLF.xlsx, rad 5: Nr: "1.99" är ingen åtgärd i uppföljningen 2021. Ändra inte Nr.',
        'KLF.xlsx, rad 6: I planen för nästa år: "Avslutad" är inte tillåtet. Tillåtna: Vidmakthållen, '
        "Vidareutvecklad, Ingår i annan åtgärd, Finns inte med, Finns inte med, genomförd",
        "KoF.xlsx, rad 5: Nr: åtgärd 2.1 hör inte till KoF (ansvarig: Samtliga nämnder, UAF).",
        "KoF.xlsx, rad 6: Kommentar: cellen innehåller en formel. Skriv bara text (inget = först).",
        "MoS.xlsx, rad 1: Uppföljningsår: formuläret gäller 2022, men importen gäller 2021. Importera ett år i taget.",
        "UAF.xlsx, rad 5: Status: fältet är tomt. Välj ett av: Genomförd, Pågår, Ej genomförd",
        "Trasig.xlsx: kan inte läsas (filen är ingen Excel-arbetsbok). Ange ett ifyllt formulär (.xlsx).",
    ]
    assert snapshot(project) == before


def test_an_open_year_round_trip_fills_the_empty_fields_new_year_wrote(project, tmp_path, monkeypatch, capsys):
    # new-year 2022 writes `status:` empty (Ej uppföljd) with a comment; the form shows empty cells,
    # and the answers land on those lines with the editor's comments kept.
    assert main(["--root", str(project), "new-year", "2022"]) == 0
    folder = tmp_path / "formular-2022"
    assert main(["--root", str(project), "forms", "--year", "2022", "--output", str(folder)]) == 0
    capsys.readouterr()
    sheet = openpyxl.load_workbook(folder / "SOF.xlsx")["Uppföljning"]
    assert [c.value for c in sheet[5]] == ["1.1", "Bilda områdesteam", None, None, None]
    edit(folder / "SOF.xlsx", {"C5": "Pågår", "D5": "Teamen arbetar i alla tre områdena.", "E5": "Vidmakthållen"})
    page = project / "docs/2022/atgarder/1-1.md"
    before = page.read_text(encoding="utf-8")
    code, out, err = run_import(project, folder, monkeypatch, capsys, "SOF.xlsx", "--apply")
    assert (code, err) == (0, "")
    assert out.splitlines()[:4] == [
        "Åtgärd 1.1 (docs/2022/atgarder/1-1.md):",
        "  Status: Ej uppföljd -> Pågår",
        '  Kommentar: (tomt) -> "Teamen arbetar i alla tre områdena."',
        "  I planen för nästa år: Ej beslutad -> Vidmakthållen",
    ]
    after = page.read_text(encoding="utf-8")
    changed = [(old, new) for old, new in zip(before.splitlines(), after.splitlines(), strict=True) if old != new]
    assert [new.split("  #")[0] for _, new in changed] == [
        "status: pagar",
        'comment: "Teamen arbetar i alla tre områdena."',
        "next_year: vidmakthallen",
    ]
    assert all(old.split("#")[1] == new.split("#")[1] for old, new in changed), "the lines' comments stay"
    assert main(["--root", str(project), "check"]) == 0

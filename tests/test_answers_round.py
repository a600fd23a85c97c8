"""A whole follow-up round, played as the coordinator and eight administrations play it.

The 2021 follow-up carries 43 measures into 2022 (24 vidmakthållna, 19
vidareutvecklade); eight administrations are responsible for them, five
measures are shared (1.1 and 1.2 SOF with Leanlink, 1.3 SOF with KLF, 1.9
UAF with KoF, 2.1 "Samtliga nämnder" with UAF, as the 2021 report lists
them). The administrations fill their forms as people do: a comment over
several lines (Alt+Enter), a status typed in lower case with spaces, their
own comment on a shared measure, a co-responsible's blank row, a corrected
second form, an Excel lock file in the folder, and one administration (VSS)
that never answers. The import must pass on its first --apply, and nothing
may be lost. Every expected value is the answer the test itself typed in.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest
import yaml
from helpers import PROJECT, BuiltSite, copy_project, mkdocs_build, table_by_caption, table_rows

from actionplan.commands.cli import main

SHARED_2022 = {
    "1.1": ["SOF", "Leanlink"],
    "1.2": ["SOF", "Leanlink"],
    "1.3": ["SOF", "KLF"],
    "1.9": ["UAF", "KoF"],
    "2.1": ["Samtliga nämnder", "UAF"],
}
MULTI_LINE = "Teamen arbetar i Berga, Ryd och Skäggetorp.\nUnder hösten startade ett fjärde team."


def header_columns(sheet) -> dict[str, int]:
    """The form's columns by their headings, as a reader finds them (1-based)."""
    for row in sheet.iter_rows(min_row=1, max_row=10):
        labels = {str(cell.value).strip(): cell.column for cell in row if cell.value}
        if "Nr" in labels and "Status" in labels:
            return labels
    raise AssertionError("no header row")


def fill(path: Path, answers: dict[str, tuple[str, str, str]], save_as: Path | None = None) -> None:
    """Type answers into a form as an administration does: by the row's number, into its three columns."""
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["Uppföljning"]
    columns = header_columns(sheet)
    for row in sheet.iter_rows(min_row=5):
        number = row[columns["Nr"] - 1].value
        if number in answers:
            status, comment, next_year = answers[number]
            sheet.cell(row=row[0].row, column=columns["Status"], value=status)
            sheet.cell(row=row[0].row, column=columns["Kommentar"], value=comment)
            sheet.cell(row=row[0].row, column=columns["I planen för nästa år"], value=next_year)
    workbook.save(save_as or path)


def front_matter(page: Path) -> dict:
    return yaml.safe_load(page.read_text(encoding="utf-8").split("---")[1])


@pytest.fixture(scope="module")
def round_played(tmp_path_factory):
    """The project after new-year 2022, forms, the administrations' answers, a preview and one --apply."""
    project = copy_project(tmp_path_factory.mktemp("round") / "project")
    (project / ".gitignore").write_bytes((PROJECT / ".gitignore").read_bytes())
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    assert main(["--root", str(project), "new-year", "2022"]) == 0
    assert main(["--root", str(project), "forms", "--year", "2022"]) == 0
    forms = project / "formular" / "2022"
    sent = sorted(path.name for path in forms.iterdir())
    ignored = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"], cwd=project, capture_output=True
    )
    assert b"formular" not in ignored.stdout, "the forms must never be committed by mistake"

    # What comes back, into a folder of the coordinator's own, outside the project.
    returned = project.parent / "svar"
    returned.mkdir()
    everyone = {
        "SOF": {
            "1.1": ("Pågår", MULTI_LINE, "Vidmakthållen"),
            "1.2": ("pågår", "Utredningen är klar; arbetet med Skäggetorp pågår.", "Vidareutvecklad"),
            "1.3": ("Genomförd", "Klart.", "Finns inte med, genomförd"),
        },
        # Leanlink's own comment on 1.1 (SOF leads); 1.2 left blank.
        "Leanlink": {"1.1": ("Pågår", "Leanlink bemannar teamen i Ryd.", "Vidmakthållen")},
        "KLF": {"1.3": ("Pågår", "Säkerhetsenheten deltar.", "Vidmakthållen")},
        "UAF": {"1.9": ("Pågår", "Svar från UAF.", "Vidmakthållen")},
        "KoF": {"1.9": ("Pågår", "Fritidsgårdarna deltar.\r\nSe även 5.1.", "Vidmakthållen")},
        "MoS": {},
        "Samtliga nämnder": {},
    }
    workbook_rows: dict[str, list[str]] = {}
    for administration in everyone:
        sheet = openpyxl.load_workbook(forms / f"{administration}.xlsx")["Uppföljning"]
        workbook_rows[administration] = [row[0] for row in sheet.iter_rows(min_row=5, values_only=True) if row[0]]
    # Every other measure gets a plain answer from its lead; a co-responsible leaves it blank, and KLF
    # leaves its last measure of its own blank.
    leads = {measure_id: names[0] for measure_id, names in SHARED_2022.items()}
    for administration, ids in workbook_rows.items():
        own = [i for i in ids if i not in SHARED_2022]
        for measure_id in ids:
            if measure_id in leads and leads[measure_id] != administration:
                continue
            if administration == "KLF" and measure_id == own[-1]:
                continue
            everyone[administration].setdefault(
                measure_id, (" genomförd ", f"Svar från {administration}.", "Vidmakthållen")
            )
    for administration, answers in everyone.items():
        fill(forms / f"{administration}.xlsx", answers, returned / f"{administration}.xlsx")
    # SOF corrects 1.3 a day later and sends the whole form again, saved as Outlook names a second copy.
    time.sleep(1.1)
    corrected = dict(everyone["SOF"], **{"1.3": ("Pågår", "Rättat: arbetet fortsätter 2023.", "Vidareutvecklad")})
    fill(returned / "SOF.xlsx", corrected, returned / "SOF (2).xlsx")
    # Excel's lock file beside a form someone still has open.
    (returned / "~$KLF.xlsx").write_bytes(b"\x0bKarin Berg" + b"\x00" * 150)

    preview = subprocess.run(
        [str(Path(sys.executable).parent / "atgardsplan"), "--root", str(project), "import", str(returned)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=project.parent,
    )
    applied = subprocess.run(
        [str(Path(sys.executable).parent / "atgardsplan"), "--root", str(project), "import", "svar", "--apply"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=project.parent,
    )
    return project, sent, everyone, workbook_rows, preview, applied


def test_forms_go_to_an_ignored_folder_one_per_administration(round_played):
    _, sent, _, workbook_rows, _, _ = round_played
    assert sent == sorted(
        [
            "SOF.xlsx",
            "Leanlink.xlsx",
            "KLF.xlsx",
            "UAF.xlsx",
            "KoF.xlsx",
            "VSS.xlsx",
            "MoS.xlsx",
            "Samtliga nämnder.xlsx",
        ]
    )
    assert workbook_rows["Leanlink"] == ["1.1", "1.2"]


def test_the_preview_leads_with_one_line_per_form(round_played):
    _, _, _, workbook_rows, preview, _ = round_played
    assert preview.returncode == 0, preview.stderr
    assert preview.stderr == ""
    lines = preview.stdout.splitlines()
    assert lines[0] == "Formulär för uppföljningen 2022:"
    by_file = {line.split(": ", 1)[0].strip(): line.split(": ", 1)[1] for line in lines[1:9]}
    svar = lines[1].split(": ")[0].strip().rsplit("/", 1)[0]
    assert by_file[f"{svar}/SOF.xlsx"] == f"SOF, ersatt av {svar}/SOF (2).xlsx, som är sparad senare"
    assert by_file[f"{svar}/SOF (2).xlsx"] == "SOF, 3 åtgärder, 3 besvarade, 0 tomma, 9 ändringar"
    assert by_file[f"{svar}/Leanlink.xlsx"] == "Leanlink, 2 åtgärder, 1 besvarad, 1 tom (1.2), 0 ändringar"
    klf_own = [i for i in workbook_rows["KLF"] if i not in SHARED_2022]
    # KLF's 1.3 is SOF's to answer (not a change), its last own measure is blank: 3 fields per other measure.
    assert by_file[f"{svar}/KLF.xlsx"] == (
        f"KLF, 7 åtgärder, 6 besvarade, 1 tom ({klf_own[-1]}), {3 * (len(klf_own) - 1)} ändringar"
    )
    assert lines[9] == f"Läses inte: {svar}/~$KLF.xlsx (Excels låsfil, inget formulär)."
    assert lines[10] == "Inget formulär från: VSS (1 åtgärd)."
    assert "Inget har skrivits; kör samma kommando med --apply" in lines[-1]


def test_the_first_apply_passes_and_writes_what_was_answered(round_played):
    project, _, everyone, _, _, applied = round_played
    assert applied.returncode == 0, applied.stderr
    assert "Traceback" not in applied.stderr
    pages = project / "docs/2022/atgarder"
    one_one = front_matter(pages / "1-1.md")
    assert (one_one["status"], one_one["comment"].strip(), one_one["next_year"]) == (
        "pagar",
        MULTI_LINE,
        "vidmakthallen",
    )
    # The lower-case label of SOF's form.
    assert front_matter(pages / "1-2.md")["status"] == "pagar"
    # SOF's corrected form replaced its first one.
    assert front_matter(pages / "1-3.md")["comment"] == "Rättat: arbetet fortsätter 2023."
    assert front_matter(pages / "1-3.md")["next_year"] == "vidareutvecklad"
    # UAF leads 1.9: its answer stands; KoF's own comment is kept in the record, not written.
    assert front_matter(pages / "1-9.md")["comment"] == "Svar från UAF."
    # The hint comments new-year wrote went with the empty values.
    text = (pages / "1-1.md").read_text(encoding="utf-8")
    assert "# tomt" not in text and "# kommentar till statusen" not in text
    assert main(["--root", str(project), "check"]) == 0


def test_every_differing_answer_is_kept_and_every_answer_has_its_form(round_played):
    project, _, _, _, preview, _ = round_played
    record = yaml.safe_load((project / "data/2022/inlasta-svar.yml").read_text(encoding="utf-8"))
    assert len(record) == 1
    entry = record[0]
    forms = {Path(form["fil"]).name: form for form in entry["formulär"]}
    assert set(forms) == {
        "SOF.xlsx",
        "SOF (2).xlsx",
        "Leanlink.xlsx",
        "KLF.xlsx",
        "UAF.xlsx",
        "KoF.xlsx",
        "MoS.xlsx",
        "Samtliga nämnder.xlsx",
    }
    assert Path(forms["SOF.xlsx"]["ersatt_av"]).name == "SOF (2).xlsx"
    sources = {answer["åtgärd"]: Path(answer["fil"]).name for answer in entry["svar"]}
    assert sources["1.1"] == sources["1.3"] == "SOF (2).xlsx"
    assert sources["1.9"] == "UAF.xlsx"
    kept = {(item["åtgärd"], item["förvaltning"]): item for item in entry["svar_som_inte_skrevs"]}
    assert set(kept) == {("1.1", "Leanlink"), ("1.3", "KLF"), ("1.9", "KoF")}
    assert kept[("1.9", "KoF")]["Kommentar"] == "Fritidsgårdarna deltar.\nSe även 5.1."
    assert kept[("1.1", "Leanlink")]["Kommentar"] == "Leanlink bemannar teamen i Ryd."
    # The preview said the same before anything was written.
    assert any(line.startswith("  Åtgärd 1.9: ") and "(KoF)" in line for line in preview.stdout.splitlines())


def test_answers_says_who_has_not_answered(round_played, capsys):
    project, _, _, workbook_rows, _, _ = round_played
    assert main(["--root", str(project), "answers", "--year", "2022"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Svar i uppföljningen 2022: 41 av 43 åtgärder har status."
    vss = next(line for line in out if line.startswith("VSS:"))
    assert vss.startswith("VSS: 1 åtgärd, 0 med status, utan status: ")
    klf = next(line for line in out if line.startswith("KLF:"))
    klf_own = [i for i in workbook_rows["KLF"] if i not in SHARED_2022]
    assert klf.startswith(f"KLF: 7 åtgärder, 6 med status, utan status: {klf_own[-1]} ")
    assert "Inget svar alls från: VSS." in out
    assert "Inget formulär inläst från: VSS." in out


def test_the_open_years_statistics_page_shows_who_has_answered(round_played):
    project, _, _, workbook_rows, _, _ = round_played
    site = project.parent / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    page = BuiltSite(site, "").page("/2022/statistik/")
    rows = {row[0]: row for row in table_rows(table_by_caption(page, "Svar per förvaltning 2022"))}
    assert rows["VSS"][1:3] == ("1", "0")
    klf_own = [i for i in workbook_rows["KLF"] if i not in SHARED_2022]
    assert rows["KLF"][1:3] == ("7", "6") and rows["KLF"][3].startswith(klf_own[-1] + " ")
    assert rows["SOF"][1:] == ("3", "3", "–")
    assert "Inget svar alls från: VSS." in page.get_text()


def test_the_editor_guide_shows_what_this_round_printed(round_played):
    """The guide's example of a preview is this round's own output, with the folder named as in the guide."""
    _, _, _, _, preview, _ = round_played
    guide = (PROJECT / "docs/redaktorsguide.md").read_text(encoding="utf-8")
    example = guide.split("```text\n", 1)[1].split("```", 1)[0].splitlines()
    folder = preview.stdout.splitlines()[1].split(": ")[0].strip().rsplit("/", 1)[0]
    printed = [line.replace(folder, "svar-2022").strip() for line in preview.stdout.splitlines()]
    for line in example:
        if line.strip() != "...":
            assert line.strip() in printed, line

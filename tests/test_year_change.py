"""The change from 2021 to 2022 on a copy of the project, with the commands only: no YAML written by hand.

The coordinator starts the year, brings the new plan's measures in from a
filled plan form (including the measures that take over the six merged
2021 measures), sends the follow-up forms round and imports the answers as
the administrations give them (the lead answers a shared measure and the
others leave its row blank, comments over several lines, a status typed in
lower case, Excel's lock file in the folder, the folder given to import),
writes the year's summaries and the report's text (Markdown), and adopts the
year. `check` is green at the end, `data/measures.yml` differs from the
shipped file only by what `adopt` wrote, and the built start page shows
2022's prose under 2022's figures.

The figures come from the 2023 letter (2022: 15 Genomförd, 39 Pågår, 6 Ej
genomförd of 60); the letter gives no status per measure, so the test gives
the first 15 measures (in number order) Genomförd, the last 6 Ej genomförd
and the rest Pågår. The new measures are test content (tests/plan_fixture.py).
"""

from __future__ import annotations

import contextlib
import difflib
import io
import subprocess
from pathlib import Path

import openpyxl
import pytest
import yaml
from bs4 import BeautifulSoup
from helpers import PROJECT, copy_project, mkdocs_build, run_check, table_by_caption, table_rows
from plan_fixture import MERGED_2021, NEW_MEASURES_2022, fill_plan

from actionplan.commands.cli import main

SUMMARY_PENDING = "*Sammanfattningen av året skrivs när uppföljningen är klar.*"
PROSE_PENDING = "*Texten skrivs när uppföljningen är klar.*"
INTRODUCTION_2022 = "Testtext: uppföljningen 2022 visar att 15 åtgärder är genomförda."
INTRODUCTION_2021 = "Uppföljningen av åtgärdsplanen visar att 12 åtgärder är genomförda."


def run(project: Path, *arguments: str) -> str:
    """A command as the coordinator types it; it must succeed. Its printed output."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--root", str(project), *arguments])
    assert code == 0, (arguments, out.getvalue() + err.getvalue())
    return out.getvalue()


def answer(measure_id: str, ordered: list[str]) -> tuple[str, str, str]:
    """(Status, Kommentar, I planen för nästa år) as the lead administration writes them."""
    place = ordered.index(measure_id)
    status = "Genomförd" if place < 15 else "Ej genomförd" if place >= len(ordered) - 6 else "Pågår"
    if place % 7 == 0:
        status = f" {status.lower()} "  # typed by hand, in lower case with spaces
    # Every third comment over two lines (Alt+Enter), as people write them.
    comment = f"Testsvar för åtgärd {measure_id}." + ("\nArbetet fortsätter under året." if place % 3 == 0 else "")
    return status, comment, "Vidmakthållen"


def lead(page: Path) -> str:
    """The measure's lead administration: the first under responsible, without its unit."""
    matter = yaml.safe_load(page.read_text(encoding="utf-8").split("---")[1])
    return str(matter["responsible"][0]).split(" (")[0]


def fill_forms(project: Path, folder: Path, ordered: list[str]) -> None:
    """Every form filled in as its administration would: the lead answers a shared measure, the others leave
    its row blank. The columns are found by their headers. Excel's lock file of an open form lies beside."""
    leads = {path.stem.replace("-", "."): lead(path) for path in (project / "docs/2022/atgarder").glob("*.md")}
    for form in sorted(folder.glob("*.xlsx")):
        workbook = openpyxl.load_workbook(form)
        sheet = workbook["Uppföljning"]
        header = next(row for row in sheet.iter_rows(min_row=1, max_row=10) if row[0].value == "Nr")
        columns = {cell.value: cell.column for cell in header}
        for row in range(header[0].row + 1, sheet.max_row + 1):
            measure_id = sheet.cell(row, columns["Nr"]).value
            if measure_id and leads[measure_id] == form.stem:
                status, comment, next_year = answer(measure_id, ordered)
                sheet.cell(row, columns["Status"]).value = status
                sheet.cell(row, columns["Kommentar"]).value = comment
                sheet.cell(row, columns["I planen för nästa år"]).value = next_year
        workbook.save(form)
    (folder / "~$SOF.xlsx").write_bytes(b"\x0cRedakt\xf6r")


@pytest.fixture(scope="module")
def changed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    """The project after the whole change, and data/measures.yml before and after."""
    base = tmp_path_factory.mktemp("byte")
    project = copy_project(base / "project")
    # A git work tree, as the coordinator's: the forms' folder (formular/) is one git never commits.
    (project / ".gitignore").write_bytes((PROJECT / ".gitignore").read_bytes())
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    vocabulary_before = (project / "data/measures.yml").read_text(encoding="utf-8")
    run(project, "new-year", "2022")

    # The new plan's measures in one go.
    run(project, "plan-form", "--year", "2022")
    fill_plan(project / "formular/plan-2022.xlsx", project / "formular/plan-2022-ifylld.xlsx", NEW_MEASURES_2022)
    run(project, "new", "--from", str(project / "formular/plan-2022-ifylld.xlsx"), "--apply")

    # The round: one form per administration, every answer in, on the first --apply.
    run(project, "forms", "--year", "2022")
    ordered = sorted(
        (path.stem.replace("-", ".") for path in (project / "docs/2022/atgarder").glob("*.md")),
        key=lambda i: [int(n) for n in i.split(".")],
    )
    fill_forms(project, project / "formular/2022", ordered)
    run(project, "import", str(project / "formular/2022"), "--apply")

    # The year's summaries and the report's own text: Markdown, not YAML.
    for overview in sorted((project / "docs/2022").glob("utvecklingsomrade-*.md")):
        text = overview.read_text(encoding="utf-8")
        overview.write_text(text.replace(SUMMARY_PENDING, "Testtext: året i området."), encoding="utf-8")
    prose = project / "data/2022/rapporttext.md"
    text = prose.read_text(encoding="utf-8")
    prose.write_text(text.replace(PROSE_PENDING, INTRODUCTION_2022, 1).replace(PROSE_PENDING, "Testtext."), "utf-8")

    out = run(project, "adopt", "2022", "--date", "2023-02-06")
    assert out.startswith("Uppföljningen 2022 är fastställd 2023-02-06 (")
    return project, vocabulary_before, (project / "data/measures.yml").read_text(encoding="utf-8")


def test_the_year_is_adopted_and_check_is_green(changed, capsys):
    project, _, _ = changed
    assert run_check(project, capsys) == (0, [])
    assert len(list((project / "docs/2022/atgarder").glob("*.md"))) == 60


def test_data_measures_yml_changed_only_by_adopt(changed):
    _, before, after = changed
    changed_lines = [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    # The letter's figures stand; adopt adds the date (and its note), and drops the "open year" note.
    assert changed_lines == [
        "-  # Öppet år: siffrorna är tjänsteskrivelsens, men året har inga åtgärdssidor.",
        "+    # Fastställd 2023-02-06 genom tjänsteskrivelsen om uppdaterad åtgärdsplan 2023 samt uppföljning av 2022.",
        '+    adopted: "2023-02-06"',
    ]


def test_the_merged_measures_are_continued(changed):
    project, _, _ = changed
    text = "\n".join(path.read_text(encoding="utf-8") for path in (project / "docs/2022/atgarder").glob("*.md"))
    for measure_id in MERGED_2021:
        assert f'"{measure_id}"' in text


def test_the_start_page_shows_2022s_prose_under_2022s_figures(changed, tmp_path):
    project, _, _ = changed
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    page = BeautifulSoup((tmp_path / "site/index.html").read_text(encoding="utf-8"), "lxml")
    article = page.select_one("article")
    text = " ".join(article.get_text().split())
    assert "Ur uppföljningsrapporten 2022. Hela rapporten: Rapport 2022." in text
    assert INTRODUCTION_2022 in text and INTRODUCTION_2021 not in text
    total = table_rows(table_by_caption(page, "Status per utvecklingsområde 2022").tfoot)
    assert total[0][1:4] == ("15", "39", "6")


def test_the_answers_are_in_the_pages_as_the_administrations_gave_them(changed):
    project, _, _ = changed
    # 1.1 is shared by SOF and Leanlink (the 2021 report): SOF's answer, typed in lower case, over two lines.
    matter = yaml.safe_load((project / "docs/2022/atgarder/1-1.md").read_text(encoding="utf-8").split("---")[1])
    assert matter["responsible"][:2] == ["SOF", "Leanlink"]
    assert (matter["status"], matter["next_year"]) == ("genomford", "vidmakthallen")
    assert matter["comment"].strip() == "Testsvar för åtgärd 1.1.\nArbetet fortsätter under året."

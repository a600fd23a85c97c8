"""The editors' commands, through `main(argv)` and as a process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from helpers import PROJECT, mkdocs_build

from actionplan.commands.cli import main

NEW_YEAR = """  - year: 2024
    title: Uppföljning av åtgärdsplan mot segregation 2024
    document: uppföljningsrapporten 2024
    date: "2025-01-10"
"""


def add_follow_up_year(project: Path) -> None:
    path = project / "data/measures.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\n# Senare åtgärdsplaner", NEW_YEAR + "\n# Senare åtgärdsplaner"), encoding="utf-8")


def run(project: Path, *args: str) -> subprocess.CompletedProcess:
    """The installed `atgardsplan` command, run inside the project folder."""
    command = Path(sys.executable).parent / "atgardsplan"
    return subprocess.run([str(command), *args], cwd=project, capture_output=True, text=True, encoding="utf-8")


def test_check_on_the_real_content_is_clean():
    # How long it takes is measured by bench/ (`atgardsplan check` at 3,000 measures), not here.
    result = run(PROJECT, "check")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Inga problem. Åtgärdssidor: 60 för 2021. data/measures.yml är i ordning.\n"


def test_check_prints_exactly_the_lines_the_build_prints(project):
    page = project / "docs/2021/atgarder/1-4.md"
    page.write_text(page.read_text(encoding="utf-8").replace("status: genomford", "status: Klar"), encoding="utf-8")
    result = run(project, "check")
    assert result.returncode == 1
    build = mkdocs_build(project, project / "site")
    problem_lines = [line for line in result.stderr.splitlines() if line.startswith("docs/")]
    assert problem_lines == [line for line in (build.stdout + build.stderr).splitlines() if line.startswith("docs/")]
    assert result.stderr.splitlines()[0] == "Innehållet har 1 problem som måste rättas:"


def test_check_through_main(project, capsys):
    assert main(["--root", str(project), "check"]) == 0
    (project / "docs/2021/atgarder/1-4.md").write_text("---\n- a\n---\n", encoding="utf-8")
    assert main(["--root", str(project), "check"]) == 1
    assert "docs/2021/atgarder/1-4.md:2: front matter ska bestå av fält" in capsys.readouterr().err


def test_check_finds_the_project_from_a_subfolder(project):
    result = run(project / "docs" / "2021", "check")
    assert result.returncode == 0, result.stderr


def test_check_outside_a_project_says_so(tmp_path):
    result = run(tmp_path, "check")
    assert result.returncode == 2
    assert result.stderr.startswith("Hittar ingen mkdocs.yml")


def test_new_picks_the_next_number_and_writes_a_page_the_check_flags_until_filled(project):
    add_follow_up_year(project)
    result = run(project, "new", "--year", "2024", "--area", "1", "--title", "Starta en läxhjälp: i Ryd")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[:2] == [
        "Skapade docs/2024/atgarder/1-1.md (åtgärd 1.1).",
        "Skapade också översiktssidan docs/2024/utvecklingsomrade-1.md.",
    ]
    second = run(project, "new", "--year", "2024", "--area", "1", "--title", "Ännu en åtgärd")
    assert second.stdout.startswith("Skapade docs/2024/atgarder/1-2.md (åtgärd 1.2).")

    check = run(project, "check")
    assert check.returncode == 1
    lines = [line for line in check.stderr.splitlines() if line.startswith("docs/2024/atgarder/1-1.md")]
    flagged = [line.split(": ")[1] for line in lines]
    # 2024 is open: status, comment and next-year fields may stay empty until the follow-up is done.
    assert flagged == ["districts", "responsible", "financing", "beskrivning"]
    assert all("platshållaren FYLL I" in line for line in lines)

    area_lines = [line for line in check.stderr.splitlines() if line.startswith("docs/2024/utvecklingsomrade-1.md")]
    assert area_lines == [
        "docs/2024/utvecklingsomrade-1.md:8: innehåller fortfarande platshållaren FYLL I; skriv texten."
    ]

    for name in ("1-1.md", "1-2.md"):
        fill_in(project / "docs/2024/atgarder" / name)
    area_page = project / "docs/2024/utvecklingsomrade-1.md"
    text = area_page.read_text(encoding="utf-8")
    area_page.write_text(text.replace("FYLL I: uppföljningens sammanfattning", "Ett år av"), encoding="utf-8")
    check = run(project, "check")
    assert check.returncode == 0, check.stderr
    assert check.stdout.startswith("Inga problem. Åtgärdssidor: 60 för 2021, 2 för 2024.")
    build = mkdocs_build(project, project / "site")
    assert build.returncode == 0, build.stdout + build.stderr
    assert "Starta en läxhjälp: i Ryd" in (project / "site/2024/atgarder/1-1/index.html").read_text(encoding="utf-8")


def fill_in(page: Path) -> None:
    """What an editor does with the scaffold: replace every placeholder line."""
    filled = {
        "districts:": "districts: [Ryd]",
        "responsible:": 'responsible: ["UAF (AMC)"]',
        "financing:": 'financing: "Genomförs inom ram. 2024."',
        "status:": "status: pagar",
        "comment:": None,
        "next_year:": "next_year: vidmakthallen",
        "next_year_text:": None,
        "FYLL I: beskrivning": "Läxhjälp två kvällar i veckan.",
    }
    lines = []
    for line in page.read_text(encoding="utf-8").splitlines():
        key = next((k for k in filled if line.startswith(k)), None)
        if key is None:
            lines.append(line)
        elif filled[key] is not None:
            lines.append(filled[key])
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_new_refuses_to_duplicate_or_to_use_an_unknown_year_or_area(project, capsys):
    root = ["--root", str(project)]
    assert main([*root, "new", "--year", "2021", "--area", "1", "--title", "X"]) == 1
    assert capsys.readouterr().err == (
        "Ingen sida skapades: Uppföljningen 2021 är fastställd (uppföljningsrapporten 2021, 2022-01-05); dess "
        "åtgärder ändras inte. Nya åtgärder hör till ett öppet år, se atgardsplan new-year.\n"
    )
    assert main([*root, "new-year", "2022"]) == 0
    capsys.readouterr()
    # 5.10 Utveckla Glyttingebadet was kept (vidmakthallen), so 2022 has it too.
    assert main([*root, "new", "--year", "2022", "--area", "5", "--title", "utveckla  glyttingebadet"]) == 1
    assert capsys.readouterr().err == (
        "Ingen sida skapades: Det finns redan en åtgärd med den titeln för 2022: docs/2022/atgarder/5-10.md.\n"
    )
    assert main([*root, "new", "--year", "2030", "--area", "1", "--title", "X"]) == 1
    assert "Uppföljningsåret 2030 finns inte under follow_ups" in capsys.readouterr().err
    assert main([*root, "new", "--year", "2022", "--area", "8", "--title", "X"]) == 1
    assert "Utvecklingsområde 8 finns inte. Tillåtna: 1, 2, 3, 4, 5." in capsys.readouterr().err
    assert main([*root, "new", "--year", "2022", "--area", "1", "--id", "2.20", "--title", "X"]) == 1
    assert capsys.readouterr().err == (
        "Ingen sida skapades: Numret 2.20 hör till utvecklingsområde 2, men --area är 1. Numrets första del ska "
        "vara utvecklingsområdets nummer.\n"
    )
    assert main([*root, "new", "--year", "2022", "--area", "1", "--id", "1.4", "--title", "X"]) == 1
    assert capsys.readouterr().err == (
        "Ingen sida skapades: Åtgärd 1.4 finns redan för 2022 (docs/2022/atgarder/1-4.md). Nästa lediga nummer "
        "i området är 1.12.\n"
    )
    assert not (project / "docs/2021/atgarder/1-17.md").exists()
    assert not (project / "docs/2022/atgarder/1-12.md").exists()


def test_new_into_an_existing_year_takes_the_number_after_the_highest_or_the_one_given(project, capsys):
    root = ["--root", str(project)]
    assert main([*root, "new-year", "2022"]) == 0
    # The highest number carried into 2022 in area 1 is 1.11 (1.12-1.16 of 2021 were merged or dropped).
    assert main([*root, "new", "--year", "2022", "--area", "1", "--title", "Ny"]) == 0
    assert (
        (project / "docs/2022/atgarder/1-12.md")
        .read_text(encoding="utf-8")
        .startswith('---\nid: "1.12"\ntitle: "Ny"\narea: 1\n')
    )
    assert main([*root, "new", "--year", "2022", "--area", "1", "--id", "1.7", "--title", "Brottsförebyggande"]) == 0
    assert (project / "docs/2022/atgarder/1-7.md").read_text(encoding="utf-8").startswith('---\nid: "1.7"\n')


def test_pre_commit_hook_stops_a_bad_edit(project):
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Redaktör",
        "GIT_AUTHOR_EMAIL": "r@example.invalid",
        "GIT_COMMITTER_NAME": "Redaktör",
        "GIT_COMMITTER_EMAIL": "r@example.invalid",
    }

    def git(*args):
        return subprocess.run(["git", *args], cwd=project, env=env, capture_output=True, text=True, check=True)

    (project / ".venv").symlink_to(Path(sys.executable).parent.parent)
    for name in (".pre-commit-config.yaml", "pyproject.toml"):
        (project / name).write_text((PROJECT / name).read_text(encoding="utf-8"), encoding="utf-8")
    git("init", "-q", "-b", "main")
    page = project / "docs/2021/atgarder/1-4.md"
    page.write_text(page.read_text(encoding="utf-8").replace("status: genomford", "status: Klar"), encoding="utf-8")
    git("add", "docs", "data", ".pre-commit-config.yaml")
    pre_commit = Path(sys.executable).parent / "pre-commit"
    result = subprocess.run(
        [str(pre_commit), "run", "atgardsplan-check"], cwd=project, env=env, capture_output=True, text=True
    )
    assert result.returncode == 1, result.stdout
    assert "docs/2021/atgarder/1-4.md:8: status: 'Klar' är inte ett giltigt värde." in result.stdout

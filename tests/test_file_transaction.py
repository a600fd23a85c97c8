"""Every command that writes the editors' files writes all or nothing, under any fault and a killed process.

Faults are injected where the operating system would raise them (a rename
refused by an immutable file, an I/O error, a full disk, an interrupt); the
kill is real: the command runs as a child process that sends itself SIGKILL
right after its k-th rename, and what it leaves must neither break `check`
nor the build, and must be put back by the next command.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from helpers import copy_project, mkdocs_build

from actionplan.commands.cli import main
from actionplan.editing import file_transaction
from actionplan.editing.file_transaction import WriteFailed, writing

WORK = file_transaction.WORK_FOLDER


def editors_files(project: Path) -> dict[str, bytes]:
    """The editors' files: what a command may change."""
    return {
        p.relative_to(project).as_posix(): p.read_bytes()
        for folder in ("docs", "data")
        for p in sorted((project / folder).rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def prepared(tmp_path_factory) -> Path:
    """A project in the middle of the 2022 round: new-year done, SOF's and KoF's forms filled in."""
    project = copy_project(tmp_path_factory.mktemp("transaction") / "project")
    assert main(["--root", str(project), "new-year", "2022"]) == 0
    folder = project.parent / "svar"
    assert main(["--root", str(project), "forms", "--year", "2022", "--output", str(folder)]) == 0
    for name in ("SOF.xlsx", "KoF.xlsx"):
        workbook = openpyxl.load_workbook(folder / name)
        sheet = workbook["Uppföljning"]
        for row in range(5, sheet.max_row + 1):
            sheet[f"G{row}"], sheet[f"H{row}"] = "Pågår", "Arbetet pågår.\nMer i höst."
        workbook.save(folder / name)
    for name in os.listdir(folder):
        if name not in ("SOF.xlsx", "KoF.xlsx"):
            os.unlink(folder / name)
    return project


@pytest.fixture
def project(prepared, tmp_path) -> Path:
    copy = tmp_path / "project"
    shutil.copytree(prepared, copy, symlinks=True)
    shutil.copytree(prepared.parent / "svar", tmp_path / "svar")
    return copy


def import_apply(project: Path) -> list[str]:
    return ["--root", str(project), "import", str(project.parent / "svar"), "--apply"]


# Faults in the process ---------------------------------------------------------


@pytest.mark.parametrize("failing", [1, 2, 8, 15])
def test_a_rename_that_fails_puts_back_every_page_already_written(project, monkeypatch, capsys, failing):
    before = editors_files(project)
    real = os.replace
    calls, failed = [], []

    def replace(source, target):
        calls.append(target)
        # The first rename is the journal's; the pages follow.
        if len(calls) == failing + 1:
            failed.append(target)
            raise OSError(errno.EIO, "Input/output error", str(target))
        return real(source, target)

    monkeypatch.setattr(os, "replace", replace)
    assert main(import_apply(project)) == 1
    err = capsys.readouterr().err
    monkeypatch.undo()
    written = Path(failed[0]).relative_to(project).as_posix()
    assert err == (
        f"Kunde inte skriva {written} (läs- eller skrivfel på disken). Inget har ändrats: de filer som redan hade "
        "skrivits är återställda.\n"
    )
    assert editors_files(project) == before
    assert not (project / WORK).exists()
    assert main(["--root", str(project), "check"]) == 0


@pytest.mark.skipif(os.geteuid() != 0 or shutil.which("chattr") is None, reason="chattr +i kräver root")
def test_an_immutable_page_stops_the_import_and_nothing_is_changed(project, capsys):
    before = editors_files(project)
    locked = project / "docs/2022/atgarder/5-1.md"  # KoF's: among the last pages to be written
    if subprocess.run(["chattr", "+i", str(locked)], capture_output=True).returncode != 0:
        pytest.skip("the file system has no immutable flag")
    try:
        assert main(import_apply(project)) == 1
    finally:
        subprocess.run(["chattr", "-i", str(locked)], check=True)
    err = capsys.readouterr().err
    assert err.startswith("Kunde inte skriva docs/2022/atgarder/5-1.md (åtgärden är inte tillåten (filen är låst ")
    assert editors_files(project) == before
    assert not (project / WORK).exists()


def test_a_full_disk_while_staging_writes_nothing(project, monkeypatch, capsys):
    before = editors_files(project)
    real, calls = os.fsync, []

    def fsync(handle):
        calls.append(handle)
        if len(calls) == 1:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(handle)

    monkeypatch.setattr(os, "fsync", fsync)
    assert main(import_apply(project)) == 1
    monkeypatch.undo()
    assert capsys.readouterr().err == "Inget skrevs: kan inte förbereda skrivningen (disken är full).\n"
    assert editors_files(project) == before
    assert not (project / WORK).exists()


def test_an_interrupt_between_renames_puts_everything_back(project, monkeypatch):
    before = editors_files(project)
    real, calls = os.replace, []

    def replace(source, target):
        calls.append(target)
        if len(calls) == 6:
            raise KeyboardInterrupt
        return real(source, target)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(KeyboardInterrupt):
        main(import_apply(project))
    monkeypatch.undo()
    assert editors_files(project) == before
    assert not (project / WORK).exists()


def test_a_second_command_while_one_writes_is_refused_at_once(project, capsys):
    before = editors_files(project)
    with writing(project, "import"):
        assert main(["--root", str(project), "new", "--year", "2022", "--area", "1", "--title", "Ny"]) == 1
    assert capsys.readouterr().err == (
        "Ingen sida skapades: Ett annat atgardsplan-kommando skriver i projektet just nu. Vänta tills det är klart "
        "och försök igen.\n"
    )
    assert editors_files(project) == before


def test_a_new_file_is_never_written_over(project):
    page = "docs/2022/atgarder/1-1.md"
    before = (project / page).read_bytes()
    with writing(project, "test") as writer, pytest.raises(WriteFailed, match=f"{page} finns redan"):
        writer.write({"docs/2022/ny.md": b"x", page: b"y"}, new=[page])
    assert (project / page).read_bytes() == before and not (project / "docs/2022/ny.md").exists()


# A killed process ----------------------------------------------------------------

# The command as a child process that kills itself (SIGKILL: no handler, no cleanup) right after its k-th rename.
_KILLED = """
import os, signal, sys
kill_after = int(sys.argv[1])
real, calls = os.replace, [0]
def replace(source, target):
    real(source, target)
    calls[0] += 1
    if calls[0] == kill_after:
        os.kill(os.getpid(), signal.SIG{signal})
os.replace = replace
from actionplan.commands.cli import main
sys.exit(main(sys.argv[2:]))
"""


def killed(arguments: list[str], after: int, how: str = "KILL") -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "-c", _KILLED.replace("{signal}", how), str(after), *arguments],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
    )
    assert result.returncode == -getattr(signal, f"SIG{how}"), result.stdout + result.stderr
    return result


def command(project: Path, *arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(Path(sys.executable).parent / "atgardsplan"), "--root", str(project), *arguments],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )


@pytest.mark.parametrize("after", [2, 5, 16])
def test_an_import_killed_halfway_leaves_nothing_check_minds_and_the_next_command_puts_it_back(project, after):
    before = editors_files(project)
    killed(import_apply(project), after)
    # Half written: some pages have their answers, the staging is outside the docs folder.
    assert editors_files(project) != before
    assert command(project, "check").returncode == 0
    # The next command that writes takes the lock and undoes the killed one.
    preview = command(project, "import", str(project.parent / "svar"))
    assert preview.returncode == 0, preview.stderr
    assert preview.stderr.startswith("Ett tidigare kommando (import, startat ")
    assert f"avbröts efter att ha skrivit {after - 1} av " in preview.stderr.splitlines()[0]
    assert editors_files(project) == before
    assert not (project / WORK).exists()
    applied = command(project, *import_apply(project)[2:])
    assert applied.returncode == 0 and applied.stderr == ""


def test_what_a_killed_import_leaves_does_not_break_the_build(project, tmp_path):
    killed(import_apply(project), 5)
    assert any((project / WORK).iterdir())
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    assert not list((tmp_path / "site").rglob("*journal*")) and not list((tmp_path / "site").rglob("ny-*"))


def test_a_terminated_import_is_put_back_too(project):
    before = editors_files(project)
    killed(import_apply(project), 4, how="TERM")
    assert command(project, "import", str(project.parent / "svar")).returncode == 0
    assert editors_files(project) == before


@pytest.mark.parametrize("after", [1, 2, 5, 9, 30, 52])
def test_new_year_killed_at_any_point_leaves_a_tree_check_accepts_and_is_undone(tmp_path, after):
    project = copy_project(tmp_path / "project")
    before = editors_files(project)
    killed(["--root", str(project), "new-year", "2022"], after)
    checked = command(project, "check")
    assert checked.returncode == 0, checked.stderr
    again = command(project, "new-year", "2022")
    assert again.returncode == 0, again.stderr
    # The first rename is the journal's, the second the vocabulary file's, unchanged when the year is there.
    assert again.stderr.startswith("Ett tidigare kommando (new-year, startat ") or after <= 2
    after_again = editors_files(project)
    # As if the killed run had never been: the same files as a clean run writes.
    clean = copy_project(tmp_path / "clean")
    assert command(clean, "new-year", "2022").returncode == 0
    assert after_again == editors_files(clean)
    assert set(after_again) > set(before)


def test_new_killed_after_writing_its_page_is_undone(prepared, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(prepared, project)
    before = editors_files(project)
    killed(["--root", str(project), "new", "--year", "2022", "--area", "1", "--title", "Ny åtgärd"], 2)
    assert len(editors_files(project)) == len(before) + 1, "the page was written, the command never said so"
    result = command(project, "new", "--year", "2022", "--area", "1", "--title", "Ny åtgärd")
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith("Ett tidigare kommando (new, startat ")
    # One page, the one the second run made: the killed run's page was taken away first.
    assert set(editors_files(project)) - set(before) == {result.stdout.split()[1]}


def test_a_page_changed_after_the_kill_is_left_as_it_is_and_named(project):
    killed(import_apply(project), 3)
    changed = next(
        p for p in sorted((project / "docs/2022/atgarder").glob("*.md")) if "Arbetet pågår" in p.read_text("utf-8")
    )
    changed.write_text(changed.read_text(encoding="utf-8") + "\nRedaktörens rad.\n", encoding="utf-8")
    preview = command(project, "import", str(project.parent / "svar"))
    relative = changed.relative_to(project).as_posix()
    assert f"Ändrat efter avbrottet och lämnat som det är (kontrollera): {relative}." in preview.stderr
    assert "Redaktörens rad." in changed.read_text(encoding="utf-8")

"""Every file an editor can touch is read once per build, by the package's loader, with one set of rules.

`atgardsplan check` and `mkdocs build` share that one reading, so a file the
check accepts cannot crash the build, and a file the build refuses is
refused by the check with the same line.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import mkdocs_build

from actionplan.commands.cli import main

pytestmark = pytest.mark.build
PROSE = "data/2021/rapporttext.md"

# Counts, in a real `mkdocs build`, how often each Markdown and YAML file of docs/ and data/ is opened.
COUNTING_BUILD = """
import collections, os, sys
root = os.path.realpath(sys.argv[1])
counts = collections.Counter()

def count(event, args):
    if event == "open" and isinstance(args[0], str | os.PathLike):
        path = os.path.realpath(os.path.join(os.getcwd(), os.fsdecode(args[0])))
        if path.startswith((root + "/docs/", root + "/data/")) and path.endswith((".md", ".yml")):
            counts[os.path.relpath(path, root)] += 1

sys.addaudithook(count)
from mkdocs.__main__ import cli
try:
    cli(["build", "-q", "-f", root + "/mkdocs.yml", "-d", sys.argv[2]])
except SystemExit as end:
    assert not end.code, end.code
for path, number in sorted(counts.items()):
    print(path, number)
"""


@pytest.fixture
def project(small: Path) -> Path:
    return small


def test_every_editor_file_is_read_once_per_build(project, tmp_path):
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-c", COUNTING_BUILD, str(project), str(tmp_path / "site")],
        cwd=project,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    opened = dict(line.rsplit(" ", 1) for line in result.stdout.splitlines())
    editors_files = sorted(
        path.relative_to(project).as_posix()
        for folder in ("docs", "data")
        for path in (project / folder).rglob("*")
        if path.suffix in (".md", ".yml")
    )
    assert {path: opened.get(path) for path in editors_files} == dict.fromkeys(editors_files, "1")


def check_and_build_lines(project: Path, capsys) -> tuple[list[str], str]:
    """The check's problem lines, and the failed build's output (which must hold each of them)."""
    code = main(["--root", str(project), "check"])
    output = capsys.readouterr()
    lines = [line for line in (output.out + output.err).splitlines() if line.startswith(("docs/", "data/"))]
    assert code == 1, output
    build = mkdocs_build(project, project / "site")
    assert build.returncode != 0
    assert "Traceback" not in build.stdout + build.stderr
    assert not (project / "site").exists(), "no site is left from a failed build"
    return lines, build.stdout + build.stderr


def test_prose_saved_as_latin1_is_one_line_in_check_and_build(project, capsys):
    (project / PROSE).write_bytes("## 1 Inledning\n\nÅret som gått var händelserikt.\n".encode("latin-1"))
    lines, build = check_and_build_lines(project, capsys)
    expected = (
        f"{PROSE}:3: filen är inte sparad som UTF-8 (ett tecken på raden går inte att läsa). "
        "Spara om filen med teckenkodningen UTF-8."
    )
    assert lines == [expected]
    assert expected in build


@pytest.mark.parametrize(
    "html",
    ['<img src="x" onerror="alert(1)">', "<script>alert(1)</script>", '<a href="javascript:alert(1)">x</a>'],
)
def test_raw_html_in_the_prose_is_refused_by_check_and_build(project, capsys, html):
    prose = project / PROSE
    prose.write_text(prose.read_text(encoding="utf-8") + f"\nEtt stycke med {html} i.\n", encoding="utf-8")
    lines, build = check_and_build_lines(project, capsys)
    assert len(lines) == 1 and lines[0].startswith(f"{PROSE}:9: text: HTML-taggen <"), lines
    assert lines[0] in build


def test_notes_to_editors_are_allowed_in_the_prose_and_never_shown(project):
    prose = project / PROSE
    prose.write_text(prose.read_text(encoding="utf-8") + "\n<!-- anteckning: <b>inte</b> för läsare -->\n", "utf-8")
    result = mkdocs_build(project, project / "site")
    assert result.returncode == 0, result.stderr
    start = (project / "site/index.html").read_text(encoding="utf-8")
    assert "Uppföljningen 2021 av den lilla planen." in start
    assert "anteckning" not in start


def test_a_prose_file_that_is_a_link_or_a_folder_is_refused(project, tmp_path, capsys):
    outside = tmp_path / "utanfor.md"
    outside.write_text("## 1 Inledning\n\nHemlig text.\n", encoding="utf-8")
    (project / PROSE).unlink()
    (project / PROSE).symlink_to(outside)
    lines, _ = check_and_build_lines(project, capsys)
    assert lines == [f"{PROSE}: är en symbolisk länk; filen ska ligga i projektet som en vanlig fil."]

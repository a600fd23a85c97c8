"""A control character gets one Swedish line in the check, however it was written, and never reaches the build.

Control characters do not show, and XML 1.0 cannot hold most of them: the
workbook export stopped the build with openpyxl's `IllegalCharacterError`
on a comment written as `"Klart\\x01 slut"` (a YAML escape) that the check had
passed. Written raw (pasted from another program) or as any escape YAML
knows, the editor must read the same line, naming the file, line and field.
"""

from __future__ import annotations

import pytest
from helpers import edit, mkdocs_build, run_check

MEASURE = "docs/2021/atgarder/1-1.md"
COMMENT = 'comment: "Mötesplatsen öppnade i maj."'


def _control_line(path: str, line: int, field: str, code: str) -> str:
    return (
        f"{path}:{line}: {field}: texten innehåller ett styrtecken (U+{code}), som inte syns och inte kan sparas i "
        "exporterna eller rapporten. Ta bort det (det kan ha följt med när texten klistrades in, eller vara "
        "skrivet som \\x eller \\u inom citattecken)."
    )


@pytest.mark.parametrize(
    "written",
    [
        'comment: "Klart\x01 slut"',  # raw, inside quotes
        "comment: Klart\x01 slut",  # raw, plain
        'comment: "Klart\\x01 slut"',  # the escape from the issue
        'comment: "Klart\\u0001 slut"',
        'comment: "Klart\\U00000001 slut"',
    ],
    ids=["raw-quoted", "raw-plain", "escape-x", "escape-u", "escape-U"],
)
def test_a_control_character_in_a_comment_is_one_line_however_written(small, failing_check, written):
    edit(small, MEASURE, COMMENT, written)
    assert failing_check(small) == [_control_line(MEASURE, 9, "comment", "0001")]


@pytest.mark.parametrize(
    ("old", "new", "line", "field", "code"),
    [
        ('title: "Öppna en mötesplats"', 'title: "Öppna\\e en mötesplats"', 3, "title", "001B"),
        ('financing: "Inom ram"', 'financing: "Inom\\a ram"', 7, "financing", "0007"),
        ("districts: [Berga]", 'districts: ["Berga\\b"]', 5, "districts", "0008"),
        # NEL, a C1 control that YAML writes as \N: the site's HTML and the workbook cannot show it either.
        ('financing: "Inom ram"', 'financing: "Inom\\N ram"', 7, "financing", "0085"),
        ("En mötesplats för invånarna i Berga.", "En mötesplats\x0c för invånarna i Berga.", 13, "beskrivning", "000C"),
    ],
    ids=["title", "financing", "list-entry", "nel", "description"],
)
def test_every_field_and_the_description_refuse_control_characters(small, failing_check, old, new, line, field, code):
    edit(small, MEASURE, old, new)
    assert failing_check(small) == [_control_line(MEASURE, line, field, code)]


def test_the_report_prose_and_the_vocabulary_refuse_them_too(small, failing_check):
    edit(small, "data/2021/rapporttext.md", "Uppföljningen 2021 av den lilla planen.", "Uppföljningen\x1b 2021.")
    edit(small, "data/measures.yml", "title: Andra området", 'title: "Andra\\x7f området"')
    lines = failing_check(small)
    assert _control_line("data/2021/rapporttext.md", 7, "text", "001B") in lines
    assert any(line.startswith("data/measures.yml:") and "(U+007F)" in line for line in lines), lines


def test_tabs_and_line_breaks_stay_allowed(small, capsys):
    edit(small, MEASURE, COMMENT, 'comment: "Klart.\\tSlut.\\r\\nNästa rad."')
    code, lines = run_check(small, capsys)
    assert (code, lines) == (0, [])


@pytest.mark.build
def test_the_build_says_the_same_line_and_writes_nothing(small, tmp_path):
    edit(small, MEASURE, COMMENT, 'comment: "Klart\\x01 slut"')
    site = tmp_path / "site"
    result = mkdocs_build(small, site, ATGARDSPLAN_DOCUMENTS="1")
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output and "IllegalCharacterError" not in output, output
    assert _control_line(MEASURE, 9, "comment", "0001") in output.splitlines(), output
    assert not site.exists() or not any(site.iterdir())

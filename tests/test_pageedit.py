"""Editing single front-matter fields: only the changed fields' lines change, every other byte stays."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from actionplan.editing.front_matter_edit import EditRefused, edit_fields

PAGE = """---
id: "1.4"  # numret inom citattecken
title: 'Starta upp: Berga By'
status: pagar
comment: |
  Första stycket.

  Andra stycket.

next_year: 'vidmakthallen'
---

Beskrivning med status: genomford i texten.
"""


def values(text: str) -> dict:
    return yaml.safe_load(text.lstrip("\ufeff").split("---")[1])


def test_a_key_keeps_its_quoting_and_the_rest_is_untouched():
    edited = edit_fields(PAGE, {"status": "genomford", "next_year": "utgar"}, "p.md")
    assert edited == PAGE.replace("status: pagar", "status: genomford").replace(
        "next_year: 'vidmakthallen'", "next_year: 'utgar'"
    )


def test_a_block_comment_is_replaced_and_the_blank_line_after_it_stays():
    edited = edit_fields(PAGE, {"comment": "En rad."}, "p.md")
    assert edited == PAGE.replace("|\n  Första stycket.\n\n  Andra stycket.\n", '"En rad."\n')
    assert values(edited)["comment"] == "En rad."


def test_paragraphs_become_a_literal_block():
    edited = edit_fields(PAGE.replace("comment: |", "comment: >"), {"comment": "Ett.\n\nTvå: tre"}, "p.md")
    assert "comment: |\n  Ett.\n\n  Två: tre\n\nnext_year" in edited
    assert values(edited)["comment"] == "Ett.\n\nTvå: tre\n"


@pytest.mark.parametrize(
    "comment",
    [
        '=HYPERLINK("http://example.invalid","klicka")',
        "# inte en kommentar",
        "- ingen lista",
        "'citat' och \"citat\"",
        "  inledande mellanslag\nrad två",
        "tab\there",
        "{{ ingen mall }}",
        "nej",
        "1.10",
    ],
)
def test_any_text_reads_back_exactly(comment):
    edited = edit_fields(PAGE, {"comment": comment}, "p.md")
    assert values(edited)["comment"].rstrip("\n") == comment
    assert edited.endswith("---\n\nBeskrivning med status: genomford i texten.\n")


def test_a_missing_comment_is_added_after_the_status_and_an_empty_one_removed():
    without = PAGE.replace("comment: |\n  Första stycket.\n\n  Andra stycket.\n\n", "")
    added = edit_fields(without, {"comment": "Ny."}, "p.md")
    assert added == without.replace("status: pagar\n", 'status: pagar\ncomment: "Ny."\n')
    assert edit_fields(added, {"comment": ""}, "p.md") == without


def test_a_missing_status_is_added_where_the_template_has_it():
    without = PAGE.replace("status: pagar\n", "")
    added = edit_fields(without, {"status": "pagar"}, "p.md")
    assert added == PAGE


def test_crlf_and_byte_order_mark_are_kept():
    windows = "\ufeff" + PAGE.replace("\n", "\r\n")
    edited = edit_fields(windows, {"status": "genomford", "comment": "Ett.\nTvå."}, "p.md")
    assert edited.startswith("\ufeff---\r\n")
    assert "status: genomford\r\ncomment: |\r\n  Ett.\r\n  Två.\r\n\r\nnext_year" in edited
    assert "\n" not in edited.replace("\r\n", "")


def test_a_status_cannot_be_emptied():
    with pytest.raises(EditRefused):
        edit_fields(PAGE, {"status": ""}, "p.md")


def test_an_unreadable_file_is_refused_without_a_traceback(tmp_path: Path):
    command = Path(sys.executable).parent / "atgardsplan"
    project = Path(__file__).resolve().parents[1]
    result = subprocess.run(
        [str(command), "--root", str(project), "import", str(tmp_path / "saknas.xlsx")],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1] == (
        f"{tmp_path / 'saknas.xlsx'}: kan inte läsas (filen finns inte). Ange ett ifyllt formulär (.xlsx)."
    )

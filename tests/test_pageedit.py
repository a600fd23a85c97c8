"""Editing single front-matter fields: only the changed fields' lines change, every other byte stays."""

from __future__ import annotations

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


# A multi-line answer, whoever wrote the page ----------------------------------------------------

# How the comment field stands on pages as editors, new-year and earlier imports leave it.
COMMENT_FIELDS = {
    "missing": "",
    "empty with new-year's hint": "comment:  # kommentar till statusen, inom citattecken\n",
    "empty, nothing after": "comment:\n",
    "double-quoted with a note": 'comment: "Gammal text."  # bekräftat av SOF\n',
    "single-quoted": "comment: 'Gammal: text.'\n",
    "plain": "comment: Gammal text\n",
    "literal block": "comment: |\n  Första.\n\n  Andra.\n",
    "literal block with a note": "comment: |  # två stycken\n  Första.\n\n  Andra.\n",
    "literal block, stripped": "comment: |-\n  Första.\n",
    "folded block": "comment: >\n  Första\n  raden.\n",
    "empty string": 'comment: ""\n',
}
# What administrations type with Alt+Enter, and worse.
ANSWERS = {
    "two lines": "Arbetet pågår.\nUnder hösten: mer.",
    "paragraphs": "Första stycket.\n\nAndra stycket – med # och : i.",
    "starts with a space": " Indraget.\nAndra raden.",
    "a line like YAML": "- punkt ett\n- punkt två\nstatus: genomford",
    "a front-matter fence": "Före.\n---\nEfter.",
    "quotes and a tab": 'Han sa "ja".\n\tIndrag med tabb.',
    "one line with a hash": "Mål nr 3 # uppnått",
}


@pytest.mark.parametrize("field", COMMENT_FIELDS, ids=list(COMMENT_FIELDS))
@pytest.mark.parametrize("answer", ANSWERS, ids=list(ANSWERS))
@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_a_multi_line_answer_lands_in_any_page_and_nothing_else_changes(field, answer, newline):
    from actionplan.load import frontmatter

    page = (
        '---\nid: "2.6"\nstatus:  # tomt = Ej uppföljd; fyll i en av: genomford, pagar, ej_genomford\n'
        + COMMENT_FIELDS[field]
        + 'next_year:  # tomt = Ej beslutad\nnext_year_text: "Text."\n---\n\nBeskrivning.\n'
    ).replace("\n", newline)
    value = ANSWERS[answer]
    edited = edit_fields(page, {"status": "pagar", "comment": value, "next_year": "vidmakthallen"}, "p.md")
    unix = edited.replace("\r\n", "\n")
    matter, problem = frontmatter.split(unix, "p.md")
    assert problem is None and matter is not None
    # The front matter between the two fences (lines of exactly ---; an indented --- is the comment's).
    lines = unix.split("\n")
    read = yaml.safe_load("\n".join(lines[1 : lines.index("---", 1)]))
    assert (read["status"], read["comment"].strip("\n"), read["next_year"]) == ("pagar", value, "vidmakthallen")
    assert read["next_year_text"] == "Text."
    assert matter.body.strip() == "Beskrivning."
    # No hint of new-year's is left behind a value, and every line keeps the page's line ends.
    assert "# tomt" not in edited and "# kommentar till statusen" not in edited
    assert edited.replace("\r\n", "").count("\n") == 0 if newline == "\r\n" else "\r" not in edited
    if "with a note" in field:
        assert "# bekräftat av SOF" in edited or "# två stycken" in edited

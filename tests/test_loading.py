"""Reading front matter and YAML: what comes out, and every way it can fail."""

from __future__ import annotations

import yaml

from actionplan.load import frontmatter, yamlsource
from actionplan.load.yamlsource import MappingReader
from actionplan.problems import Problem, report


def test_split_returns_the_mapping_the_body_and_where_the_yaml_starts():
    matter, problem = frontmatter.split('---\nid: "1.4"\ntitle: X\n---\n\nBeskrivning.\n', "a.md")
    assert problem is None
    assert matter.first_line == 2
    assert [key for key, _, _ in yamlsource.mapping_pairs(matter.root)] == ["id", "title"]
    assert matter.body == "\nBeskrivning.\n"


def test_decode_removes_a_byte_order_mark_and_windows_newlines():
    text, problem = frontmatter.decode("\ufeff---\r\nid: x\r\n---\r\n".encode(), "a.md")
    assert problem is None and text == "---\nid: x\n---\n"


def test_decode_names_the_line_of_a_byte_that_is_not_utf8():
    text, problem = frontmatter.decode("---\nid: x\ntitle: Sk\xe4ggetorp\n".encode("latin-1"), "a.md")
    assert text is None and problem.line == 3


def test_yaml_nodes_keep_the_text_as_typed():
    # Constructed values would turn 1.10 into 1.1, `no` into False and a date into a date.
    matter, _ = frontmatter.split("---\nid: 1.10\nx: no\nd: 2021-05-01\n---\n", "a.md")
    values = {key: node.value for key, _, node in yamlsource.mapping_pairs(matter.root)}
    assert values == {"id": "1.10", "x": "no", "d": "2021-05-01"}


def test_syntax_error_points_at_the_file_line_and_explains_in_swedish():
    _, problem = frontmatter.split("---\nid: x\ntitle: Mål: fler\n---\n", "a.md")
    assert problem.line == 3
    assert problem.message.startswith("YAML-syntaxen går inte att läsa: ett kolon (:) står mitt i ett värde.")


def test_unknown_syntax_error_gets_the_general_hint():
    message = yamlsource.syntax_message(yaml.YAMLError("something odd"))
    assert message == (
        "YAML-syntaxen går inte att läsa: Vanliga orsaker är ett kolon eller ett citattecken i en text som inte "
        "står inom citattecken, eller ett indrag som inte stämmer."
    )


def test_empty_front_matter_is_a_problem():
    _, problem = frontmatter.split("---\n---\nText\n", "a.md")
    assert problem == Problem("a.md", 1, None, "front matter är tom: fälten saknas.")


def reader(text: str, problems: list) -> MappingReader:
    return MappingReader(yaml.compose(text), "a.md", problems, placeholder="FYLL I")


def test_a_field_written_twice_is_reported_with_both_lines():
    problems: list[Problem] = []
    reader("status: pagar\nstatus: genomford\n", problems)
    assert problems == [Problem("a.md", 2, "status", "fältet står två gånger (även på rad 1); ta bort det ena.")]


def test_typed_accessors_report_wrong_kinds():
    problems: list[Problem] = []
    fields = reader("title: [a, b]\narea: ett\ndistricts: Berga\nlist: []\n", problems)
    assert fields.text("title") is None
    assert fields.integer("area") is None
    assert fields.texts("districts") == [("Berga", fields.fields["districts"][1])]
    assert fields.texts("list") is None
    assert [str(p) for p in problems] == [
        "a.md:1: title: ska vara en text, men är en lista.",
        "a.md:2: area: 'ett' är inte ett heltal. Skriv bara siffror, till exempel 3.",
        "a.md:4: list: listan är tom. Ange minst ett värde, till exempel [Berga].",
    ]


def test_placeholders_left_by_the_new_command_are_flagged():
    problems: list[Problem] = []
    fields = reader("financing: FYLL I finansiering\ndistricts: [FYLL I]\n", problems)
    assert fields.text("financing") is None and fields.texts("districts") is None
    assert [p.message for p in problems] == ["innehåller fortfarande platshållaren FYLL I; fyll i fältet."] * 2


def test_report_orders_problems_by_file_and_line():
    problems = [
        Problem("b.md", 2, "x", "två"),
        Problem("a.md", None, None, "fil"),
        Problem("a.md", 9, "y", "nio"),
    ]
    assert report(problems).splitlines() == [
        "Innehållet har 3 problem som måste rättas:",
        "a.md: fil",
        "a.md:9: y: nio",
        "b.md:2: x: två",
    ]

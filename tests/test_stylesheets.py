"""Every stylesheet the site serves is whole: parsed as a browser would, nothing is swallowed or dropped.

An unclosed block does not break a page visibly: Chromium reads every rule
after it as nested inside it, and those rules never apply (the report page's
layout was lost that way). tinycss2 (which WeasyPrint brings) parses each
sheet; a test fails on an unclosed block, a parse error (a rule or
declaration the parser drops) or a style rule nested in another, which this
site never writes on purpose.
"""

from __future__ import annotations

import pytest
import tinycss2
from helpers import PROJECT

# At-rules whose block holds rules, as opposed to declarations (@page, @font-face).
RULE_BLOCKS = {"media", "supports", "layer", "container", "document"}


def problems(css: str) -> list[str]:
    """What a browser would not read as written: unclosed blocks, dropped rules and declarations, nested rules."""
    found = []
    # A closing brace added at the end closes an unclosed block; after a whole sheet it is one more unmatched one.
    if _unmatched_closers(css + "\n}") == _unmatched_closers(css):
        found.append("a block is never closed: every rule after it is read as nested inside it")
    for token in tinycss2.parse_component_value_list(css):
        if token.type == "error":
            found.append(f"line {token.source_line}: {token.message}")
    found += _rule_problems(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True))
    return found


def _unmatched_closers(css: str) -> int:
    return sum(1 for token in tinycss2.parse_component_value_list(css) if token.type == "error" and token.kind == "}")


def _rule_problems(rules) -> list[str]:
    found = []
    for rule in rules:
        if rule.type == "error":
            found.append(f"line {rule.source_line}: rule dropped: {rule.message}")
        elif rule.type == "qualified-rule":
            for item in tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True):
                if item.type == "error":
                    found.append(f"line {item.source_line}: declaration dropped: {item.message}")
                elif item.type != "declaration":
                    selector = tinycss2.serialize(rule.prelude).strip()
                    found.append(f"line {item.source_line}: a rule nested in '{selector}' (a brace left open?)")
        elif rule.type == "at-rule" and rule.lower_at_keyword in RULE_BLOCKS and rule.content is not None:
            found += _rule_problems(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True))
    return found


def site_stylesheets(real_site) -> list:
    return sorted(real_site.root.rglob("*.css"))


def test_every_stylesheet_of_the_built_site_is_whole(real_site):
    sheets = site_stylesheets(real_site)
    names = {path.name for path in sheets}
    # Ours, the one the build writes, and Material's own.
    assert {"atgardsplan.css", "print.css", "statuser.css"} <= names
    assert any(name.startswith("main.") for name in names)
    found = {path.relative_to(real_site.root).as_posix(): problems(path.read_text(encoding="utf-8")) for path in sheets}
    assert {name: lines for name, lines in found.items() if lines} == {}


def test_the_report_documents_stylesheet_is_whole():
    assert problems((PROJECT / "actionplan/report/report.css").read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    ("css", "expected"),
    [
        (".a { color: red;\n\n.b { color: blue; }\n", "never closed"),
        (".a { color: red; }\n.b { color: blue; }\n}\n.c { color: green; }", "Unmatched }"),
        (".a { color red; }", "declaration dropped"),
        ('.a { content: "open; }', "never closed"),
        ("@media print { .a { color: red; }", "never closed"),
    ],
    ids=["unclosed rule", "stray brace", "declaration without colon", "unclosed string", "unclosed media block"],
)
def test_the_check_finds_what_a_browser_would_not_read(css, expected):
    assert any(expected in line for line in problems(css)), problems(css)


def test_the_check_passes_a_whole_sheet():
    assert problems(".a { color: red; }\n@media print { .b { display: none; } }\n") == []

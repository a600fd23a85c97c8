"""Find the mkdocs-macros calls in a page's text, for the package to check while loading.

Pure Python on purpose: `atgardsplan check` loads this file (see
`actionplan/adapter.py`) to read pages exactly as the build will, without
MkDocs. Only `{{ name(literal, ...) }}` is allowed in the editors' pages:
anything else Jinja would run is reported, with its line.
"""

from __future__ import annotations

import ast
import re

from actionplan.blocks import BlockCall, CallSyntaxProblem

_OPENINGS = re.compile(r"\{\{|\{%|\{#|\}\}|%\}|#\}")


def scan(text: str, first_line: int = 1) -> list[BlockCall | CallSyntaxProblem]:
    """Every `{{ ... }}` of `text` as a call, or a problem; `first_line` is the file line the text starts on."""
    found: list[BlockCall | CallSyntaxProblem] = []
    position = 0
    while (match := _OPENINGS.search(text, position)) is not None:
        line = first_line + text.count("\n", 0, match.start())
        token = match[0]
        if token != "{{":
            found.append(CallSyntaxProblem(line, _stray(token)))
            # A statement or comment is reported once, with its closing part.
            closing = {"{%": "%}", "{#": "#}"}.get(token)
            end = text.find(closing, match.end()) if closing else -1
            position = end + 2 if end != -1 else match.end()
            continue
        end = text.find("}}", match.end())
        next_open = text.find("{{", match.end())
        if end == -1 or (next_open != -1 and next_open < end):
            found.append(
                CallSyntaxProblem(
                    line, "{{ öppnas men stängs aldrig med }}. Skriv till exempel {{ statistics(2021) }}."
                )
            )
            position = match.end()
            continue
        found.append(_call(text[match.end() : end].strip(), line))
        position = end + 2
    return found


def _stray(token: str) -> str:
    if token in ("{%", "{#"):
        return (
            f"{token} … används inte på webbplatsens sidor; bara makroanrop som {{{{ statistics(2021) }}}} är tillåtna."
        )
    return f"{token} står utan att något öppnats före det. Skriv makroanrop som {{{{ statistics(2021) }}}}."


def _call(expression: str, line: int) -> BlockCall | CallSyntaxProblem:
    unreadable = CallSyntaxProblem(
        line,
        f"{{{{ {expression} }}}} går inte att läsa som ett makroanrop. Skriv namnet och värdena inom parentes, "
        "till exempel {{ area_overview(2021, 1) }}.",
    )
    try:
        tree = ast.parse(expression, mode="eval").body
    except (SyntaxError, ValueError, RecursionError):
        return unreadable
    if not isinstance(tree, ast.Call) or not isinstance(tree.func, ast.Name):
        return unreadable
    values: list[object] = []
    for argument in [*tree.args, *(k.value for k in tree.keywords)]:
        if not isinstance(argument, ast.Constant) or not isinstance(argument.value, int | str):
            return unreadable
        values.append(argument.value)
    if any(k.arg is None for k in tree.keywords):
        return unreadable
    positional = tuple(values[: len(tree.args)])
    keywords = {str(k.arg): value for k, value in zip(tree.keywords, values[len(tree.args) :], strict=True)}
    return BlockCall(tree.func.id, line, positional, keywords)

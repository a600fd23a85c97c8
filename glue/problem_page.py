"""The page `mkdocs serve` shows instead of every page while the content has problems."""

from __future__ import annotations

from html import escape

from actionplan.problems import Problems, shown_lines


def problem_page(problems: Problems) -> str:
    items = "".join(f"<li><code>{escape(line)}</code></li>" for line in shown_lines(problems.items))
    return (
        '<h1 id="problem">Innehållet behöver rättas</h1>'
        f'<div class="ap-problems" role="alert"><p>Webbplatsen kan inte byggas förrän '
        f"{len(problems)} problem är {'rättat' if len(problems) == 1 else 'rättade'}. "
        "Spara filen igen när du har rättat, så "
        f"laddas sidan om.</p><ul>{items}</ul></div>"
    )

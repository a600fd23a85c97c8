"""No text from the data or the front matter is ever evaluated as a template: it shows as typed.

Three strings go into every text field of the vocabulary and of a measure:
one that Jinja would compute, one that would stop the build, and one that
would run a shell command. The build must pass, show each as typed, and
run nothing.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from helpers import BuiltSite, copy_project, mkdocs_build, text_of

COMPUTED = "Fritid {{ 7*7 }}"
UNDEFINED = "Trygghet {{ nosuchvar }}"


def shell(marker: Path) -> str:
    return f"Skola {{{{ cycler.__init__.__globals__.os.popen('touch {marker}').read() }}}}"


def yaml_text(value: str) -> str:
    # A JSON string is a valid YAML scalar whatever it holds.
    return json.dumps(value, ensure_ascii=False)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    base = tmp_path_factory.mktemp("templates")
    marker = base / "KORDES"
    strings = [COMPUTED, UNDEFINED, shell(marker)]
    project = copy_project(base / "project")
    vocabulary = project / "data/measures.yml"
    text = vocabulary.read_text(encoding="utf-8")

    def cycle(match: re.Match[str], counter=[0]) -> str:  # noqa: B006 - a counter across calls
        counter[0] += 1
        return f"{match[1]}{yaml_text(strings[counter[0] % 3] + ' ' + match[2])}"

    # Every label, title, name, description and document text of the vocabulary.
    text = re.sub(
        r"^(\s+(?:- )?(?:label|title|name|description|document|organisation|diarienummer): )(.+)$",
        cycle,
        text,
        flags=re.MULTILINE,
    )
    # New entries whose very names are templates.
    text = text.replace(
        "\n  - Mottagande skolor\n",
        f"\n  - Mottagande skolor\n  - {yaml_text(COMPUTED)}\n  - {yaml_text(shell(marker))}\n",
    )
    text = text.replace(
        "\n# Hur åtgärden hanteras",
        f"\n  - abbreviation: {yaml_text(UNDEFINED)}\n\n# Hur åtgärden hanteras",
    )
    vocabulary.write_text(text, encoding="utf-8")
    page = project / "docs/2021/atgarder/1-4.md"
    matter = page.read_text(encoding="utf-8")
    for field in ("title", "financing", "comment", "next_year_text"):
        matter = re.sub(rf"^{field}: .*$", f"{field}: {yaml_text(strings[0] + ' ' + field)}", matter, flags=re.M)
    matter = matter.replace(
        "next_year: vidareutvecklad", f"next_year: vidareutvecklad\nresponsible_text: {yaml_text(shell(marker))}"
    )
    page.write_text(matter + f"\n{UNDEFINED} och {shell(marker)}\n", encoding="utf-8")
    result = mkdocs_build(project, project / "site")
    output = result.stdout + result.stderr
    return result, BuiltSite(project / "site", output), marker


def test_the_build_passes_and_runs_nothing(hostile):
    result, site, marker = hostile
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert not marker.exists(), "a template in the data ran a shell command"


def test_nothing_is_computed_on_any_page(hostile):
    _, site, _ = hostile
    for path in site.pages():
        text = text_of(site.page("/" + path.relative_to(site.root).as_posix()))
        assert "Fritid 49" not in text, path
    index = (site.root / "search/search_index.json").read_text(encoding="utf-8")
    assert "Fritid 49" not in index


def test_the_strings_show_as_typed_in_navigation_titles_tables_and_facts(hostile):
    _, site, marker = hostile
    start = site.page("/")
    labels = [text_of(a) for a in start.select("nav.md-nav--primary a.md-nav__link")]
    areas = [label for label in labels if re.match(r"\d\. ", label)]
    for string in (COMPUTED, UNDEFINED, shell(marker)):
        assert any(string in label for label in areas), (string, areas)
    measure = site.page("/2021/atgarder/1-4/")
    assert text_of(measure.select_one("article h1")) == f"1.4 {COMPUTED} title (2021)"
    assert measure.title.string.startswith(f"1.4 {COMPUTED} title (2021) - ")
    facts = text_of(measure.select_one(".ap-facts"))
    assert f"{COMPUTED} comment" in facts and shell(marker) in facts
    # The body is Markdown (so __init__ turns bold), but never a template.
    body = text_of(measure.select_one("article"))
    assert f"{UNDEFINED} och Skola {{{{ cycler." in body and ".os.popen('touch" in body
    facet = site.page("/2021/omrade/fritid-7-7/")
    assert facet.title.string.startswith(f"Område: {COMPUTED} (2021)")

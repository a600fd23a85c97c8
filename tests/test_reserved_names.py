"""No attribute an editor writes can change what the theme's or the site's own scripts read.

Markdown's attr_list lets an editor give an element an id, classes and other
attributes. `[länk](https://example.se){: #__config}` put an element with the
theme's configuration id before the real one: the theme read the editor's
text as its configuration. The check refuses every name the scripts look up
(one line: file, line, the name), the build strips them should they get
there another way, and the list of names is checked against what the
installed theme's script bundle and our own scripts actually look up.
"""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import material
import pytest
import soupsieve
from helpers import PROJECT, check_lines, mkdocs_build

from actionplan.load.reserved_names import reserved_attribute, reserved_class, reserved_id
from glue.sanitise import sanitise

MEASURE = "docs/2021/atgarder/1-1.md"
PROSE = "data/2021/rapporttext.md"
RULES = {
    "id": "id-namnet {name} i {shown} är reserverat för webbplatsens skript (id som börjar med __ eller ap-). "
    "Välj ett annat namn.",
    "class": "klassen {name} i {shown} är reserverad för webbplatsens tema och skript (bland annat klasser som "
    "börjar med md- eller ap-). Ta bort den.",
    "data": "attributet {name} i {shown} är reserverat för webbplatsens skript (alla data-attribut är det) och får "
    "inte skrivas i texten. Ta bort det.",
    "other": "attributet {name} i {shown} kan inte användas: i en attributlista får bara id, class och title skrivas "
    "(andra attribut tas bort när webbplatsen byggs). Ta bort det.",
}

# Every form of attr_list, on a link, a heading, a paragraph, an image, a table: (text, kind, name, the list).
CASES = [
    ("[länk](https://example.se){: #__config}", "id", "__config", "{: #__config}"),
    ("## Rubrik {#__search}", "id", "__search", "{#__search}"),
    ("## Rubrik { #__drawer }", "id", "__drawer", "{ #__drawer }"),
    ("Ett stycke.\n{: #__palette_0 }", "id", "__palette_0", "{: #__palette_0 }"),
    ('Ett stycke.\n{: id="__consent" }', "id", "__consent", '{: id="__consent" }'),
    ("![Karta](karta.png){: #ap-filters}", "id", "ap-filters", "{: #ap-filters}"),
    ('## Rubrik {: title="}" #__config }', "id", "__config", '{: title="}" #__config }'),
    ("Ett stycke.\n{: .md-header }", "class", "md-header", "{: .md-header }"),
    (
        "Ett stycke.\n{: class='fin md-sidebar--primary' }",
        "class",
        "md-sidebar--primary",
        "{: class='fin md-sidebar--primary' }",
    ),
    (
        "[länk](https://example.se){: .md-search-result__list}",
        "class",
        "md-search-result__list",
        "{: .md-search-result__list}",
    ),
    ("Ett stycke.\n{: .highlight }", "class", "highlight", "{: .highlight }"),
    ("Ett stycke.\n{: .ap-sort }", "class", "ap-sort", "{: .ap-sort }"),
    ('Ett stycke.\n{: data-md-component="content" }', "data", "data-md-component", '{: data-md-component="content" }'),
    ("| a |\n| - |\n| b |\n{: data-filter=status }", "data", "data-filter", "{: data-filter=status }"),
    # Python-Markdown reads a tab as spaces; the browser decodes &#95; to _; attr_list reads a quoted key.
    ("Ett stycke.\n{:\t#__config}", "id", "__config", "{:\t#__config}"),
    ("## Rubrik {:\t#__config}", "id", "__config", "{:\t#__config}"),
    ("## Rubrik {\t#__search }", "id", "__search", "{\t#__search }"),
    ("Ett stycke.\n{: #&#95;_config }", "id", "__config", "{: #&#95;_config }"),
    ('Ett stycke.\n{: id="&#x5F;&#x5F;config" }', "id", "__config", '{: id="&#x5F;&#x5F;config" }'),
    ("Ett stycke.\n{: .md&#45;header }", "class", "md-header", "{: .md&#45;header }"),
    (
        'Ett stycke.\n{: "data-md-component"=search }',
        "data",
        "data-md-component",
        '{: "data-md-component"=search }',
    ),
    # Only id, class and title: nothing else an editor writes in a list survives the build.
    ("[länk](https://example.se){: onclick=alert(1) }", "other", "onclick", "{: onclick=alert(1) }"),
    ("Ett stycke.\n{: style=color:red }", "other", "style", "{: style=color:red }"),
    ("[länk](https://example.se){: href=javascript:alert(1) }", "other", "href", "{: href=javascript:alert(1) }"),
    (
        '![Karta](1-2.md){: src=" //127.0.0.1:8001/pixel-space/" }',
        "other",
        "src",
        '{: src=" //127.0.0.1:8001/pixel-space/" }',
    ),
    ("## Rubrik {: hidden }", "other", "hidden", "{: hidden }"),
    ("*betonat*{target=_blank}", "other", "target", "{target=_blank}"),
]


@pytest.mark.parametrize(("text", "kind", "name", "shown"), CASES)
def test_check_refuses_reserved_names_in_a_description(small, capsys, text, kind, name, shown):
    path = small / MEASURE
    path.write_text(path.read_text(encoding="utf-8") + f"\n{text}\n", encoding="utf-8")
    line = path.read_text(encoding="utf-8").count("\n")
    message = RULES[kind].format(name=name, shown=shown)
    assert check_lines(small, capsys) == [f"{MEASURE}:{line}: beskrivning: {message}"]


def test_check_refuses_reserved_names_in_the_report_prose(small, capsys):
    prose = small / PROSE
    prose.write_text(prose.read_text(encoding="utf-8") + "\n[läs mer](https://example.se){: #__config}\n", "utf-8")
    line = prose.read_text(encoding="utf-8").count("\n")
    message = RULES["id"].format(name="__config", shown="{: #__config}")
    assert check_lines(small, capsys) == [f"{PROSE}:{line}: text: {message}"]


def test_check_lets_editors_name_their_own_anchors(small, capsys):
    from actionplan.commands.cli import main

    path = small / MEASURE
    extra = (
        '\n## Bakgrund {#bakgrund .viktig title="Om åtgärden"}\n\nI kod: `{: #__config}`.\n'
        # Braces in running text are no attribute list to attr_list, nor to the check.
        "\nKostnaden {preliminär} redovisas senare.\n"
    )
    path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")
    assert main(["--root", str(small), "check"]) == 0, capsys.readouterr()


@pytest.mark.parametrize(
    ("markdown_text", "kept", "stripped"),
    [
        ('[{"search":"data:x"}](https://example.se){: #__config}', '<a href="https://example.se">', 'id="__config"'),
        ("## __config", "<h2>__config</h2>", 'id="__config"'),
        ("## AP count", "<h2>AP count</h2>", 'id="ap-count"'),
        ('!!! md-header "Rubrik"\n    Text', '<div class="admonition">', "md-header"),
        ("Stycke\n{: .fin .md-typeset .tabbed-set }", '<p class="fin">', "md-typeset"),
        ("Stycke\n{: data-md-component=content data-copy=x }", "<p>Stycke</p>", "data-"),
        ("## Bakgrund {#bakgrund}", '<h2 id="bakgrund">', "never-there"),
    ],
)
def test_the_build_strips_reserved_names_that_get_past_the_check(markdown_text, kept, stripped):
    html = markdown.markdown(markdown_text, extensions=["attr_list", "admonition", "toc", "tables"])
    cleaned = sanitise(html)
    assert kept in cleaned, cleaned
    assert stripped not in cleaned, cleaned


@pytest.mark.build
def test_a_heading_named_like_the_theme_config_does_not_break_the_page(small):
    # A heading's generated id needs no attribute list, so the check has nothing to refuse: the build strips it.
    path = small / MEASURE
    path.write_text(path.read_text(encoding="utf-8") + "\n## __config\n\nText.\n", encoding="utf-8")
    result = mkdocs_build(small, small / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    page = (small / "site/2021/atgarder/1-1/index.html").read_text(encoding="utf-8")
    assert page.count('id="__config"') == 1
    assert '<script id="__config" type="application/json">' in page


# What the scripts look up ------------------------------------------------------

BUNDLE = next((Path(material.__file__).parent / "templates/assets/javascripts").glob("bundle.*.min.js"))
THEME_INLINE_SCRIPTS = sorted((Path(material.__file__).parent / "templates/partials/javascripts").glob("*.html"))
OUR_SCRIPTS = sorted((PROJECT / "docs/assets/javascripts").glob("*.js"))
OUR_TEMPLATES = sorted((PROJECT / "overrides").rglob("*.html"))
HTML_TAGS = {"a", "pre", "code", "header", "nav", "table", "div", "span", "details", "summary", "label", "input"}
HTML_TAGS |= {"p", "li", "link", "h1", "article", "img", "svg"}
# A run-time name (${...} in a template string): an id taken from the page's own links and labels.
COMPUTED = "COMPUTED"
# A string that looks like a selector: it starts with ., #, [, a tag followed by . or #, or holds a class list.
_STRING = re.compile(r""""([^"\n]{1,120})"|'([^'\n]{1,120})'|`([^`\n]{1,120})`""")
_FEATURE_OR_KEY = re.compile(r"^[a-z]+(\.[a-z-]+)+$")  # "content.code.copy", "search.result.none"


def selectors(source: str) -> list[str]:
    """The script's string literals that are CSS selectors (a template's ${...} read as one name)."""
    found = []
    for match in _STRING.finditer(source):
        text = re.sub(r"\$\{[^}]*\}", COMPUTED, next(part for part in match.groups() if part is not None))
        if not re.search(r"[.#\[]", text) or (_FEATURE_OR_KEY.match(text) and text.split(".")[0] not in HTML_TAGS):
            continue
        if any(
            re.match(r"[A-Za-z]", word) and re.match(r"[A-Za-z0-9]+", word)[0] not in HTML_TAGS for word in text.split()
        ):
            continue  # a sentence ("... implement Symbol.observable"), not a selector
        try:
            soupsieve.compile(text)
        except soupsieve.SelectorSyntaxError:
            continue  # code between two strings, a message, an address
        found.append(text)
    return found


def selector_names(source: str) -> tuple[set[str], set[str], set[str]]:
    """The ids, classes and data- attributes a script looks up, in selectors and by DOM calls."""
    ids, classes, attributes = set(), set(), set()
    for selector in selectors(source):
        ids |= set(re.findall(r"#([A-Za-z_][\w-]*)", selector))
        ids |= set(re.findall(r"\[(?:id|for|name)[\^|]?=[\"']?([\w-]+)", selector))
        classes |= set(re.findall(r"\.([A-Za-z_][\w-]*)", re.sub(r"\[[^\]]*\]", "", selector)))
        classes |= set(re.findall(r"\[class\|=[\"']?([\w-]+)", selector))
        attributes |= set(re.findall(r"\[(data-[\w-]+)", selector))
    attributes |= set(re.findall(r"(?:get|set|has|remove)Attribute\(\s*[\"'](data-[\w-]+)", source))
    ids |= set(re.findall(r"getElementById\(\s*[\"']([\w-]+)", source))
    for name in re.findall(r"dataset\.(\w+)", source):
        attributes.add("data-" + re.sub(r"[A-Z]", lambda letter: "-" + letter[0].lower(), name))
    return {name for name in ids if COMPUTED not in name}, classes, attributes


def script_text(path: Path) -> str:
    """A script's text; of a template, only what its <script> elements hold."""
    text = path.read_text(encoding="utf-8")
    return "\n".join(re.findall(r"<script[^>]*>(.*?)</script>", text, re.S)) if path.suffix == ".html" else text


def test_the_theme_bundle_is_read_for_names():
    # The reading must find what is known to be there, or the tests below would pass on nothing.
    ids, classes, attributes = selector_names(BUNDLE.read_text(encoding="utf-8"))
    assert {"__config", "__search"} <= ids
    assert {"md-typeset", "highlight", "tabbed-labels", "mermaid"} <= classes
    assert {"data-md-component", "data-md-toggle", "data-copy"} <= attributes


@pytest.mark.parametrize(
    "script", [BUNDLE, *THEME_INLINE_SCRIPTS, *OUR_SCRIPTS, *OUR_TEMPLATES], ids=lambda path: path.name
)
def test_every_name_a_script_looks_up_is_reserved(script):
    ids, classes, attributes = selector_names(script_text(script))
    assert sorted(name for name in ids if not reserved_id(name)) == []
    assert sorted(name for name in classes if not reserved_class(name)) == []
    assert sorted(name for name in attributes if not reserved_attribute(name)) == []


def test_the_theme_own_element_ids_are_reserved():
    templates = Path(material.__file__).parent / "templates"
    names = set()
    for template in templates.rglob("*.html"):
        names |= set(re.findall(r'\bid="(__[^"{]*)', template.read_text(encoding="utf-8")))
    assert {"__config", "__drawer", "__search", "__consent"} <= names
    assert all(reserved_id(name) for name in names)

"""Raw HTML and link schemes in the editors' Markdown: only a short list is allowed.

Descriptions and summaries are Markdown. Raw HTML there would run in every
reader's browser (`<script>`, `onerror=`, an `<iframe>`, or a
`<pre class="mermaid">` that makes the theme fetch a script from a CDN), so
the check refuses every tag but a few harmless ones, and every link scheme
but web, mail and phone links, judged as the browser reads them
(`load/link_targets.py`). Attribute lists (`{: #id .class key=value }`,
Markdown's attr_list) may set only an id, classes and a title, and not the
names the site's scripts look up (`load/reserved_names.py`). The glue
sanitises the rendered pages too.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Collection

from actionplan.load.control_characters import control_problems
from actionplan.load.link_targets import as_browser_reads, outside_site, scheme
from actionplan.load.reserved_names import reserved_attribute, reserved_class, reserved_id
from actionplan.problems import Problem

# Tags an editor may write; documented in the editor guide.
ALLOWED_TAGS = ("br", "sup", "sub", "abbr", "kbd", "mark")
ALLOWED_SCHEMES = ("http", "https", "mailto", "tel")
# The attributes an attribute list may set: all the build's sanitiser keeps of what an editor writes.
ALLOWED_ATTRIBUTES = ("id", "class", "title")

# A code span on one line (`code`, ``code``), whose content Markdown shows as it is; a backtick after
# a backslash is an escaped one and opens none ("\\`<b onclick=…>`" is raw HTML to Markdown). Nothing
# else is set aside as code: this site has no fenced-code extension, so ``` and ~~~ lines are text to
# Markdown (and a span cannot cross a blank line), and an indented line is as often a list item's, an
# admonition's or a paragraph's continuation as code.
_CODE_SPAN = re.compile(r"(?<!\\)(`+)(?:(?!\1).)+?\1")
_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)([\s/][^>]*)?>")
_COMMENT = re.compile(r"<!--")
# A tag whose attributes go on past the end of its line: Markdown reads it as raw HTML all the same.
_UNCLOSED_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)(?:[\s/][^>]*)?$")
_AUTOLINK = re.compile(r"<\s*([A-Za-z][A-Za-z0-9+.\-]*):")
# Where an address begins: an image, any inline link (images too), a reference definition. Only its
# beginning is judged (the scheme, a //host), so it is read up to the line's end or the link's ).
_IMAGE_TARGET = re.compile(r"!\[[^\]]*\]\(\s*<?(?P<target>[^)\n]*)")
_LINK_TARGET = re.compile(r"\]\(\s*<?(?P<target>[^)\n]*)")
_REFERENCE_TARGET = re.compile(r"^ {0,3}\[(?P<label>[^\]]+)\]:[ \t]*<?(?P<target>[^\n]*)")
# An image by reference: ![alt][label], ![alt][] or ![label]; its address is the label's definition.
_IMAGE_REFERENCE = re.compile(r"!\[(?P<alt>[^\]]*)\](?:\[(?P<label>[^\]]*)\])?(?!\()")
_OUTSIDE_IMAGE = (
    "bilder måste ligga på webbplatsen (intranätet kan sakna internet): lägg bilden i docs/ och "
    "skriv en relativ sökväg, till exempel ![Karta](karta.png)."
)
# An attribute list as Python-Markdown's attr_list reads one: { ... } or {: ... }, up to the
# first } outside quotes (a quoted value may hold one); and its entries as attr_list splits
# them: key="value", key='value', key=value, #id, .class, word.
# Each character has one way to match (a lone quote is one with no partner on the line) and the
# repetition is possessive: a line of quotes and no } is read once, never backtracked.
_ATTRIBUTE_LIST = re.compile(r"""\{:?[ ]*((?:[^}\n"']|"[^"\n]*"|'[^'\n]*'|"(?![^"\n]*")|'(?![^'\n]*'))++)\}""")
_ATTRIBUTE_ENTRY = re.compile(r"""([^ =}]+)=(?:"([^"]*)"|'([^']*)'|([^ =}]+))|([^ =}]+)""")
# Where attr_list reads a list: one that says so ({:), one right after an inline element (a link's ), an
# emphasis' *...), or one that ends its line or table cell (a heading, a paragraph's last line).
_INLINE_ELEMENT_ENDS = ")]*_`>~="
_ENDS_LINE_OR_CELL = re.compile(r"[ ]*(?:\||$)")


# A Markdown link or image to a place inside the site: [text](target) with no scheme.
_LOCAL_TARGET = re.compile(r"!?\[[^\]]*\]\(\s*<?(?P<target>[^\s)>#?:]+)(?:[#?][^\s)>]*)?>?(?:\s+\"[^\"]*\")?\s*\)")
# ...or a reference definition's target, [name]: target "title", which MkDocs checks the same way.
_LOCAL_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:[ \t]*<?(?P<target>[^\s>#?:]+)(?:[#?]\S*)?>?(?:[ \t]+.*)?$")


def markup_problems(
    body: str,
    first_line: int,
    shown_path: str,
    field: str,
    *,
    source: str | None = None,
    files: Collection[str] | None = None,
) -> list[Problem]:
    """A problem for each line with a disallowed tag or link scheme, outside code.

    With the page's `source` (relative to the docs folder) and the docs
    folder's `files`, a link or image to a file that does not exist is a
    problem too: the build would stop on it with an English warning.
    """
    problems = control_problems(body, first_line, shown_path, field)
    # Every pattern here (a tag, a comment, a link, an image, an attribute list) holds a <, a ] or a {:
    # a text or line with neither, as most are, has nothing to report.
    if not _may_hold_markup(body):
        return problems
    folder = posixpath.dirname(source) if source is not None else ""
    lines = body.split("\n")
    line_problems: list[Problem] = []
    # Images by reference, and the definitions that lead to another site: a problem when they meet.
    image_labels: set[str] = set()
    definitions_outside: list[tuple[int, str]] = []
    for offset, line in enumerate(lines):
        if not _may_hold_markup(line):
            continue
        text = _CODE_SPAN.sub("", line)
        # Addresses are judged on the whole line, code spans too: inside a link's address Markdown reads
        # one as text ([x](`javascript:…`) is a javascript: link). One may begin on the next line.
        next_line = lines[offset + 1] if offset + 1 < len(lines) else ""
        message = _address_problem(line, next_line) or _line_problem(text)
        if message is None and source is not None and files is not None:
            message = _missing_target(text, folder, files)
        if message:
            line_problems.append(Problem(shown_path, first_line + offset, field, message))
        image_labels.update(_label(image["label"] or image["alt"]) for image in _IMAGE_REFERENCE.finditer(text))
        definition = _REFERENCE_TARGET.match(line)
        if message is None and definition and outside_site(_address(definition, line, next_line)):
            definitions_outside.append((offset, _label(definition["label"])))
    line_problems += [
        Problem(shown_path, first_line + offset, field, _OUTSIDE_IMAGE)
        for offset, label in definitions_outside
        if label in image_labels
    ]
    return problems + sorted(line_problems, key=lambda problem: problem.line or 0)


def _label(label: str) -> str:
    """A reference's label as Markdown matches it: case and runs of white space do not count."""
    return " ".join(label.split()).lower()


def _may_hold_markup(text: str) -> bool:
    return "<" in text or "]" in text or "{" in text


def _line_problem(text: str) -> str | None:
    for match in _AUTOLINK.finditer(text):
        if match[1].lower() not in ALLOWED_SCHEMES:
            return _scheme(match[1])
    if _COMMENT.search(text):
        return "HTML-kommentarer (<!-- -->) används inte i texten; ta bort dem."
    for match in _TAG.finditer(text):
        name = match[1].lower()
        attributes = (match[2] or "").strip(" \t/")
        if name not in ALLOWED_TAGS or attributes:
            allowed = ", ".join(f"<{tag}>" for tag in ALLOWED_TAGS)
            shown = f"<{name}>" if name in ALLOWED_TAGS else f"<{match[1]}>"
            verdict = "är bara tillåten utan attribut" if name in ALLOWED_TAGS else "är inte tillåten"
            return (
                f"HTML-taggen {shown} {verdict}. Skriv texten i Markdown; tillåtna taggar: {allowed}. "
                "Ska tecknet < synas, skriv &lt;."
            )
    unclosed = _UNCLOSED_TAG.search(text)
    if unclosed:
        return (
            f"HTML-taggen <{unclosed[1]}> slutar inte med > på samma rad; Markdown läser den som HTML ändå, "
            "med det som står på nästa rad. Skriv texten i Markdown. Ska tecknet < synas, skriv &lt;."
        )
    return _attribute_problem(text)


def _address_problem(text: str, next_text: str) -> str | None:
    """An image from outside the site, or a link with a scheme not allowed, read as the browser reads them."""
    for pattern in (_IMAGE_TARGET, _LINK_TARGET, _REFERENCE_TARGET):
        for match in pattern.finditer(text):
            address = _address(match, text, next_text)
            if pattern is _IMAGE_TARGET and outside_site(address):
                return _OUTSIDE_IMAGE
            found = scheme(address)
            if found is not None and found not in ALLOWED_SCHEMES:
                return _scheme(found)
    return None


def _address(match: re.Match[str], text: str, next_text: str) -> str:
    """The address a link, image or definition begins with, read on from the next line when its line ends first.

    Backticks go: a code span in an address is its text to Markdown ([x](`java`script:…)).
    """
    target = match["target"]
    if match.end() == len(text) and not as_browser_reads(target):
        target += "\n" + next_text.lstrip(" \t<")
    return as_browser_reads(target.replace("`", ""))


def _attribute_problem(text: str) -> str | None:
    """A reserved name, or an attribute other than id, class and title, in an attribute list.

    Tabs count as spaces (Python-Markdown expands them before attr_list reads
    the line), and names are judged after their character references are
    decoded, as the browser reads them (`#&#95;_config` is `__config`).
    """
    for attribute_list in _ATTRIBUTE_LIST.finditer(text.replace("\t", " ")):
        shown = text[attribute_list.start() : attribute_list.end()]
        # A brace followed by { or % is template syntax (a macro call, or a statement the pages' check
        # refuses on its own line), replaced or refused before Markdown reads the page.
        start = attribute_list.start()
        read_as_list = shown[1:2] not in ("{", "%") and (
            attribute_list[0].startswith("{:")
            or (start > 0 and text[start - 1] in _INLINE_ELEMENT_ENDS)
            or _ENDS_LINE_OR_CELL.match(text, attribute_list.end()) is not None
        )
        for kind, name in _attribute_names(attribute_list[1]):
            if kind == "id" and reserved_id(name):
                return (
                    f"id-namnet {name} i {shown} är reserverat för webbplatsens skript "
                    "(id som börjar med __ eller ap-). Välj ett annat namn."
                )
            if kind == "class" and reserved_class(name):
                return (
                    f"klassen {name} i {shown} är reserverad för webbplatsens tema och skript "
                    "(bland annat klasser som börjar med md- eller ap-). Ta bort den."
                )
            if kind == "attribute" and reserved_attribute(name):
                return (
                    f"attributet {name} i {shown} är reserverat för webbplatsens skript "
                    "(alla data-attribut är det) och får inte skrivas i texten. Ta bort det."
                )
            if kind == "attribute" and read_as_list:
                allowed = f"{', '.join(ALLOWED_ATTRIBUTES[:-1])} och {ALLOWED_ATTRIBUTES[-1]}"
                return (
                    f"attributet {name} i {shown} kan inte användas: i en attributlista får bara {allowed} "
                    "skrivas (andra attribut tas bort när webbplatsen byggs). Ta bort det."
                )
    return None


def _attribute_names(attribute_list: str) -> list[tuple[str, str]]:
    """("id", name), ("class", name) and ("attribute", key) for each entry, read as attr_list reads them.

    Ids and classes are decoded as the browser decodes them; a key is shown without quotes around it.
    """
    names = []
    for entry in _ATTRIBUTE_ENTRY.finditer(attribute_list):
        key, word = entry[1], entry[5]
        value = html.unescape(next((part for part in entry.groups()[1:4] if part is not None), ""))
        if word is not None:
            kind = {"#": "id", ".": "class"}.get(word[0])
            names.append((kind, html.unescape(word[1:])) if kind else ("attribute", word))
        elif key.lower() == "id":
            names.append(("id", value))
        elif key.lower() == "class":
            names.extend(("class", name) for name in value.split())
        elif key.lower() != "title":
            names.append(("attribute", key.strip("\"'")))
    return names


def _missing_target(text: str, folder: str, files: Collection[str]) -> str | None:
    for match in (*_LOCAL_TARGET.finditer(text), *_LOCAL_REFERENCE.finditer(text)):
        target = match["target"]
        resolved = posixpath.normpath(posixpath.join(folder, target))
        if target.startswith("/"):
            return (
                f"länken {target} börjar med /, och den fungerar inte när webbplatsen ligger i en undermapp. "
                "Skriv en relativ sökväg, till exempel ../statistik.md."
            )
        if target.endswith("/"):
            continue  # an address of a folder: MkDocs does not check those either
        if resolved not in files:
            return f"länken eller bilden {target} pekar på en fil som inte finns ({resolved}). Rätta sökvägen."
    return None


def _scheme(scheme: str) -> str:
    allowed = ", ".join(f"{s}:" for s in ALLOWED_SCHEMES)
    return f"länkar som börjar med {scheme}: är inte tillåtna. Tillåtna: {allowed} (och länkar inom webbplatsen)."

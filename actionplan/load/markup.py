"""Raw HTML and link schemes in the editors' Markdown: only a short list is allowed.

Descriptions and summaries are Markdown. Raw HTML there would run in every
reader's browser (`<script>`, `onerror=`, an `<iframe>`, or a
`<pre class="mermaid">` that makes the theme fetch a script from a CDN), so
the check refuses every tag but a few harmless ones, and every link scheme
but web, mail and phone links. Attribute lists (`{: #id .class key=value }`,
Markdown's attr_list) may not use the names the site's scripts look up
(`load/reserved_names.py`). The glue sanitises the rendered pages too.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Collection

from actionplan.load.control_characters import control_problems
from actionplan.load.reserved_names import reserved_attribute, reserved_class, reserved_id
from actionplan.problems import Problem

# Tags an editor may write; documented in the editor guide.
ALLOWED_TAGS = ("br", "sup", "sub", "abbr", "kbd", "mark")
ALLOWED_SCHEMES = ("http", "https", "mailto", "tel")

_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)([\s/][^>]*)?>")
_COMMENT = re.compile(r"<!--")
_INLINE_LINK = re.compile(r"\]\(\s*<?\s*([A-Za-z][A-Za-z0-9+.\-]*)\s*:")
_AUTOLINK = re.compile(r"<\s*([A-Za-z][A-Za-z0-9+.\-]*):")
_OUTSIDE_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?\s*(?:[A-Za-z][A-Za-z0-9+.\-]*:|//)")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?\s*([A-Za-z][A-Za-z0-9+.\-]*)\s*:")
# An attribute list as Python-Markdown's attr_list reads one: { ... } or {: ... }, up to the
# first } outside quotes (a quoted value may hold one); and its entries as attr_list splits
# them: key="value", key='value', key=value, #id, .class, word.
# Each character has one way to match (a lone quote is one with no partner on the line) and the
# repetition is possessive: a line of quotes and no } is read once, never backtracked.
_ATTRIBUTE_LIST = re.compile(r"""\{:?[ ]*((?:[^}\n"']|"[^"\n]*"|'[^'\n]*'|"(?![^"\n]*")|'(?![^'\n]*'))++)\}""")
_ATTRIBUTE_ENTRY = re.compile(r"""([^ =}]+)=(?:"([^"]*)"|'([^']*)'|([^ =}]+))|([^ =}]+)""")


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
    in_fence = False
    folder = posixpath.dirname(source) if source is not None else ""
    for offset, line in enumerate(body.split("\n")):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence or line.startswith(("    ", "\t")) or not _may_hold_markup(line):
            continue
        text = _CODE_SPAN.sub("", line)
        message = _line_problem(text)
        if message is None and source is not None and files is not None:
            message = _missing_target(text, folder, files)
        if message:
            problems.append(Problem(shown_path, first_line + offset, field, message))
    return problems


def _may_hold_markup(text: str) -> bool:
    return "<" in text or "]" in text or "{" in text


def _line_problem(text: str) -> str | None:
    if _OUTSIDE_IMAGE.search(text):
        return (
            "bilder måste ligga på webbplatsen (intranätet kan sakna internet): lägg bilden i docs/ och skriv "
            "en relativ sökväg, till exempel ![Karta](karta.png)."
        )
    for pattern in (_INLINE_LINK, _REFERENCE):
        for match in pattern.finditer(text):
            if match[1].lower() not in ALLOWED_SCHEMES:
                return _scheme(match[1])
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
    return _reserved_attribute(text)


def _reserved_attribute(text: str) -> str | None:
    for attribute_list in _ATTRIBUTE_LIST.finditer(text):
        shown = attribute_list[0]
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
    return None


def _attribute_names(attribute_list: str) -> list[tuple[str, str]]:
    """("id", name), ("class", name) and ("attribute", key) for each entry, read as attr_list reads them."""
    names = []
    for entry in _ATTRIBUTE_ENTRY.finditer(attribute_list):
        key, word = entry[1], entry[5]
        value = next((part for part in entry.groups()[1:4] if part is not None), "")
        if word is not None:
            kind = {"#": "id", ".": "class"}.get(word[0])
            names.append((kind, word[1:]) if kind else ("attribute", word))
        elif key.lower() == "id":
            names.append(("id", value))
        elif key.lower() == "class":
            names.extend(("class", name) for name in value.split())
        else:
            names.append(("attribute", key))
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

"""Read YAML as nodes that remember their line, and explain YAML errors in Swedish.

The content is read as YAML *nodes*, never as constructed Python values:
YAML 1.1 turns `1.10` into the float 1.1, `no` into False and `2021-05-01`
into a date, and a node still holds the text exactly as the editor typed it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import yaml

from actionplan.load.control_characters import CONTROL, control_message
from actionplan.problems import Problem

# libyaml's parser is about fifteen times faster than PyYAML's own, which
# matters for sites of thousands of pages; both give the same nodes.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_DIGITS = re.compile(r"[0-9]+")

INT_TAG = "tag:yaml.org,2002:int"
FLOAT_TAG = "tag:yaml.org,2002:float"
NULL_TAG = "tag:yaml.org,2002:null"
BOOL_TAG = "tag:yaml.org,2002:bool"
STR_TAG = "tag:yaml.org,2002:str"
TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"

# The wording of the errors editors actually make (libyaml's and PyYAML's own,
# which differ), and what to do about them.
_HINTS = (
    (
        "mapping values are not allowed",
        'ett kolon (:) står mitt i ett värde. Sätt texten inom citattecken, till exempel title: "Mål: fler i arbete"',
    ),
    (
        "found character '\\t'",
        "raden innehåller ett tabbtecken. Använd mellanslag för indrag",
    ),
    (
        "tab character",
        "raden innehåller ett tabbtecken. Använd mellanslag för indrag",
    ),
    (
        "could not find expected ':'",
        "en rad saknar kolon efter fältnamnet (namn: värde), eller så saknas ett avslutande citattecken",
    ),
    (
        "found unexpected end of stream",
        "ett citattecken eller en hakparentes öppnas men stängs aldrig",
    ),
    (
        "expected ',' or ']'",
        "en lista inom hakparenteser är inte rätt avslutad; skriv till exempel [Berga, Ryd]",
    ),
    (
        "did not find expected key",
        "indraget stämmer inte, eller så följer text efter ett citerat värde",
    ),
    (
        "expected <block end>",
        "indraget stämmer inte, eller så följer text efter ett citerat värde",
    ),
    (
        "did not find expected '-' indicator",
        "en lista (rader som börjar med -) blandas med fält (namn: värde) på samma nivå",
    ),
    (
        "found undefined alias",
        "tecknet * i början av ett värde betyder något särskilt i YAML. Sätt texten inom citattecken",
    ),
    (
        "found character '@'",
        "tecknen @ och ` får inte inleda ett värde. Sätt texten inom citattecken",
    ),
    (
        "found character '`'",
        "tecknen @ och ` får inte inleda ett värde. Sätt texten inom citattecken",
    ),
    (
        "cannot start any token",
        "ett värde börjar med ett tecken som inte får stå först, till exempel @ eller `. Sätt texten inom citattecken",
    ),
)

_GENERAL_HINT = (
    "Vanliga orsaker är ett kolon eller ett citattecken i en text som inte "
    "står inom citattecken, eller ett indrag som inte stämmer"
)


@dataclass(frozen=True)
class YamlDocument:
    """A parsed YAML document: its root node, or the problem that stopped it."""

    root: yaml.Node | None
    problem: Problem | None = None


# Deeper than this, nothing an editor writes is meant; libyaml's composer
# recurses in C and a hostile file a few thousand levels deep crashes it.
MAX_DEPTH = 32
_DEEP_INDENT = re.compile(r"^ {64,}\S", re.MULTILINE)
# A key followed by a colon but no space: YAML reads `status:pagar` as text.
# A value that opens a quote, for finding the line whose quote is never closed.
_UNCLOSED_QUOTE = re.compile(r"^\s*(?:- )?(?P<key>[A-Za-z_][A-Za-z0-9_]*): +(?P<quote>[\"'])")
_HARD_SPACE_AFTER_COLON = re.compile(r"^(?P<key>[A-Za-z_][A-Za-z0-9_]*):(?P<space>[\u00a0\u202f\u2009])")
_NO_SPACE_AFTER_COLON = re.compile(r"^(?P<key>[A-Za-z_][A-Za-z0-9_]*):(?P<value>[^\s/].*)$")


def parse(text: str, shown_path: str, first_line: int = 1) -> YamlDocument:
    """Compose `text` into nodes; `first_line` is the file line the text starts on.

    Anchors and aliases are refused (no editor needs them, and a few lines of
    aliases expand to gigabytes in any reader that builds values from them),
    and so is nesting deeper than MAX_DEPTH.
    """
    problem = _control_character(text, shown_path, first_line) or _refused_structure(text, shown_path, first_line)
    if problem:
        return YamlDocument(None, problem)
    try:
        root = yaml.compose(text, Loader=LOADER)
    except yaml.MarkedYAMLError as error:
        return YamlDocument(None, _marked_problem(error, text, shown_path, first_line))
    except yaml.YAMLError as error:  # errors without a position, e.g. a stray byte order mark
        return YamlDocument(None, Problem(shown_path, None, None, syntax_message(error)))
    return YamlDocument(root)


def _marked_problem(error: yaml.MarkedYAMLError, text: str, shown_path: str, first_line: int) -> Problem:
    lines = text.split("\n")
    # The real cause is often a line before the one the parser stops at.
    for index, written in enumerate(lines):
        hard = _HARD_SPACE_AFTER_COLON.match(written)
        if hard:
            return Problem(
                shown_path,
                first_line + index,
                hard["key"],
                f"efter kolon står {INVISIBLE[hard['space']]}. Skriv ett vanligt mellanslag: {hard['key']}: …",
            )
        match = _NO_SPACE_AFTER_COLON.match(written)
        if match and not match["value"].startswith(("//", ":")):
            return Problem(
                shown_path,
                first_line + index,
                match["key"],
                f"efter kolon ska det stå ett mellanslag. Skriv {match['key']}: {match['value']}",
            )
    stop = error.problem_mark or error.context_mark
    end = stop.line if stop is not None else len(lines)
    for index, written in enumerate(lines[: end + 1]):
        unclosed = _UNCLOSED_QUOTE.match(written)
        if unclosed and (written.count(unclosed["quote"]) - written.count("\\" + unclosed["quote"])) % 2 == 1:
            return Problem(
                shown_path,
                first_line + index,
                unclosed["key"],
                f"citattecknet ({unclosed['quote']}) i början av värdet stängs aldrig på raden. Avsluta texten med "
                f"{unclosed['quote']}.",
            )
    mark = error.problem_mark or error.context_mark
    if error.context and "quoted scalar" in error.context and error.context_mark:
        # An unclosed quote: the parser notices at the end, the editor needs the start.
        mark = error.context_mark
    line = first_line + mark.line if mark else None
    nearby = lines[max(0, mark.line - 1) : mark.line + 1] if mark else []
    if any("\t" in candidate for candidate in nearby):
        hint = "raden innehåller ett tabbtecken. Använd mellanslag för indrag och mellan fältnamn och värde"
        return Problem(shown_path, line, None, f"YAML-syntaxen går inte att läsa: {hint}.")
    return Problem(shown_path, line, None, syntax_message(error))


_KEY_OF_LINE = re.compile(r"^\s*(?:- )?(?P<key>[A-Za-z_][A-Za-z0-9_]*):")


def _control_character(text: str, shown_path: str, first_line: int) -> Problem | None:
    """A raw control character, said as one written as an escape is (libyaml would only say 'special characters')."""
    found = CONTROL.search(text)
    if found is None:
        return None
    index = text.count("\n", 0, found.start())
    key = _KEY_OF_LINE.match(text.split("\n", index + 1)[index])
    return Problem(shown_path, first_line + index, key["key"] if key else None, control_message(found.group()))


def _refused_structure(text: str, shown_path: str, first_line: int) -> Problem | None:
    """Anchors, aliases or deep nesting, found by scanning tokens only where the text could hold them."""
    suspicious = "&" in text or "*" in text or text.count("[") + text.count("{") > MAX_DEPTH
    if not suspicious and not _DEEP_INDENT.search(text):
        return None
    depth = 0
    try:
        # PyYAML's own scanner: iterative, so it cannot crash on depth.
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if isinstance(token, yaml.AnchorToken | yaml.AliasToken):
                return Problem(
                    shown_path,
                    first_line + token.start_mark.line,
                    None,
                    "YAML-ankare (&namn) och alias (*namn) används inte här. Skriv ut värdet; en text som börjar "
                    "med & eller * sätts inom citattecken.",
                )
            if isinstance(token, _OPENING):
                depth += 1
                if depth > MAX_DEPTH:
                    return Problem(
                        shown_path,
                        first_line + token.start_mark.line,
                        None,
                        f"värdena är nästlade i mer än {MAX_DEPTH} nivåer; så djupt skriver ingen sidan.",
                    )
            elif isinstance(token, _CLOSING):
                depth -= 1
    except yaml.YAMLError:
        return None  # composing reports the syntax error with its hint
    return None


_OPENING = (
    yaml.BlockMappingStartToken,
    yaml.BlockSequenceStartToken,
    yaml.FlowMappingStartToken,
    yaml.FlowSequenceStartToken,
)
_CLOSING = (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)


def syntax_message(error: yaml.YAMLError) -> str:
    """A Swedish explanation of a YAML syntax error, for someone who is not a programmer."""
    text = str(error)
    hint = next((advice for needle, advice in _HINTS if needle in text), _GENERAL_HINT)
    return f"YAML-syntaxen går inte att läsa: {hint}."


# Characters that look like nothing or like a space, by the name an editor can search for.
INVISIBLE = {
    "\u00a0": "ett hårt mellanslag (U+00A0)",
    "\u202f": "ett smalt hårt mellanslag (U+202F)",
    "\u2009": "ett tunt mellanslag (U+2009)",
    "\u200b": "ett osynligt mellanslag (U+200B)",
    "\u200c": "ett osynligt tecken (U+200C)",
    "\u200d": "ett osynligt tecken (U+200D)",
    "\u2060": "ett osynligt tecken (U+2060)",
    "\ufeff": "ett osynligt tecken (U+FEFF)",
    "\u00ad": "ett mjukt bindestreck (U+00AD)",
}


def invisible_note(value: str) -> str:
    """' Värdet innehåller ett hårt mellanslag (U+00A0).' or '' for a value without look-alike characters."""
    names = list(dict.fromkeys(INVISIBLE[c] for c in value if c in INVISIBLE))
    names += [f"tecknet U+{ord(c):04X}" for c in value if c not in INVISIBLE and unicodedata.category(c) == "Cf"]
    if not names:
        return ""
    return f" Värdet innehåller {' och '.join(names)}; skriv om det med vanliga tecken."


def normal(value: str) -> str:
    """A value as compared with the vocabulary: composed Unicode (as Windows and Linux save it), no outer spaces.

    macOS saves "Skäggetorp" decomposed (a + combining diaeresis); it looks
    the same and must read the same.
    """
    return unicodedata.normalize("NFC", value).strip(" \t")


def line_of(node: yaml.Node, first_line: int) -> int:
    return first_line + node.start_mark.line


def is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == NULL_TAG


def mapping_pairs(node: yaml.MappingNode) -> list[tuple[str, yaml.Node, yaml.Node]]:
    """The (key text, key node, value node) pairs of a mapping, in file order."""
    return [
        (key.value if isinstance(key, yaml.ScalarNode) else str(key.value), key, value) for key, value in node.value
    ]


def kind_of(node: yaml.Node) -> str:
    """How a node reads to an editor, for messages like 'is a list'."""
    if isinstance(node, yaml.MappingNode):
        return "en samling fält"
    if isinstance(node, yaml.SequenceNode):
        return "en lista"
    return "en text"


class MappingReader:
    """Reads typed fields out of a mapping node, collecting a problem for each bad one.

    Every accessor returns None when the field is missing or wrong and has
    then added a problem naming the file, line and field, so that callers
    can go on and report everything in one run.
    """

    def __init__(
        self,
        node: yaml.MappingNode,
        shown_path: str,
        problems: list[Problem],
        *,
        first_line: int = 1,
        prefix: str = "",
        placeholder: str | None = None,
        lines: list[str] | None = None,
    ) -> None:
        self.node = node
        # The YAML text's lines, to see what follows a value on its line.
        self.lines = lines
        self.placeholder = placeholder
        self.shown_path = shown_path
        self.problems = problems
        self.first_line = first_line
        self.prefix = prefix
        self.fields: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key, key_node, value_node in mapping_pairs(node):
            if key in self.fields:
                first = line_of(self.fields[key][0], first_line)
                self.add(key, f"fältet står två gånger (även på rad {first}); ta bort det ena.", key_node)
                continue
            self.fields[key] = (key_node, value_node)

    def line(self, key: str | None = None, node: yaml.Node | None = None) -> int:
        if node is None:
            node = self.fields[key][1] if key in self.fields else self.node
        return line_of(node, self.first_line)

    def add(self, key: str | None, message: str, node: yaml.Node | None = None) -> None:
        """Record a problem with `key` (or with the mapping itself when key is None)."""
        name = f"{self.prefix}{key}" if key else (self.prefix.rstrip("., ") or None)
        self.problems.append(Problem(self.shown_path, self.line(key, node), name, message))

    def name(self, words: str) -> None:
        """Name the mapping's fields in the editor's words from here on: `2022, date` rather than `follow_ups[2].date`.

        A list entry is only known by its position until its own name (a
        year, a key) has been read; the reader then renames it.
        """
        self.prefix = f"{words}, "

    def value(self, key: str, required: bool = True) -> yaml.Node | None:
        """The value node of `key`, or None (with a problem when it was required)."""
        if key not in self.fields or is_null(self.fields[key][1]):
            if required:
                state = "är tomt" if key in self.fields else "saknas"
                self.add(key, f"fältet {state}. Det måste fyllas i.")
            return None
        node = self.fields[key][1]
        if self.placeholder and _mentions(node, self.placeholder):
            self.add(key, f"innehåller fortfarande platshållaren {self.placeholder}; fyll i fältet.")
            return None
        return node

    def text(self, key: str, required: bool = True, *, free: bool = False, accept: tuple[str, ...] = ()) -> str | None:
        """A scalar's text as written, in composed Unicode (a missing optional text is '').

        YAML reads some unquoted values as something else (`yes` as true,
        `2022` as a number, `2022-05-01` as a date); a text field refuses them
        with the advice to quote, rather than showing a value the editor did
        not write. `accept` names the tags that are fine anyway. A `free` text
        (a title, a comment) is also checked for an unquoted ` #`, after which
        YAML drops the rest of the line as a comment.
        """
        node = self.value(key, required)
        if node is None:
            return None if required else ""
        if not isinstance(node, yaml.ScalarNode):
            self.add(key, f"ska vara en text, men är {kind_of(node)}.")
            return None
        if node.tag != STR_TAG and node.tag not in accept:
            self.add(key, _not_text(key, node))
            return None
        if required and not node.value.strip():
            self.add(key, "fältet är tomt. Det måste fyllas i.")
            return None
        if free and self._cut_by_comment(node):
            self.add(
                key,
                "texten tar slut vid # eftersom YAML läser resten av raden som en kommentar. Sätt hela texten "
                'inom citattecken, till exempel comment: "Mål nr 3 # uppnått"',
            )
            return None
        control = CONTROL.search(node.value)
        if control:
            self.add(key, control_message(control.group()))
            return None
        text = unicodedata.normalize("NFC", str(node.value))
        if free:
            problem = _free_text_problem(text)
            if problem:
                self.add(key, problem)
                return None
        return text

    def _cut_by_comment(self, node: yaml.ScalarNode) -> bool:
        if node.style or self.lines is None:  # only a plain (unquoted) value can be cut
            return False
        index = node.end_mark.line
        line = self.lines[index] if index < len(self.lines) else ""
        return bool(re.match(r"[ \t]+#", line[node.end_mark.column :]))

    def integer(self, key: str, required: bool = True) -> int | None:
        node = self.value(key, required)
        if node is None:
            return None
        # Not str.isdigit(): it accepts "²", which int() refuses.
        if not isinstance(node, yaml.ScalarNode) or not _DIGITS.fullmatch(node.value.strip()):
            shown = node.value if isinstance(node, yaml.ScalarNode) else kind_of(node)
            self.add(key, f"'{shown}' är inte ett heltal. Skriv bara siffror, till exempel 3.")
            return None
        return int(node.value)

    def texts(self, key: str, required: bool = True) -> list[tuple[str, yaml.Node]] | None:
        """A list of texts with their nodes; a single text counts as a list of one."""
        node = self.value(key, required)
        if node is None:
            return None if required else []
        items = node.value if isinstance(node, yaml.SequenceNode) else [node]
        result: list[tuple[str, yaml.Node]] = []
        for item in items:
            if not isinstance(item, yaml.ScalarNode) or is_null(item) or not item.value.strip():
                shown = kind_of(item) if not isinstance(item, yaml.ScalarNode) else "tom"
                self.add(key, f"varje post i listan ska vara en text, men en är {shown}.", item)
                return None
            control = CONTROL.search(item.value)
            if control:
                self.add(key, control_message(control.group()), item)
                return None
            value = normal(item.value)
            if value in [text for text, _ in result]:
                self.add(key, f"'{value}' står två gånger i listan; ta bort den ena.", item)
                return None
            result.append((value, item))
        if required and not result:
            self.add(key, "listan är tom. Ange minst ett värde, till exempel [Berga].")
            return None
        return result

    def mapping(self, key: str, required: bool = True, *, name: str | None = None) -> MappingReader | None:
        """The mapping under `key`; its fields are named `name, field` when a name in the editor's words is given."""
        node = self.value(key, required)
        if node is None:
            return None
        if not isinstance(node, yaml.MappingNode):
            self.add(key, f"ska vara en samling fält (namn: värde), men är {kind_of(node)}.")
            return None
        return MappingReader(
            node,
            self.shown_path,
            self.problems,
            first_line=self.first_line,
            prefix=f"{name}, " if name else f"{self.prefix}{key}.",
            placeholder=self.placeholder,
        )

    def mappings(self, key: str) -> list[MappingReader | yaml.ScalarNode] | None:
        """The entries of a list: a reader for each mapping, the node for each plain text."""
        node = self.value(key)
        if node is None:
            return None
        if not isinstance(node, yaml.SequenceNode):
            self.add(key, f"ska vara en lista (rader som börjar med -), men är {kind_of(node)}.")
            return None
        entries: list[MappingReader | yaml.ScalarNode] = []
        for index, item in enumerate(node.value, start=1):
            if isinstance(item, yaml.MappingNode):
                # By position until the entry's own name is read (see `name`).
                prefix = f"{self.prefix}{key}, post {index}, "
                entries.append(
                    MappingReader(
                        item,
                        self.shown_path,
                        self.problems,
                        first_line=self.first_line,
                        prefix=prefix,
                        placeholder=self.placeholder,
                    )
                )
            elif isinstance(item, yaml.ScalarNode) and not is_null(item):
                entries.append(item)
            else:
                self.add(key, f"post {index} i listan är {kind_of(item) if not is_null(item) else 'tom'}.", item)
        return entries

    def unknown(self, allowed: list[str]) -> None:
        """Report every key that is not one of `allowed` (usually a typo)."""
        for key, (key_node, _) in self.fields.items():
            if key not in allowed:
                self.add(
                    key,
                    f"'{key}' är inget känt fält. Tillåtna fält: {', '.join(allowed)}.",
                    key_node,
                )


def _mentions(node: yaml.Node, text: str) -> bool:
    """Whether a scalar, or any scalar in a list, contains `text`."""
    if isinstance(node, yaml.ScalarNode):  # most fields: asked without building a list for each
        return text in node.value
    items = node.value if isinstance(node, yaml.SequenceNode) else []
    return any(isinstance(item, yaml.ScalarNode) and text in item.value for item in items)


_TAG_KINDS = {
    BOOL_TAG: "ett ja/nej-värde",
    INT_TAG: "ett tal",
    FLOAT_TAG: "ett tal",
    TIMESTAMP_TAG: "ett datum",
}


_TYPOGRAPHIC_QUOTES = "”“„"
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _free_text_problem(text: str) -> str | None:
    """What word processors leave in a text that the editor did not mean to write."""
    stripped = text.strip()
    if len(stripped) > 1 and stripped[0] in _TYPOGRAPHIC_QUOTES and stripped[-1] in _TYPOGRAPHIC_QUOTES:
        return (
            f"texten står inom typografiska citattecken ({stripped[0]}…{stripped[-1]}), som då blir en del av "
            'texten. Använd raka citattecken runt texten: "…"'
        )
    # No ASCII character is a format character (Cf), so only the others are
    # looked up: a text is mostly ASCII, and this runs on every free text.
    hidden = [c for c in _NON_ASCII.findall(text) if unicodedata.category(c) == "Cf"]
    if hidden:
        name = INVISIBLE.get(hidden[0], f"tecknet U+{ord(hidden[0]):04X}")
        return f"texten innehåller {name}, som inte syns. Skriv om texten."
    return None


def _not_text(key: str, node: yaml.ScalarNode) -> str:
    kind = _TAG_KINDS.get(node.tag)
    if kind is None or node.style:
        return f"'{node.value}' har en YAML-tagg ({node.tag}) och är ingen text. Ta bort taggen och skriv texten."
    return f"'{node.value}' läses som {kind}, inte som text. Sätt värdet inom citattecken: {key}: \"{node.value}\""

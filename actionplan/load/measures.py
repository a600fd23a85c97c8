"""Turn a measure page's front matter into a `Measure`, checking every field against the vocabulary."""

from __future__ import annotations

import re
from collections.abc import Collection, Hashable, Mapping
from pathlib import PurePosixPath
from typing import TypeVar, cast

import yaml

from actionplan.fields import NAMES as FIELD_NAMES
from actionplan.fields import PLACEHOLDER
from actionplan.load.frontmatter import FrontMatter
from actionplan.load.markup import markup_problems
from actionplan.load.yamlsource import FLOAT_TAG, INT_TAG, MappingReader, invisible_note, is_null, normal
from actionplan.model import NOT_DECIDED, NOT_FOLLOWED_UP, Measure, Responsible, Vocabulary
from actionplan.problems import Problem

# No leading zeros: "1.01" would be a second way of writing 1.1.
_ID = re.compile(r"^(?P<area>[1-9][0-9]*)\.(?P<number>[1-9][0-9]*)$")
_RESPONSIBLE = re.compile(r"^(?P<organisation>[^()]+?)\s*(?:\((?P<unit>[^()]+)\))?$")

_Value = TypeVar("_Value", bound=Hashable)


class Shared:
    """One object for each value that many measures repeat, for the whole plan's load.

    Every value read from YAML is a new object, so thousands of measures
    held thousands of equal copies of each district, status, administration
    and field name (and a dict of field lines each, mostly the same): about
    a third of the loaded plan at 3,000 measures, kept for the whole build.
    """

    def __init__(self) -> None:
        self._values: dict[object, object] = {}
        self._lines: dict[tuple[tuple[str, int], ...], dict[str, int]] = {}

    def __call__(self, value: _Value) -> _Value:
        # Keyed by equality alone, which is right for what is shared here (texts,
        # years, tuples and Responsibles): none equals a value of another type.
        return cast(_Value, self._values.setdefault(value, value))

    def lines(self, lines: dict[str, int]) -> dict[str, int]:
        """An equal dict of field lines, shared by the measures laid out alike (nobody changes one)."""
        key = tuple((self(name), line) for name, line in lines.items())
        return self._lines.setdefault(key, dict(key))


# The page field whose values each section of data/measures.yml allows.
SECTION_FIELDS = {
    "areas": "area",
    "districts": "districts",
    "administrations": "responsible",
    "statuses": "status",
    "next_year": "next_year",
}


class Unchecked:
    """The vocabulary's sections that have problems of their own, and the pages waiting for them.

    A page value that is not in such a section may be one its broken entry
    would allow: it is not judged until the section is fixed. The page is
    left out like a page with problems, and one line per section says how
    many pages wait for it, so that fixing the file brings no new round of
    problems unannounced.
    """

    def __init__(self, sections: Mapping[str, int | None] | None = None) -> None:
        self.sections = sections or {}
        self.pages: dict[str, list[str]] = {}
        self.count = 0

    def defer(self, section: str, shown_path: str) -> bool:
        """Whether a value not found in `section` waits for it (recorded), rather than being a problem."""
        if section not in self.sections:
            return False
        pages = self.pages.setdefault(section, [])
        if shown_path not in pages:
            pages.append(shown_path)
        self.count += 1
        return True

    def problems(self, vocabulary_file: str) -> list[Problem]:
        found = []
        for section, pages in sorted(self.pages.items()):
            shown = ", ".join(pages[:3]) + (" …" if len(pages) > 3 else "")
            count = f"{len(pages)} åtgärdssida" if len(pages) == 1 else f"{len(pages)} åtgärdssidor"
            if section == "follow_ups":
                what = "ligger i mappen för ett år vars post under follow_ups har problem"
            else:
                what = f"har ett värde i {SECTION_FIELDS[section]} som inte står i {section}"
            found.append(
                Problem(
                    vocabulary_file,
                    self.sections.get(section),
                    section,
                    f"{count} ({shown}) {what}; de kontrolleras när problemen i {section} är rättade.",
                )
            )
        return found


def read_measure(
    matter: FrontMatter,
    source: PurePosixPath,
    year: int,
    shown_path: str,
    vocabulary: Vocabulary,
    problems: list[Problem],
    *,
    site_files: Collection[str] | None = None,
    shared: Shared | None = None,
    continues_of_unread: dict[str, tuple[str, ...]] | None = None,
    unchecked: Unchecked | None = None,
) -> Measure | None:
    """Build the measure, or add its problems to `problems` and return None.

    `site_files` (the docs folder's files) lets the description's links be
    checked; `shared` keeps one copy of the values measures repeat. A page
    that does not read cleanly but whose `continues` does has it kept in
    `continues_of_unread` (by source), so that the lineage of the other pages
    can be judged in the same run. `unchecked` holds the vocabulary's sections
    with problems: a value only they could allow is not judged yet.
    """
    one = shared or Shared()
    unchecked = unchecked or Unchecked()
    before, deferred = len(problems), unchecked.count
    fields = MappingReader(
        matter.root,
        shown_path,
        problems,
        first_line=matter.first_line,
        placeholder=PLACEHOLDER,
        lines=list(matter.yaml_lines),
    )
    fields.unknown(list(FIELD_NAMES))
    measure_id = _id(fields)
    title = fields.text("title", free=True)
    area = _area(fields, vocabulary, unchecked)
    districts = _districts(fields, vocabulary, unchecked)
    responsible = _responsible(fields, vocabulary, unchecked)
    financing = fields.text("financing", free=True)
    # In an open year a measure not yet followed up leaves these empty.
    open_year = not vocabulary.is_adopted(year)
    status = _choice(fields, "status", vocabulary.status_labels, open_year, NOT_FOLLOWED_UP.key, unchecked)
    next_year = _choice(fields, "next_year", vocabulary.disposition_labels, open_year, NOT_DECIDED.key, unchecked)
    continues = _continues(fields)
    comment = fields.text("comment", required=False, free=True)
    next_year_text = fields.text("next_year_text", required=False, free=True)
    responsible_text = fields.text("responsible_text", required=False, free=True)
    if measure_id is not None and area is not None:
        _id_matches_area(fields, measure_id, area)
    _body_placeholder(matter, shown_path, problems)
    problems.extend(
        markup_problems(matter.body, matter.body_line, shown_path, "beskrivning", source=str(source), files=site_files)
    )
    if len(problems) > before or unchecked.count > deferred:
        if continues is not None and continues_of_unread is not None:
            continues_of_unread[str(source)] = tuple(continues)
        return None
    # Every required field read cleanly when no problem was added; this says so to the type checker.
    assert measure_id is not None and title is not None and area is not None and districts is not None
    assert responsible is not None and financing is not None and status is not None and next_year is not None
    assert comment is not None and next_year_text is not None and responsible_text is not None
    assert continues is not None
    return Measure(
        year=one(year),
        id=measure_id,
        title=title.strip(),
        area=area,
        districts=one(tuple(one(district) for district in districts)),
        responsible=one(tuple(one(Responsible(one(r.organisation), r.unit and one(r.unit))) for r in responsible)),
        financing=financing.strip(),
        status=one(status),
        next_year=one(next_year),
        source=source,
        body=matter.body,
        continues=one(tuple(one(earlier) for earlier in continues)),
        comment=comment.strip(),
        next_year_text=next_year_text.strip(),
        responsible_text=one(responsible_text.strip()),
        field_lines=one.lines({key: fields.line(key) for key in fields.fields}),
    )


def _id(fields: MappingReader) -> str | None:
    node = fields.value("id")
    if node is None:
        return None
    if isinstance(node, yaml.ScalarNode) and node.tag in (INT_TAG, FLOAT_TAG) and not node.style:
        fields.add(
            "id",
            f"{node.value} läses som ett tal, och då blir till exempel 1.10 samma sak som 1.1. "
            f'Skriv numret inom citattecken: id: "{node.value}"',
        )
        return None
    measure_id = fields.text("id")
    if measure_id is None:
        return None
    if not _ID.match(measure_id):
        note = invisible_note(measure_id)
        fields.add("id", f"'{measure_id}' har fel form. Numret skrivs område.nummer, till exempel \"1.4\".{note}")
        return None
    return measure_id


def _area(fields: MappingReader, vocabulary: Vocabulary, unchecked: Unchecked) -> int | None:
    area = fields.integer("area")
    if area is not None and area not in vocabulary.area_numbers:
        if unchecked.defer("areas", fields.shown_path):
            return None
        options = ", ".join(f"{a.number} ({a.title})" for a in vocabulary.areas)
        fields.add("area", f"'{area}' är inget utvecklingsområde. Tillåtna: {options}.")
        return None
    return area


def _id_matches_area(fields: MappingReader, measure_id: str, area: int) -> None:
    match = _ID.match(measure_id)
    assert match is not None, "checked by _id before"
    prefix = int(match["area"])
    if prefix != area:
        fields.add(
            "id",
            f"'{measure_id}' börjar med {prefix}, men area är {area}. Numrets första del ska vara "
            "utvecklingsområdets nummer.",
        )


def _districts(fields: MappingReader, vocabulary: Vocabulary, unchecked: Unchecked) -> list[str] | None:
    values = fields.texts("districts")
    if values is None:
        return None
    known = vocabulary.district_names
    bad = [(value, node) for value, node in values if value not in known]
    if bad and unchecked.defer("districts", fields.shown_path):
        return None
    for value, node in bad:
        hint = " Skriv flera områden som en lista: [Berga, Ryd]." if "," in value or " och " in value else ""
        note = invisible_note(value)
        fields.add("districts", f"'{value}' är inget känt område. Tillåtna: {', '.join(known)}.{hint}{note}", node)
    return None if bad else [value for value, _ in values]


def _responsible(fields: MappingReader, vocabulary: Vocabulary, unchecked: Unchecked) -> list[Responsible] | None:
    values = fields.texts("responsible")
    if values is None:
        return None
    known = vocabulary.abbreviations
    result, ok = [], True
    for value, node in values:
        match = _RESPONSIBLE.match(value)
        organisation = match["organisation"] if match else value
        if not match or organisation not in known:
            ok = False
            if match and unchecked.defer("administrations", fields.shown_path):
                continue
            near = [k for k in known if k.lower() == organisation.lower()]
            hint = f" Menade du {near[0]}?" if near else ""
            fields.add(
                "responsible",
                f"'{value}' är ingen känd förvaltning. Skriv förkortningen, eventuellt med enheten "
                f"inom parentes, till exempel KLF (säkerhetsenheten). Tillåtna: {', '.join(known)}.{hint}"
                f"{invisible_note(value)}",
                node,
            )
            continue
        result.append(Responsible(organisation, match["unit"].strip() if match["unit"] else None))
    return result if ok else None


def _continues(fields: MappingReader) -> list[str] | None:
    """The ids this measure continues; whether they exist is checked across pages (validate/lineage.py)."""
    values = fields.texts("continues", required=False)
    if values is None:
        return None
    bad = [(value, node) for value, node in values if not _ID.match(value)]
    for value, node in bad:
        fields.add(
            "continues",
            f"'{value}' har fel form. Skriv numren inom citattecken i en lista, till exempel [\"1.4\"].",
            node,
        )
    return None if bad else [value for value, _ in values]


def _is_empty(fields: MappingReader, key: str) -> bool:
    if key not in fields.fields:
        return True
    node = fields.fields[key][1]
    return is_null(node) or (isinstance(node, yaml.ScalarNode) and not node.value.strip())


def _choice(
    fields: MappingReader,
    key: str,
    options: dict[str, str],
    may_be_empty: bool = False,
    empty_key: str = "",
    unchecked: Unchecked | None = None,
) -> str | None:
    """A value that must be one of the vocabulary's keys; the Swedish label is not accepted.

    Where the field may be empty (an open year), an empty field gives `empty_key`.
    """
    if may_be_empty and _is_empty(fields, key):
        return empty_key
    written = fields.text(key)
    if written is None:
        return None
    value = normal(written)
    if value in options:
        return value
    if unchecked is not None and unchecked.defer("statuses" if key == "status" else key, fields.shown_path):
        return None
    listed = ", ".join(f"{k} ({label})" for k, label in options.items())
    near = [k for k, label in options.items() if value.strip().rstrip(".").lower() in (k, label.lower())]
    hint = f" Skriv {near[0]}." if near else ""
    if value.strip() in (NOT_FOLLOWED_UP.key, NOT_DECIDED.key, NOT_FOLLOWED_UP.label, NOT_DECIDED.label):
        hint = (
            " Lämna fältet tomt så länge uppföljningen pågår; i ett fastställt år måste det fyllas i."
            if may_be_empty
            else " Uppföljningsåret är fastställt, så fältet måste fyllas i."
        )
    fields.add(key, f"'{value}' är inte ett giltigt värde. Tillåtna: {listed}.{hint}{invisible_note(value)}")
    return None


def _body_placeholder(matter: FrontMatter, shown_path: str, problems: list[Problem]) -> None:
    for offset, line in enumerate(matter.body.split("\n")):
        if PLACEHOLDER in line:
            problems.append(
                Problem(
                    shown_path,
                    matter.body_line + offset,
                    "beskrivning",
                    f"innehåller fortfarande platshållaren {PLACEHOLDER}; skriv åtgärdens beskrivning.",
                )
            )
            return

"""Load and check `data/measures.yml`, the plan's shared vocabulary and stated tallies."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import yaml

from actionplan.dates import is_iso_date
from actionplan.icon_shapes import ICONS
from actionplan.layout import slug
from actionplan.load import frontmatter, yamlsource
from actionplan.load.yamlsource import MappingReader
from actionplan.model import (
    FIGURES_LINE,
    LINEAGES,
    NOT_DECIDED,
    NOT_FOLLOWED_UP,
    Administration,
    Area,
    Disposition,
    District,
    FollowUp,
    Plan,
    StatedTally,
    Status,
    Vocabulary,
)
from actionplan.model import VALUE_SEPARATOR as SEPARATOR
from actionplan.problems import Problem

_T = TypeVar("_T")

SECTIONS = ["statuses", "areas", "districts", "administrations", "next_year", "follow_ups", "plans"]
_KEY = re.compile(r"^[a-z][a-z0-9_]*$")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def load(path: Path, shown_path: str) -> tuple[Vocabulary | None, list[Problem]]:
    """Read the vocabulary file; return it only when it has no problems."""
    read = load_partial(path, shown_path)
    return (None if read.problems else read.vocabulary), read.problems


@dataclass(frozen=True)
class PartialVocabulary:
    """The vocabulary with the entries that read cleanly, the problems, and the sections that have some.

    The measure pages are checked against it even when the file has problems,
    so that one run of the check reports them all; a page value that only a
    section with problems could allow is judged once that section is fixed.
    `vocabulary` is None only when the file cannot be read as YAML at all.
    """

    vocabulary: Vocabulary | None
    problems: list[Problem]
    # The sections with problems, by the line of their name in the file (None for a missing section).
    broken: Mapping[str, int | None] = field(default_factory=dict)


def load_partial(path: Path, shown_path: str) -> PartialVocabulary:
    if not path.is_file():
        return PartialVocabulary(
            None, [Problem(shown_path, None, None, "filen saknas; den behövs för att bygga webbplatsen.")]
        )
    text, problem = frontmatter.decode(path.read_bytes(), shown_path)
    if text is None:
        return PartialVocabulary(None, [problem] if problem else [])
    document = yamlsource.parse(text, shown_path)
    if document.problem:
        return PartialVocabulary(None, [document.problem])
    if not isinstance(document.root, yaml.MappingNode):
        return PartialVocabulary(
            None, [Problem(shown_path, 1, None, "filen ska bestå av avsnitten " + ", ".join(SECTIONS) + ".")]
        )
    problems: list[Problem] = []
    broken: set[str] = set()
    root = MappingReader(document.root, shown_path, problems, lines=text.split("\n"))
    vocabulary = _read(root, broken)
    lines = {name: root.line(node=root.fields[name][0]) if name in root.fields else None for name in broken}
    return PartialVocabulary(vocabulary, problems, lines)


def _read(root: MappingReader, broken: set[str]) -> Vocabulary:
    """The vocabulary of the entries that read cleanly; `broken` gets each section that has a problem."""
    root.unknown(SECTIONS)

    def section(name: str, read: Callable[[], _T]) -> _T:
        before = len(root.problems)
        value = read()
        if len(root.problems) > before:
            broken.add(name)
        return value

    statuses = section("statuses", lambda: _statuses(root))
    areas = section("areas", lambda: _areas(root))
    # The stated figures are checked against every status and area that has a
    # key, complete or not, so that one incomplete entry is reported once
    # rather than again in every figure that mentions it.
    status_keys = _keys(root, "statuses", "key")
    area_numbers = _keys(root, "areas", "number")
    return Vocabulary(
        statuses=statuses,
        areas=areas,
        districts=section("districts", lambda: _districts(root)),
        administrations=section("administrations", lambda: _administrations(root)),
        dispositions=section("next_year", lambda: _dispositions(root)),
        follow_ups=section("follow_ups", lambda: _follow_ups(root, status_keys, area_numbers)),
        plans=_plans(root),
    )


def _keys(root: MappingReader, section: str, key: str) -> list[str]:
    """The `key` field's text of each entry in a section, without reporting anything."""
    section_node = root.fields.get(section, (None, None))[1]
    if not isinstance(section_node, yaml.SequenceNode):
        return []
    keys = []
    for item in section_node.value:
        if isinstance(item, yaml.MappingNode):
            keys += [v.value for k, v in item.value if k.value == key and isinstance(v, yaml.ScalarNode)]
    return keys


def _entries(root: MappingReader, section: str, fields: list[str]) -> list[MappingReader]:
    """The mapping entries of a section, named in the editor's words; a plain text instead of a mapping is a problem.

    An entry is named by its first field as written (`status pagar`, `2022`,
    `område 3`), so that a problem says which entry it is in, not its place
    in the list; an entry whose name is missing keeps its place (`statuses, post 2`).
    """
    readers = []
    for entry in root.mappings(section) or []:
        if isinstance(entry, MappingReader):
            written = entry.fields.get(fields[0], (None, None))[1]
            if isinstance(written, yaml.ScalarNode) and not yamlsource.is_null(written) and written.value.strip():
                entry.name(f"{_ENTRY_WORDS[section]}{written.value.strip()}".strip())
            entry.unknown(fields)
            readers.append(entry)
        else:
            root.add(section, f"posten '{entry.value}' ska ha fälten {', '.join(fields)}.", entry)
    return readers


# How a problem names an entry of each section, before the entry's own name (a follow-up is named by its year alone).
_ENTRY_WORDS = {
    "statuses": "status ",
    "areas": "utvecklingsområde ",
    "districts": "område ",
    "administrations": "förvaltning ",
    "next_year": "next_year ",
    "follow_ups": "",
    "plans": "planen ",
}


def _unique(root: MappingReader, section: str, values: list[tuple[object, yaml.Node]]) -> None:
    seen: set[object] = set()
    for value, node in values:
        if value in seen:
            root.add(section, f"'{value}' står två gånger; varje värde får bara finnas en gång.", node)
        seen.add(value)


def _unique_addresses(root: MappingReader, section: str, names: list[tuple[str, yaml.Node]]) -> None:
    """Names that differ only in case or accents would share one facet page address."""
    seen: dict[str, str] = {}
    for name, node in names:
        address = slug(name)
        if address in seen and seen[address] != name:
            root.add(
                section,
                f"'{name}' och '{seen[address]}' skulle få samma sidadress ({address}); byt det ena namnet.",
                node,
            )
        seen.setdefault(address, name)


def _named_entries(
    root: MappingReader, section: str, name_field: str, optional: tuple[str, ...] = ()
) -> list[tuple[str, dict[str, str]]]:
    """Entries written as a plain name or as a mapping with `name_field` (and optional texts).

    Names must be unique, give distinct page addresses, and not contain the
    separator the filters of the "Alla åtgärder" table use.
    """
    entries: list[tuple[str, dict[str, str], yaml.Node]] = []
    for entry in root.mappings(section) or []:
        name: str | None
        node: yaml.Node
        extra: dict[str, str]
        if isinstance(entry, MappingReader):
            name, node = entry.text(name_field), entry.node
            if name:
                entry.name(f"{_ENTRY_WORDS[section]}{name}")
            entry.unknown([name_field, *optional])
            extra = {field: entry.text(field, required=False) or "" for field in optional}
        else:
            name, node, extra = yamlsource.normal(entry.value), entry, {}
            if not name:
                root.add(section, "en post i listan är tom.", node)
        if name and SEPARATOR in name:
            root.add(section, f"'{name}' får inte innehålla tecknet {SEPARATOR}.", node)
        elif name:
            entries.append((name, extra, node))
    _unique(root, section, [(name, node) for name, _, node in entries])
    _unique_addresses(root, section, [(name, node) for name, _, node in entries])
    return [(name, extra) for name, extra, _ in entries]


def _statuses(root: MappingReader) -> tuple[Status, ...]:
    statuses = []
    for entry in _entries(root, "statuses", ["key", "label", "colour", "icon"]):
        key, label = entry.text("key"), entry.text("label")
        colour, icon = entry.text("colour"), entry.text("icon")
        if key is not None and not _KEY.match(key):
            entry.add("key", f"'{key}' får bara innehålla små bokstäver a–z, siffror och _.")
        elif key == NOT_FOLLOWED_UP.key:
            entry.add("key", f"'{key}' är reserverat: webbplatsen visar {NOT_FOLLOWED_UP.label} av sig själv.")
        if colour is not None and not _COLOUR.match(colour):
            entry.add("colour", f"'{colour}' är ingen färgkod. Skriv till exempel \"#1b7a3a\".")
        if icon is not None and icon not in ICONS:
            entry.add("icon", f"'{icon}' är ingen känd ikon. Tillåtna: {', '.join(ICONS)}.")
        if key is not None and label is not None and colour is not None and icon is not None:
            statuses.append((Status(key, label, colour, icon), entry))
    _unique(root, "statuses", [(s.key, e.node) for s, e in statuses])
    return tuple(s for s, _ in statuses)


def _areas(root: MappingReader) -> tuple[Area, ...]:
    areas = []
    for entry in _entries(root, "areas", ["number", "title"]):
        number, title = entry.integer("number"), entry.text("title")
        if number is not None and title is not None:
            areas.append((Area(number, title), entry))
    _unique(root, "areas", [(a.number, e.node) for a, e in areas])
    return tuple(a for a, _ in sorted(areas, key=lambda pair: pair[0].number))


def _districts(root: MappingReader) -> tuple[District, ...]:
    return tuple(District(name) for name, _ in _named_entries(root, "districts", "name"))


def _administrations(root: MappingReader) -> tuple[Administration, ...]:
    return tuple(
        Administration(abbreviation, extra.get("name") or None)
        for abbreviation, extra in _named_entries(root, "administrations", "abbreviation", ("name",))
    )


def _dispositions(root: MappingReader) -> tuple[Disposition, ...]:
    dispositions = []
    for entry in _entries(root, "next_year", ["key", "label", "description", "lineage"]):
        key, label, description = entry.text("key"), entry.text("label"), entry.text("description")
        lineage = entry.text("lineage")
        if key is not None and not _KEY.match(key):
            entry.add("key", f"'{key}' får bara innehålla små bokstäver a–z, siffror och _.")
        elif key == NOT_DECIDED.key:
            entry.add("key", f"'{key}' är reserverat: webbplatsen visar {NOT_DECIDED.label} av sig själv.")
        if lineage is not None and lineage not in LINEAGES:
            entry.add("lineage", f"'{lineage}' är inte ett giltigt värde. Tillåtna: {', '.join(LINEAGES)}.")
            lineage = None
        if key is not None and label is not None and description is not None and lineage is not None:
            dispositions.append((Disposition(key, label, description, lineage), entry))
    _unique(root, "next_year", [(d.key, e.node) for d, e in dispositions])
    return tuple(d for d, _ in dispositions)


def _date(entry: MappingReader, key: str, required: bool = True) -> str | None:
    value = entry.text(key, required=required, accept=(yamlsource.TIMESTAMP_TAG,)) or None
    if value is not None and not is_iso_date(value):
        entry.add(key, f"'{value}' är inget datum på formen ÅÅÅÅ-MM-DD.")
        return None
    return value


def _follow_ups(root: MappingReader, status_keys: list[str], area_numbers: list[str]) -> tuple[FollowUp, ...]:
    fields = ["year", "title", "document", "date", "adopted", "measures", "diarienummer", "organisation", "stated"]
    follow_ups = []
    for entry in _entries(root, "follow_ups", fields):
        year, title = entry.integer("year"), entry.text("title")
        adopted = _date(entry, "adopted", required="adopted" in entry.fields)
        # An open follow-up may have no document yet; figures and adoption need one.
        needs_document = "adopted" in entry.fields or "stated" in entry.fields
        document = entry.text("document", required=needs_document) or None
        date = _date(entry, "date", required=needs_document)
        measures = entry.integer("measures", required=False)
        diarienummer = entry.text("diarienummer", required=False) or None
        organisation = entry.text("organisation", required=False) or None
        lines = {"year": entry.line("year")}
        stated = _stated(entry, year, status_keys, area_numbers, measures, lines) if "stated" in entry.fields else None
        if "measures" in entry.fields:
            lines["measures"] = entry.line("measures")
        broken = (measures is None and "measures" in entry.fields) or (stated is None and "stated" in entry.fields)
        broken = broken or (adopted is None and "adopted" in entry.fields)
        broken = broken or (needs_document and (document is None or date is None))
        if year is not None and title is not None and not broken:
            follow_up = FollowUp(
                year, title, document, date, measures, stated, diarienummer, organisation, adopted, lines
            )
            follow_ups.append((follow_up, entry))
    _unique(root, "follow_ups", [(f.year, e.node) for f, e in follow_ups])
    return tuple(f for f, _ in sorted(follow_ups, key=lambda pair: pair[0].year))


def _stated(
    entry: MappingReader,
    year: int | None,
    status_keys: list[str],
    area_numbers: list[str],
    measures: int | None,
    lines: dict[str, int],
) -> StatedTally | None:
    """The stated figures, checked for being complete and for adding up; `lines` gets the line of each tally.

    Problems name the figures as the editor finds them: `2022, totalt`,
    `2022, utvecklingsområde 3`.
    """
    named = str(year) if year is not None else entry.prefix.rstrip(", ")
    stated = entry.mapping("stated", name=named)
    if stated is None:
        return None
    stated.unknown(["total", "areas"])
    total = _counts(stated, "total", status_keys, f"{named}, totalt")
    if "total" in stated.fields:
        lines[FIGURES_LINE.format(scope="total")] = stated.line("total")
    per_area_counts: dict[int, dict[str, int]] = {}
    per_area = stated.mapping("areas", required=False, name=named)
    if per_area is not None:
        per_area.prefix = f"{named}, utvecklingsområde "
        for key in per_area.fields:
            if key not in area_numbers:
                per_area.add(key, f"'{key}' är inget utvecklingsområde. Tillåtna: {', '.join(area_numbers)}.")
                continue
            lines[FIGURES_LINE.format(scope=key)] = per_area.line(key)
            counts = _counts(per_area, key, status_keys, f"{named}, utvecklingsområde {key}")
            if counts is not None:
                per_area_counts[int(key)] = counts
    if total is None:
        return None
    if measures is not None and sum(total.values()) != measures:
        stated.add("total", f"summan {sum(total.values())} är inte lika med measures ({measures}).")
    if per_area is not None and len(per_area_counts) == len(area_numbers):
        for status in total:
            area_sum = sum(counts[status] for counts in per_area_counts.values())
            if area_sum != total[status]:
                stated.add(
                    "areas",
                    f"utvecklingsområdenas {status} blir sammanlagt {area_sum}, men total anger {total[status]}.",
                    stated.fields["areas"][0],
                )
    return StatedTally(total, per_area_counts)


def _counts(reader: MappingReader, key: str, status_keys: list[str], name: str) -> dict[str, int] | None:
    """A {status: count} mapping that names every status exactly once; its problems are named `name, status`."""
    counts_reader = reader.mapping(key, name=name)
    if counts_reader is None:
        return None
    counts_reader.unknown(status_keys)
    counts = {status: counts_reader.integer(status) for status in status_keys}
    if any(value is None for value in counts.values()):
        return None
    return counts  # type: ignore[return-value]


def _plans(root: MappingReader) -> tuple[Plan, ...]:
    if "plans" not in root.fields:
        return ()
    plans = []
    for entry in _entries(root, "plans", ["year", "measures", "document", "date"]):
        year, measures = entry.integer("year"), entry.integer("measures")
        document, date = entry.text("document"), _date(entry, "date")
        if year is not None and measures is not None and document is not None and date is not None:
            plans.append(Plan(year, measures, document, date))
    return tuple(sorted(plans, key=lambda plan: plan.year))

"""Scaffold a new measure page, and its area's overview page when the year has none yet."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from actionplan import frontmatter, layout, yamlsource
from actionplan.measures import PLACEHOLDER
from actionplan.model import Vocabulary


class ScaffoldRefused(Exception):
    """The page was not written; the message says why, in Swedish."""


@dataclass(frozen=True)
class Scaffolded:
    measure_id: str
    page: Path
    area_page: Path | None  # written too, because the year had no overview for the area


def next_free_id(docs: Path, year: int, area: int) -> str:
    """One more than the highest number in the area's file names (files are named after their numbers)."""
    pattern = re.compile(rf"^{area}-(\d+)\.md$")
    folder = docs / str(year) / layout.MEASURES_FOLDER
    numbers = [int(m[1]) for path in folder.glob("*.md") if (m := pattern.match(path.name))]
    return f"{area}.{max(numbers, default=0) + 1}"


def scaffold(docs: Path, vocabulary: Vocabulary, year: int, area: int, title: str) -> Scaffolded:
    title = " ".join(title.split())
    if vocabulary.follow_up(year) is None:
        known = ", ".join(str(f.year) for f in vocabulary.follow_ups)
        raise ScaffoldRefused(
            f"Uppföljningsåret {year} finns inte under follow_ups i data/measures.yml (kända år: {known}). "
            "Lägg till året där först."
        )
    if area not in [a.number for a in vocabulary.areas]:
        known = ", ".join(str(a.number) for a in vocabulary.areas)
        raise ScaffoldRefused(f"Utvecklingsområde {area} finns inte. Tillåtna: {known}.")
    if not title:
        raise ScaffoldRefused('Titeln är tom. Ange åtgärdens titel, till exempel --title "Starta en läxhjälp".')
    duplicate = _same_title(docs, year, title)
    if duplicate:
        raise ScaffoldRefused(f"Det finns redan en åtgärd med den titeln för {year}: {duplicate}.")
    measure_id = next_free_id(docs, year, area)
    page = docs / layout.measure_page(year, measure_id)
    if page.exists():
        raise ScaffoldRefused(f"{page} finns redan och skrivs inte över.")
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(measure_template(vocabulary, measure_id, area, title), encoding="utf-8")
    area_page = docs / layout.area_page(year, area)
    if area_page.exists():
        return Scaffolded(measure_id, page, None)
    area_page.write_text(area_template(vocabulary, year, area), encoding="utf-8")
    return Scaffolded(measure_id, page, area_page)


def _same_title(docs: Path, year: int, title: str) -> str | None:
    """The page of this year whose title equals `title` (ignoring case and spacing), if any."""
    wanted = title.casefold()
    for path in sorted((docs / str(year) / layout.MEASURES_FOLDER).glob("*.md")):
        matter, problem = frontmatter.read(path, path.name)
        if problem:
            continue
        for key, _, node in yamlsource.mapping_pairs(matter.root):
            if key == "title" and " ".join(str(node.value).split()).casefold() == wanted:
                return path.relative_to(docs.parent).as_posix()
    return None


def measure_template(vocabulary: Vocabulary, measure_id: str, area: int, title: str) -> str:
    """Complete front matter, with the placeholder wherever the editor must decide."""
    districts = ", ".join(d.name for d in vocabulary.districts)
    administrations = ", ".join(a.abbreviation for a in vocabulary.administrations)
    statuses = ", ".join(s.key for s in vocabulary.statuses)
    dispositions = ", ".join(d.key for d in vocabulary.dispositions)
    # json.dumps gives a double-quoted string, which is valid YAML whatever the title holds.
    return f"""---
id: "{measure_id}"
title: {json.dumps(title, ensure_ascii=False)}
area: {area}
districts: [{PLACEHOLDER}]  # en eller flera av: {districts}
responsible: [{PLACEHOLDER}]  # en eller flera av: {administrations}; enhet inom parentes, t.ex. "KLF (HR)"
financing: "{PLACEHOLDER}: finansiering och tid"
status: {PLACEHOLDER}  # en av: {statuses}
comment: "{PLACEHOLDER}: kommentar till statusen (ta bort raden om det inte finns någon)"
next_year: {PLACEHOLDER}  # en av: {dispositions}
next_year_text: "{PLACEHOLDER}: meningen om nästa års plan (ta bort raden om den saknas)"
---

{PLACEHOLDER}: beskrivning av åtgärden.
"""


def area_template(vocabulary: Vocabulary, year: int, area: int) -> str:
    """An area overview to be completed with the year's summary; the theme shows the title as heading."""
    title = f"Utvecklingsområde {area}: {vocabulary.area(area).title}"
    return f"""---
title: {json.dumps(title, ensure_ascii=False)}
render_macros: true
---

## Året som gått

{PLACEHOLDER}: uppföljningens sammanfattning av året för utvecklingsområdet.

## Uppföljning åtgärder

{{{{ area_overview({year}, {area}) }}}}
"""

"""Scaffold a new measure page, and its area's overview page when the year has none yet."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from string import Template

from actionplan import layout
from actionplan.fields import MEASURE_FIELDS, PLACEHOLDER
from actionplan.load import frontmatter, yamlsource
from actionplan.model import Vocabulary

# The page templates that call the generator's macros live beside the glue;
# the scaffold only fills in their $placeholders.
AREA_TEMPLATE = "area-overview.md"


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


def scaffold(docs: Path, templates: Path, vocabulary: Vocabulary, year: int, area: int, title: str) -> Scaffolded:
    """Write the measure page (and its area's overview when missing); `templates` holds the page templates."""
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
    area_page.write_text(area_template(templates, vocabulary, year, area), encoding="utf-8")
    return Scaffolded(measure_id, page, area_page)


def _same_title(docs: Path, year: int, title: str) -> str | None:
    """The page of this year whose title equals `title` (ignoring case and spacing), if any."""
    wanted = title.casefold()
    for path in sorted((docs / str(year) / layout.MEASURES_FOLDER).glob("*.md")):
        matter, problem = frontmatter.read(path, path.name)
        if matter is None:
            continue
        for key, _, node in yamlsource.mapping_pairs(matter.root):
            if key == "title" and " ".join(str(node.value).split()).casefold() == wanted:
                return path.relative_to(docs.parent).as_posix()
    return None


def measure_template(vocabulary: Vocabulary, measure_id: str, area: int, title: str) -> str:
    """Complete front matter, with the placeholder wherever the editor must decide."""
    allowed = {
        "districts": ", ".join(d.name for d in vocabulary.districts),
        "responsible": ", ".join(a.abbreviation for a in vocabulary.administrations),
        "status": ", ".join(s.key for s in vocabulary.statuses),
        "next_year": ", ".join(d.key for d in vocabulary.dispositions),
    }
    # json.dumps gives a double-quoted string, which is valid YAML whatever the title holds.
    lines = [f'id: "{measure_id}"', f"title: {json.dumps(title, ensure_ascii=False)}", f"area: {area}"]
    lines += [
        f"{field.name}: {field.scaffold.replace('{allowed}', allowed.get(field.name, ''))}"
        for field in MEASURE_FIELDS
        if field.scaffold is not None
    ]
    body = "\n".join(lines)
    return f"---\n{body}\n---\n\n{PLACEHOLDER}: beskrivning av åtgärden.\n"


def area_template(templates: Path, vocabulary: Vocabulary, year: int, area: int) -> str:
    """An area overview to be completed with the year's summary; the theme shows the title as heading."""
    title = f"Utvecklingsområde {area}: {vocabulary.area(area).title}"
    template = Template((templates / AREA_TEMPLATE).read_text(encoding="utf-8"))
    # JSON-quoted: a valid YAML scalar whatever the title holds.
    return template.substitute(
        title=json.dumps(title, ensure_ascii=False), placeholder=PLACEHOLDER, year=year, area=area
    )

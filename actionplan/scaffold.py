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
# the scaffold only fills in their $placeholders. Every template in YEAR_TEMPLATES
# is a page each follow-up year has (docs/<year>/<name>), filled in with $year.
AREA_TEMPLATE = "area-overview.md"
YEAR_TEMPLATES = "year"


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


def scaffold(
    docs: Path,
    templates: Path,
    vocabulary: Vocabulary,
    year: int,
    area: int,
    title: str,
    measure_id: str | None = None,
) -> Scaffolded:
    """Write the measure page (and its area's overview when missing); `templates` holds the page templates.

    `measure_id` chooses the number; otherwise the next free one in the area.
    """
    title = " ".join(title.split())
    follow_up = vocabulary.follow_up(year)
    if follow_up is None:
        known = ", ".join(str(f.year) for f in vocabulary.follow_ups)
        raise ScaffoldRefused(
            f"Uppföljningsåret {year} finns inte under follow_ups i data/measures.yml (kända år: {known}). "
            "Starta året med atgardsplan new-year först."
        )
    if follow_up.is_adopted:
        raise ScaffoldRefused(
            f"Uppföljningen {year} är fastställd ({follow_up.document}, {follow_up.adopted}); "
            "dess åtgärder ändras inte. Nya åtgärder hör till ett öppet år, se atgardsplan new-year."
        )
    if area not in [a.number for a in vocabulary.areas]:
        known = ", ".join(str(a.number) for a in vocabulary.areas)
        raise ScaffoldRefused(f"Utvecklingsområde {area} finns inte. Tillåtna: {known}.")
    if not title:
        raise ScaffoldRefused('Titeln är tom. Ange åtgärdens titel, till exempel --title "Starta en läxhjälp".')
    duplicate = _same_title(docs, year, title)
    if duplicate:
        raise ScaffoldRefused(f"Det finns redan en åtgärd med den titeln för {year}: {duplicate}.")
    if measure_id is None:
        measure_id = next_free_id(docs, year, area)
    else:
        _check_id(measure_id, area)
    page = docs / layout.measure_page(year, measure_id)
    if page.exists():
        shown = page.relative_to(docs.parent).as_posix()
        raise ScaffoldRefused(
            f"Åtgärd {measure_id} finns redan för {year} ({shown}). Nästa lediga nummer i området är "
            f"{next_free_id(docs, year, area)}."
        )
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(measure_template(vocabulary, measure_id, area, title, year), encoding="utf-8")
    area_page = docs / layout.area_page(year, area)
    if area_page.exists():
        return Scaffolded(measure_id, page, None)
    area_page.write_text(area_template(templates, vocabulary, year, area), encoding="utf-8")
    return Scaffolded(measure_id, page, area_page)


def _check_id(measure_id: str, area: int) -> None:
    match = re.fullmatch(r"([1-9][0-9]*)\.([1-9][0-9]*)", measure_id)
    if match is None:
        raise ScaffoldRefused(f"Numret '{measure_id}' har fel form. Skriv område.nummer, till exempel --id {area}.4.")
    if int(match[1]) != area:
        raise ScaffoldRefused(
            f"Numret {measure_id} hör till utvecklingsområde {match[1]}, men --area är {area}. "
            "Numrets första del ska vara utvecklingsområdets nummer."
        )


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


def measure_template(vocabulary: Vocabulary, measure_id: str, area: int, title: str, year: int | None = None) -> str:
    """Complete front matter, with the placeholder wherever the editor must decide.

    In an open year the fields that the follow-up fills in stay empty, with a
    comment on what goes there.
    """
    head = [f'id: "{measure_id}"', f"title: {json.dumps(title, ensure_ascii=False)}", f"area: {area}"]
    lines = head + scaffold_lines(vocabulary, year is not None and not vocabulary.is_adopted(year))
    body = "\n".join(lines)
    return f"---\n{body}\n---\n\n{PLACEHOLDER}: beskrivning av åtgärden.\n"


def scaffold_lines(vocabulary: Vocabulary, open_year: bool, skip: tuple[str, ...] = ()) -> list[str]:
    """The scaffold's lines of the fields table, in its order, for an open or an adopted year."""
    allowed = {
        "districts": ", ".join(d.name for d in vocabulary.districts),
        "responsible": ", ".join(a.abbreviation for a in vocabulary.administrations),
        "status": ", ".join(s.key for s in vocabulary.statuses),
        "next_year": ", ".join(d.key for d in vocabulary.dispositions),
    }
    lines = []
    for field in MEASURE_FIELDS:
        value = field.open_scaffold if open_year and field.open_scaffold is not None else field.scaffold
        if value is not None and field.name not in skip:
            # An open scaffold starting with a space is an empty value with a comment.
            separator = "" if value.startswith(" ") else " "
            lines.append(f"{field.name}:{separator}{value.replace('{allowed}', allowed.get(field.name, ''))}")
    return lines


def area_template(templates: Path, vocabulary: Vocabulary, year: int, area: int, summary: str | None = None) -> str:
    """An area overview to be completed with the year's summary; the theme shows the title as heading."""
    title = f"Utvecklingsområde {area}: {vocabulary.area(area).title}"
    template = Template((templates / AREA_TEMPLATE).read_text(encoding="utf-8"))
    if summary is None:
        summary = f"{PLACEHOLDER}: uppföljningens sammanfattning av året för utvecklingsområdet."
    # JSON-quoted: a valid YAML scalar whatever the title holds.
    return template.substitute(title=json.dumps(title, ensure_ascii=False), summary=summary, year=year, area=area)


def year_pages(templates: Path, year: int) -> dict[str, str]:
    """{page source: text} of the pages every follow-up year has (all measures, statistics, ...)."""
    return {
        f"{year}/{path.name}": Template(path.read_text(encoding="utf-8")).substitute(year=year)
        for path in sorted((templates / YEAR_TEMPLATES).glob("*.md"))
    }

"""Scaffold a new measure page, and its area's overview page when the year has none yet."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from actionplan import layout
from actionplan.editing.file_transaction import WriteFailed, Writer
from actionplan.load import frontmatter, yamlsource
from actionplan.model import DROPPED, Vocabulary
from actionplan.render.page_sources import area_template, measure_template
from actionplan.words import sentence


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
    writer: Writer,
    docs: Path,
    templates: Path,
    vocabulary: Vocabulary,
    year: int,
    area: int,
    title: str,
    measure_id: str | None = None,
    continues: tuple[str, ...] = (),
) -> Scaffolded:
    """Write the measure page (and its area's overview when missing); `templates` holds the page templates.

    Both go through `writer` (rooted at the project, which holds `docs`) in one
    all-or-nothing write. `measure_id` chooses the number; otherwise the next
    free one in the area. `continues` names measures of the previous year with
    pages that the new one continues or takes over; each must be there and not
    be dropped.
    """
    title = " ".join(title.split())
    follow_up = vocabulary.follow_up(year)
    if follow_up is None:
        raise ScaffoldRefused(f"{sentence(vocabulary.unknown_year(year))} Starta året med atgardsplan new-year först.")
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
    _check_continues(docs, vocabulary, year, continues)
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
    files = {page: measure_template(vocabulary, measure_id, area, title, year, continues)}
    area_page: Path | None = docs / layout.area_page(year, area)
    assert area_page is not None
    if area_page.exists():
        area_page = None
    else:
        files[area_page] = area_template(templates, vocabulary, year, area)
    relative = {path.relative_to(writer.root).as_posix(): text.encode("utf-8") for path, text in files.items()}
    try:
        writer.write(relative, new=relative)
    except WriteFailed as failure:
        raise ScaffoldRefused(str(failure)) from None
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


def continuable(docs: Path, vocabulary: Vocabulary, year: int) -> tuple[int | None, dict[str, str]]:
    """(the previous year with measure pages, {its measure ids: next_year key}): what `year`'s measures may continue.

    Read from the pages' front matter alone, so that a new page can be made
    while other pages still have problems; `atgardsplan check` judges the rest.
    """
    folders = docs.iterdir() if docs.is_dir() else iter(())
    years = [
        int(folder.name)
        for folder in folders
        if folder.name.isdigit() and len(folder.name) == 4 and int(folder.name) < year
        if any((folder / layout.MEASURES_FOLDER).glob("*.md"))
    ]
    if not years:
        return None, {}
    before = max(years)
    found: dict[str, str] = {}
    for path in sorted((docs / str(before) / layout.MEASURES_FOLDER).glob("*.md")):
        matter, _ = frontmatter.read(path, path.name)
        if matter is None:
            continue
        values = {key: node for key, _, node in yamlsource.mapping_pairs(matter.root) if key in ("id", "next_year")}
        written = {key: str(node.value) for key, node in values.items() if isinstance(node, yaml.ScalarNode)}
        if "id" in written:
            found[written["id"]] = written.get("next_year", "")
    return before, found


def _check_continues(docs: Path, vocabulary: Vocabulary, year: int, continues: tuple[str, ...]) -> None:
    if not continues:
        return
    bad = [measure_id for measure_id in continues if not re.fullmatch(r"[1-9][0-9]*\.[1-9][0-9]*", measure_id)]
    if bad:
        raise ScaffoldRefused(
            f"--continues '{bad[0]}' har fel form. Skriv numren med kommatecken emellan, till exempel "
            "--continues 1.4,1.5."
        )
    before, earlier = continuable(docs, vocabulary, year)
    if before is None:
        raise ScaffoldRefused(
            f"Det finns ingen uppföljning före {year} med åtgärdssidor att fortsätta; ta bort --continues."
        )
    for measure_id in continues:
        if measure_id not in earlier:
            raise ScaffoldRefused(f"Åtgärd {measure_id} finns inte i uppföljningen {before} (--continues).")
        key = earlier[measure_id]
        if key in vocabulary.disposition_labels and vocabulary.disposition(key).lineage == DROPPED:
            label = vocabulary.disposition(key).label
            raise ScaffoldRefused(
                f"Åtgärd {measure_id} {before} finns inte med i planen för {year} ({label}) och kan inte fortsättas."
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

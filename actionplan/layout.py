"""Where each kind of page lives in the docs folder.

Pages are named by their source path relative to the docs folder
(`2021/atgarder/1-4.md`). Which URL a source gets is the site generator's
business; `render/links.py` asks the glue for it.
"""

from __future__ import annotations

import functools
import re
import unicodedata

MEASURES_FOLDER = "atgarder"
# A follow-up year's own report prose, relative to the project's root (the report and `check` read it).
PROSE_FILE = "data/{year}/rapporttext.md"
# Written by the build from the vocabulary (render/badges.py) and linked from mkdocs.yml's extra_css.
STATUS_STYLESHEET = "assets/stylesheets/statuser.css"


def measure_page(year: int, measure_id: str) -> str:
    """The page of a measure: `1.10` lives in `1-10.md`, never to be confused with `1-1.md`."""
    return f"{year}/{MEASURES_FOLDER}/{measure_id.replace('.', '-')}.md"


def area_page(year: int, number: int) -> str:
    return f"{year}/utvecklingsomrade-{number}.md"


_AREA_PAGE = re.compile(r"^(\d{4})/utvecklingsomrade-(\d+)\.md$")


def area_of_page(source: str) -> tuple[int, int] | None:
    """(year, area) of an area overview's source, None for any other page."""
    match = _AREA_PAGE.match(source)
    return (int(match[1]), int(match[2])) if match else None


# The shared vocabulary and each year's stated figures, relative to the project.
VOCABULARY_FILE = "data/measures.yml"

# A follow-up year's own prose (the report's chapter 1 and the opening of chapter 2), relative to the project.
PROSE_FILE = "data/{year}/rapporttext.md"


def prose_file(year: int) -> str:
    return PROSE_FILE.format(year=year)


def all_measures_page(year: int) -> str:
    return f"{year}/alla-atgarder.md"


def statistics_page(year: int) -> str:
    return f"{year}/statistik.md"


def facet_page(year: int, facet_slug: str, value_slug: str) -> str:
    return f"{year}/{facet_slug}/{value_slug}.md"


@functools.cache
def slug(text: str) -> str:
    """A URL-safe name: `Skäggetorp` becomes `skaggetorp`, `Samtliga nämnder` `samtliga-namnder`."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"


# A year's exports in the built site, relative to the site root: light, so that pages can link to
# them without the writers (actionplan/exports/).
EXPORTS_FOLDER = "export"


def export_paths(year: int) -> dict[str, str]:
    """{kind: path relative to the site root} of a year's exports."""
    return {
        "csv": f"{EXPORTS_FOLDER}/atgarder-{year}.csv",
        "xlsx": f"{EXPORTS_FOLDER}/atgarder-{year}.xlsx",
        "json": f"{EXPORTS_FOLDER}/atgarder-{year}.json",
        "statistics": f"{EXPORTS_FOLDER}/statistik-{year}.json",
    }

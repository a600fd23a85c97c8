"""Where a year's exports lie in the built site; light, so that pages can link to them without the writers."""

from __future__ import annotations

# The exports' folder in the built site, relative to the site root.
FOLDER = "export"


def paths(year: int) -> dict[str, str]:
    """{kind: path relative to the site root} of a year's exports."""
    return {
        "csv": f"{FOLDER}/atgarder-{year}.csv",
        "xlsx": f"{FOLDER}/atgarder-{year}.xlsx",
        "json": f"{FOLDER}/atgarder-{year}.json",
        "statistics": f"{FOLDER}/statistik-{year}.json",
    }

"""Links from the pages to a year's exports, relative so that they work under any path and offline."""

from __future__ import annotations

from html import escape

from actionplan.layout import export_paths as paths
from actionplan.render.page_links import Links


def to_site_root(links: Links) -> str:
    """The relative way from the current page's directory URL up to the site root ('' at the root)."""
    depth = len([part for part in links.current_url.split("/") if part])
    return "../" * depth


def download_links(year: int, links: Links, *, statistics: bool = False) -> str:
    """A paragraph of download links; `statistics` adds the tallies as JSON."""
    files = paths(year)
    root = to_site_root(links)
    entries = [
        (files["xlsx"], f"Excel (åtgärder {year})"),
        (files["csv"], f"CSV (åtgärder {year})"),
        (files["json"], f"JSON (åtgärder {year})"),
    ]
    if statistics:
        entries.append((files["statistics"], f"JSON (statistik {year})"))
    items = " · ".join(f'<a href="{escape(root + path)}" download>{escape(label)}</a>' for path, label in entries)
    return f'<p class="ap-downloads">Ladda ned: {items}</p>'

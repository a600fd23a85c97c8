"""Write every export of every follow-up year into the built site.

The glue calls `write_exports` once at the end of a build, with the
catalogue it already loaded; nothing is read again.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from actionplan.exports.csvfile import write_csv
from actionplan.exports.jsonfile import write_json
from actionplan.exports.rows import HEADERS, LONG_TEXT_COLUMNS, STATUS_COLUMN, YearExport
from actionplan.layout import EXPORTS_FOLDER, export_paths

if TYPE_CHECKING:
    from actionplan.aggregate.catalogue import Catalogue
    from actionplan.render.page_links import UrlOf


def write_exports(catalogue: Catalogue, site_dir: Path, url_of: UrlOf, base_url: str = "") -> list[Path]:
    """Write the exports of each year that has measure pages; return the files written.

    `url_of` is the site generator's URL rule for a source page. `base_url` is
    the site's own address where it is known; the spreadsheets then hold full
    links to the pages, otherwise links relative to the site root.
    """
    # openpyxl (with lxml and Pillow, about 10 MiB) is imported only now, at
    # the end of a build: not while every page is still held in memory.
    from actionplan.exports.xlsxfile import write_xlsx

    written: list[Path] = []
    folder = Path(site_dir) / EXPORTS_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for year in catalogue.years:
        export = YearExport(catalogue, year, url_of, base_url)
        rows = export.rows()
        files = {kind: Path(site_dir) / path for kind, path in export_paths(year).items()}
        write_csv(files["csv"], HEADERS, rows)
        write_xlsx(
            files["xlsx"],
            HEADERS,
            rows,
            sheet_title=f"Åtgärder {year}",
            status_column=STATUS_COLUMN,
            status_colours=export.status_colours(),
            long_columns=LONG_TEXT_COLUMNS,
        )
        write_json(files["json"], export.records())
        write_json(files["statistics"], export.statistics())
        written += files.values()
    return written

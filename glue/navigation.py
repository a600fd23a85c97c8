"""MkDocs' `nav` with a section per follow-up year, built from the package's plain year sections."""

from __future__ import annotations

from typing import Any

from actionplan.site import YearSection
from glue import theme


def with_year_sections(nav: list[Any], sections: list[YearSection]) -> list[Any]:
    """`nav` from mkdocs.yml with the year sections (newest first) inserted after its first entry, the start page."""
    entries = [
        {f"Uppföljning {section.year}": [{theme.title(label): source} for label, source in section.pages]}
        for section in sections
    ]
    return nav[:1] + entries + nav[1:]

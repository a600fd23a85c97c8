"""A filled-in plan form for 2022, as the coordinator would fill it: test content, not the real 2022 plan.

The seeds say only that the 2022 plan has 60 measures, 43 of them carried
forward from 2021 by `new-year`, and (in the 2021 report's dispositions)
that six 2021 measures go into four measures of 2022. The 17 new measures
below are made up for the tests and say so in their titles; which new
measure takes over which 2021 measure follows the 2021 report's own words
(1.7 and 1.12 "Ingår i åtgärd om brottsförebyggande arbete 2022", 1.14 "…
samverkan med polisen", 2.5 and 2.13 "… Ungdomssatsning …", 5.9 "…
aktivitetspark i Skäggetorp").
"""

from __future__ import annotations

from pathlib import Path

import openpyxl

# What the 2021 report says is merged into another measure of 2022.
MERGED_2021 = ["1.7", "1.12", "1.14", "2.5", "2.13", "5.9"]

# (area as chosen in the list or typed, title, description, districts, responsible, financing, continues)
NEW_MEASURES_2022: list[tuple[str, str, str, str, str, str, str]] = [
    ("1", "Testdata: brottsförebyggande arbete", "Testbeskrivning.\nAndra stycket.", "Berga, Ryd, Skäggetorp",
     "KLF (säkerhetsenheten)", "Inom ram", "1.7, 1.12"),
    ("1", "Testdata: samverkan med polisen", "Testbeskrivning.", "berga; skäggetorp", "klf", "Inom ram", "1.14"),
    ("1", "Testdata: trygghetsvandringar", "Testbeskrivning.", "Ryd", "SOF, KLF", "Inom ram", ""),
    ("1", "Testdata: föreningsstöd", "Testbeskrivning.", "Berga", "KoF", "Inom ram", ""),
    ("2", "Testdata: ungdomssatsning", "Testbeskrivning.", "Skäggetorp\nRyd", "IAF, UAF", "Statsbidrag", "2.5, 2.13"),
    ("2", "Testdata: praktikplatser", "Testbeskrivning.", "Berga", "IAF", "Inom ram", ""),
    ("2", "Testdata: språkstöd i arbetslivet", "Testbeskrivning.", "Ryd", "IAF", "Inom ram", ""),
    ("2", "Testdata: sommarjobb", "Testbeskrivning.", "Skäggetorp", "IAF", "Inom ram", ""),
    ("3", "Testdata: läxhjälp", "Testbeskrivning.", "Berga", "UAF", "Inom ram", ""),
    ("3", "Testdata: förskolans språkarbete", "Testbeskrivning.", "Ryd", "UAF", "Inom ram", ""),
    ("3", "Testdata: vuxenutbildning", "Testbeskrivning.", "Skäggetorp", "UAF", "Inom ram", ""),
    ("4", "Testdata: belysning", "Testbeskrivning.", "Berga", "MoS", "Inom ram", ""),
    ("4", "Testdata: bostadsbyggande", "Testbeskrivning.", "Ryd", "MoS", "Inom ram", ""),
    ("4", "Testdata: mötesplatser utomhus", "Testbeskrivning.", "Skäggetorp", "MoS, KoF", "Inom ram", ""),
    ("5", "Testdata: aktivitetspark i Skäggetorp", "Testbeskrivning.", "Skäggetorp", "KoF", "Inom ram", "5.9"),
    ("5", "Testdata: lovaktiviteter", "Testbeskrivning.", "Berga, Ryd", "KoF", "Inom ram", ""),
    ("5", "Testdata: idrott för alla", "Testbeskrivning.", "Ryd", "KoF", "Inom ram", ""),
]  # fmt: skip


def fill_plan(form: Path, filled: Path, measures: list[tuple[str, ...]], first: int | None = None) -> None:
    """Fill the form's empty rows with `measures`, as the coordinator does in Excel, and save it as `filled`.

    The columns are found by their headers; an area given as a number is
    chosen as the drop-down list offers it ("1 Ökad trygghet, …").
    """
    workbook = openpyxl.load_workbook(form)
    sheet = workbook["Plan"]
    header = next(row for row in sheet.iter_rows(min_row=1, max_row=10) if row[0].value == "Nr")
    columns = {cell.value: cell.column for cell in header}
    offered = {str(row[0].value).split(" ")[0]: row[0].value for row in workbook["Listor"].iter_rows(min_row=2)}
    row = first or next(r for r in range(header[0].row + 1, sheet.max_row + 2) if sheet.cell(r, 1).value is None)
    names = ["Utvecklingsområde", "Åtgärd", "Beskrivning", "Områden", "Ansvariga", "Finansiering och tid", "Fortsätter"]
    for offset, values in enumerate(measures):
        for name, value in zip(names, values, strict=True):
            if name == "Utvecklingsområde":
                value = offered.get(value, value)
            sheet.cell(row + offset, columns[name]).value = value or None
    workbook.save(filled)

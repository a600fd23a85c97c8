"""The text of the pages the editing commands write: new and carried-forward measures, overviews, year pages.

Kept apart from the commands that write them (`editing/`), because the editor
guide shows a page exactly as `new-year` writes it, and the build imports no
editing command.
"""

from __future__ import annotations

import json
from pathlib import Path
from string import Template

from actionplan.fields import MEASURE_FIELDS, PLACEHOLDER, PROSE_PENDING
from actionplan.model import Measure, Vocabulary

# The page templates that call the generator's macros live beside the glue (glue_loader.PAGE_TEMPLATES);
# only their $placeholders are filled in here. Every template in YEAR_TEMPLATES
# is a page each follow-up year has (docs/<year>/<name>), filled in with $year.
AREA_TEMPLATE = "area-overview.md"
YEAR_TEMPLATES = "year"

# The report's own chapters, as the follow-up report 2021 has them: the introduction with its summary of
# the results, and the chapter whose sections are the development areas (report_model puts them there).
FOLLOW_UP_CHAPTER = "Uppföljning av åtgärdsplan mot segregation"
PROSE_HEADINGS = ("## 1 Inledning", "### 1.1 Sammanfattning av uppföljningens resultat", f"## 2 {FOLLOW_UP_CHAPTER}")


def measure_template(
    vocabulary: Vocabulary,
    measure_id: str,
    area: int,
    title: str,
    year: int | None = None,
    continues: tuple[str, ...] = (),
) -> str:
    """Complete front matter, with the placeholder wherever the editor must decide.

    In an open year the fields that the follow-up fills in stay empty, with a
    comment on what goes there. `continues` names the measures of the year
    before that this one continues or takes over.
    """
    head = [f'id: "{measure_id}"', f"title: {json.dumps(title, ensure_ascii=False)}", f"area: {area}"]
    lines = head + scaffold_lines(vocabulary, year is not None and not vocabulary.is_adopted(year))
    if continues:
        lines.append(f"continues: {json.dumps(list(continues))}")
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


def prose_page(year: int) -> str:
    """A new year's report prose (data/<year>/rapporttext.md): the report's headings, each section still to be written.

    The note is an HTML comment, which the file allows for notes to editors
    and which is never shown.
    """
    note = (
        "<!--\n"
        f"Rapportens egen text för uppföljningen {year}: kapitel 1 och inledningen till\n"
        f"kapitel 2. Startsidan och rapporten (/{year}/rapport/, PDF och Word) läser båda\n"
        "den här filen. Skriv rubriker med ## och ### och stycken åtskilda av en tom rad;\n"
        "ett stycke helt inom *...* blir en bildtext. Ersätt den kursiva raden under\n"
        "varje rubrik med texten: så länge någon står kvar visar startsidan inte texten\n"
        f"och atgardsplan adopt {year} fastställer inte året.\n"
        "-->\n"
    )
    sections = "".join(f"\n{heading}\n\n{PROSE_PENDING}\n" for heading in PROSE_HEADINGS)
    return note + sections


def year_pages(templates: Path, year: int) -> dict[str, str]:
    """{page source: text} of the pages every follow-up year has (all measures, statistics, ...)."""
    return {
        f"{year}/{path.name}": Template(path.read_text(encoding="utf-8")).substitute(year=year)
        for path in sorted((templates / YEAR_TEMPLATES).glob("*.md"))
    }


def carried_page(measure: Measure, vocabulary: Vocabulary) -> str:
    """The page that continues `measure`: its facts and description, the follow-up's fields left empty."""
    return open_year_page(measure, vocabulary, (measure.id,))


def open_year_page(measure: Measure, vocabulary: Vocabulary, continues: tuple[str, ...]) -> str:
    """A measure's page in an open year: its facts and description, the follow-up's fields left empty.

    `continues` names the measures of the year before that it continues.
    """

    def quoted(value: object) -> str:
        # JSON is valid YAML, whatever the text holds.
        return json.dumps(value, ensure_ascii=False)

    lines = [
        f"id: {quoted(measure.id)}",
        f"title: {quoted(measure.title)}",
        f"area: {measure.area}",
        f"districts: {quoted(list(measure.districts))}",
        f"responsible: {quoted([str(r) for r in measure.responsible])}",
        f"financing: {quoted(measure.financing)}",
        *scaffold_lines(vocabulary, open_year=True, skip=("districts", "responsible", "financing")),
    ]
    if continues:
        lines.append(f"continues: {quoted(list(continues))}")
    if measure.responsible_text:
        lines.append(f"responsible_text: {quoted(measure.responsible_text)}")
    body = measure.body if measure.body.startswith("\n") else "\n" + measure.body
    return "---\n" + "\n".join(lines) + "\n---\n" + body.rstrip("\n") + "\n"

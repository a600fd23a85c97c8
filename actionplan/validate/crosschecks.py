"""Checks across pages, made once every file has been read: numbers, overview pages, stated figures."""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from actionplan import layout, tally, words
from actionplan.blocks import BLOCKS, BlockCall
from actionplan.fields import PLACEHOLDER, SUMMARY_PENDING
from actionplan.load.pages import PageCalls
from actionplan.model import FollowUp, Measure, Vocabulary
from actionplan.problems import Problem


def page_problems(
    measures: list[Measure],
    markers: dict[str, dict[str, int]],
    pages: Collection[str],
    docs_dir: str,
    vocabulary: Vocabulary | None = None,
) -> list[Problem]:
    """Problems between pages: numbers used twice or not matching their file, overviews missing or unfinished.

    `markers` are the overviews' lines still holding a scaffold's text (load/pages.py found them);
    `pages` the hand-written pages' sources, relative to the docs folder.
    """
    return [
        *_misplaced(measures, docs_dir),
        *_missing_area_pages(measures, pages, docs_dir),
        *_unfinished_area_pages(markers, docs_dir),
        *_pending_summaries(markers, docs_dir, vocabulary),
    ]


def pages_out_of_reach(pages: list[str], docs_dir: str, nav: frozenset[str], vocabulary: Vocabulary) -> list[Problem]:
    """Hand-written pages that no menu leads to: the configuration's own entries and each year's section.

    The build would stop on them with an English warning; most often the
    file has a wrong name (utvecklingsområde-4.md) or was left behind.
    `pages` are named relative to the docs folder, as `nav` names them.
    """
    areas = {a.number for a in vocabulary.areas}
    problems = []
    for source in pages:
        if source in nav or _year_page(source, areas):
            continue
        # The name without accents and spaces, where that name is a page each year has.
        example = _year_page_example(source)
        candidates = [*sorted(nav), *([example] if _year_page(example, areas) else [])]
        candidates = [c for c in candidates if c != source]
        near = difflib.get_close_matches(source, candidates, n=1, cutoff=0.8)
        hint = f" Menade du {near[0]}?" if near else ""
        problems.append(
            Problem(
                f"{docs_dir}/{source}",
                None,
                None,
                "sidan finns inte i någon meny och kan inte nås. Ge den rätt namn, eller ta bort den." + hint,
            )
        )
    return problems


_YEAR_PAGE = re.compile(r"^(?P<year>\d{4})/(?:utvecklingsomrade-(?P<area>\d+)|alla-atgarder|statistik)\.md$")


def _year_page(source: str, areas: set[int]) -> bool:
    match = _YEAR_PAGE.match(source)
    return match is not None and (match["area"] is None or int(match["area"]) in areas)


def _year_page_example(source: str) -> str:
    """The overview name a misspelt one was probably meant to be: 2021/utvecklingsområde-4.md -> ...omrade-4.md."""
    folder, _, name = source.rpartition("/")
    return f"{folder}/{layout.slug(name[:-3])}.md" if name.endswith(".md") else source


def call_problems(pages: list[PageCalls], vocabulary: Vocabulary, vocabulary_file: str) -> list[Problem]:
    """Every block call must name a block, give it the values it takes, and name a year and area that exist."""
    problems = []
    for page in pages:
        for call in page.calls:
            message = _call_problem(call, vocabulary, vocabulary_file) or _call_elsewhere(call, page.shown_path)
            if message:
                problems.append(Problem(page.shown_path, call.line, None, message))
    return problems


def _call_problem(call: BlockCall, vocabulary: Vocabulary, vocabulary_file: str) -> str | None:
    shown = f"{{{{ {call.name}(…) }}}}"
    if call.name not in BLOCKS:
        near = difflib.get_close_matches(call.name, BLOCKS, n=1)
        hint = f" Menade du {near[0]}?" if near else ""
        return f"det finns inget makro som heter {call.name}. Tillåtna: {', '.join(BLOCKS)}.{hint}"
    parameters = BLOCKS[call.name]
    wanted = f"{call.name}({', '.join(_PARAMETER_EXAMPLES[p] for p in parameters)})"
    unknown = [name for name in call.kwargs if name not in parameters]
    given = len(call.args) + len(call.kwargs)
    named_twice = [name for name in call.kwargs if name in parameters[: len(call.args)]]
    if unknown or named_twice or given != len(parameters):
        return f"{shown} ska skrivas {{{{ {wanted} }}}}."
    values = dict(zip(parameters, call.args, strict=False)) | call.kwargs
    for parameter, value in values.items():
        number = _number(value)
        if parameter == "year":
            if number not in [f.year for f in vocabulary.follow_ups]:
                return vocabulary.unknown_year(value, vocabulary_file)
        elif parameter == "area":
            known = [a.number for a in vocabulary.areas]
            if number not in known:
                areas = ", ".join(str(area) for area in known)
                return f"utvecklingsområde {value} finns inte. Tillåtna: {areas}."
    return None


_PARAMETER_EXAMPLES = {"year": "2021", "area": "1"}
_YEAR_FOLDER = re.compile(r"(?:^|/)(?P<year>\d{4})/(?:utvecklingsomrade-(?P<area>\d+)\.md)?")


def _call_elsewhere(call: BlockCall, shown_path: str) -> str | None:
    """A page in a year's folder shows that year (and an overview its own area): a copied call is caught."""
    place = _YEAR_FOLDER.search(shown_path)
    if place is None:
        return None
    values = dict(zip(BLOCKS[call.name], call.args, strict=False)) | call.kwargs
    if "year" in values and _number(values["year"]) != int(place["year"]):
        return (
            f"sidan ligger i mappen för {place['year']} men visar {values['year']}. "
            f"Skriv {place['year']} i anropet, till exempel {{{{ {call.name}({place['year']}, …) }}}}."
        )
    if place["area"] and "area" in values and _number(values["area"]) != int(place["area"]):
        return (
            f"sidan gäller utvecklingsområde {place['area']} men visar område {values['area']}. "
            f"Skriv {{{{ {call.name}({place['year']}, {place['area']}) }}}}."
        )
    return None


def _number(value: object) -> int | None:
    """A year or area as written: 2021 or "2021" (a quoted number is the number)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        return int(value.strip())
    return None


def _misplaced(measures: list[Measure], docs_dir: str) -> list[Problem]:
    """Pages whose number is taken by another page of the year, or does not match the file name.

    A page's file is named after its number (1.10 in `1-10.md`), so a number
    used twice shows up as a page whose number disagrees with its file name;
    saying which other page holds the number is the more useful message.
    """
    owners = {(m.year, m.id): m for m in measures if _in_place(m)}
    problems = []
    for measure in measures:
        if _in_place(measure):
            continue
        owner = owners.get((measure.year, measure.id))
        if owner is not None:
            message = (
                f"'{measure.id}' används redan i {docs_dir}/{owner.source} för {measure.year}. "
                "Varje åtgärd ska ha ett eget nummer."
            )
        else:
            message = (
                f"'{measure.id}' stämmer inte med filnamnet {measure.source.name}. Åtgärd "
                f"{measure.id} ska ligga i filen {_expected_source(measure).name}; byt namn på filen eller rätta "
                "numret."
            )
        problems.append(Problem(f"{docs_dir}/{measure.source}", measure.field_lines.get("id"), "id", message))
    return problems


def _in_place(measure: Measure) -> bool:
    # Compared as text: a path object made for each measure would cost more than the rest of the check.
    return str(measure.source) == layout.measure_page(measure.year, measure.id)


def _expected_source(measure: Measure) -> PurePosixPath:
    return PurePosixPath(layout.measure_page(measure.year, measure.id))


def _missing_area_pages(measures: list[Measure], pages: Collection[str], docs_dir: str) -> list[Problem]:
    """Every measure page links to its area's overview, so that page must exist.

    A year with no overview at all most likely got a page by mistake (copied
    into the wrong year's folder): that is said on the page itself.
    """
    problems = []
    years_with_overviews = {overview[0] for page in pages if (overview := layout.area_of_page(page))}
    for year in sorted({m.year for m in measures}):
        if year not in years_with_overviews:
            problems += [
                Problem(
                    f"{docs_dir}/{m.source}",
                    None,
                    None,
                    f"åtgärden ligger i mappen för {year}, men {year} har inga översiktssidor. Hör filen till ett "
                    f"annat år, flytta den dit; ska uppföljningen {year} börja, kör atgardsplan new-year {year}.",
                )
                for m in measures
                if m.year == year
            ]
            continue
        problems += [
            Problem(
                f"{docs_dir}/{layout.area_page(year, area)}",
                None,
                None,
                f"sidan saknas, men åtgärderna i utvecklingsområde {area} för {year} länkar till den. "
                "Kommandot atgardsplan new skapar den.",
            )
            for area in sorted({m.area for m in measures if m.year == year})
            if layout.area_page(year, area) not in pages
        ]
    return problems


def _unfinished_area_pages(markers: dict[str, dict[str, int]], docs_dir: str) -> list[Problem]:
    """Area overviews that still hold the placeholder the `new` command wrote."""
    return [
        Problem(
            f"{docs_dir}/{source}",
            lines[PLACEHOLDER],
            None,
            f"innehåller fortfarande platshållaren {PLACEHOLDER}; skriv texten.",
        )
        for source, lines in sorted(markers.items())
        if PLACEHOLDER in lines
    ]


def _pending_summaries(
    markers: dict[str, dict[str, int]], docs_dir: str, vocabulary: Vocabulary | None
) -> list[Problem]:
    """Area overviews of an adopted year that still say the summary is to be written (new-year wrote that)."""
    adopted = {f.year for f in vocabulary.follow_ups if f.is_adopted} if vocabulary else set()
    return [
        Problem(
            f"{docs_dir}/{source}",
            lines[SUMMARY_PENDING],
            None,
            f"uppföljningen {source.split('/')[0]} är fastställd, men sammanfattningen av året är inte "
            "skriven. Ersätt raden med uppföljningens text om utvecklingsområdet.",
        )
        for source, lines in sorted(markers.items())
        if SUMMARY_PENDING in lines and source.split("/")[0].isdigit() and int(source.split("/")[0]) in adopted
    ]


def pending_prose(pending: Mapping[int, int], vocabulary: Vocabulary) -> list[Problem]:
    """An adopted year's report prose that still says a section is to be written (new-year wrote that)."""
    return [
        Problem(
            layout.prose_file(year),
            line,
            None,
            f"uppföljningen {year} är fastställd, men rapportens text är inte skriven. Ersätt raden med texten.",
        )
        for year, line in sorted(pending.items())
        if vocabulary.is_adopted(year)
    ]


def stated_figures(
    measures: list[Measure],
    vocabulary: Vocabulary,
    vocabulary_file: str,
    docs_dir: str,
    root: Path | None = None,
    unread: Mapping[int, Collection[str]] | None = None,
) -> list[Problem]:
    """Where the figures counted from the pages of an adopted year differ from the figures its document states.

    Only adopted years are compared (an open year's figures are shown, not
    enforced), and only years with measure pages: a year known only from a
    later letter has nothing to count.

    `unread` are each year's measure pages that could not be read (their own
    problems are reported). While a year has some, only the differences that
    no reading of them can mend are reported (more than stated already, or
    too few even if every unread page counted), and the line says that they
    are not counted: a line for every figure they touch would bury the real
    problem.

    The lines name the pages that differ from the last commit (git), since
    one of them changed the figures; the official figures themselves are
    not the thing to edit. Without git, or with nothing changed, the line
    names the figure in the vocabulary file, with its line.
    """
    problems = []
    changed: set[str] | None = None
    unread = unread or {}
    for year in sorted({m.year for m in measures} | {year for year, pages in unread.items() if pages}):
        follow_up = vocabulary.follow_up(year)
        if follow_up is None or not follow_up.is_adopted:
            continue
        of_year = sorted((m for m in measures if m.year == year), key=lambda m: m.sort_key)
        not_read = sorted(unread.get(year, ()))
        differences = figure_differences(follow_up, of_year, vocabulary, not_read)
        if not differences:
            continue
        if changed is None:
            # Only here, where figures differ, is git asked (and its module, with subprocess, imported).
            from actionplan import gitdates

            changed = (gitdates.changed_files(root) if root is not None else None) or set()
        adopted = (
            f"uppföljningen {year} är fastställd ({follow_up.document}, {follow_up.adopted}) "
            "och dess siffror är de officiella"
        )
        edited = _edited(changed, year, of_year, docs_dir, vocabulary_file, follow_up)
        # Marking the year adopted (or its figures) is the edit when the
        # vocabulary changed too, and many edited pages are a year being
        # filled in: then the pages are not "changed back", and one summary
        # per difference says what does not add up.
        if edited and vocabulary_file not in changed and len(edited) <= MAX_NAMED_PAGES and not not_read:
            short = ", ".join(
                f"{difference.scope} {difference.label} {difference.computed} i stället för {difference.stated}"
                for difference in differences
            )
            for path, line, field in edited:
                problems.append(
                    Problem(
                        path,
                        line,
                        field,
                        f"{adopted}, men med ändringen blir {short}. Ändra tillbaka; ett fastställt år ändras "
                        "bara för att rätta något som blivit fel överfört från dokumentet.",
                    )
                )
            continue
        # The pages with problems of their own are not counted: the line says why it holds anyway.
        unread_pages = (
            "den åtgärdssida" if len(not_read) == 1 else f"de {len(not_read)} åtgärdssidor"
        ) + f" för {year} som har problem"
        for difference in differences:
            note = ""
            if difference.unread:
                more = difference.computed > difference.stated
                most = difference.computed + difference.unread
                note = f" redan utan {unread_pages}" if more else f", och högst {most} med {unread_pages}"
            if difference.label == MEASURES:
                # Every file counts here: whether each page reads is said on the page itself.
                pages = words.count(difference.computed + difference.unread, "åtgärdssida", "åtgärdssidor")
                field, line = f"{year}, measures", follow_up.lines.get("measures") or follow_up.lines.get("year")
                text = f"dokumentet anger {words.measures(difference.stated)}, men det finns {pages} för {year}"
            else:
                field, line = f"{year}, {difference.scope}", follow_up.figures_line(difference.area)
                text = (
                    f"status {difference.label}: dokumentet anger {difference.stated}, men åtgärdssidorna ger "
                    f"{difference.computed}{note} ({difference.ids})"
                )
            problems.append(Problem(vocabulary_file, line, field, f"{adopted}: {text}."))
    return problems


# More edited pages than this are reported as one summary per difference.
MAX_NAMED_PAGES = 5

# The label of the difference in the number of measures, rather than in a status.
MEASURES = "åtgärder"


@dataclass(frozen=True)
class FigureDifference:
    """One way the pages disagree with the stated figures: in `scope` (totalt, or an `area`), for a status `label`."""

    scope: str
    area: int | None
    label: str
    stated: int
    computed: int
    ids: str = ""
    unread: int = 0  # pages in the scope that could not be read (not counted)


def figure_differences(
    follow_up: FollowUp, of_year: list[Measure], vocabulary: Vocabulary, not_read: Collection[str] = ()
) -> list[FigureDifference]:
    """Each way the pages certainly disagree with the stated figures; `not_read` may still count for any status.

    An unread page's area is taken from its file name (`3-4.md` is in area 3),
    which is how pages are named; a page named otherwise may be in any area.
    """
    differences = []
    stated_count, counted, unknown = follow_up.measures, len(of_year), len(not_read)
    if stated_count is not None and (counted > stated_count or counted + unknown < stated_count):
        differences.append(FigureDifference("totalt", None, MEASURES, stated_count, counted, unread=unknown))
    if follow_up.stated is None:
        return differences
    scopes: list[tuple[str, int | None, dict[str, int], list[Measure], int]] = [
        ("totalt", None, follow_up.stated.total, of_year, len(not_read))
    ]
    scopes += [
        (
            f"utvecklingsområde {area}",
            area,
            stated,
            [m for m in of_year if m.area == area],
            sum(1 for source in not_read if _area_of_file(source) in (area, None)),
        )
        for area, stated in sorted(follow_up.stated.areas.items())
    ]
    for scope, area, stated, members, unknown in scopes:
        computed = tally.by_status(members, vocabulary)
        for status in vocabulary.statuses:
            count, wanted = computed[status.key], stated[status.key]
            if count > wanted or count + unknown < wanted:
                ids = ", ".join(m.id for m in members if m.status == status.key) or "inga"
                differences.append(FigureDifference(scope, area, status.label, wanted, count, ids, unknown))
    return differences


_MEASURE_FILE = re.compile(r"(?:^|/)(?P<area>[1-9][0-9]*)-[1-9][0-9]*\.md$")


def _area_of_file(source: str) -> int | None:
    match = _MEASURE_FILE.search(source)
    return int(match["area"]) if match else None


def _edited(
    changed: set[str], year: int, of_year: list[Measure], docs_dir: str, vocabulary_file: str, follow_up: FollowUp
) -> list[tuple[str, int | None, str | None]]:
    """(path, line, field) of the year's pages and the vocabulary file that differ from the last commit."""
    folder = f"{docs_dir}/{year}/{layout.MEASURES_FOLDER}/"
    by_path = {f"{docs_dir}/{m.source}": m for m in of_year}
    edited: list[tuple[str, int | None, str | None]] = []
    for path in sorted(changed):
        if path.startswith(folder) and path.endswith(".md"):
            measure = by_path.get(path)
            line = measure.field_lines.get("status") if measure else None
            edited.append((path, line, "status" if line else None))
    if vocabulary_file in changed:
        edited.append((vocabulary_file, follow_up.lines.get("year"), str(year)))
    return edited

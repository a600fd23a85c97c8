"""Load the whole plan once: the vocabulary, every measure page, and the checks across them."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path, PurePosixPath

from actionplan import frontmatter, layout, tally
from actionplan.measures import PLACEHOLDER, read_measure
from actionplan.model import Measure, Vocabulary
from actionplan.problems import Problem
from actionplan.vocabulary import load as load_vocabulary

VOCABULARY_FILE = "data/measures.yml"
DOCS_DIR = "docs"


@dataclass(frozen=True)
class Catalogue:
    """All measures of all follow-up years, in numeric order, with their vocabulary.

    Lookups are indexed once: every page of a build asks them, and a scan per
    page would make a build quadratic in the number of measures.
    """

    vocabulary: Vocabulary
    measures: tuple[Measure, ...]

    @cached_property
    def years(self) -> tuple[int, ...]:
        """The follow-up years that have measure pages."""
        return tuple(sorted({m.year for m in self.measures}))

    @cached_property
    def _by_group(self) -> dict[tuple[int, int | None], tuple[Measure, ...]]:
        groups: dict[tuple[int, int | None], list[Measure]] = {}
        for measure in self.measures:
            groups.setdefault((measure.year, None), []).append(measure)
            groups.setdefault((measure.year, measure.area), []).append(measure)
        return {key: tuple(members) for key, members in groups.items()}

    @cached_property
    def _by_source(self) -> dict[str, Measure]:
        return {str(m.source): m for m in self.measures}

    @cached_property
    def _place_in_area(self) -> dict[str, int]:
        return {
            str(m.source): index
            for (year, area), members in self._by_group.items()
            if area is not None
            for index, m in enumerate(members)
        }

    def of_year(self, year: int) -> tuple[Measure, ...]:
        return self._by_group.get((year, None), ())

    def of_area(self, year: int, area: int) -> tuple[Measure, ...]:
        return self._by_group.get((year, area), ())

    def by_source(self, source: str) -> Measure | None:
        return self._by_source.get(source)

    def neighbours(self, measure: Measure) -> tuple[Measure | None, Measure | None]:
        """The measures before and after this one in its area, in numeric order."""
        siblings = self.of_area(measure.year, measure.area)
        index = self._place_in_area[str(measure.source)]
        return (
            siblings[index - 1] if index > 0 else None,
            siblings[index + 1] if index + 1 < len(siblings) else None,
        )


def measure_files(docs: Path) -> list[Path]:
    """Every Markdown file in a `<year>/atgarder/` folder, however the year folder is named."""
    return sorted(docs.glob(f"*/{layout.MEASURES_FOLDER}/*.md"))


def load(
    root: Path, docs_dir: str = DOCS_DIR, vocabulary_file: str = VOCABULARY_FILE
) -> tuple[Catalogue | None, list[Problem]]:
    """Read and check everything; return the catalogue only when there are no problems.

    Paths in problems are relative to `root`, as an editor sees them in the
    repository.
    """
    vocabulary, problems = load_vocabulary(root / vocabulary_file, vocabulary_file)
    docs = root / docs_dir
    measures = []
    for path in measure_files(docs):
        source = PurePosixPath(path.relative_to(docs).as_posix())
        shown = f"{docs_dir}/{source}"
        matter, problem = frontmatter.read(path, shown)
        if problem:
            problems.append(problem)
            continue
        year = _year(source, shown, vocabulary, vocabulary_file, problems)
        if vocabulary is None or year is None:
            continue
        measure = read_measure(matter, source, year, shown, vocabulary, problems)
        if measure is not None:
            measures.append(measure)
    problems.extend(_misplaced(measures, docs_dir))
    problems.extend(_missing_area_pages(measures, docs, docs_dir))
    problems.extend(_unfinished_area_pages(docs, docs_dir))
    if problems:
        # Tallies are compared only when every page was read: with a page left
        # out, each figure it touches would disagree too and bury the real problem.
        return None, problems
    catalogue = Catalogue(vocabulary, tuple(sorted(measures, key=lambda m: m.sort_key)))
    problems = tally.disagreements(catalogue, vocabulary_file)
    return (None if problems else catalogue), problems


def _year(
    source: PurePosixPath, shown: str, vocabulary: Vocabulary | None, vocabulary_file: str, problems: list[Problem]
) -> int | None:
    folder = source.parts[0]
    if not (folder.isdigit() and len(folder) == 4):
        problems.append(
            Problem(shown, None, None, f"mappen '{folder}' ska vara ett uppföljningsår, till exempel 2021.")
        )
        return None
    year = int(folder)
    if vocabulary is not None and vocabulary.follow_up(year) is None:
        known = ", ".join(str(f.year) for f in vocabulary.follow_ups)
        problems.append(
            Problem(
                shown,
                None,
                None,
                f"uppföljningsåret {year} finns inte under follow_ups i {VOCABULARY_FILE}. Kända år: {known}.",
            )
        )
        return None
    return year


def _misplaced(measures: list[Measure], docs_dir: str) -> list[Problem]:
    """Pages whose number is taken by another page of the year, or does not match the file name.

    A page's file is named after its number (1.10 in `1-10.md`), so a number
    used twice shows up as a page whose number disagrees with its file name;
    saying which other page holds the number is the more useful message.
    """
    owners = {(m.year, m.id): m for m in measures if m.source == _expected_source(m)}
    problems = []
    for measure in measures:
        expected = _expected_source(measure)
        if measure.source == expected:
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
                f"{measure.id} ska ligga i filen {expected.name}; byt namn på filen eller rätta numret."
            )
        problems.append(Problem(f"{docs_dir}/{measure.source}", measure.field_lines.get("id"), "id", message))
    return problems


def _expected_source(measure: Measure) -> PurePosixPath:
    return PurePosixPath(layout.measure_page(measure.year, measure.id))


def _missing_area_pages(measures: list[Measure], docs: Path, docs_dir: str) -> list[Problem]:
    """Every measure page links to its area's overview, so that page must exist."""
    return [
        Problem(
            f"{docs_dir}/{layout.area_page(year, area)}",
            None,
            None,
            f"sidan saknas, men åtgärderna i utvecklingsområde {area} för {year} länkar till den. "
            "Kommandot atgardsplan new skapar den.",
        )
        for year, area in sorted({(m.year, m.area) for m in measures})
        if not (docs / layout.area_page(year, area)).is_file()
    ]


def _unfinished_area_pages(docs: Path, docs_dir: str) -> list[Problem]:
    """Area overviews that still hold the placeholder the `new` command wrote."""
    problems = []
    for path in sorted(docs.glob("*/utvecklingsomrade-*.md")):
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        line = next((number for number, text in enumerate(lines, start=1) if PLACEHOLDER in text), None)
        if line is not None:
            shown = f"{docs_dir}/{path.relative_to(docs).as_posix()}"
            problems.append(
                Problem(shown, line, None, f"innehåller fortfarande platshållaren {PLACEHOLDER}; skriv texten.")
            )
    return problems

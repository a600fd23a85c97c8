"""The whole way from the editors' files to a plan the pages can show: read, check, index.

    docs/ + data/  ->  load/  ->  validate/  ->  aggregate.Catalogue  ->  render/

Every caller (the site build, `atgardsplan check`, the scaffold) goes
through `load`, so that they all see exactly the same problems.
"""

from __future__ import annotations

from pathlib import Path

from actionplan import glue_loader, layout, settings, tally
from actionplan.aggregate.catalogue import Catalogue
from actionplan.load.files import scan_docs
from actionplan.load.pages import CallScanner, read_pages
from actionplan.load.plan import VOCABULARY_FILE, read_plan
from actionplan.load.prose_files import ReadProse, read_prose
from actionplan.load.site_facts import read_site_facts
from actionplan.model import Measure, Texts, Vocabulary
from actionplan.problems import Problem, Problems
from actionplan.validate import crosschecks, lineage, prose_figures

__all__ = ["VOCABULARY_FILE", "CallScanner", "load"]


def load(
    root: Path, docs_dir: str, scanner: CallScanner | None, vocabulary_file: str = VOCABULARY_FILE
) -> Catalogue | Problems:
    """The checked plan, or every problem that stops it; paths in problems are relative to `root`.

    `scanner` finds the block calls in hand-written pages (the glue's, since
    the call syntax is the template language's).
    """
    docs = root / docs_dir
    tree = scan_docs(docs, docs_dir)
    read = read_plan(root, docs_dir, tree.measure_files, vocabulary_file, site_files=tree.all_files)
    pages = read_pages(tree.page_files, docs, docs_dir, scanner, site_files=tree.all_files)
    prose = read_prose(root, read.known) if read.known is not None else ReadProse()
    facts, facts_problems = read_site_facts(root)
    problems = tree.problems + read.problems + pages.problems + prose.problems + facts_problems
    problems += crosschecks.page_problems(read.measures, pages.markers, tree.page_files, docs_dir, read.vocabulary)
    if read.vocabulary is None:
        problems += _waiting(read.known, tree.measure_files, vocabulary_file)
    else:
        problems += crosschecks.call_problems(pages.calls, read.vocabulary, vocabulary_file)
        problems += crosschecks.pending_prose(prose.pending, read.vocabulary)
        nav = settings.nav_pages(root / settings.CONFIG_FILE)
        if nav is not None:
            # A page already reported (a measure page in the wrong place) gets no second line.
            flagged = {problem.path for problem in problems}
            unflagged = [source for source in tree.page_files if f"{docs_dir}/{source}" not in flagged]
            problems += crosschecks.pages_out_of_reach(unflagged, docs_dir, nav, read.vocabulary)
        # Judged on the pages that read, in the same run as everything else: what an unread page
        # may change is said in the line, so that no problem waits for a second run unannounced.
        unread = _unread(tree.measure_files + tree.unreadable_measures, read.measures)
        problems += lineage.problems(read.measures, read.vocabulary, docs_dir, unread, read.continues_of_unread)
        problems += crosschecks.stated_figures(read.measures, read.vocabulary, vocabulary_file, docs_dir, root, unread)
        problems += _prose_figures(read.vocabulary, read.measures, prose.texts, unread)
    if problems or read.vocabulary is None:
        return Problems.of(problems)
    overviews = {area: text for source, text in pages.texts.items() if (area := layout.area_of_page(source))}
    texts = Texts(pages.texts, prose.texts, overviews, prose.pending)
    return Catalogue(read.vocabulary, tuple(sorted(read.measures, key=lambda m: m.sort_key)), texts, facts)


def _waiting(known: Vocabulary | None, measure_files: list[str], vocabulary_file: str) -> list[Problem]:
    """What waits for the vocabulary file to be fixed, said once rather than found in a second run."""
    if known is None:
        waiting = f"åtgärdssidorna ({len(measure_files)}) kontrolleras när filen går att läsa."
        return [Problem(vocabulary_file, None, None, waiting)] if measure_files else []
    waiting = (
        "när problemen i filen är rättade kontrolleras också sidornas makroanrop och menyer, continues och de "
        "angivna siffrorna."
    )
    return [Problem(vocabulary_file, None, None, waiting)]


def _unread(sources: list[str], measures: list[Measure]) -> dict[int, list[str]]:
    """{year: its measure pages (relative to the docs folder) that did not read cleanly}."""
    read = {str(m.source) for m in measures}
    unread: dict[int, list[str]] = {}
    for source in sources:
        folder = source.split("/", 1)[0]
        if source not in read and folder.isdigit() and len(folder) == 4:
            unread.setdefault(int(folder), []).append(source)
    return unread


def load_project(root: Path) -> Catalogue | Problems:
    """The project at `root` read exactly as `atgardsplan check` and the build read it.

    The docs folder is the generator's setting, and block calls are found by
    the project's own glue (`glue_loader`), so every command sees the pages as
    the build will.
    """
    return load(root, settings.docs_dir(root / settings.CONFIG_FILE), glue_loader.call_scanner(root))


def _prose_figures(
    vocabulary: Vocabulary, measures: list[Measure], prose: dict[int, str], unread: dict[int, list[str]]
) -> list[Problem]:
    """Figures the prose of an adopted year states about its statuses, against the pages' tally.

    An open year's prose may be written while statuses still come in, as its
    stated figures are shown but not enforced. A year whose pages do not all
    read, or do not give its stated figures, is left out: a page whose status
    changed also contradicts the prose, and the lines about the page name the
    cause.
    """
    problems: list[Problem] = []
    for year, text in sorted(prose.items()):
        follow_up = vocabulary.follow_up(year)
        of_year = [m for m in measures if m.year == year]
        if follow_up is None or not follow_up.is_adopted or not of_year or unread.get(year):
            continue
        if crosschecks.figure_differences(follow_up, of_year, vocabulary):
            continue
        counts = tally.by_status(of_year, vocabulary, year)
        problems += prose_figures.problems(text, layout.prose_file(year), counts, vocabulary.statuses, str(year))
    return problems

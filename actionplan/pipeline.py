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
from actionplan.load.prose_files import read_prose
from actionplan.load.site_facts import read_site_facts
from actionplan.model import Texts
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
    prose, prose_problems = read_prose(root, read.vocabulary) if read.vocabulary is not None else ({}, [])
    facts, facts_problems = read_site_facts(root)
    problems = tree.problems + read.problems + pages.problems + prose_problems + facts_problems
    problems += crosschecks.page_problems(read.measures, pages.markers, tree.page_files, docs_dir, read.vocabulary)
    if read.vocabulary is not None:
        problems += crosschecks.call_problems(pages.calls, read.vocabulary, vocabulary_file)
        nav = settings.nav_pages(root / settings.CONFIG_FILE)
        if nav is not None:
            # A page already reported (a measure page in the wrong place) gets no second line.
            flagged = {problem.path for problem in problems}
            unflagged = [source for source in tree.page_files if f"{docs_dir}/{source}" not in flagged]
            problems += crosschecks.pages_out_of_reach(unflagged, docs_dir, nav, read.vocabulary)
    if problems or read.vocabulary is None:
        return Problems.of(problems)
    problems = lineage.problems(read.measures, read.vocabulary, docs_dir)
    problems += crosschecks.stated_figures(read.measures, read.vocabulary, vocabulary_file, docs_dir, root)
    overviews = {area: text for source, text in pages.texts.items() if (area := layout.area_of_page(source))}
    texts = Texts(pages.texts, prose, overviews)
    catalogue = Catalogue(read.vocabulary, tuple(sorted(read.measures, key=lambda m: m.sort_key)), texts, facts)
    if problems:
        # A page whose status changed also contradicts the prose: the lines above name the page, the cause.
        return Problems.of(problems)
    figures = _prose_figures(catalogue)
    return Problems.of(figures) if figures else catalogue


def load_project(root: Path) -> Catalogue | Problems:
    """The project at `root` read exactly as `atgardsplan check` and the build read it.

    The docs folder is the generator's setting, and block calls are found by
    the project's own glue (`glue_loader`), so every command sees the pages as
    the build will.
    """
    return load(root, settings.docs_dir(root / settings.CONFIG_FILE), glue_loader.call_scanner(root))


def _prose_figures(catalogue: Catalogue) -> list[Problem]:
    """Figures the prose of an adopted year states about its statuses, against the pages' tally.

    An open year's prose may be written while statuses still come in, as its
    stated figures are shown but not enforced.
    """
    problems: list[Problem] = []
    vocabulary = catalogue.vocabulary
    for year in catalogue.years:
        text = catalogue.texts.prose.get(year)
        if text is None or not vocabulary.is_adopted(year):
            continue
        counts = tally.by_status(catalogue.of_year(year), vocabulary, year)
        problems += prose_figures.problems(text, layout.prose_file(year), counts, vocabulary.statuses, str(year))
    return problems

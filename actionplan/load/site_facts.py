"""Read what the site says about itself: whose it is, whom to ask, and how accessible it was found to be.

Two files, both optional, both read once per build:

- `data/webbplats.yml` (`SITE_FILE`): the organisation, the plan and its
  diarienummer, and what only the municipality knows (a contact, how soon it
  answers, when it last reviewed the accessibility statement, what it knows
  is not accessible). A field left empty is shown as missing on the site,
  never made up.
- `data/tillganglighetstest.json` (`RESULTS_FILE`): the figures of the last
  complete run of the accessibility tests (`tests/test_accessibility.py`
  writes it), which the accessibility statement shows with their date.

A file that is there but wrong (a YAML or JSON error, an unknown field, a
date that is no date) is a problem like any other, with file, line and field.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import yaml

from actionplan.layout import RESULTS_FILE, SITE_FILE
from actionplan.load import frontmatter, yamlsource
from actionplan.load.yamlsource import MappingReader
from actionplan.model import AxeRun, SiteFacts, TestResults
from actionplan.problems import Problem

# Either file is a few kilobytes; anything much larger is not what it should be.
MAX_BYTES = 256 * 1024

_FIELDS = ["organisation", "plan", "diarienummer", "contact", "accessibility"]
_CONTACT_FIELDS = ["name", "email", "phone"]
_ACCESSIBILITY_FIELDS = ["response_time", "reviewed", "known_issues"]
_EMAIL = re.compile(r"^[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def read_site_facts(root: Path) -> tuple[SiteFacts, list[Problem]]:
    """Both files of the project at `root`; the facts are whole only when there are no problems."""
    problems: list[Problem] = []
    facts = SiteFacts()
    site = _text(root / SITE_FILE, SITE_FILE, problems)
    if site is not None:
        facts = _site_facts(site, problems)
    results = _text(root / RESULTS_FILE, RESULTS_FILE, problems)
    if results is not None:
        facts = replace(facts, results=_results(results, problems))
    return facts, problems


def _text(path: Path, shown: str, problems: list[Problem]) -> str | None:
    """The file's text, or None when it is absent (then its facts are missing) or unreadable (a problem)."""
    if path.is_symlink():
        problems.append(
            Problem(shown, None, None, "är en symbolisk länk; filen ska ligga i projektet som en vanlig fil.")
        )
        return None
    if not path.exists():
        return None
    if not path.is_file():
        problems.append(Problem(shown, None, None, "är ingen vanlig fil."))
        return None
    with path.open("rb") as file:
        data = file.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        problems.append(
            Problem(shown, None, None, f"filen är större än {MAX_BYTES // 1024} kB; så stor ska den inte vara.")
        )
        return None
    text, problem = frontmatter.decode(data, shown)
    if problem is not None:
        problems.append(problem)
    return text


def _site_facts(text: str, problems: list[Problem]) -> SiteFacts:
    document = yamlsource.parse(text, SITE_FILE)
    if document.problem is not None:
        problems.append(document.problem)
        return SiteFacts()
    if document.root is None or yamlsource.is_null(document.root):
        return SiteFacts()
    if not isinstance(document.root, yaml.MappingNode):
        problems.append(Problem(SITE_FILE, 1, None, "filen ska bestå av fälten " + ", ".join(_FIELDS) + "."))
        return SiteFacts()
    root = MappingReader(document.root, SITE_FILE, problems, lines=text.split("\n"))
    root.unknown(_FIELDS)
    facts = SiteFacts(
        organisation=root.text("organisation", required=False, free=True) or None,
        plan=root.text("plan", required=False, free=True) or None,
        diarienummer=root.text("diarienummer", required=False, free=True) or None,
    )
    contact = root.mapping("contact", required=False)
    if contact is not None:
        contact.unknown(_CONTACT_FIELDS)
        email = (contact.text("email", required=False) or "").strip() or None
        if email is not None and not _EMAIL.match(email):
            contact.add("email", f"'{email}' är ingen e-postadress (namn@exempel.se).")
        facts = replace(
            facts,
            contact_name=contact.text("name", required=False, free=True) or None,
            email=email,
            # A number written without quotes is read as a number by YAML: taken as written.
            phone=contact.text("phone", required=False, accept=(yamlsource.INT_TAG,)) or None,
        )
    accessibility = root.mapping("accessibility", required=False)
    if accessibility is not None:
        accessibility.unknown(_ACCESSIBILITY_FIELDS)
        reviewed = accessibility.text("reviewed", required=False, accept=(yamlsource.TIMESTAMP_TAG,)) or None
        day = _day(reviewed) if reviewed is not None else None
        if reviewed is not None and day is None:
            accessibility.add("reviewed", f"'{reviewed}' är inget datum på formen ÅÅÅÅ-MM-DD.")
        issues = accessibility.texts("known_issues", required=False) or []
        facts = replace(
            facts,
            response_time=accessibility.text("response_time", required=False, free=True) or None,
            reviewed=day,
            known_issues=tuple(text for text, _ in issues),
        )
    return facts


def _day(text: str) -> date | None:
    if not _DATE.match(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _results(text: str, problems: list[Problem]) -> TestResults | None:
    """The tests' results file, checked for the shape the tests write; anything else is reported, not guessed."""

    def wrong(message: str, line: int | None = None) -> None:
        problems.append(
            Problem(
                RESULTS_FILE,
                line,
                None,
                f"{message} Filen skrivs av testerna (bash scripts/test); skriv den inte för hand.",
            )
        )

    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        wrong(f"filen går inte att läsa som JSON ({error.msg}).", error.lineno)
        return None
    try:
        day = _day(data["date"]) if isinstance(data["date"], str) else None
        runs = tuple(
            AxeRun(str(run["kind"]), str(run["url"]), _count(run["width"]), _count(run["violations"]))
            for run in data["axe"]
        )
        reflow = data["reflow"]
        results = TestResults(
            day,  # type: ignore[arg-type]
            str(data["axe_core"]),
            str(data["browser"]),
            runs,
            _count(reflow["width"]),
            _count(reflow["pages"]),
            _count(reflow["failures"]),
        )
    except (KeyError, TypeError, ValueError) as error:
        wrong(f"filen har inte den form testerna skriver ({type(error).__name__}: {error}).")
        return None
    if day is None:
        wrong("fältet date är inget datum på formen ÅÅÅÅ-MM-DD.")
        return None
    return results


def _count(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(f"{value!r} är inget antal")
    return value

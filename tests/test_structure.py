"""The package stays free of the site generator: a move to another generator touches only the glue."""

from __future__ import annotations

import ast
import re

import pytest
from helpers import PROJECT

PACKAGE = PROJECT / "actionplan"
GENERATOR_MODULES = ("mkdocs", "markdown", "material", "mkdocs_macros", "pymdownx", "jinja2")
# Material's class names (md-button, md-nav…), its search attribute, and mkdocs-macros calls.
THEME_OR_MACRO_SYNTAX = re.compile(r"\bmd-[a-z]|data-search-exclude|\{\{\s*\w+\(|\{%")


def package_files():
    return sorted(PACKAGE.rglob("*.py"))


def imported_modules(path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", package_files(), ids=lambda p: p.relative_to(PROJECT).as_posix())
def test_package_imports_nothing_of_the_generator(path):
    generator = {m for m in imported_modules(path) if m.split(".")[0] in GENERATOR_MODULES}
    assert not generator


@pytest.mark.parametrize("path", package_files(), ids=lambda p: p.relative_to(PROJECT).as_posix())
def test_package_holds_no_theme_names_or_macro_syntax(path):
    assert not THEME_OR_MACRO_SYNTAX.findall(path.read_text(encoding="utf-8"))


def test_the_scan_would_see_a_generator_import_and_theme_name(tmp_path):
    # The two checks above must be able to fail.
    probe = tmp_path / "probe.py"
    probe.write_text("from mkdocs.plugins import event_priority\nX = '<a class=\"md-button\">'\n", encoding="utf-8")
    assert "mkdocs.plugins" in imported_modules(probe)
    assert THEME_OR_MACRO_SYNTAX.findall(probe.read_text(encoding="utf-8"))


LAYERS = ["load", "validate", "aggregate", "render"]


@pytest.mark.parametrize("layer", LAYERS)
def test_layers_only_import_downwards(layer):
    # docs -> load -> validate -> aggregate -> render: a layer never imports a later one.
    later = LAYERS[LAYERS.index(layer) + 1 :] + ["site", "pipeline", "cli", "scaffold"]
    for path in (PACKAGE / layer).glob("*.py"):
        for module in imported_modules(path):
            parts = module.split(".")
            assert not (parts[0] == "actionplan" and len(parts) > 1 and parts[1] in later), (path.name, module)


def test_a_lookup_of_an_unknown_key_raises_a_named_error():
    from helpers import FIXTURE_VOCABULARY

    from actionplan.load import vocabulary
    from actionplan.model import UnknownKey

    words, _ = vocabulary.load(FIXTURE_VOCABULARY, "data/measures.yml")
    assert words.status("pagar").label == "Pågår"
    with pytest.raises(UnknownKey, match="unknown status: 'klar'"):
        words.status("klar")
    with pytest.raises(UnknownKey):
        words.area(9)


def test_check_and_build_read_the_docs_folder_from_the_same_setting(tmp_path, capsys):
    from helpers import copy_project, mkdocs_build

    from actionplan.cli import main

    project = copy_project(tmp_path / "project")
    (project / "docs").rename(project / "innehall")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("docs_dir: docs", 'docs_dir: "innehall"'), "utf-8")
    page = project / "innehall/2021/atgarder/1-4.md"
    page.write_text(page.read_text(encoding="utf-8").replace("status: genomford", "status: Klar"), "utf-8")
    assert main(["--root", str(project), "check"]) == 1
    line = "innehall/2021/atgarder/1-4.md:8: status: 'Klar' är inte ett giltigt värde."
    assert line in capsys.readouterr().err
    result = mkdocs_build(project, project / "site")
    assert result.returncode != 0 and line in result.stdout + result.stderr

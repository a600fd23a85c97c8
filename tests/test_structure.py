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


# The package's layers, lowest first. A module may import its own layer and those below it, never one
# above: files are read, checked, indexed, rendered; the build's site sits on top of that, the commands
# that write the editors' files and publish above it, the command line at the top. So the build
# (`site`, and the glue through it) imports no editing command.
LAYERS: list[tuple[str, set[str]]] = [
    (
        "base",
        {
            "model",
            "fields",
            "problems",
            "blocks",
            "layout",
            "words",
            "dates",
            "icon_shapes",
            "gitdates",
            "tally",
            "child_processes",
        },
    ),
    ("load", {"load", "settings"}),
    ("validate", {"validate"}),
    ("aggregate", {"aggregate"}),
    ("render", {"render"}),
    ("documents", {"exports", "report"}),
    ("site", {"pipeline", "glue_loader", "site"}),
    ("editing", {"editing"}),
    ("publishing", {"publishing"}),
    ("commands", {"commands", "__main__", "__init__"}),
]


def layer_of(module: str) -> int | None:
    """The layer of `actionplan.x...` (by its first part under the package), None outside the package."""
    parts = module.split(".")
    if parts[0] != "actionplan":
        return None
    if len(parts) == 1:
        return len(LAYERS) - 1
    for rank, (_, members) in enumerate(LAYERS):
        if parts[1] in members:
            return rank
    raise AssertionError(f"{module} is in no layer: add it to LAYERS")


def package_modules(path, project=PROJECT) -> set[str]:
    """Every module of the package a file imports, in any form: `import a.b`, `from a import b`, relative."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ".".join(path.relative_to(project).with_suffix("").parts[:-1])
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # `from actionplan import site` imports actionplan.site: each name may be a module.
            names |= {f"{base}.{alias.name}" for alias in node.names} if base.count(".") < 1 else {base}
            names.add(base)
        elif _is_import_module_call(node):
            names.add(node.args[0].value)
    return {name for name in names if name.split(".")[0] == "actionplan" and name != "actionplan"}


def _is_import_module_call(node) -> bool:
    """`importlib.import_module("actionplan.x")` with the name written out."""
    if not (isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "import_module" and node.args):
        return False
    return isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)


def own_layer(path, project=PROJECT) -> int:
    return layer_of(".".join(path.relative_to(project).with_suffix("").parts)) or 0


def upward_imports(path, project=PROJECT) -> list[str]:
    mine = own_layer(path, project)
    return [module for module in sorted(package_modules(path, project)) if (layer_of(module) or 0) > mine]


@pytest.mark.parametrize("path", package_files(), ids=lambda p: p.relative_to(PROJECT).as_posix())
def test_every_module_imports_only_its_own_layer_and_those_below(path):
    assert not upward_imports(path), f"{LAYERS[own_layer(path)][0]} imports a layer above it"


@pytest.mark.parametrize(
    "statement",
    [
        "from actionplan import site",
        "import actionplan.site",
        "from actionplan.site import Site",
        "from .. import site",
        "from ..editing import new_year",
        "import importlib; importlib.import_module('actionplan.commands.cli')",
        "def f():\n    from actionplan.publishing import publish_site",
    ],
)
def test_the_layer_check_sees_an_upward_import_in_any_form(tmp_path, statement):
    """A planted upward import in a render module fails the check, whatever its form."""
    planted = tmp_path / "actionplan" / "render" / "probe.py"
    planted.parent.mkdir(parents=True)
    planted.write_text(statement + "\n", encoding="utf-8")
    assert upward_imports(planted, tmp_path)
    planted.write_text("from actionplan import tally\nfrom . import html_fragments\n", encoding="utf-8")
    assert not upward_imports(planted, tmp_path)


def test_the_glue_imports_no_editing_command_or_command_line():
    """The build runs the glue; it must not depend on what writes the editors' files."""
    for path in [*sorted((PROJECT / "glue").rglob("*.py")), PROJECT / "hooks.py", PROJECT / "macros.py"]:
        for module in package_modules(path):
            assert module.split(".")[1] not in ("editing", "commands"), (path.name, module)


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


@pytest.mark.build
def test_check_and_build_read_the_docs_folder_from_the_same_setting(tmp_path, capsys):
    from helpers import copy_project, mkdocs_build

    from actionplan.commands.cli import main

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


def test_the_macros_are_exactly_the_blocks_the_check_knows():
    """One list of page blocks (blocks.BLOCKS): macros.py registers from it, MacroCalls answers each, no more."""
    import inspect

    from actionplan.blocks import BLOCKS
    from glue.build import MacroCalls

    offered = {name for name, _ in inspect.getmembers(MacroCalls, inspect.isfunction) if not name.startswith("_")}
    assert offered == set(BLOCKS)
    for name, parameters in BLOCKS.items():
        signature = inspect.signature(getattr(MacroCalls, name))
        assert tuple(signature.parameters)[1:] == parameters, name

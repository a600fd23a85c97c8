"""The site generator's settings that the package needs, read the same way by the build and the commands.

Read as YAML nodes: the configuration may hold tags such as `!ENV` that
only the generator knows, and composing never runs them.
"""

from __future__ import annotations

import functools
from pathlib import Path

import yaml

from actionplan.load import yamlsource

CONFIG_FILE = "mkdocs.yml"
DEFAULT_DOCS_DIR = "docs"
DEFAULT_SITE_DIR = "site"


def docs_dir(config_file: Path) -> str:
    """The docs folder the configuration names, relative to its folder (default `docs`)."""
    return _folder(config_file, "docs_dir", DEFAULT_DOCS_DIR)


def site_dir(config_file: Path) -> str:
    """The folder a plain build writes to, as the configuration names it (default `site`)."""
    return _folder(config_file, "site_dir", DEFAULT_SITE_DIR)


def _folder(config_file: Path, key_name: str, default: str) -> str:
    root = _configuration(config_file)
    if root is None:
        return default
    for key, node in root.value:
        if key.value == key_name and isinstance(node, yaml.ScalarNode) and node.value.strip():
            return str(node.value).strip().rstrip("/")
    return default


def nav_pages(config_file: Path) -> frozenset[str] | None:
    """The pages the configuration's `nav` lists (relative to the docs folder), or None without a `nav`.

    Without a `nav` the generator lists every page itself, and no page can
    be left out of the menu.
    """
    root = _configuration(config_file)
    if root is None:
        return None
    for key, node in root.value:
        if key.value == "nav":
            return frozenset(_pages_in(node))
    return None


def _pages_in(node: yaml.Node) -> list[str]:
    if isinstance(node, yaml.ScalarNode):
        return [str(node.value)] if str(node.value).endswith(".md") else []
    if isinstance(node, yaml.SequenceNode):
        return [page for item in node.value for page in _pages_in(item)]
    if isinstance(node, yaml.MappingNode):
        return [page for _, value in node.value for page in _pages_in(value)]
    return []


def _configuration(config_file: Path) -> yaml.MappingNode | None:
    """The configuration's top-level mapping, or None when it cannot be read (the generator then says why)."""
    try:
        text = config_file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    return _parsed(text, config_file.name)


# The docs folder and the nav are asked for separately (by the command or the
# build, then by the load), of the same text: it is composed once (its nodes
# are only read). Keyed by the text, so that an edited configuration is always
# read anew.
@functools.lru_cache(maxsize=4)
def _parsed(text: str, name: str) -> yaml.MappingNode | None:
    document = yamlsource.parse(text, name)
    return document.root if isinstance(document.root, yaml.MappingNode) else None

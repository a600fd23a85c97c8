"""The site generator's settings that the package needs, read the same way by the build and the commands.

Read as YAML nodes: the configuration may hold tags such as `!ENV` that
only the generator knows, and composing never runs them.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from actionplan.load import yamlsource

CONFIG_FILE = "mkdocs.yml"
DEFAULT_DOCS_DIR = "docs"


def docs_dir(config_file: Path) -> str:
    """The docs folder the configuration names, relative to its folder (default `docs`)."""
    try:
        text = config_file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return DEFAULT_DOCS_DIR
    document = yamlsource.parse(text, config_file.name)
    if not isinstance(document.root, yaml.MappingNode):
        return DEFAULT_DOCS_DIR
    for key, node in document.root.value:
        if key.value == "docs_dir" and isinstance(node, yaml.ScalarNode) and node.value.strip():
            return str(node.value).strip().rstrip("/")
    return DEFAULT_DOCS_DIR

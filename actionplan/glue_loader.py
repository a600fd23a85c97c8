"""What the commands take from the project's glue: how to find block calls in a page, where page templates are.

`atgardsplan check` must read the pages exactly as the build will, and the
call syntax belongs to the generator's template language, so it lives in
`glue/page_calls.py` (plain Python, no generator imports). It is loaded
here by path, so that the package imports nothing from the glue.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from actionplan.load.pages import CallScanner

SCANNER_FILE = "glue/page_calls.py"
# The pages with macro calls that the scaffold and new-year write (the glue's, since the calls are).
PAGE_TEMPLATES = "glue/page_templates"


def call_scanner(root: Path) -> CallScanner | None:
    """The project's scanner, or None where the project has no glue (then calls are not checked)."""
    path = root / SCANNER_FILE
    if not path.is_file():
        return None
    name = "_actionplan_project_page_calls"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    scan: CallScanner = module.scan
    return scan

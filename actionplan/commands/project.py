"""The project as every command reads it, with its problems printed in one place."""

from __future__ import annotations

import sys
from pathlib import Path

from actionplan import pipeline
from actionplan.aggregate.catalogue import Catalogue
from actionplan.problems import Problems


def load_checked(root: Path, then: str | None = None) -> Catalogue | None:
    """The checked plan, exactly as `atgardsplan check` and the build load it, or None once its problems are printed.

    `then` is a line printed after the problems: what the editor should do next.
    """
    loaded = pipeline.load_project(root)
    if isinstance(loaded, Problems):
        print(loaded.report(), file=sys.stderr)
        if then:
            print(then, file=sys.stderr)
        return None
    return loaded

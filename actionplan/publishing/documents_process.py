"""Every year's report documents of a project, written by a process of its own while the site is built.

`python -m actionplan.publishing.documents_process ROOT FOLDER` writes every
year's documents of the project at ROOT into FOLDER, laid out as in the
built site: `atgardsplan publish` runs it while the site is being built.

A refusal, or content with problems, is printed in Swedish with exit status
1 (`REFUSED`); anything else fails with its traceback, of which the publish
shows one line (publishing.build_output: the operating system's error in
Swedish, or the traceback's last line).
"""

from __future__ import annotations

import sys
from pathlib import Path

from actionplan import pipeline
from actionplan.problems import Problems
from actionplan.report.documents import DocumentRefused
from actionplan.report.pdf_worker import REFUSED
from actionplan.report.site_report import write_documents


def main(argv: list[str]) -> int:
    root, folder = (Path(argument) for argument in argv)
    loaded = pipeline.load_project(root)
    if isinstance(loaded, Problems):
        print(loaded.report(), file=sys.stderr)
        return REFUSED
    try:
        write_documents(loaded, folder)
    except DocumentRefused as refusal:
        print(refusal, file=sys.stderr)
        return REFUSED
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

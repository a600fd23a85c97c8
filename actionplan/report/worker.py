"""The report's documents written in processes of their own.

`python -m actionplan.report.worker` writes one document: `publish.write_documents`
starts one per PDF, so that the PDFs of several years are printed on all cores
at once. The job comes on standard input as the pickled (Report, format,
output path) from that parent, never from anywhere else.

`python -m actionplan.report.worker ROOT FOLDER` writes every year's documents
of the project at ROOT into FOLDER, laid out as in the built site:
`atgardsplan publish` runs it while the site is being built.

A refusal, or content with problems, is printed in Swedish with exit status 1;
anything else fails with its traceback.
"""

from __future__ import annotations

import pickle
import sys
from pathlib import Path

from actionplan.report.documents import DocumentRefused, write_report

REFUSED = 1


def main(argv: list[str]) -> int:
    try:
        if argv:
            root, folder = (Path(argument) for argument in argv)
            return _all_documents(root, folder)
        report, kind, output = pickle.load(sys.stdin.buffer)
        write_report(report, kind, output)
    except DocumentRefused as refusal:
        print(refusal, file=sys.stderr)
        return REFUSED
    return 0


def _all_documents(root: Path, folder: Path) -> int:
    # Imported here: a single document's worker needs none of the loading.
    from actionplan import adapter, pipeline, settings
    from actionplan.problems import Problems
    from actionplan.report.publish import write_documents

    # Read as `atgardsplan check` and the build read the project.
    docs_dir = settings.docs_dir(root / settings.CONFIG_FILE)
    loaded = pipeline.load(root, docs_dir, adapter.call_scanner(root))
    if isinstance(loaded, Problems):
        print(loaded.report(), file=sys.stderr)
        return REFUSED
    write_documents(loaded, root, root / docs_dir, folder)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

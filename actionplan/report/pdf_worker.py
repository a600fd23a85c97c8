"""One report document written in a process of its own.

`python -m actionplan.report.pdf_worker` writes one document:
`site_report.write_documents` starts one per PDF, so that the PDFs of several
years are printed on all cores at once. The job comes on standard input as
the pickled (Report, format, output path) from that parent, never from
anywhere else.

A refusal is printed in Swedish with exit status 1; anything else fails with
its traceback.
"""

from __future__ import annotations

import pickle
import sys

from actionplan.report.documents import DocumentRefused, write_report

REFUSED = 1


def main() -> int:
    report, kind, output = pickle.load(sys.stdin.buffer)
    try:
        write_report(report, kind, output)
    except DocumentRefused as refusal:
        print(refusal, file=sys.stderr)
        return REFUSED
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""What an interrupted command had left, put back when the next one took the write lock: said on stderr."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from actionplan.editing.file_transaction import Writer


def say_recovered(writer: Writer) -> None:
    for recovery in writer.recovered:
        print(recovery.message(), file=sys.stderr)

"""SIGTERM, SIGINT and SIGHUP stop a publish the way a failure does: children ended, scratch removed, one line.

Left to their defaults these signals end the process at once, with its
build half-written and its children running on. Inside `signals_interrupt()`
the first of them raises `Interrupted` in the main thread instead, so that
the publish's own clean-up runs (its `finally` and `except` blocks); any
further signal waits, so that the clean-up is not cut short in turn.
Inside `signals_held()` (a child being started) a signal is raised only
once the block is done, so that the child is known and can be ended.
Inside `uninterrupted()` (the switch of DIR, which must happen wholly or
not at all) a signal is ignored: the step takes a moment, and the command
then ends as it left things and says so (published, or rolled back).
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)


class Interrupted(BaseException):
    """A signal asked the publish to stop. A BaseException, so that no `except Exception` swallows it."""

    def __init__(self, number: int) -> None:
        self.name = signal.Signals(number).name
        super().__init__(self.name)


class _State:
    waiting = False  # a signal now changes nothing (but is kept in `held` while signals_held)
    holding = False
    held: int | None = None


@contextmanager
def signals_interrupt() -> Iterator[None]:
    """While inside, the first of SIGNALS raises Interrupted (only in the main thread, as Python allows)."""
    previous = {number: signal.signal(number, _received) for number in SIGNALS}
    _State.waiting = False
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


@contextmanager
def uninterrupted() -> Iterator[None]:
    """A step that must not be cut in two: a signal meanwhile is ignored."""
    waiting = _State.waiting
    _State.waiting = True
    try:
        yield
    finally:
        _State.waiting = waiting


@contextmanager
def signals_held() -> Iterator[None]:
    """A step that must end before a signal is raised (starting a child, so that it is known to be ended).

    A signal meanwhile is raised as Interrupted once the block is done.
    """
    if _State.waiting:  # already stopping, or uninterrupted: nothing to hold
        yield
        return
    _State.waiting, _State.holding, _State.held = True, True, None
    try:
        yield
    finally:
        _State.waiting, _State.holding = False, False
    number, _State.held = _State.held, None
    if number is not None:
        _State.waiting = True
        raise Interrupted(number)


def _received(number: int, frame: FrameType | None) -> None:
    if _State.waiting:
        if _State.holding:
            _State.held = _State.held or number
        return
    _State.waiting = True  # the clean-up that follows is not interrupted in turn
    raise Interrupted(number)

"""The figure in force on a date: the latest entry that has started by then.

Facts change on known dates (rates from each April, say). Each dated entry
has an `effective_from`; this picks the one in force. It never falls back to
an entry that has not started yet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Protocol, TypeVar


class Dated(Protocol):
    @property
    def effective_from(self) -> dt.date: ...


D = TypeVar("D", bound=Dated)


def in_force(entries: Iterable[D], on: dt.date) -> D | None:
    started = [e for e in entries if e.effective_from <= on]
    return max(started, key=lambda e: e.effective_from) if started else None

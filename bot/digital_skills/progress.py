"""Distance travelled (issue 19): a skills profile against the one from the claimant's
last check, area by area. Rules only; the words are in replies.py.

A level counts up from "needs full support" to "needs some help" to "confident". An area
not assessed either time has no change to report, and is left out."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from bot.digital_skills.scoring import CONFIDENT, FULL_SUPPORT, NOT_ASSESSED, SOME_HELP

BETTER, SAME, WORSE = "better", "same", "worse"
_RANK = {FULL_SUPPORT: 0, SOME_HELP: 1, CONFIDENT: 2}


@dataclass(frozen=True)
class Change:
    area: str
    before: str
    now: str

    @property
    def direction(self) -> str:
        step = _RANK[self.now] - _RANK[self.before]
        return BETTER if step > 0 else WORSE if step < 0 else SAME


def compare(before: Mapping[str, str], now: Mapping[str, str], areas: tuple[str, ...]) -> list[Change]:
    """Each area assessed both times, in the bank's order."""
    return [
        Change(area, before[area], now[area])
        for area in areas
        if before.get(area) in _RANK and now.get(area) in _RANK and NOT_ASSESSED not in (before[area], now[area])
    ]

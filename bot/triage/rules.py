"""Which flags a skills check raises, and which flags need a person to look.

The rules are written out in bot/triage/flags.py's docstring.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from bot.digital_skills.facts import QuestionBank
from bot.digital_skills.scoring import ESSENTIAL_AREAS, FULL_SUPPORT, NOT_ASSESSED, SOME_HELP, Assessment
from bot.triage.flags import (
    ACCESSIBILITY,
    DATA_POVERTY,
    DIGITAL_SUPPORT,
    FLAG_LABELS,
    LONGER_APPOINTMENT,
    SPECIALIST,
    URGENT,
    Flag,
)

# Flags that mean a person should look, whatever else happens.
NEEDS_A_PERSON = (URGENT, LONGER_APPOINTMENT, SPECIALIST)


def _sentence(reason: str) -> str:
    return reason[:1].upper() + reason[1:]


def digital_flags(bank: QuestionBank, assessment: Assessment) -> list[Flag]:
    flags: list[Flag] = []

    longer = [f"cannot yet {q.task}, {q.why}" for q in assessment.cannot_yet if q.area in ESSENTIAL_AREAS]
    if assessment.overall == FULL_SUPPORT and not longer:
        weak = [bank.area(a).describe for a, level in assessment.profile.items() if level == FULL_SUPPORT]  # type: ignore[union-attr]
        longer.append("needs full support with " + " and ".join(weak))
    if longer:
        flags.append(Flag(LONGER_APPOINTMENT, tuple(_sentence(r) for r in longer)))

    support = []
    for area in bank.areas:
        level = assessment.profile.get(area.id, NOT_ASSESSED)
        if level in (SOME_HELP, FULL_SUPPORT):
            tasks = [q.task for q in (*assessment.cannot_yet, *assessment.needs_help) if q.area == area.id]
            words = "needs full support" if level == FULL_SUPPORT else "needs some help"
            support.append(f"{words} with {area.describe} ({'; '.join(t for t in tasks if t)})")
    if support:
        flags.append(Flag(DIGITAL_SUPPORT, tuple(_sentence(r) for r in support)))

    for code in (ACCESSIBILITY, DATA_POVERTY):
        reasons = []
        for question in bank.questions:
            picked = assessment.answers.get(question.id)
            picked = picked if isinstance(picked, list | tuple) else [picked]
            reasons += [c.reason for c in question.choices if c.flag == code and c.id in picked and c.reason]
        if reasons:
            flags.append(Flag(code, tuple(_sentence(r) for r in reasons)))
    return flags


def flags_needing_a_person(before: Iterable[Any] | None, after: Iterable[Any] | None) -> list[str]:
    """Labels of person-needing flags in `after` that were not in `before` (both lists of flag dicts)."""
    had = {f.get("code") for f in before or [] if isinstance(f, Mapping)}
    now = {f.get("code") for f in after or [] if isinstance(f, Mapping)}
    return [FLAG_LABELS[c] for c in NEEDS_A_PERSON if c in now - had]

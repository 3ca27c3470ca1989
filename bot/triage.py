"""Flags for the Work Coach, each with reasons a person can read.

Digital flags come from the skills assessment:

* longer appointment: any task in an essential area (the basics, email, online
  forms and the Universal Credit journal) answered "not yet", or a need for
  full support overall;
* digital support referral: any skill area that needs some help or full support;
* accessibility adjustments: any barrier the claimant named (reading or
  writing, English, sight, hearing, using their hands, nerves);
* data or device poverty: no device, only a shared one, no internet at home,
  or data costs that stop them going online.

Later issues add health, caring, language and crisis flags here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.skills import ESSENTIAL_AREAS, FULL_SUPPORT, NOT_ASSESSED, SOME_HELP, Assessment, QuestionBank

LONGER_APPOINTMENT = "longer_appointment"
DIGITAL_SUPPORT = "digital_support_referral"
ACCESSIBILITY = "accessibility_adjustments"
DATA_POVERTY = "data_or_device_poverty"

FLAG_LABELS = {
    LONGER_APPOINTMENT: "Longer appointment",
    DIGITAL_SUPPORT: "Digital support referral",
    ACCESSIBILITY: "Accessibility adjustments",
    DATA_POVERTY: "Data or device poverty",
}


@dataclass(frozen=True)
class Flag:
    code: str
    reasons: tuple[str, ...]

    @property
    def label(self) -> str:
        return FLAG_LABELS[self.code]

    def __str__(self) -> str:
        return f"{self.label}: {'; '.join(self.reasons)}"

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "label": self.label, "reasons": list(self.reasons)}


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


def merge_flags(existing: list[dict[str, Any]] | None, new: list[Flag]) -> list[dict[str, Any]]:
    """Replace flags of the same code, keep the others: the latest assessment wins."""
    codes = {f.code for f in new}
    kept = [f for f in (existing or []) if isinstance(f, dict) and f.get("code") not in codes]
    return kept + [f.as_dict() for f in new]

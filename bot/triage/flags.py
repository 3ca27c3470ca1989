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

Flags from the conversation come from bot/safeguarding/reader.py (its data says which
flag each category sets, and why):

* urgent: risk to life or self-harm, domestic abuse, homeless tonight, no food
  or money for essentials, or other danger;
* longer appointment: a crisis, a health condition, a disability, mental health,
  drugs or alcohol, or caring duties;
* specialist support: health, disability, homelessness, lone parents, and drugs
  or alcohol, for which the seeds ask for specialist Work Coaches.

A flag from the skills check is replaced when the check is done again; a flag
from the conversation gathers every reason given.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

LONGER_APPOINTMENT = "longer_appointment"
DIGITAL_SUPPORT = "digital_support_referral"
ACCESSIBILITY = "accessibility_adjustments"
DATA_POVERTY = "data_or_device_poverty"
URGENT = "urgent"
SPECIALIST = "specialist_support"

# Where a flag came from.
SKILLS_CHECK = "skills_check"
CONVERSATION = "conversation"

FLAG_LABELS = {
    URGENT: "Urgent",
    LONGER_APPOINTMENT: "Longer appointment",
    DIGITAL_SUPPORT: "Digital support referral",
    ACCESSIBILITY: "Accessibility adjustments",
    DATA_POVERTY: "Data or device poverty",
    SPECIALIST: "Specialist support",
}


@dataclass(frozen=True)
class Flag:
    code: str
    reasons: tuple[str, ...]
    source: str = SKILLS_CHECK

    @property
    def label(self) -> str:
        return FLAG_LABELS[self.code]

    def __str__(self) -> str:
        return f"{self.label}: {'; '.join(self.reasons)}"

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "label": self.label, "reasons": list(self.reasons), "source": self.source}


def conversation_flags(found: Iterable[Mapping[str, str]]) -> list[Flag]:
    """Flags from what the claimant said: each item maps flag codes to reasons."""
    reasons: dict[str, list[str]] = {}
    for flags in found:
        for code, reason in flags.items():
            if reason not in reasons.setdefault(code, []):
                reasons[code].append(reason)
    order = list(FLAG_LABELS)
    return [Flag(code, tuple(reasons[code]), CONVERSATION) for code in sorted(reasons, key=order.index)]


def merge_flags(existing: list[dict[str, Any]] | None, new: list[Flag]) -> list[dict[str, Any]]:
    """Add new flags to the stored ones. A skills-check flag replaces the one with the
    same code (the latest check wins); a conversation flag gathers its reasons."""
    out = [dict(f) for f in (existing or []) if isinstance(f, dict)]
    for flag in new:
        same = next(
            (f for f in out if f.get("code") == flag.code and f.get("source", SKILLS_CHECK) == flag.source), None
        )
        if same is None:
            out.append(flag.as_dict())
        elif flag.source == SKILLS_CHECK:
            out[out.index(same)] = flag.as_dict()
        else:
            same["reasons"] = [*same.get("reasons", []), *(r for r in flag.reasons if r not in same.get("reasons", []))]
    return out

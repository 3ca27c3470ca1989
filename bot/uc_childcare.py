"""The Universal Credit childcare costs element."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from bot.benefit_cap import pounds


@dataclass(frozen=True)
class ChildcareMaximum:
    effective_from: dt.date
    label: str
    one_child: Decimal
    two_or_more: Decimal
    source: str


@dataclass(frozen=True)
class ChildcareFacts:
    share_percent: int
    conditions: tuple[str, ...]
    maximums: tuple[ChildcareMaximum, ...]
    upfront: tuple[str, ...]
    note: str

    def maximum_on(self, on: dt.date) -> ChildcareMaximum | None:
        earlier = [m for m in self.maximums if m.effective_from <= on]
        return max(earlier, key=lambda m: m.effective_from) if earlier else None


def explain(facts: ChildcareFacts, on: dt.date) -> list[str]:
    maximum = facts.maximum_on(on)
    messages = [
        f"Universal Credit can pay back up to {facts.share_percent}% of your childcare costs.\n"
        + "\n".join(f"- {c}" for c in facts.conditions)
    ]
    if maximum is not None:
        messages.append(
            f"The most it pays each month ({maximum.label}) is {pounds(maximum.one_child)} for one child, "
            f"or {pounds(maximum.two_or_more)} for two or more children."
        )
    else:
        messages.append("I don't have the monthly maximums for today's date. Ask your Work Coach.")
    messages.append("Paying up front:\n" + "\n".join(f"- {u}" for u in facts.upfront))
    messages.append(facts.note)
    return messages

"""Which estimate questions to ask, given the answers so far: only what the rules need.

1. No Universal Credit or Housing Benefit, or not known: nothing more (the
   estimate says why it cannot go on).
2. The claimant, their partner or a child under 18 gets an exempting benefit,
   or everyone has reached State Pension age, or only one of a couple has
   (exempt on Housing Benefit; on Universal Credit the rule is not clear, so
   the estimate says so and signposts): nothing more.
3. Otherwise: who lives with them; Greater London unless their area says; on
   Universal Credit, earnings; a grace period; the total; then the read-back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from bot.core.money import MONTH, Money
from bot.money_help.benefit_cap.answers import NEITHER, PENSION, PENSION_ONE, UNKNOWN
from bot.money_help.benefit_cap.estimate import LEGACY, CapInput

CAP_SLOTS = (
    "cap_scheme",
    "cap_exempt",
    "cap_household",
    "cap_london",
    "cap_earnings",
    "cap_grace",
    "cap_total",
    "cap_confirm",
)


def required_slots(slots: Mapping[str, Any], in_london: bool | None) -> list[str]:
    """The slots the form asks for, in order. `in_london`: from their area, else their answer; None if neither."""
    scheme = slots.get("cap_scheme")
    if scheme in (NEITHER, UNKNOWN):
        return ["cap_scheme"]
    if slots.get("cap_exempt") in ("yes", PENSION, PENSION_ONE):
        return ["cap_scheme", "cap_exempt"]
    required = ["cap_scheme", "cap_exempt", "cap_household"]
    if in_london is None or slots.get("cap_london") is not None:
        required.append("cap_london")
    if scheme != LEGACY:
        required.append("cap_earnings")
    return [*required, "cap_grace", "cap_total", "cap_confirm"]


def as_money(answer: Any) -> Money | None:
    """A money answer as the readers keep it ({"amount": "1250.00", "period": "month"})."""
    if isinstance(answer, Mapping) and "amount" in answer:
        return Money(Decimal(str(answer["amount"])), answer.get("period"))
    return None


def cap_input(slots: Mapping[str, Any], in_london: bool, on: dt.date) -> CapInput:
    """What the estimator needs, from the answers (the one place that maps one to the other)."""
    earnings = as_money(slots.get("cap_earnings"))
    exempt = slots.get("cap_exempt")
    return CapInput(
        household=slots.get("cap_household") or "",
        in_london=in_london,
        scheme=str(slots.get("cap_scheme")),
        on=on,
        total=as_money(slots.get("cap_total")),
        earnings_monthly=earnings.per(MONTH) if earnings else None,
        exempt_benefit=exempt == "yes",
        over_pension_age=exempt == PENSION,
        mixed_age_couple=exempt == PENSION_ONE,
        grace_period=slots.get("cap_grace") == "yes",
    )

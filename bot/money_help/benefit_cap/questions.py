"""Which estimate questions to ask, given the answers so far: only what the rules need.

1. No Universal Credit or Housing Benefit, or not known: nothing more (the
   estimate says why it cannot go on).
2. Someone in the home gets an exempting benefit: nothing more.
3. Otherwise: who lives with them; Greater London unless their area says; on
   Universal Credit, earnings; a grace period; the total; then the read-back.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.money_help.benefit_cap.answers import NEITHER, UNKNOWN
from bot.money_help.benefit_cap.estimate import LEGACY

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
    if slots.get("cap_exempt") == "yes":
        return ["cap_scheme", "cap_exempt"]
    required = ["cap_scheme", "cap_exempt", "cap_household"]
    if in_london is None or slots.get("cap_london") is not None:
        required.append("cap_london")
    if scheme != LEGACY:
        required.append("cap_earnings")
    return [*required, "cap_grace", "cap_total", "cap_confirm"]

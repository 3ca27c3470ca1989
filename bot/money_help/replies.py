"""Every sentence the claimant reads about the Flexible Support Fund and
Universal Credit childcare costs (the benefit cap's are in benefit_cap/replies.py)."""

from __future__ import annotations

import datetime as dt

from bot.core.money import pounds
from bot.money_help.flexible_support_fund import FsfFacts, FsfQuestion
from bot.money_help.uc_childcare import ChildcareFacts


def explain_fsf(facts: FsfFacts, question: FsfQuestion | None) -> list[str]:
    """Messages for the claimant: the specific answer first, then what the fund is and how to ask."""
    messages = []
    if question is not None:
        messages.append(f"{question.answer} This comes from the Flexible Support Fund.")
    else:
        messages.append(
            f"{facts.what_it_is} It can pay for things like:\n" + "\n".join(f"- {use}" for use in facts.uses)
        )
    messages.append(f"{facts.decides}\n" + "\n".join(f"- {rule}" for rule in facts.rules))
    messages.append(f"How to ask: {facts.how_to_ask}")
    return messages


def explain_uc_childcare(facts: ChildcareFacts, on: dt.date) -> list[str]:
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

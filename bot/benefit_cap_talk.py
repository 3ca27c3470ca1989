"""What the assistant says about the benefit cap, and how it reads answers to
the estimate questions. Plain functions over the facts in knowledge/."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from bot.benefit_cap import (
    CAPPED,
    COUPLE_OR_LONE_PARENT,
    EXEMPT,
    GRACE,
    LEGACY,
    NEED_AMOUNT,
    SINGLE,
    UC,
    UNKNOWN_FIGURES,
    CapFacts,
    CapResult,
    pounds,
)
from bot.fields import contains_phrase, normalise_answer
from bot.money import MONTH, WEEK, parse_money

UNKNOWN = "unknown"
NEITHER = "neither"

# Topics of a general question, and the words that pick them. Checked in order.
TOPICS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("grace", ("grace", "grace period", "9 months", "nine months", "lost my job", "stopped work")),
    ("disability_carer", ("pip", "dla", "disability", "disabled", "carer", "carers", "attendance allowance", "esa")),
    ("work", ("part time", "parttime", "work", "working", "job", "earn", "earnings", "wages", "hours")),
    ("london", ("london", "greater london")),
    ("exemptions", ("exempt", "exemption", "not affected", "who doesnt", "who does not", "apply to me", "affect me")),
)


def cap_topic(text: str | None) -> str:
    clean = normalise_answer(text or "")
    for topic, phrases in TOPICS:
        if any(contains_phrase(clean, p) for p in phrases):
            return topic
    return "general"


def _bullets(items: tuple[str, ...] | list[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


def _amounts_table(facts: CapFacts, on: dt.date) -> str | None:
    period = facts.period_on(on)
    if period is None:
        return None
    rows = []
    for household, who in ((COUPLE_OR_LONE_PARENT, "Couples, and single parents"), (SINGLE, "Single adults")):
        for london, where in ((True, "in Greater London"), (False, "outside Greater London")):
            a = period.amounts[(household, london)]
            uc, hb = pounds(a.month), pounds(a.week)
            rows.append(f"- {who} {where}: {uc} a month (Universal Credit), or {hb} a week (Housing Benefit)")
    return "\n".join(rows)


def _threshold_text(facts: CapFacts, on: dt.date) -> str | None:
    threshold = facts.threshold_on(on)
    return threshold.text if threshold else None


def explain(facts: CapFacts, topic: str, on: dt.date) -> list[str]:
    """Messages for a question about the cap. Figures come only from the facts."""
    table = _amounts_table(facts, on)
    threshold = _threshold_text(facts, on)
    unknown = (
        "I don't have the benefit cap amounts for today's date, so they may have changed. "
        "Please check with your Work Coach or Citizens Advice."
    )
    if topic == "exemptions":
        messages = [
            "The cap does not apply if you, your partner, or a child under 18 living with you gets:\n"
            + _bullets(facts.exempting_benefits),
            "It also does not apply if you or your partner get:\n"
            + _bullets((*facts.uc_exemptions, *facts.hb_exemptions)),
            facts.pension_age,
        ]
    elif topic == "grace":
        messages = [
            facts.grace_uc + (f" The earnings threshold is {threshold} a month." if threshold else ""),
            facts.grace_hb,
        ]
    elif topic == "work":
        messages = [
            (
                f"On Universal Credit, the cap does not apply if you and your partner together earn at least "
                f"{threshold} a month after tax and National Insurance. That is about 16 hours a week at the "
                "National Living Wage, so part-time work can be enough."
                if threshold
                else "On Universal Credit, earning enough can stop the cap. "
                "I don't have today's figure: ask your Work Coach."
            ),
            "On Housing Benefit, getting Working Tax Credit means the cap does not apply.",
            facts.grace_uc,
        ]
    elif topic == "disability_carer":
        messages = [
            "If you, your partner or a child living with you gets a disability or carer's benefit, "
            "the cap does not apply. These benefits count:\n" + _bullets(facts.exempting_benefits),
            "On Universal Credit, the LCWRA element or the carer element also means the cap does not apply.",
        ]
    elif topic == "london":
        messages = ["The cap is higher in Greater London, because rents are higher:\n" + table if table else unknown]
    else:
        messages = [
            "The benefit cap is a limit on the total of some benefits that a working-age household can get.",
            ("The amounts are:\n" + table) if table else unknown,
            f"{facts.applied_uc} {facts.applied_hb}",
            "These benefits count towards the cap:\n" + _bullets(facts.counted_benefits),
        ]
    return messages


# --- Reading answers to the estimate questions ------------------------------

_YES = ("yes", "yeah", "yep", "yh", "ye", "y", "aye", "i do", "we do", "correct", "right", "thats right", "sure")
_NO = ("no", "nope", "nah", "n", "none", "not", "dont", "do not", "neither of us")
_DONT_KNOW = ("dont know", "do not know", "not sure", "dunno", "idk", "no idea", "unsure", "i dont know")


def read_yes_no(text: str | None) -> str | None:
    """'yes', 'no', UNKNOWN, or None if unclear. "Don't know" is checked first."""
    clean = normalise_answer(text or "")
    if any(contains_phrase(clean, p) for p in _DONT_KNOW):
        return UNKNOWN
    yes = any(contains_phrase(clean, p) for p in _YES)
    no = any(contains_phrase(clean, p) for p in _NO)
    if yes != no:
        return "yes" if yes else "no"
    return None


def read_scheme(text: str | None) -> str | None:
    clean = normalise_answer(text or "")
    if any(contains_phrase(clean, p) for p in _DONT_KNOW):
        return UNKNOWN
    if any(contains_phrase(clean, p) for p in ("neither", "none", "nothing", "no benefits", "not on benefits")):
        return NEITHER
    if any(contains_phrase(clean, p) for p in ("universal credit", "uc", "universal")):
        return UC
    if any(
        contains_phrase(clean, p)
        for p in ("housing benefit", "hb", "jsa", "esa", "income support", "tax credits", "legacy")
    ):
        return LEGACY
    return None


def read_household(text: str | None) -> str | None:
    clean = normalise_answer(text or "")
    partner = any(
        contains_phrase(clean, p)
        for p in ("partner", "husband", "wife", "boyfriend", "girlfriend", "fiance", "fiancee", "couple", "spouse")
    )
    children = any(
        contains_phrase(clean, p) for p in ("child", "children", "kid", "kids", "son", "daughter", "baby", "family")
    )
    alone = any(
        contains_phrase(clean, p) for p in ("just me", "only me", "on my own", "alone", "single", "myself", "me")
    )
    if partner or children:
        return COUPLE_OR_LONE_PARENT
    return SINGLE if alone else None


def read_amount(text: str | None) -> dict[str, Any] | str | None:
    """A money answer as {"amount": "1250.00", "period": "month"|None}, UNKNOWN, or None if unclear."""
    clean = normalise_answer(text or "")
    if any(contains_phrase(clean, p) for p in _DONT_KNOW):
        return UNKNOWN
    money = parse_money(text)
    if money is None:
        return None
    return {"amount": str(money.amount), "period": money.period}


def _money_words(value: Mapping[str, Any] | str | None, default_period: str) -> str:
    if not isinstance(value, Mapping):
        return "not known"
    period = value.get("period") or default_period
    return f"{pounds(Decimal(value['amount']))} a {period}"


def summary(slots: Mapping[str, Any], in_london: bool | None) -> str:
    """What the claimant told us, to confirm before the estimate."""
    scheme = slots.get("cap_scheme")
    period = MONTH if scheme == UC else WEEK
    lines = [
        "Universal Credit" if scheme == UC else "Housing Benefit and other benefits",
        "You and a partner, or you and your children"
        if slots.get("cap_household") == COUPLE_OR_LONE_PARENT
        else "Just you",
        "In Greater London" if in_london else ("Outside Greater London" if in_london is False else "Area not known"),
    ]
    if scheme == UC:
        lines.append(f"Earnings: {_money_words(slots.get('cap_earnings'), MONTH)}")
    lines.append(f"Benefits in total: {_money_words(slots.get('cap_total'), period)}")
    return "Here is what you told me:\n" + _bullets(lines) + "\nIs that right?"


def result_messages(facts: CapFacts, result: CapResult, scheme: str, on: dt.date) -> list[str]:
    """The result, its figures and caveats, and what to do next; `on` is the date estimated for."""
    messages = [result.reason]
    if result.outcome == UNKNOWN_FIGURES:
        messages.append("Please check with your Work Coach or Citizens Advice, who will have the current figures.")
        return messages
    if result.outcome == NEED_AMOUNT:
        messages.append(
            "I can't estimate without your total benefit amount, and I won't guess it. Your Universal Credit "
            "statement or award letter shows it. Your Work Coach or Citizens Advice can work it out with you."
        )
    if result.figures:
        messages.append(
            "Figures I used:\n"
            + _bullets(
                [f"{f.label}: {f.value} (from {f.effective_from:%-d %B %Y}; {f.source})" for f in result.figures]
            )
        )
    messages.append(" ".join(result.caveats))
    if result.outcome in (CAPPED, NEED_AMOUNT, GRACE):
        next_steps = list(facts.help)
        if scheme == UC:
            threshold = _threshold_text(facts, on)
            if threshold:
                next_steps.append(
                    f"If you and your partner earn at least {threshold} a month after tax, the cap stops."
                )
        next_steps.append("If someone in your home starts to get PIP, DLA or Carer's Allowance, the cap stops.")
        messages.append("What you can do:\n" + _bullets(next_steps))
    elif result.outcome == EXEMPT:
        messages.append("If your situation changes, the cap might apply. Tell your Work Coach about any change.")
    return messages

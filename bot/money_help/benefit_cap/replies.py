"""Every sentence the claimant reads about the benefit cap: explanations, the
estimate's questions, its read-back and its result. Figures come only from the
facts and from the estimate's numbers; the estimator itself has no words."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from bot.core.money import MONTH, WEEK, pounds
from bot.money_help.benefit_cap.estimate import (
    CAP_FIGURE,
    CAPPED,
    CUT_LIMITED,
    EARNS_ENOUGH,
    EXEMPT,
    EXEMPT_BENEFIT,
    GRACE,
    LEGACY,
    MIXED_AGE_COUPLE,
    NEED_AMOUNT,
    PENSION_AGE,
    PERIOD_ASSUMED,
    THRESHOLD_WORKED_OUT,
    UC,
    UNDER,
    UNKNOWN_FIGURES,
    CapResult,
    Figure,
)
from bot.money_help.benefit_cap.facts import COUPLE_OR_LONE_PARENT, SINGLE, CapFacts, Threshold

Button = dict[str, str]
YES_NO: list[Button] = [{"title": "Yes", "payload": "yes"}, {"title": "No", "payload": "no"}]
DONT_KNOW: list[Button] = [{"title": "I don't know", "payload": "I don't know"}]

TOO_HIGH = "That looks too high. Please check the amount, and say if it is a week or a month."
START_AGAIN = "OK, let's go through it again."
NOT_UNDERSTOOD = "Sorry, I didn't understand that. Please choose a button, or type your answer."
KEPT_FOR_LATER = "Thank you. I will keep that for a later question."
GRACE_YES_OR_NO = (
    "Thank you. I can't tell from a length of time if you get a grace period (a time when the cap does not apply). "
    "Please answer yes, no, or I don't know."
)
LEAVE_IT = "Let's leave that one."
CHANGED = "Thank you. I have changed that."
CHANGE_WHICH = "What would you like to change? Tap it, or type the right answer."
# What the read-back can change, in its order: (slot, button title). A button sends its title.
CHANGE_CHOICES: tuple[tuple[str, str], ...] = (
    ("cap_scheme", "The benefit I get"),
    ("cap_household", "Who lives with me"),
    ("cap_london", "If I live in London"),
    ("cap_earnings", "My earnings"),
    ("cap_total", "My benefits in total"),
)
START_AGAIN_TITLE = "Start again"
NOTHING_TO_CHANGE = {"title": "It's right", "payload": "yes"}


def change_question(asked: list[str]) -> tuple[str, list[Button]]:
    """After "Change something" at the read-back: which answer, from those it showed."""
    buttons = [{"title": title, "payload": title} for slot, title in CHANGE_CHOICES if slot in asked]
    return CHANGE_WHICH, [*buttons, {"title": START_AGAIN_TITLE, "payload": START_AGAIN_TITLE}, NOTHING_TO_CHANGE]


NEED_SCHEME = (
    "To estimate, I need to know if you get Universal Credit or Housing Benefit. "
    "Your award letter says which. Here is how the cap works."
)
UNKNOWN_FIGURES_NEXT = "Please check with your Work Coach or Citizens Advice, who will have the current figures."
NEED_AMOUNT_NEXT = (
    "I can't estimate without your total benefit amount, and I won't guess it. Your Universal Credit "
    "statement or award letter shows it. Your Work Coach or Citizens Advice can work it out with you."
)
IF_THINGS_CHANGE = "If your situation changes, the cap might apply. Tell your Work Coach about any change."
# When only another adult in the home (a grown-up son, a parent, a lodger) gets an exempting benefit.
ADULT_HOLDER = (
    "Thank you. That does not stop the cap: only a benefit that you, your partner, or a child under 18 "
    "gets counts here. A grown-up son or daughter, or another adult, does not."
)
MIXED_AGE_NEXT = "Citizens Advice can check your case. Your Work Coach can also ask the Universal Credit team."


def threshold_text(threshold: Threshold) -> str:
    """As the claimant hears it: "about £881" when worked out from the rule, not published."""
    return f"{'about ' if threshold.approximate else ''}£{threshold.monthly:,}"


def _who(household: str) -> str:
    return "a couple or a single parent" if household == COUPLE_OR_LONE_PARENT else "a single adult"


def _where(in_london: bool) -> str:
    return "in Greater London" if in_london else "outside Greater London"


def cannot_estimate(field: str, reason: str) -> str:
    return f"Sorry, I can't estimate that: the {field} {reason}."


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
    return threshold_text(threshold) if threshold else None


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
                "On Universal Credit, the cap does not apply if you earn enough. You and your partner together "
                f"must earn at least {threshold} a month, after tax and National Insurance. That is about 16 hours "
                "a week at the lowest legal wage for adults (the National Living Wage). So part-time work can be "
                "enough."
                if threshold
                else "On Universal Credit, earning enough can stop the cap. "
                "I don't have today's figure: ask your Work Coach."
            ),
            "On Housing Benefit, the cap does not apply if you get Working Tax Credit.",
            facts.grace_uc,
        ]
    elif topic == "disability_carer":
        messages = [
            "If you, your partner or a child living with you gets a disability or carer's benefit, "
            "the cap does not apply. These benefits count:\n" + _bullets(facts.exempting_benefits),
            "On Universal Credit, the cap also does not apply if you get:\n" + _bullets(facts.uc_exemptions[:2]),
        ]
    elif topic == "london":
        messages = ["The cap is higher in Greater London, because rents are higher:\n" + table if table else unknown]
    else:
        messages = [
            "The benefit cap is a limit on how much a household can get from some benefits. "
            "It is for people of working age.",
            ("The amounts are:\n" + table) if table else unknown,
            f"{facts.applied_uc} {facts.applied_hb}",
            "These benefits count towards the cap:\n" + _bullets(facts.counted_benefits),
        ]
    return messages


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
    messages = [reason(result)]
    if result.outcome == UNKNOWN_FIGURES:
        messages.append(UNKNOWN_FIGURES_NEXT)
        return messages
    if result.reason == MIXED_AGE_COUPLE:
        messages.append(MIXED_AGE_NEXT)
        return messages
    if result.outcome == NEED_AMOUNT:
        messages.append(NEED_AMOUNT_NEXT)
    if result.figures:
        messages.append(
            "Figures I used:\n"
            + _bullets(
                [
                    f"{figure_label(result, f)}: {figure_value(f)} (from {f.effective_from:%-d %B %Y}; {f.source})"
                    for f in result.figures
                ]
            )
        )
    messages.append(" ".join(caveats(result)))
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
        messages.append(IF_THINGS_CHANGE)
    return messages


def reason(result: CapResult) -> str:
    """The result in one or two sentences; the Work Coach's summary keeps it too."""
    inp, period = result.inp, result.period
    if result.reason == PENSION_AGE:
        if inp.mixed_age_couple:
            return "One of you has reached Pension Credit age, so the cap does not apply to your Housing Benefit."
        return "You have reached State Pension age, so the cap does not apply."
    if result.reason == EXEMPT_BENEFIT:
        return (
            "Someone in your family gets a benefit that stops the cap. This is you, your partner or a child "
            "under 18. So the cap does not apply."
        )
    if result.reason == MIXED_AGE_COUPLE:
        return (
            "Only one of you has reached State Pension age. For Universal Credit the rules for this are not "
            "clear, so I can't say if the cap applies to you."
        )
    if result.outcome == UNKNOWN_FIGURES:
        return "I don't have the benefit cap figures for today's date. They may have changed."
    assert result.cap is not None
    cap = pounds(result.cap)
    if result.reason == EARNS_ENOUGH:
        assert inp.earnings_monthly is not None and result.threshold is not None
        return (
            f"You earn {pounds(inp.earnings_monthly)} a month. That is at least the earnings threshold "
            f"(the least you must earn) of {threshold_text(result.threshold)}, so the cap does not apply."
        )
    if result.outcome == GRACE:
        return "It sounds like you may get a grace period: the cap should not apply for 9 months."
    if result.outcome == NEED_AMOUNT:
        return f"The cap for {_who(inp.household)} {_where(inp.in_london)} is {cap} a {period}."
    assert result.total is not None and result.difference is not None
    total, difference = pounds(result.total), pounds(result.difference)
    if result.outcome == CAPPED:
        cut = _cut(inp.scheme)
        return (
            f"Your benefits of {total} a {period} are {difference} over the cap of {cap}. "
            f"Your {cut} may be cut by about {difference} a {period}."
        )
    assert result.outcome == UNDER
    at = "exactly at" if result.difference == 0 else f"{difference} under"
    return f"Your benefits of {total} a {period} are {at} the cap of {cap}, so they should not be cut."


def _cut(scheme: str) -> str:
    """The only benefit the cap can cut."""
    return "Universal Credit" if scheme == UC else "Housing Benefit"


def figure_label(result: CapResult, figure: Figure) -> str:
    if figure.kind == CAP_FIGURE:
        return f"Cap for {_who(result.inp.household)} {_where(result.inp.in_london)}, a {result.period}"
    return "Earnings threshold (the least you must earn), a month"


def figure_value(figure: Figure) -> str:
    if figure.kind == CAP_FIGURE:
        return pounds(figure.amount)
    return f"{'about ' if figure.approximate else ''}£{figure.amount:,}"


def caveats(result: CapResult) -> list[str]:
    inp = result.inp
    words = []
    for code in result.caveats:
        if code == PERIOD_ASSUMED:
            assert inp.total is not None
            words.append(f"I took {pounds(inp.total.amount)} as the amount a {result.period}.")
        elif code == THRESHOLD_WORKED_OUT:
            assert result.threshold is not None
            words.append(
                f"I worked out the earnings threshold (the least you must earn) of "
                f"{threshold_text(result.threshold)} from the rule. It is not published."
            )
        elif code == CUT_LIMITED:
            cut = _cut(inp.scheme)
            words.append(f"Only your {cut} can be cut, so the cut cannot be more than your {cut}.")
        else:
            who = "works out the cap." if inp.scheme == UC else "and your council work out the cap."
            words.append(f"This is an estimate, not a decision. The Department for Work and Pensions {who}")
    return words


def _short(name: str) -> str:
    """A counted benefit's name without its note in brackets."""
    return name.split(" (")[0]


def left_out(names: list[str]) -> str:
    """After a total that named benefits which do not count."""
    verb = "It does" if len(names) == 1 else "They do"
    return f"I have left out {' and '.join(names)}. {verb} not count towards the cap."


def _thresholds_then(facts: CapFacts, on: dt.date) -> str:
    """The earnings threshold as it was over the 21 months a grace period can look back on
    (9 months of grace after 12 months of earnings): the one that counts is the one in
    force when the pay was received, so each is named with its dates."""
    start = on - dt.timedelta(days=21 * 31)
    thresholds = facts.thresholds_between(start, on)
    if not thresholds:
        return "the earnings threshold"
    if len(thresholds) == 1:
        return f"{threshold_text(thresholds[0])} a month"
    parts = [f"{threshold_text(thresholds[0])} a month"]
    parts += [f"{threshold_text(t)} from {t.effective_from:%B %Y}" for t in thresholds[1:]]
    return ", then ".join(parts)


def question(
    slot: str, facts: CapFacts, scheme: str | None, on: dt.date, read_back: str = ""
) -> tuple[str, list[Button]]:
    """The estimate's question for one slot, with its buttons. `read_back` is the summary for cap_confirm."""
    if slot == "cap_scheme":
        buttons = [
            {"title": "Universal Credit", "payload": "Universal Credit"},
            {"title": "Housing Benefit and other benefits", "payload": "Housing Benefit"},
            {"title": "Neither", "payload": "neither"},
        ]
        return "Do you get Universal Credit, or Housing Benefit with other benefits?", buttons + DONT_KNOW
    if slot == "cap_exempt":
        # Working Tax Credit (even £0) exempts a Housing Benefit household (knowledge: hb_exemptions);
        # on Universal Credit, the first two uc_exemptions (the third, pay, has its own question).
        element = (
            f"Or do you or your partner get {' or '.join(facts.hb_exemptions)}?"
            if scheme == LEGACY
            else "Or do you or your partner get:\n" + _bullets(facts.uc_exemptions[:2])
        )
        age = "Pension Credit age" if scheme == LEGACY else "State Pension age"
        buttons = [
            {"title": "Yes, one of these", "payload": "yes"},
            {"title": f"Yes, {age}", "payload": f"yes, {age}"},
            {"title": f"Only one of us is over {age}", "payload": f"only one of us is over {age}"},
            {"title": "No", "payload": "no"},
        ]
        return (
            "Do you, your partner, or a child under 18 who lives with you get one of these?\n"
            f"{_bullets(facts.exempting_benefits)}\n{element}\n"
            f"Or have you reached {age}? If you have a partner, you both must have.\n"
            "A benefit that another adult gets, such as a grown-up son, does not count here.",
            buttons + DONT_KNOW,
        )
    if slot == "cap_household":
        return "Who lives with you? Count a partner and children. A grown-up son or daughter does not count.", [
            {"title": "Just me", "payload": "just me"},
            {"title": "Me and my partner", "payload": "me and my partner"},
            {"title": "Me and my children", "payload": "me and my children"},
            {"title": "My partner, me and children", "payload": "partner and children"},
        ]
    if slot == "cap_london":
        return "Do you live in Greater London?", YES_NO
    if slot == "cap_earnings":
        return (
            "How much do you earn each month, after tax? Add your partner's pay if you have a partner. "
            "Say 'nothing' if you don't work.",
            [{"title": "Nothing", "payload": "nothing"}, *DONT_KNOW],
        )
    if slot == "cap_grace":
        if scheme == UC:
            text = (
                "In the last 9 months, did you stop work or start earning less? And before that, did you earn "
                f"at least this after tax in each of 12 months in a row: {_thresholds_then(facts, on)}? "
                "Add your partner's pay. A former partner's pay counts for the months you lived together."
            )
        else:
            text = (
                "In the last 39 weeks, did you or your partner stop work? And before that, did you work for at "
                "least 50 of 52 weeks? In those weeks, you must not have got Income Support, Jobseeker's "
                "Allowance or Employment and Support Allowance."
            )
        return text, YES_NO + DONT_KNOW
    if slot == "cap_total":
        # Every benefit that counts, by name from the facts: never "any other benefits".
        counted = _bullets([_short(name) for name in facts.counted_benefits])
        when = (
            "each week?"
            if scheme == LEGACY
            else "each month? Count them before any money is taken off, such as to pay back a loan."
        )
        text = (
            f"How much are your benefits in total {when} Add up only the ones you get from this list:\n"
            f"{counted}\nLeave out anything else, such as {' or '.join(facts.not_counted_examples[:2])}."
        )
        return text, DONT_KNOW
    assert slot == "cap_confirm"
    return read_back, [
        {"title": "Yes, that's right", "payload": "yes"},
        {"title": "Change something", "payload": "no"},
    ]

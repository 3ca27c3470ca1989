"""The estimate form walked by 2,000+ generated households, each answering every
question it is asked truthfully and literally, checked against the rules table
written from the facts (cap_rules.py), not from the estimator (issue 17).

Seeded, with every boundary: a total at the cap, a penny over and a penny under;
earnings at the threshold and a penny under it; each exemption held by each
member of the home, including an adult who does not count; pension age for one
or both; dates in each cap period, at a threshold change, and past what is known.
Amounts are whole pennies in the scheme's own period, so nothing is rounded; a
conversion between periods rounds a half penny up (UC Regulations 2013, reg. 6(1)).
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import pytest

from bot.money_help.benefit_cap import answers, questions
from bot.money_help.benefit_cap.estimate import estimate
from tests.unit.money_help.cap_rules import Household, cap_for, expected, threshold

SEED = 20261203
HOUSEHOLDS = 2400
PENNY = Decimal("0.01")
DATES = (
    dt.date(2023, 4, 9),  # the last day of the old caps
    dt.date(2023, 4, 10),  # the first day of the new
    dt.date(2024, 4, 7),  # the day before a threshold change
    dt.date(2024, 4, 8),
    dt.date(2025, 6, 1),
    dt.date(2026, 12, 2),
    dt.date(2027, 4, 5),  # past what the facts know: no figures
)
HOLDERS = (None, None, None, "claimant", "partner", "child", "adult")


def _household(rng: random.Random) -> Household:
    scheme = rng.choice(("uc", "uc", "legacy", "legacy", "neither"))
    couple = rng.random() < 0.4
    children = rng.choice((0, 0, 1, 2, 3))
    adults = rng.choice((0, 0, 1))
    holder = rng.choice(HOLDERS)
    if holder == "partner" and not couple:
        holder = "claimant"
    if holder == "child" and not children:
        holder = None
    if holder == "adult" and not adults:
        adults = 1
    pension = rng.choice(("none",) * 8 + ("all", "one"))
    if pension == "one" and not couple:
        pension = "all"
    h = Household(
        scheme=scheme, couple=couple, children=children, adults=adults, london=rng.random() < 0.3,
        on=rng.choice(DATES), pension=pension, benefit_holder=holder, element=rng.random() < 0.05,
        grace=rng.random() < 0.1,
    )  # fmt: skip
    cap = cap_for(h) or Decimal(1500)
    line = threshold(h.on) or Decimal(800)
    earnings = rng.choice((Decimal(0), line, line - PENNY, line + 100, Decimal(rng.randint(0, 700))))
    total = rng.choice((cap, cap + PENNY, cap - PENNY, cap + rng.randint(1, 900), cap - rng.randint(1, 900)))
    uncounted = rng.choice((Decimal(0), Decimal(0), Decimal("112.20")))
    return Household(**{**h.__dict__, "earnings": earnings, "total": max(total, Decimal(0)), "uncounted": uncounted})


def _says(h: Household, slot: str) -> str:
    """What this household types when asked `slot`: the truth, said literally."""
    period = "a month" if h.scheme == "uc" else "a week"
    if slot == "cap_scheme":
        return {"uc": "Universal Credit", "legacy": "Housing Benefit", "neither": "neither"}[h.scheme]
    if slot == "cap_exempt":
        age = "State Pension age" if h.scheme == "uc" else "Pension Credit age"
        if h.benefit_holder == "claimant":
            return "I get PIP"
        if h.benefit_holder == "partner":
            return "my partner gets Carer's Allowance"
        if h.benefit_holder == "child":
            return "my daughter gets DLA, she is 9"
        if h.element:
            return "yes"
        if h.pension == "all":
            return f"yes, {age}"
        if h.pension == "one":
            return f"only one of us is over {age}"
        if h.benefit_holder == "adult":
            return "my son gets PIP, he is 24"
        return "no"
    if slot == "cap_household":
        people = ["me"]
        if h.couple:
            people.append("my partner")
        if h.children:
            people.append("my children" if h.children > 1 else "my daughter, she is 7")
        if h.adults:
            people.append("my son, he's 22" if not h.children else "my mum")
        return "just me" if people == ["me"] else " and ".join(people)
    if slot == "cap_london":
        return "yes" if h.london else "no"
    if slot == "cap_earnings":
        return f"£{h.earnings} a month"
    if slot == "cap_grace":
        return "yes" if h.grace else "no"
    if slot == "cap_total":
        extra = f" and {h.uncounted} scottish child payment" if h.uncounted else ""
        return f"£{h.total} {period}{extra}"
    assert slot == "cap_confirm"
    return "yes"


def _walk(h: Household, facts) -> tuple[str, Decimal | None, list[str]]:
    """The form's questions in its order, each answered and read as the form reads it."""
    slots: dict = {}
    asked: list[str] = []
    while True:
        required = questions.required_slots(slots, None)
        slot = next((s for s in required if slots.get(s) is None), None)
        if slot is None:
            break
        asked.append(slot)
        text = _says(h, slot)
        if slot == "cap_total":
            answer = answers.read_total(text, facts.not_counted_examples, facts.counted_benefits)
        else:
            answer = answers.READERS[slot](text)
        if answer == answers.ADULT_HOLDER:
            answer = "no"  # as the form does, with a sentence saying why
        assert answer is not None, (slot, text)
        slots[slot] = answer
        assert len(asked) < 12, asked
    if slots["cap_scheme"] == answers.NEITHER:
        return "not_affected", None, asked
    result = estimate(facts, questions.cap_input(slots, bool(slots.get("cap_london") == "yes"), h.on))
    return result.outcome, result.difference, asked


def _households() -> list[Household]:
    rng = random.Random(SEED)
    return [_household(rng) for _ in range(HOUSEHOLDS)]


def test_every_generated_household_gets_the_answer_the_rules_give(knowledge):
    facts = knowledge.benefit_cap
    wrong = []
    outcomes: dict[str, int] = {}
    for h in _households():
        got, difference, asked = _walk(h, facts)
        want, want_difference = expected(h)
        outcomes[want] = outcomes.get(want, 0) + 1
        if (got, difference) != (want, want_difference):
            wrong.append((h, asked, (got, difference), (want, want_difference)))
    assert not wrong, f"{len(wrong)} of {HOUSEHOLDS} wrong; the first: {wrong[0]}"
    # Every outcome is reached, so the table is tested everywhere, not only where it is easy.
    assert set(outcomes) == {"not_affected", "exempt", "unknown_rule", "unknown_figures", "grace", "capped", "under"}
    assert min(outcomes.values()) >= 20, outcomes


def test_the_boundaries_are_in_the_generated_set():
    households = _households()
    caps = [(h, cap_for(h)) for h in households if cap_for(h) is not None]
    assert any(h.total == cap for h, cap in caps)
    assert any(h.total == cap + PENNY for h, cap in caps)
    assert any(h.total == cap - PENNY for h, cap in caps)
    assert any(h.scheme == "uc" and h.earnings == threshold(h.on) for h in households)
    assert any(h.scheme == "uc" and h.earnings == threshold(h.on) - PENNY for h in households)
    for holder in ("claimant", "partner", "child", "adult"):
        assert any(h.benefit_holder == holder for h in households), holder
    assert any(h.pension == "one" and h.scheme == "uc" for h in households)
    assert any(h.pension == "one" and h.scheme == "legacy" for h in households)
    assert {h.on for h in households} == set(DATES)


@pytest.mark.parametrize(
    ("total", "want"),
    [(Decimal("1835.00"), ("under", Decimal("0.00"))), (Decimal("1835.01"), ("capped", Decimal("0.01")))],
)
def test_at_the_cap_is_not_over_it(knowledge, total, want):
    h = Household("uc", couple=True, children=1, adults=0, london=False, on=dt.date(2026, 12, 2), total=total)
    got, difference, _ = _walk(h, knowledge.benefit_cap)
    assert (got, difference) == want == expected(h)

"""The cap estimator, with cases worked out by hand from the official figures
(shared/knowledge-facts.md). The estimator gives codes and numbers; the words
checked here come from replies.py."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from bot.core.money import MONTH, WEEK, YEAR, Money
from bot.money_help.benefit_cap import replies
from bot.money_help.benefit_cap.estimate import (
    CAPPED,
    EXEMPT,
    GRACE,
    LEGACY,
    MIXED_AGE_COUPLE,
    NEED_AMOUNT,
    PENSION_AGE,
    UC,
    UNDER,
    UNKNOWN_FIGURES,
    UNKNOWN_RULE,
    CapInput,
    CapInputError,
    estimate,
)
from bot.money_help.benefit_cap.facts import COUPLE_OR_LONE_PARENT, SINGLE

NOW = dt.date(2026, 11, 23)
D = Decimal


def _in(
    household=COUPLE_OR_LONE_PARENT, london=False, scheme=UC, total=None, period=MONTH, earnings=None, on=NOW, **kw
):
    money = Money(D(total), period) if total is not None else None
    return CapInput(household, london, scheme, on, money, D(earnings) if earnings is not None else None, **kw)


CASES = [
    # (input, outcome, cap, difference)  all hand-computed
    # UC, monthly caps from 2023-04-10
    (_in(total="2000"), CAPPED, "1835.00", "165.00"),  # 2000 - 1835.00
    (_in(total="1835.00"), UNDER, "1835.00", "0.00"),  # exactly at the cap: not cut
    (_in(total="1835.01"), CAPPED, "1835.00", "0.01"),
    (_in(london=True, total="2500"), CAPPED, "2110.25", "389.75"),
    (_in(SINGLE, total="1500"), CAPPED, "1229.42", "270.58"),
    (_in(SINGLE, london=True, total="1500"), CAPPED, "1413.92", "86.08"),
    (_in(SINGLE, total="1000"), UNDER, "1229.42", "229.42"),
    # a weekly amount on UC: 450 x 52 / 12 = 1950.00, 115.00 over 1835.00
    (_in(total="450", period=WEEK), CAPPED, "1835.00", "115.00"),
    # a yearly amount: 24000 / 12 = 2000.00
    (_in(total="24000", period=YEAR), CAPPED, "1835.00", "165.00"),
    # legacy benefits: weekly caps, Housing Benefit is cut
    (_in(scheme=LEGACY, london=True, total="500", period=WEEK), CAPPED, "486.98", "13.02"),
    (_in(SINGLE, scheme=LEGACY, total="283.71", period=WEEK), UNDER, "283.71", "0.00"),
    (_in(SINGLE, london=True, scheme=LEGACY, total="300", period=WEEK), UNDER, "326.29", "26.29"),
    (_in(scheme=LEGACY, total="423.47", period=WEEK), CAPPED, "423.46", "0.01"),
    # the earlier figures, before 2023-04-10
    (_in(total="2000", on=dt.date(2023, 1, 1)), CAPPED, "1666.67", "333.33"),
    (
        _in(SINGLE, scheme=LEGACY, london=True, total="300", period=WEEK, on=dt.date(2023, 4, 9)),
        CAPPED,
        "296.35",
        "3.65",
    ),
    (
        _in(SINGLE, scheme=LEGACY, london=True, total="300", period=WEEK, on=dt.date(2023, 4, 10)),
        UNDER,
        "326.29",
        "26.29",
    ),
]


@pytest.mark.parametrize(("inp", "outcome", "cap", "difference"), CASES)
def test_estimate(knowledge, inp, outcome, cap, difference):
    result = estimate(knowledge.benefit_cap, inp)
    assert result.outcome == outcome
    assert result.cap == D(cap)
    assert result.difference == D(difference)
    assert replies.caveats(result)[0].startswith("This is an estimate")
    assert result.figures[0].source and result.figures[0].effective_from


EARNINGS = [
    # (date, monthly earnings, exempt?)  thresholds: £793 from 2024-04-08, £846 from 2025-04-07, about £881 from 2026-04-06
    (dt.date(2026, 11, 23), "881", True),  # exactly at the threshold
    (dt.date(2026, 11, 23), "880.99", False),
    (dt.date(2025, 6, 1), "846", True),
    (dt.date(2025, 6, 1), "845.99", False),
    (dt.date(2024, 6, 1), "793", True),
    (dt.date(2024, 6, 1), "792", False),
    (dt.date(2026, 11, 23), "0", False),
]


@pytest.mark.parametrize(("on", "earnings", "exempt"), EARNINGS)
def test_uc_earnings_threshold(knowledge, on, earnings, exempt):
    result = estimate(knowledge.benefit_cap, _in(total="2000", earnings=earnings, on=on))
    assert (result.outcome == EXEMPT) is exempt


def test_earnings_do_not_exempt_legacy_claims(knowledge):
    result = estimate(knowledge.benefit_cap, _in(scheme=LEGACY, total="500", period=WEEK, earnings="2000"))
    assert result.outcome == CAPPED


def test_approximate_threshold_is_said_as_about(knowledge):
    result = estimate(knowledge.benefit_cap, _in(total="2000", earnings="100"))
    assert any(replies.figure_value(f) == "about £881" for f in result.figures)


@pytest.mark.parametrize(
    ("kw", "outcome"),
    [
        ({"exempt_benefit": True}, EXEMPT),
        ({"over_pension_age": True}, EXEMPT),
        ({"grace_period": True}, GRACE),
    ],
)
def test_exemptions_and_grace(knowledge, kw, outcome):
    assert estimate(knowledge.benefit_cap, _in(total="3000", **kw)).outcome == outcome


def test_a_mixed_age_couple_on_universal_credit_gets_no_rule_and_no_figure(knowledge):
    # Issue 17, item 4: the sources disagree, so no rule is stated (knowledge-facts.md).
    result = estimate(knowledge.benefit_cap, _in(total="3000", mixed_age_couple=True))
    assert result.outcome == UNKNOWN_RULE and result.reason == MIXED_AGE_COUPLE
    assert result.cap is None and result.difference is None
    words = replies.result_messages(knowledge.benefit_cap, result, UC, dt.date(2026, 12, 2))
    assert "I can't say if the cap applies" in words[0] and "Citizens Advice" in words[1]
    assert not any("£" in w for w in words)


def test_a_mixed_age_couple_on_housing_benefit_is_exempt_for_pension_age(knowledge):
    # Either partner at Pension Credit age exempts a Housing Benefit household.
    result = estimate(knowledge.benefit_cap, _in(scheme=LEGACY, total="600", period=WEEK, mixed_age_couple=True))
    assert (result.outcome, result.reason) == (EXEMPT, PENSION_AGE)
    assert "Pension Credit age" in replies.reason(result)


def test_the_reason_is_the_real_reason(knowledge):
    # Issue 17, item 9: pension age was told "someone in your home gets a benefit".
    pension = estimate(knowledge.benefit_cap, _in(total="3000", over_pension_age=True))
    assert replies.reason(pension) == "You have reached State Pension age, so the cap does not apply."
    benefit = estimate(knowledge.benefit_cap, _in(total="3000", exempt_benefit=True))
    assert "you, your partner or a child under 18" in replies.reason(benefit)


def test_no_amount_gives_the_cap_but_never_a_guess(knowledge):
    result = estimate(knowledge.benefit_cap, _in(SINGLE, london=True))
    assert result.outcome == NEED_AMOUNT
    assert result.total is None and result.difference is None
    assert "£1,413.92 a month" in replies.reason(result)


def test_dates_with_no_known_figures_say_so(knowledge):
    for on in (dt.date(2027, 4, 5), dt.date(2030, 1, 1), dt.date(2010, 1, 1)):
        result = estimate(knowledge.benefit_cap, _in(total="2000", on=on))
        assert result.outcome == UNKNOWN_FIGURES
        assert result.cap is None and "may have changed" in replies.reason(result)


def test_a_period_not_given_is_taken_as_the_schemes_and_said(knowledge):
    result = estimate(knowledge.benefit_cap, _in(total="2000", period=None))
    assert result.difference == D("165.00")
    assert "I took £2,000.00 as the amount a month." in replies.caveats(result)


@pytest.mark.parametrize(
    ("kw", "field"),
    [
        ({"total": "-1"}, "total"),
        ({"total": "100000"}, "total"),  # a year typed as a month
        ({"total": "5000", "period": WEEK}, "total"),
        ({"earnings": "-5"}, "earnings"),
        ({"earnings": "999999"}, "earnings"),
        ({"household": "cat"}, "household"),
        ({"scheme": "tax credits"}, "scheme"),
    ],
)
def test_bad_input_is_refused_with_a_reason(knowledge, kw, field):
    with pytest.raises(CapInputError) as err:
        estimate(knowledge.benefit_cap, _in(**kw))
    assert err.value.field == field


def test_non_numeric_amount_is_refused(knowledge):
    with pytest.raises(CapInputError):
        estimate(knowledge.benefit_cap, CapInput(SINGLE, False, UC, NOW, Money("lots", MONTH)))  # type: ignore[arg-type]


def test_figures_match_the_checked_facts_exactly(knowledge):
    """The amounts in knowledge/ are the ones in shared/knowledge-facts.md."""
    current = knowledge.benefit_cap.period_on(NOW)
    expected = {
        (COUPLE_OR_LONE_PARENT, True): ("25323", "2110.25", "486.98"),
        (SINGLE, True): ("16967", "1413.92", "326.29"),
        (COUPLE_OR_LONE_PARENT, False): ("22020", "1835.00", "423.46"),
        (SINGLE, False): ("14753", "1229.42", "283.71"),
    }
    for key, (year, month, week) in expected.items():
        amounts = current.amounts[key]
        assert (amounts.year, amounts.month, amounts.week) == (D(year), D(month), D(week))

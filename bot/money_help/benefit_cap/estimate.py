"""The benefit cap estimator: codes and numbers, never sentences (replies.py words them).

The estimator decides, in this order:
1. over State Pension age (a single person, or both of a couple) -> exempt
   only one of a couple: Housing Benefit                  -> exempt (either partner is enough)
                         Universal Credit                 -> unknown rule (the sources disagree:
                                                              say so, signpost to Citizens Advice)
2. the claimant, their partner or a child under 18 living
   with them gets an exempting benefit (not another adult) -> exempt
3. no cap figures known for the date                        -> unknown (say so, signpost)
4. Universal Credit and earnings at or above the threshold  -> exempt
5. in a grace period                                        -> grace (no cap for 9 months)
6. no total amount given                                    -> need amount (state the cap only)
7. total over the cap                                        -> capped, by the difference
   total at or under the cap                                -> under, by the difference

Universal Credit is compared per month, legacy benefits (Housing Benefit) per
week. An amount given for another period is converted with 52 weeks and 12
months in a year, and rounded to the penny with a half penny going up: "a
fraction of a penny ... disregarded if it is less than half a penny and
otherwise treated as a penny" (Universal Credit Regulations 2013, reg. 6(1)).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from bot.core.money import MONTH, PENNY, WEEK, Money
from bot.money_help.benefit_cap.facts import HOUSEHOLDS, CapFacts, Threshold

UC, LEGACY = "uc", "legacy"
EXEMPT, GRACE, UNDER, CAPPED, NEED_AMOUNT, UNKNOWN_FIGURES, UNKNOWN_RULE = (
    "exempt", "grace", "under", "capped", "need_amount", "unknown_figures", "unknown_rule",
)  # fmt: skip
# UNKNOWN_RULE's reason: a Universal Credit couple where only one has reached State Pension age.
MIXED_AGE_COUPLE = "mixed_age_couple"
# Why: the outcome's reason, as a code. EXEMPT has three.
PENSION_AGE, EXEMPT_BENEFIT, EARNS_ENOUGH = "pension_age", "exempt_benefit", "earns_enough"
# Caveats, as codes: always ESTIMATE_ONLY first.
ESTIMATE_ONLY, THRESHOLD_WORKED_OUT, PERIOD_ASSUMED, CUT_LIMITED = (
    "estimate_only", "threshold_worked_out", "period_assumed", "cut_limited",
)  # fmt: skip
CAP_FIGURE, THRESHOLD_FIGURE = "cap", "threshold"

# Amounts past these are almost certainly a typo (a year typed as a month).
MAX_MONTHLY_TOTAL = Decimal(15000)
MAX_MONTHLY_EARNINGS = Decimal(50000)


@dataclass(frozen=True)
class Figure:
    """A figure the estimate used, with where it comes from."""

    kind: str  # CAP_FIGURE or THRESHOLD_FIGURE
    amount: Decimal
    approximate: bool
    source: str
    effective_from: dt.date


@dataclass(frozen=True)
class CapInput:
    household: str
    in_london: bool
    scheme: str
    on: dt.date
    total: Money | None = None
    earnings_monthly: Decimal | None = None
    exempt_benefit: bool = False
    over_pension_age: bool = False
    # Only one of a couple has reached State Pension age (Pension Credit age, for Housing Benefit).
    mixed_age_couple: bool = False
    grace_period: bool = False


@dataclass(frozen=True)
class CapResult:
    outcome: str
    period: str
    # The input, as far as the words of the result need it.
    inp: CapInput
    reason: str = ""  # EXEMPT's reason code; otherwise the outcome
    cap: Decimal | None = None
    total: Decimal | None = None
    difference: Decimal | None = None
    figures: tuple[Figure, ...] = ()
    caveats: tuple[str, ...] = (ESTIMATE_ONLY,)
    threshold: Threshold | None = None

    def __post_init__(self) -> None:
        if not self.reason:
            object.__setattr__(self, "reason", self.outcome)


class CapInputError(ValueError):
    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field, self.reason = field, reason


def total_too_high(total: Money) -> bool:
    return total.per(MONTH) > MAX_MONTHLY_TOTAL


def earnings_too_high(monthly: Decimal) -> bool:
    return monthly > MAX_MONTHLY_EARNINGS


def _check(inp: CapInput) -> None:
    # An exempt household needs no household type: the estimate stops before it.
    if inp.household not in HOUSEHOLDS and not (inp.exempt_benefit or inp.over_pension_age or inp.mixed_age_couple):
        raise CapInputError("household", f"must be one of {', '.join(HOUSEHOLDS)}")
    if inp.scheme not in (UC, LEGACY):
        raise CapInputError("scheme", "must be uc or legacy")
    if inp.total is not None:
        if not isinstance(inp.total.amount, Decimal) or inp.total.amount < 0:
            raise CapInputError("total", "must be a positive amount of money")
        if total_too_high(inp.total):
            raise CapInputError(
                "total", "looks too high for benefits; please check the amount and how often it is paid"
            )
    if inp.earnings_monthly is not None:
        if not isinstance(inp.earnings_monthly, Decimal) or inp.earnings_monthly < 0:
            raise CapInputError("earnings", "must be a positive amount of money")
        if earnings_too_high(inp.earnings_monthly):
            raise CapInputError("earnings", "looks too high; please check the amount")


def estimate(facts: CapFacts, inp: CapInput) -> CapResult:
    _check(inp)
    period = MONTH if inp.scheme == UC else WEEK
    if inp.over_pension_age or (inp.mixed_age_couple and inp.scheme == LEGACY):
        return CapResult(EXEMPT, period, inp, PENSION_AGE)
    if inp.mixed_age_couple:
        return CapResult(UNKNOWN_RULE, period, inp, MIXED_AGE_COUPLE)
    if inp.exempt_benefit:
        return CapResult(EXEMPT, period, inp, EXEMPT_BENEFIT)

    cap_period = facts.period_on(inp.on)
    if cap_period is None:
        return CapResult(UNKNOWN_FIGURES, period, inp)
    amounts = cap_period.amounts[(inp.household, inp.in_london)]
    cap = amounts.month if period == MONTH else amounts.week
    figures = [Figure(CAP_FIGURE, cap, False, cap_period.source, cap_period.effective_from)]
    caveats = [ESTIMATE_ONLY]

    threshold = facts.threshold_on(inp.on) if inp.scheme == UC else None
    if threshold is not None:
        figures.append(
            Figure(
                THRESHOLD_FIGURE, threshold.monthly, threshold.approximate, threshold.source, threshold.effective_from
            )
        )
        if inp.earnings_monthly is not None and inp.earnings_monthly >= threshold.monthly:
            return CapResult(
                EXEMPT, period, inp, EARNS_ENOUGH, cap, figures=tuple(figures), caveats=tuple(caveats),
                threshold=threshold,
            )  # fmt: skip
        if threshold.approximate and inp.earnings_monthly is not None:
            caveats.append(THRESHOLD_WORKED_OUT)

    def result(outcome: str, total: Decimal | None = None, difference: Decimal | None = None) -> CapResult:
        return CapResult(outcome, period, inp, "", cap, total, difference, tuple(figures), tuple(caveats), threshold)

    if inp.grace_period:
        return result(GRACE)
    if inp.total is None:
        return result(NEED_AMOUNT)

    if inp.total.period is None:
        caveats.append(PERIOD_ASSUMED)
    total = inp.total.per(period).quantize(PENNY, rounding=ROUND_HALF_UP)
    difference = (total - cap).quantize(PENNY, rounding=ROUND_HALF_UP)
    if difference > 0:
        caveats.append(CUT_LIMITED)
        return result(CAPPED, total, difference)
    return result(UNDER, total, -difference)

"""The benefit cap: its facts, and a plain estimator with no Rasa in it.

The estimator decides, in this order:
1. over State Pension age                                  -> exempt
2. someone in the home gets an exempting benefit           -> exempt
3. no cap figures known for the date                        -> unknown (say so, signpost)
4. Universal Credit and earnings at or above the threshold  -> exempt
5. in a grace period                                        -> grace (no cap for 9 months)
6. no total amount given                                    -> need amount (state the cap only)
7. total over the cap                                        -> capped, by the difference
   total at or under the cap                                -> under, by the difference

Universal Credit is compared per month, legacy benefits (Housing Benefit) per
week. An amount given for another period is converted with 52 weeks and 12
months in a year.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from bot.money import MONTH, WEEK, Money

COUPLE_OR_LONE_PARENT, SINGLE = "couple_or_lone_parent", "single"
HOUSEHOLDS = (COUPLE_OR_LONE_PARENT, SINGLE)
UC, LEGACY = "uc", "legacy"
EXEMPT, GRACE, UNDER, CAPPED, NEED_AMOUNT, UNKNOWN_FIGURES = (
    "exempt", "grace", "under", "capped", "need_amount", "unknown_figures",
)  # fmt: skip

# Amounts past these are almost certainly a typo (a year typed as a month).
MAX_MONTHLY_TOTAL = Decimal(15000)
MAX_MONTHLY_EARNINGS = Decimal(50000)
PENNY = Decimal("0.01")


@dataclass(frozen=True)
class CapAmounts:
    year: Decimal
    month: Decimal
    week: Decimal


@dataclass(frozen=True)
class CapPeriod:
    effective_from: dt.date
    known_until: dt.date
    source: str
    amounts: Mapping[tuple[str, bool], CapAmounts]  # (household, in Greater London)


@dataclass(frozen=True)
class Threshold:
    effective_from: dt.date
    monthly: Decimal
    approximate: bool
    source: str

    @property
    def text(self) -> str:
        """As the claimant hears it: "about £881" when computed from the rule, not published."""
        return f"{'about ' if self.approximate else ''}£{self.monthly:,}"


@dataclass(frozen=True)
class CapFacts:
    caps: tuple[CapPeriod, ...]
    thresholds: tuple[Threshold, ...]
    counted_benefits: tuple[str, ...]
    exempting_benefits: tuple[str, ...]
    uc_exemptions: tuple[str, ...]
    hb_exemptions: tuple[str, ...]
    pension_age: str
    grace_uc: str
    grace_hb: str
    applied_uc: str
    applied_hb: str
    applied_neither: str
    help: tuple[str, ...]
    source: str

    def period_on(self, on: dt.date) -> CapPeriod | None:
        for period in sorted(self.caps, key=lambda p: p.effective_from, reverse=True):
            if period.effective_from <= on:
                return period if on <= period.known_until else None
        return None

    def threshold_on(self, on: dt.date) -> Threshold | None:
        return next(
            (
                t
                for t in sorted(self.thresholds, key=lambda t: t.effective_from, reverse=True)
                if t.effective_from <= on
            ),
            None,
        )


@dataclass(frozen=True)
class Figure:
    label: str
    value: str
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
    grace_period: bool = False


@dataclass(frozen=True)
class CapResult:
    outcome: str
    reason: str
    period: str
    cap: Decimal | None = None
    total: Decimal | None = None
    difference: Decimal | None = None
    figures: tuple[Figure, ...] = ()
    caveats: tuple[str, ...] = field(default=())


class CapInputError(ValueError):
    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field, self.reason = field, reason


def pounds(value: Decimal) -> str:
    """£1,835.00 style, as GOV.UK prints amounts."""
    return f"£{value.quantize(PENNY):,}"


def total_too_high(total: Money) -> bool:
    return total.per(MONTH) > MAX_MONTHLY_TOTAL


def earnings_too_high(monthly: Decimal) -> bool:
    return monthly > MAX_MONTHLY_EARNINGS


def _check(inp: CapInput) -> None:
    # An exempt household needs no household type: the estimate stops before it.
    if inp.household not in HOUSEHOLDS and not (inp.exempt_benefit or inp.over_pension_age):
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
    caveats = [
        "This is an estimate, not a decision. The Department for Work and Pensions "
        + ("works out the cap." if inp.scheme == UC else "and your council work out the cap.")
    ]
    if inp.over_pension_age:
        return CapResult(
            EXEMPT, "You have reached State Pension age, so the cap does not apply.", period, caveats=tuple(caveats)
        )
    if inp.exempt_benefit:
        return CapResult(
            EXEMPT,
            "Someone in your home gets a benefit that means the cap does not apply.",
            period,
            caveats=tuple(caveats),
        )

    cap_period = facts.period_on(inp.on)
    if cap_period is None:
        return CapResult(
            UNKNOWN_FIGURES,
            "I don't have the benefit cap figures for today's date. They may have changed.",
            period,
            caveats=tuple(caveats),
        )
    amounts = cap_period.amounts[(inp.household, inp.in_london)]
    cap = amounts.month if period == MONTH else amounts.week
    where = "in Greater London" if inp.in_london else "outside Greater London"
    who = "a couple or a single parent" if inp.household == COUPLE_OR_LONE_PARENT else "a single adult"
    figures = [Figure(f"Cap for {who} {where}, a {period}", pounds(cap), cap_period.source, cap_period.effective_from)]

    if inp.scheme == UC:
        threshold = facts.threshold_on(inp.on)
        if threshold is not None:
            figures.append(
                Figure(
                    "Earnings threshold, a month",
                    threshold.text,
                    threshold.source,
                    threshold.effective_from,
                )
            )
            if inp.earnings_monthly is not None and inp.earnings_monthly >= threshold.monthly:
                return CapResult(
                    EXEMPT,
                    f"You earn {pounds(inp.earnings_monthly)} a month, at least the earnings threshold of "
                    f"{threshold.text}, so the cap does not apply.",
                    period, cap, figures=tuple(figures), caveats=tuple(caveats),
                )  # fmt: skip
            if threshold.approximate and inp.earnings_monthly is not None:
                caveats.append(
                    f"The earnings threshold of {threshold.text} is worked out from the rule; it is not published."
                )

    if inp.grace_period:
        return CapResult(
            GRACE,
            "It sounds like you may get a grace period: the cap should not apply for 9 months.",
            period, cap, figures=tuple(figures), caveats=tuple(caveats),
        )  # fmt: skip
    if inp.total is None:
        return CapResult(
            NEED_AMOUNT,
            f"The cap for {who} {where} is {pounds(cap)} a {period}.",
            period, cap, figures=tuple(figures), caveats=tuple(caveats),
        )  # fmt: skip

    if inp.total.period is None:
        caveats.append(f"I took {pounds(inp.total.amount)} as the amount a {period}.")
    total = inp.total.per(period).quantize(PENNY)
    difference = (total - cap).quantize(PENNY)
    cut = "Universal Credit" if inp.scheme == UC else "Housing Benefit"
    if difference > 0:
        caveats.append(f"Only your {cut} can be cut, so the cut cannot be more than your {cut}.")
        return CapResult(
            CAPPED,
            f"Your benefits of {pounds(total)} a {period} are {pounds(difference)} over the cap of {pounds(cap)}. "
            f"Your {cut} may be cut by about {pounds(difference)} a {period}.",
            period, cap, total, difference, tuple(figures), tuple(caveats),
        )  # fmt: skip
    return CapResult(
        UNDER,
        f"Your benefits of {pounds(total)} a {period} are "
        + ("exactly at" if difference == 0 else f"{pounds(-difference)} under")
        + f" the cap of {pounds(cap)}, so they should not be cut.",
        period, cap, total, -difference, tuple(figures), tuple(caveats),
    )  # fmt: skip

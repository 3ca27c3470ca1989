"""The benefit cap's rules as a table, written from knowledge-facts.md ("Benefit cap")
for the property test (issue 17), not from the estimator's code. Figures are read
straight from knowledge/benefit_cap.yml's YAML, not through its loader.

In order, the first that applies:
1. neither Universal Credit nor Housing Benefit: the cap cannot apply;
2. the claimant, their partner or a child under 18 living with them gets an
   exempting benefit; on UC, the LCWRA or carer element; on HB, Working Tax
   Credit: exempt (another adult's benefit does not count);
3. a single person over State Pension age, or a couple who both are: exempt;
   HB and either partner at Pension Credit age: exempt; UC and only one: no
   rule ("I can't say", Citizens Advice);
4. no cap figures for the date: unknown figures;
5. UC and earnings (the couple together, after tax) at or above the threshold
   in force: exempt;
6. a grace period: no cap for 9 months;
7. the household: a couple, or a single parent with a child living with them,
   has the couple cap; a single adult (adult children and other non-dependants
   are not counted) the single cap; Greater London has its own;
8. total above the cap: capped by the difference; at or below: not capped.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

import yaml

from bot.core.paths import ROOT

RAW = yaml.safe_load((ROOT / "knowledge" / "benefit_cap.yml").read_text())


@dataclass(frozen=True)
class Household:
    scheme: str  # "uc", "legacy" or "neither"
    couple: bool
    children: int  # under 18, living with them
    adults: int  # non-dependants: a grown-up son, a parent
    london: bool
    on: dt.date
    pension: str = "none"  # "none", "all" (single, or both of a couple) or "one" (one of a couple)
    benefit_holder: str | None = None  # who gets an exempting benefit: claimant, partner, child, adult
    element: bool = False  # UC: LCWRA or carer element; HB: Working Tax Credit
    earnings: Decimal = Decimal(0)  # a month, after tax, the couple together (UC)
    grace: bool = False
    total: Decimal = Decimal(0)  # the counted benefits, a month (UC) or a week (HB)
    uncounted: Decimal = Decimal(0)  # Scottish Child Payment said with the total: never counted
    notes: tuple[str, ...] = field(default=())


def _period(on: dt.date) -> dict | None:
    for entry in sorted(RAW["caps"], key=lambda e: e["effective_from"], reverse=True):
        if entry["effective_from"] <= on <= entry["known_until"]:
            return entry
    return None


def threshold(on: dt.date) -> Decimal | None:
    entries = [t for t in RAW["earnings_thresholds"] if t["effective_from"] <= on]
    return Decimal(str(max(entries, key=lambda t: t["effective_from"])["monthly"])) if entries else None


def cap_for(h: Household) -> Decimal | None:
    entry = _period(h.on)
    if entry is None:
        return None
    kind = "couple_or_lone_parent" if h.couple or h.children else "single"
    figures = entry["amounts"][kind]["london" if h.london else "outside"]
    return Decimal(str(figures["month" if h.scheme == "uc" else "week"]))


def expected(h: Household) -> tuple[str, Decimal | None]:
    """The outcome code and, when capped or under, the difference."""
    if h.scheme == "neither":
        return "not_affected", None
    if h.benefit_holder in ("claimant", "partner", "child") or h.element:
        return "exempt", None
    if h.pension == "all" or (h.pension == "one" and h.scheme == "legacy"):
        return "exempt", None
    if h.pension == "one":
        return "unknown_rule", None
    cap = cap_for(h)
    if cap is None:
        return "unknown_figures", None
    line = threshold(h.on)
    if h.scheme == "uc" and line is not None and h.earnings >= line:
        return "exempt", None
    if h.grace:
        return "grace", None
    if h.total > cap:
        return "capped", h.total - cap
    return "under", cap - h.total

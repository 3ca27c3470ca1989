"""knowledge/benefit_cap.yml: the cap amounts and earnings thresholds, each
dated, and the rules in words; `load()` reads and checks the file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from bot.core.dated import in_force
from bot.core.fields import FieldError, bool_field, date_field, money_field, text
from bot.core.knowledge_files import KnowledgeError, each, one_text, texts

COUPLE_OR_LONE_PARENT, SINGLE = "couple_or_lone_parent", "single"
HOUSEHOLDS = (COUPLE_OR_LONE_PARENT, SINGLE)


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
    # Worked out from the rule (16 hours at the National Living Wage), not published.
    approximate: bool
    source: str


@dataclass(frozen=True)
class CapFacts:
    caps: tuple[CapPeriod, ...]
    thresholds: tuple[Threshold, ...]
    counted_benefits: tuple[str, ...]
    not_counted_examples: tuple[str, ...]
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
        """The cap amounts in force, or None when the date is past what is known (never an old figure)."""
        period = in_force(self.caps, on)
        return period if period is not None and on <= period.known_until else None

    def threshold_on(self, on: dt.date) -> Threshold | None:
        return in_force(self.thresholds, on)

    def thresholds_between(self, start: dt.date, end: dt.date) -> tuple[Threshold, ...]:
        """Every threshold in force at some time from `start` to `end`, oldest first. For
        the grace period, the one that counts is the one in force when the earnings were
        received (SI 2020/611), so a year of earnings can meet more than one."""
        first = self.threshold_on(start)
        later = [t for t in self.thresholds if start < t.effective_from <= end]
        return tuple(([first] if first is not None else []) + sorted(later, key=lambda t: t.effective_from))


def _cap_period(raw: Mapping[str, Any]) -> CapPeriod:
    amounts_raw = raw.get("amounts")
    if not isinstance(amounts_raw, Mapping) or set(amounts_raw) != set(HOUSEHOLDS):
        raise FieldError("amounts", f"must give {' and '.join(HOUSEHOLDS)}")
    amounts = {}
    for household in HOUSEHOLDS:
        places = amounts_raw[household]
        if not isinstance(places, Mapping) or set(places) != {"london", "outside"}:
            raise FieldError(f"amounts.{household}", "must give london and outside")
        for place in ("london", "outside"):
            row = places[place]
            if not isinstance(row, Mapping):
                raise FieldError(f"amounts.{household}.{place}", "must give year, month and week")
            try:
                cap = CapAmounts(
                    year=money_field(row, "year"), month=money_field(row, "month"), week=money_field(row, "week")
                )
            except FieldError as err:
                raise FieldError(f"amounts.{household}.{place}.{err.field}", err.reason) from None
            # The published month and week figures are the year's, divided and rounded.
            if abs(cap.year / 12 - cap.month) > Decimal("0.01") or abs(cap.year / 52 - cap.week) > Decimal("0.01"):
                raise FieldError(f"amounts.{household}.{place}", "month and week do not match the year")
            amounts[(household, place == "london")] = cap
    start = date_field(raw, "effective_from")
    until = date_field(raw, "known_until")
    assert start is not None and until is not None
    if until < start:
        raise FieldError("known_until", "is before effective_from")
    return CapPeriod(effective_from=start, known_until=until, source=text(raw, "source") or "", amounts=amounts)


def _threshold(raw: Mapping[str, Any]) -> Threshold:
    return Threshold(
        effective_from=date_field(raw, "effective_from") or dt.date.min,
        monthly=money_field(raw, "monthly"),
        approximate=bool_field(raw, "approximate"),
        source=text(raw, "source") or "",
    )


def load(path: Path, doc: Any, source: str) -> CapFacts:
    caps = tuple(each(path, doc, "caps", _cap_period))
    thresholds = tuple(each(path, doc, "earnings_thresholds", _threshold))
    grace, applied = doc.get("grace_period"), doc.get("how_applied")
    if not isinstance(grace, Mapping) or not isinstance(applied, Mapping):
        raise KnowledgeError(path, "needs grace_period and how_applied, each with uc and hb")
    return CapFacts(
        caps=caps,
        thresholds=thresholds,
        counted_benefits=texts(path, doc, "counted_benefits"),
        not_counted_examples=texts(path, doc, "not_counted_examples"),
        exempting_benefits=texts(path, doc, "exempting_benefits"),
        uc_exemptions=texts(path, doc, "uc_exemptions"),
        hb_exemptions=texts(path, doc, "hb_exemptions"),
        pension_age=one_text(path, doc, "pension_age"),
        grace_uc=one_text(path, grace, "uc"),
        grace_hb=one_text(path, grace, "hb"),
        applied_uc=one_text(path, applied, "uc"),
        applied_hb=one_text(path, applied, "hb"),
        applied_neither=one_text(path, applied, "neither"),
        help=texts(path, doc, "help"),
        source=source,
    )

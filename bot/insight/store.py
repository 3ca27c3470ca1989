"""Writing the counts as things happen, and reading them back summed for the page.

Each event adds one to its week's cell and its month's (period, start, site, channel,
metric, key). A cell is updated in place, or made when it is the first; two writers
making the same new cell at once meet the unique constraint, and the loser adds to the
winner's. A page's dates are widened to the whole weeks or months they fall in."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.core.db import make_engine
from bot.handoff.models import Base
from bot.insight.models import InsightCount
from bot.insight.rules import METRICS, month_of, week_of

CHANNELS = ("web", "kiosk")
PERIODS = ("week", "month")


def today() -> dt.date:
    return dt.datetime.now(dt.timezone.utc).date()


@dataclass(frozen=True)
class Event:
    metric: str
    key: str = ""
    site: str | None = None
    channel: str = "web"


@dataclass(frozen=True)
class Scope:
    """Which counts a page shows: a site (None: every site and the web), a channel
    (None: both), from and to (days, inclusive; the weeks or months they fall in)."""

    since: dt.date
    until: dt.date
    site: str | None = None
    channel: str | None = None


@dataclass(frozen=True)
class Cell:
    metric: str
    key: str
    period: dt.date | None  # the week's or month's start, when asked for by period
    count: int


def _starts(day: dt.date) -> tuple[tuple[str, dt.date], ...]:
    return (("week", week_of(day)), ("month", month_of(day)))


@dataclass
class InsightStore:
    engine: Engine
    _today: Any = field(default=today, repr=False)

    @classmethod
    def from_url(cls, url: str) -> InsightStore:
        return cls(make_engine(url))

    def create_schema(self) -> None:
        Base.metadata.create_all(self.engine, tables=[InsightCount.__table__])

    def record(self, events: Iterable[Event], on: dt.date | None = None) -> None:
        """Add one to each event's cells for the day."""
        day = on or self._today()
        with Session(self.engine) as session, session.begin():
            for event in events:
                self._add(session, event, day)

    def add_counts(self, rows: Sequence[tuple[dt.date, Event, int]]) -> None:
        """Many cells at once, each by its own amount (for tests)."""
        with Session(self.engine) as session, session.begin():
            for day, event, by in rows:
                self._add(session, event, day, by)

    def _add(self, session: Session, event: Event, day: dt.date, by: int = 1) -> None:
        if event.metric not in METRICS:
            raise ValueError(f"unknown metric {event.metric!r}")
        site = (event.site or "")[:80]
        channel = event.channel if event.channel in CHANNELS else "web"
        key = event.key[:120]
        for period, start in _starts(day):
            cell = {"period": period, "start": start, "site": site, "channel": channel, "metric": event.metric}
            where = [getattr(InsightCount, k) == v for k, v in {**cell, "key": key}.items()]
            add = update(InsightCount).where(*where).values(count=InsightCount.count + by)
            if session.execute(add).rowcount:
                continue
            try:
                with session.begin_nested():
                    session.add(InsightCount(**cell, key=key, count=by))
            except IntegrityError:
                session.execute(add)

    def sums(self, scope: Scope, metrics: Sequence[str], period: str = "month", by_period: bool = False) -> list[Cell]:
        """Counts summed over the weeks or months of the scope, by metric and key (and by
        week or month too, with `by_period`)."""
        if period not in PERIODS:
            raise ValueError(f"period must be one of {PERIODS}")
        first = week_of(scope.since) if period == "week" else month_of(scope.since)
        columns = [InsightCount.metric, InsightCount.key, *([InsightCount.start] if by_period else [])]
        query = (
            select(*columns, func.sum(InsightCount.count))
            .where(InsightCount.period == period, InsightCount.start >= first, InsightCount.start <= scope.until)
            .where(InsightCount.metric.in_(list(metrics)))
            .group_by(*columns)
        )
        if scope.site is not None:
            query = query.where(InsightCount.site == scope.site)
        if scope.channel is not None:
            query = query.where(InsightCount.channel == scope.channel)
        with Session(self.engine) as session:
            rows = session.execute(query).all()
        return [Cell(r[0], r[1], r[2] if by_period else None, int(r[-1])) for r in rows]

    def sites(self) -> list[str]:
        """The sites that have counts ("" is the web)."""
        with Session(self.engine) as session:
            return sorted(s for (s,) in session.execute(select(InsightCount.site).distinct()))

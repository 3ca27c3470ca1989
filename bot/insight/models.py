"""The counts table. It shares the handoff tables' Base (one project database) but holds
no claimant data: no reference, no conversation id, no words, only what happened, where,
in which week or month, and how often.

Each event adds one to two rows: its week's and its month's. The page reads only the rows
of the period it shows, about 7 times fewer than rows by day would be (measured in
bench/insight.py: the year-long view at every site took 260 ms by day)."""

from __future__ import annotations

from sqlalchemy import Column, Date, Index, Integer, String, UniqueConstraint

from bot.handoff.models import Base


class InsightCount(Base):
    __tablename__ = "insight_counts"

    id = Column(Integer, primary_key=True)
    period = Column(String(5), nullable=False)  # week or month
    start = Column(Date, nullable=False)  # its Monday, or the first of its month (UTC)
    site = Column(String(80), nullable=False, default="")  # "" for the web
    channel = Column(String(10), nullable=False)  # web or kiosk
    metric = Column(String(30), nullable=False)
    key = Column(String(120), nullable=False, default="")
    count = Column(Integer, nullable=False, default=0)

    __table_args__ = (
        UniqueConstraint("period", "start", "site", "channel", "metric", "key", name="uq_insight_cell"),
        # Covers the page's query, so SQLite sums from the index alone (bench/insight.py:
        # the year at every site went from 76 ms to 30 ms a query).
        Index("ix_insight_cover", "period", "metric", "start", "site", "channel", "key", "count"),
    )

"""The counts table. It shares the handoff tables' Base (one project database) but holds
no claimant data: no reference, no conversation id, no words, only what happened, where
and on which day, and how often."""

from __future__ import annotations

from sqlalchemy import Column, Date, Index, Integer, String, UniqueConstraint

from bot.handoff.models import Base


class InsightCount(Base):
    __tablename__ = "insight_counts"

    id = Column(Integer, primary_key=True)
    day = Column(Date, nullable=False)  # UTC
    week = Column(Date, nullable=False)  # the Monday of its ISO week, to group by
    month = Column(Date, nullable=False)  # the first of its month, to group by
    site = Column(String(80), nullable=False, default="")  # "" for the web
    channel = Column(String(10), nullable=False)  # web or kiosk
    metric = Column(String(30), nullable=False)
    key = Column(String(120), nullable=False, default="")
    count = Column(Integer, nullable=False, default=0)

    __table_args__ = (
        UniqueConstraint("day", "site", "channel", "metric", "key", name="uq_insight_cell"),
        Index("ix_insight_lookup", "metric", "site", "day"),
    )

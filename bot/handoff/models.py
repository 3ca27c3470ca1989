"""SQLAlchemy tables for handoffs, their notes and the audit log (SQLAlchemy 1.4, 2.0 style).

Advisers' tables (bot/advisers/models.py) share this Base: one project database.

They live in the project database beside the directory (SIGNPOST_DATABASE_URL).
No table holds a claimant's words: handoffs keep a structured summary, and the
transcript stays in the tracker store, read through Rasa's API.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import declarative_base, relationship

Base = declarative_base()


class Handoff(Base):
    __tablename__ = "handoffs"

    id = Column(Integer, primary_key=True)
    reference = Column(String(12), nullable=False, unique=True)
    conversation_id = Column(String(128), nullable=False, unique=True)
    created_at = Column(DateTime, nullable=False, index=True)  # UTC
    updated_at = Column(DateTime, nullable=False)
    channel = Column(String(10), nullable=False)  # web or kiosk
    site = Column(String(80), index=True)
    status = Column(String(10), nullable=False, default="new", index=True)
    urgent = Column(Boolean, nullable=False, default=False)
    # " urgent longer_appointment ": flag codes with spaces round each, to filter by.
    flag_codes = Column(String(400), nullable=False, default=" ")
    triggers = Column(Text, nullable=False, default="[]")  # JSON: why it was raised, in order
    summary = Column(Text, nullable=False, default="{}")  # JSON: see bot/handoff/summary.py

    notes = relationship("HandoffNote", cascade="all, delete-orphan", order_by="HandoffNote.created_at")

    __table_args__ = (Index("ix_handoffs_queue", "urgent", "created_at"),)


class HandoffNote(Base):
    __tablename__ = "handoff_notes"

    id = Column(Integer, primary_key=True)
    handoff_id = Column(Integer, ForeignKey("handoffs.id", ondelete="CASCADE"), nullable=False, index=True)
    adviser = Column(String(80), nullable=False)
    created_at = Column(DateTime, nullable=False)
    text = Column(Text, nullable=False)


class AuditEntry(Base):
    """Who viewed or changed what, and when. Holds references, never a claimant's words."""

    __tablename__ = "audit_log"

    id = Column(Integer, primary_key=True)
    at = Column(DateTime, nullable=False, index=True)
    adviser = Column(String(80), nullable=False)
    action = Column(String(30), nullable=False)
    reference = Column(String(12))
    detail = Column(String(300))

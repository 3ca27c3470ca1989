"""SQLAlchemy tables for adviser accounts, their sessions and failed sign-ins.

They share the handoff tables' Base, so one `create_schema()` makes the whole
project database (bot/handoff/store.py imports this module for that).
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, DateTime, ForeignKey, Integer, String, text

from bot.handoff.models import Base


class Adviser(Base):
    __tablename__ = "advisers"

    username = Column(String(80), primary_key=True)
    password_hash = Column(String(200), nullable=False)
    created_at = Column(DateTime, nullable=False)
    active = Column(Boolean, nullable=False, default=True)
    # adviser, or manager (who also sees /adviser/insight, issue 19).
    role = Column(String(20), nullable=False, default="adviser", server_default=text("'adviser'"))


class AdviserSession(Base):
    __tablename__ = "adviser_sessions"

    token_hash = Column(String(64), primary_key=True)  # sha256 of the cookie value
    username = Column(String(80), ForeignKey("advisers.username", ondelete="CASCADE"), nullable=False)
    csrf = Column(String(64), nullable=False)
    created_at = Column(DateTime, nullable=False)
    expires_at = Column(DateTime, nullable=False, index=True)


class LoginFailure(Base):
    __tablename__ = "login_failures"

    id = Column(Integer, primary_key=True)
    username = Column(String(80), nullable=False, index=True)
    client = Column(String(64), nullable=False, index=True)
    at = Column(DateTime, nullable=False, index=True)

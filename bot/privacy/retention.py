"""Deleting conversations and handoffs once the retention period has passed.

Also, on the same schedule: failed sign-ins past the throttle window, expired
adviser sessions, audit rows older than AUDIT_KEPT, and skills profiles past the
date they were kept to (SIGNPOST_PROGRESS_DAYS after the check, issue 19) with
look-ups of them past the throttle window. The anonymous counts of bot/insight
hold no claimant data and are kept.

Conversations live in Rasa's SQL tracker store (table `events`, one row per
event, with the conversation's `sender_id` and a Unix `timestamp`). A
conversation is deleted whole once its newest event is older than the cut-off,
so no conversation is left half-kept. Handoffs go when last updated before it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import MetaData, Table, delete, func, inspect, select
from sqlalchemy.engine import Engine

from bot.advisers.accounts import Advisers
from bot.digital_skills.store import ProfileStore
from bot.handoff.store import HandoffStore, utcnow

PERIOD = re.compile(r"^\s*(\d{1,4})\s*(d|day|days)?\s*$", re.IGNORECASE)


def parse_period(text: str) -> dt.timedelta:
    """ "30d", "30 days" or "30" -> 30 days. At least 1 day."""
    match = PERIOD.match(text or "")
    if not match or int(match.group(1)) < 1:
        raise ValueError(f"{text!r} is not a number of days, like 30d")
    return dt.timedelta(days=int(match.group(1)))


# The audit log holds who did what, never a claimant's words; it is kept this long (issue 16).
AUDIT_KEPT = dt.timedelta(days=365)


@dataclass(frozen=True)
class Purged:
    conversations: int
    events: int
    handoffs: int
    login_failures: int = 0
    adviser_sessions: int = 0
    audit_rows: int = 0
    skills_profiles: int = 0


def purge_conversations(tracker_engine: Engine, before: dt.datetime) -> tuple[int, int]:
    """(conversations, events) deleted from the tracker store."""
    if not inspect(tracker_engine).has_table("events"):
        return 0, 0
    events = Table("events", MetaData(), autoload_with=tracker_engine)
    cutoff = before.replace(tzinfo=dt.timezone.utc).timestamp()
    old = select(events.c.sender_id).group_by(events.c.sender_id).having(func.max(events.c.timestamp) < cutoff)
    with tracker_engine.begin() as conn:
        senders = list(conn.execute(old).scalars())
        removed = 0
        for start in range(0, len(senders), 500):
            batch = senders[start : start + 500]
            removed += conn.execute(delete(events).where(events.c.sender_id.in_(batch))).rowcount or 0
    return len(senders), removed


def purge(
    store: HandoffStore, tracker_engine: Engine, older_than: dt.timedelta, now: dt.datetime | None = None
) -> Purged:
    at = now or utcnow()
    before = at - older_than
    conversations, events = purge_conversations(tracker_engine, before)
    failures, sessions = Advisers(store.engine, now=lambda: at).prune()
    profiles_store = ProfileStore(store.engine, _now=lambda: at)
    profiles_store.create_schema()
    profiles, _ = profiles_store.purge()
    return Purged(
        conversations=conversations,
        events=events,
        handoffs=store.purge(before),
        login_failures=failures,
        adviser_sessions=sessions,
        audit_rows=store.purge_audit(at - AUDIT_KEPT),
        skills_profiles=profiles,
    )

"""Handoff records: raise or update one per conversation, the adviser queue,
status changes, notes and the audit log."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, func, inspect, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select

# Advisers' tables share this database, so create_schema() makes them too.
from bot.advisers import models as _adviser_tables  # noqa: F401
from bot.core.db import make_engine
from bot.handoff.models import AuditEntry, Base, Handoff, HandoffNote
from bot.handoff.reference import new_reference, normalise_reference
from bot.privacy.redact import redact

STATUSES = ("new", "reviewed", "closed")
CHANNELS = ("web", "kiosk")
MAX_NOTE = 2000


# Columns added to tables that older databases already have: create_all makes only
# missing tables. (table, column, its SQL) for ALTER TABLE ... ADD COLUMN.
ADDED_COLUMNS = (("advisers", "role", "VARCHAR(20) NOT NULL DEFAULT 'adviser'"),)


def _add_missing_columns(engine: Engine) -> None:
    with engine.begin() as conn:
        for table, column, sql in ADDED_COLUMNS:
            if column not in {c["name"] for c in inspect(conn).get_columns(table)}:
                conn.execute(text(f"ALTER TABLE {table} ADD COLUMN {column} {sql}"))


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


@dataclass(frozen=True)
class Note:
    adviser: str
    created_at: dt.datetime
    text: str


@dataclass(frozen=True)
class HandoffView:
    reference: str
    conversation_id: str
    created_at: dt.datetime
    updated_at: dt.datetime
    channel: str
    site: str | None
    status: str
    urgent: bool
    flag_codes: tuple[str, ...]
    triggers: tuple[str, ...]
    summary: dict[str, Any]
    notes: tuple[Note, ...] = ()


@dataclass(frozen=True)
class QueueFilter:
    status: str | None = None
    flag: str | None = None
    site: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    reference: str | None = None
    limit: int = 50  # one page of the queue (issue 16: a flood must not hide real handoffs)
    offset: int = 0


@dataclass(frozen=True)
class StatusChanged:
    channel: str
    site: str | None
    first_review_wait: dt.timedelta | None  # set only on a handoff's first review


@dataclass(frozen=True)
class Raised:
    reference: str
    new: bool  # False when an existing handoff was updated


@dataclass
class HandoffStore:
    engine: Engine
    _now: Any = field(default=utcnow, repr=False)

    @classmethod
    def from_url(cls, url: str) -> HandoffStore:
        return cls(make_engine(url))

    def create_schema(self) -> None:
        Base.metadata.create_all(self.engine)
        _add_missing_columns(self.engine)

    def raise_handoff(
        self,
        conversation_id: str,
        trigger: str,
        summary: dict[str, Any],
        channel: str = "web",
        site: str | None = None,
    ) -> Raised:
        """One handoff per conversation: the first trigger creates it, later ones
        update its summary and add their reason. A closed handoff that is raised
        again opens as new: something new has happened."""
        channel = channel if channel in CHANNELS else "web"
        codes = " " + " ".join(f["code"] for f in summary.get("flags", [])) + " "
        now = self._now()
        for _ in range(10):
            with Session(self.engine) as session, session.begin():
                row = session.execute(
                    select(Handoff).where(Handoff.conversation_id == conversation_id)
                ).scalar_one_or_none()
                if row is not None:
                    triggers = json.loads(row.triggers)
                    if trigger not in triggers:
                        triggers.append(trigger)
                    row.triggers = json.dumps(triggers)
                    row.summary = json.dumps(summary)
                    row.flag_codes = codes
                    row.urgent = bool(summary.get("urgent"))
                    row.updated_at = now
                    row.site = site or row.site
                    if row.status == "closed":
                        row.status = "new"
                    return Raised(row.reference, new=False)
            try:
                reference = new_reference()
                with Session(self.engine) as session, session.begin():
                    session.add(
                        Handoff(
                            reference=reference,
                            conversation_id=conversation_id,
                            created_at=now,
                            updated_at=now,
                            channel=channel,
                            site=site,
                            status="new",
                            urgent=bool(summary.get("urgent")),
                            flag_codes=codes,
                            triggers=json.dumps([trigger]),
                            summary=json.dumps(summary),
                        )
                    )
                return Raised(reference, new=True)
            except IntegrityError:
                continue  # a clash on the reference, or a twin request for this conversation
        raise RuntimeError("could not raise a handoff")

    @staticmethod
    def _view(row: Handoff, with_notes: bool = False) -> HandoffView:
        return HandoffView(
            reference=row.reference,
            conversation_id=row.conversation_id,
            created_at=row.created_at,
            updated_at=row.updated_at,
            channel=row.channel,
            site=row.site,
            status=row.status,
            urgent=row.urgent,
            flag_codes=tuple(row.flag_codes.split()),
            triggers=tuple(json.loads(row.triggers)),
            summary=json.loads(row.summary),
            notes=tuple(Note(n.adviser, n.created_at, n.text) for n in row.notes) if with_notes else (),
        )

    def queue(self, f: QueueFilter = QueueFilter()) -> list[HandoffView]:
        """Urgent first, newest next: one page, `f.limit` rows from `f.offset`."""
        query = _filtered(select(Handoff), f)
        if query is None:
            return []
        query = query.order_by(Handoff.urgent.desc(), Handoff.created_at.desc(), Handoff.reference)
        query = query.offset(max(0, f.offset)).limit(max(1, min(f.limit, 1000)))
        with Session(self.engine) as session:
            return [self._view(row) for row in session.execute(query).scalars()]

    def queue_count(self, f: QueueFilter = QueueFilter()) -> int:
        """How many handoffs the filter matches, on every page."""
        query = _filtered(select(func.count()).select_from(Handoff), f)
        if query is None:
            return 0
        with Session(self.engine) as session:
            return int(session.execute(query).scalar_one())

    def sites(self) -> list[str]:
        with Session(self.engine) as session:
            rows = session.execute(select(Handoff.site).where(Handoff.site.is_not(None)).distinct()).scalars()
            return sorted(s for s in rows if s)

    def get(self, reference: str) -> HandoffView | None:
        ref = normalise_reference(reference)
        if ref is None:
            return None
        with Session(self.engine) as session:
            row = session.execute(select(Handoff).where(Handoff.reference == ref)).scalar_one_or_none()
            return self._view(row, with_notes=True) if row else None

    def set_status(self, reference: str, status: str, adviser: str) -> StatusChanged | None:
        """Change a handoff's status (None if there is no such handoff). The answer says
        how long it waited, when this is its first review ever (issue 19 counts it)."""
        if status not in STATUSES:
            raise ValueError(f"status must be one of {', '.join(STATUSES)}")
        with Session(self.engine) as session, session.begin():
            row = session.execute(select(Handoff).where(Handoff.reference == reference)).scalar_one_or_none()
            if row is None:
                return None
            now = self._now()
            reviewed_before = session.scalar(
                select(func.count()).where(
                    AuditEntry.reference == reference,
                    AuditEntry.action == "status",
                    AuditEntry.detail.like("% -> reviewed"),
                )
            )
            before, row.status = row.status, status
            row.updated_at = now
            session.add(self._audit(adviser, "status", reference, f"{before} -> {status}"))
            first = status == "reviewed" and before != "reviewed" and not reviewed_before
            return StatusChanged(row.channel, row.site, now - row.created_at if first else None)

    def add_note(self, reference: str, text: str, adviser: str) -> bool:
        """Add an adviser's note. Identifiers are taken out, as from every message."""
        text = redact(text.strip()).text
        if not text or len(text) > MAX_NOTE:
            raise ValueError(f"a note must have 1 to {MAX_NOTE} characters")
        with Session(self.engine) as session, session.begin():
            row = session.execute(select(Handoff).where(Handoff.reference == reference)).scalar_one_or_none()
            if row is None:
                return False
            row.notes.append(HandoffNote(adviser=adviser, created_at=self._now(), text=text))
            session.add(self._audit(adviser, "note", reference, f"{len(text)} characters"))
            return True

    def _audit(self, adviser: str, action: str, reference: str | None, detail: str | None) -> AuditEntry:
        return AuditEntry(at=self._now(), adviser=adviser, action=action, reference=reference, detail=detail)

    def audit(self, adviser: str, action: str, reference: str | None = None, detail: str | None = None) -> None:
        with Session(self.engine) as session, session.begin():
            session.add(self._audit(adviser, action, reference, detail))

    def audit_log(self, reference: str | None = None, limit: int = 200) -> list[AuditEntry]:
        query = select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(limit)
        if reference:
            query = query.where(AuditEntry.reference == reference)
        with Session(self.engine) as session:
            rows = list(session.execute(query).scalars())
            session.expunge_all()
            return rows

    def purge_audit(self, before: dt.datetime) -> int:
        """Delete audit rows written before `before` (kept AUDIT_KEPT; they hold no claimant data)."""
        with Session(self.engine) as session, session.begin():
            return session.execute(delete(AuditEntry).where(AuditEntry.at < before)).rowcount or 0

    def purge(self, before: dt.datetime) -> int:
        """Delete handoffs (and their notes) last updated before `before`."""
        with Session(self.engine) as session, session.begin():
            rows = list(session.execute(select(Handoff).where(Handoff.updated_at < before)).scalars())
            for row in rows:
                session.delete(row)
            return len(rows)


def _filtered(query: Select, f: QueueFilter) -> Select | None:
    """The queue's filters on a query of handoffs; None when a reference cannot match any."""
    if f.reference:
        ref = normalise_reference(f.reference)
        if ref is None:
            return None
        query = query.where(Handoff.reference == ref)
    if f.status in STATUSES:
        query = query.where(Handoff.status == f.status)
    if f.flag:
        query = query.where(Handoff.flag_codes.contains(f" {f.flag} ", autoescape=True))
    if f.site:
        query = query.where(Handoff.site == f.site)
    if f.since:
        query = query.where(Handoff.created_at >= dt.datetime.combine(f.since, dt.time.min))
    if f.until:
        query = query.where(Handoff.created_at < dt.datetime.combine(f.until + dt.timedelta(days=1), dt.time.min))
    return query

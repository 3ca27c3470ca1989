"""Skills profiles kept for a claimant's next check (issue 19), and the look-up throttle.

Only what the comparison needs is kept: the handoff reference the claimant was given,
the level in each skill area, the date of the check, and when it is deleted. No answer,
no words. It is kept only when the claimant says yes at the end of the check, for
SIGNPOST_PROGRESS_DAYS (365 by default); purge deletes it after that.

A reference is 8 characters from 29 (about 5 x 10^11 codes), so guessing one is hopeless
when guesses are few: a look-up that finds nothing is recorded (by a hash of the
address, never the address), and after FAILURES_PER_CLIENT of them in an hour from one
client, or FAILURES_IN_ALL from everyone, look-ups are refused for the rest of the hour.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Column, Date, DateTime, Integer, String, Text, delete, func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from bot.core.db import make_engine
from bot.handoff.models import Base
from bot.handoff.reference import normalise_reference
from bot.handoff.store import utcnow

FAILURES_PER_CLIENT = 5
FAILURES_IN_ALL = 200
WINDOW = dt.timedelta(hours=1)


class SkillsProfile(Base):
    __tablename__ = "skills_profiles"

    id = Column(Integer, primary_key=True)
    reference = Column(String(12), nullable=False, index=True)
    levels = Column(Text, nullable=False)  # JSON: skill area id -> level
    checked_on = Column(Date, nullable=False)
    expires_at = Column(DateTime, nullable=False, index=True)


class ProfileLookupFailure(Base):
    __tablename__ = "profile_lookup_failures"

    id = Column(Integer, primary_key=True)
    client = Column(String(64), nullable=False, index=True)  # a hash, never an address
    at = Column(DateTime, nullable=False, index=True)


class Throttled(Exception):
    """Too many look-ups found nothing: try again later."""


@dataclass(frozen=True)
class Kept:
    reference: str
    levels: dict[str, str]
    checked_on: dt.date


@dataclass
class ProfileStore:
    engine: Engine
    _now: Any = field(default=utcnow, repr=False)

    @classmethod
    def from_url(cls, url: str) -> ProfileStore:
        return cls(make_engine(url))

    def create_schema(self) -> None:
        Base.metadata.create_all(self.engine, tables=[SkillsProfile.__table__, ProfileLookupFailure.__table__])

    def keep(self, reference: str, levels: Mapping[str, str], days: int) -> None:
        now = self._now()
        with Session(self.engine) as session, session.begin():
            session.add(
                SkillsProfile(
                    reference=reference, levels=json.dumps(dict(levels), sort_keys=True), checked_on=now.date(),
                    expires_at=now + dt.timedelta(days=days),
                )
            )  # fmt: skip

    def find(self, typed: str, client: str) -> Kept | None:
        """The newest profile kept under a typed reference, or None. Raises Throttled when
        this client, or everyone, has had too many look-ups find nothing this hour."""
        now = self._now()
        with Session(self.engine) as session, session.begin():
            since = now - WINDOW
            mine = session.scalar(
                select(func.count()).where(ProfileLookupFailure.client == client, ProfileLookupFailure.at >= since)
            )
            everyone = session.scalar(select(func.count()).where(ProfileLookupFailure.at >= since))
            if (mine or 0) >= FAILURES_PER_CLIENT or (everyone or 0) >= FAILURES_IN_ALL:
                raise Throttled
            reference = normalise_reference(typed)
            row = None
            if reference is not None:
                row = session.scalars(
                    select(SkillsProfile)
                    .where(SkillsProfile.reference == reference, SkillsProfile.expires_at > now)
                    .order_by(SkillsProfile.checked_on.desc(), SkillsProfile.id.desc())
                    .limit(1)
                ).first()
            if row is None:
                session.add(ProfileLookupFailure(client=client[:64], at=now))
                return None
            return Kept(row.reference, json.loads(row.levels), row.checked_on)

    def purge(self) -> tuple[int, int]:
        """Delete profiles past their date and failures older than the window."""
        now = self._now()
        with Session(self.engine) as session, session.begin():
            profiles = session.execute(delete(SkillsProfile).where(SkillsProfile.expires_at <= now)).rowcount
            failures = session.execute(delete(ProfileLookupFailure).where(ProfileLookupFailure.at < now - WINDOW))
            return int(profiles or 0), int(failures.rowcount or 0)

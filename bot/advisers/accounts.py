"""Adviser accounts, sign-in sessions and throttling of failed sign-ins.

Passwords are hashed with argon2. A session is a random token in an HttpOnly
cookie; only its sha256 is stored, beside the session's CSRF token.

Throttling (issue 16). Every attempt is recorded *before* its password is
checked, so parallel guesses count against each other and at most MAX_FAILURES
are ever checked. Then, within THROTTLE_WINDOW:
- MAX_FAILURES failures for one name from one client lock that pair until the
  window has passed (someone guessing from one place);
- NAME_CEILING failures for one name from anywhere, or GLOBAL_CEILING in all,
  only slow sign-in down: one attempt per BACKOFF. So nobody can lock a named
  adviser out for the whole window from elsewhere, and behind a proxy (where
  every client looks the same) five failures do not lock out every adviser.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from dataclasses import dataclass
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from bot.advisers.models import Adviser, AdviserSession, LoginFailure
from bot.handoff.store import utcnow

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,39}$")
MIN_PASSWORD = 12
MAX_PASSWORD = 256
SESSION_LENGTH = dt.timedelta(hours=8)
MAX_FAILURES = 5
THROTTLE_WINDOW = dt.timedelta(minutes=15)
NAME_CEILING = 20
GLOBAL_CEILING = 200
BACKOFF = dt.timedelta(seconds=30)
Wait = dt.timedelta | None
_hasher = PasswordHasher()
# Verified against when the username is unknown, so both take the same time.
_DUMMY_HASH = _hasher.hash("not a real password, only for timing")


class AdviserError(ValueError):
    pass


ADVISER, MANAGER = "adviser", "manager"
ROLES = (ADVISER, MANAGER)


@dataclass(frozen=True)
class SignedIn:
    username: str
    csrf: str
    role: str = ADVISER


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def check_username(username: str) -> str:
    name = username.strip().lower()
    if not USERNAME.match(name):
        raise AdviserError("a username is 2 to 40 characters: lower-case letters, digits, dot, dash or underscore")
    return name


class Advisers:
    def __init__(self, engine: Engine, now=utcnow) -> None:  # type: ignore[no-untyped-def]
        self.engine = engine
        self._now = now

    def add(self, username: str, password: str, role: str = ADVISER) -> str:
        name = check_username(username)
        if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
            raise AdviserError(f"a password must have {MIN_PASSWORD} to {MAX_PASSWORD} characters")
        if role not in ROLES:
            raise AdviserError(f"a role is one of: {', '.join(ROLES)}")
        with Session(self.engine) as session, session.begin():
            row = session.get(Adviser, name)
            if row is None:
                session.add(
                    Adviser(username=name, password_hash=_hasher.hash(password), created_at=self._now(), role=role)
                )
            else:  # a new password (and role); every session of the old one ends
                row.password_hash = _hasher.hash(password)
                row.active = True
                row.role = role
                session.execute(delete(AdviserSession).where(AdviserSession.username == name))
        return name

    def disable(self, username: str) -> bool:
        """The adviser can no longer sign in, and every session of theirs ends now.
        `add` with a new password enables them again. False if there is no such adviser."""
        name = username.strip().lower()[:80]
        with Session(self.engine) as session, session.begin():
            row = session.get(Adviser, name)
            if row is None:
                return False
            row.active = False
            session.execute(delete(AdviserSession).where(AdviserSession.username == name))
        return True

    def throttled(self, username: str, client: str) -> dt.timedelta | None:
        """How long until sign-in is allowed again, or None when it is allowed now."""
        name, client = username.strip().lower()[:80], client[:64]
        now = self._now()
        with Session(self.engine) as session:
            return _wait(session, name, client, now)

    def sign_in(self, username: str, password: str, client: str) -> tuple[str, SignedIn] | None:
        """A new session (cookie token, details) for the right password, else None
        (wrong, or throttled: then the password is not even checked)."""
        name, client = username.strip().lower()[:80], client[:64]
        now = self._now()
        # The attempt is a failure until the password proves otherwise, and is written
        # before the check: a burst in parallel sees its own earlier attempts.
        with Session(self.engine) as session, session.begin():
            if _wait(session, name, client, now) is not None:
                return None  # not recorded: waiting out a throttle does not extend it
            attempt = LoginFailure(username=name, client=client, at=now)
            session.add(attempt)
            session.flush()
            attempt_id = attempt.id
        # Committed first, then counted: attempts made at the same moment count each other.
        with Session(self.engine) as session, session.begin():
            if _wait(session, name, client, now, other_than=attempt_id) is not None:
                session.execute(delete(LoginFailure).where(LoginFailure.id == attempt_id))
                return None
        with Session(self.engine) as session:
            row = session.get(Adviser, name)
            stored = row.password_hash if row is not None and row.active else _DUMMY_HASH
        try:
            ok = _hasher.verify(stored, password[:MAX_PASSWORD]) and stored is not _DUMMY_HASH
        except (VerificationError, InvalidHashError):
            ok = False
        if not ok:
            return None
        with Session(self.engine) as session, session.begin():
            session.execute(delete(LoginFailure).where(LoginFailure.username == name, LoginFailure.client == client))
            session.execute(delete(LoginFailure).where(LoginFailure.id == attempt_id))
            session.execute(delete(AdviserSession).where(AdviserSession.expires_at < now))
            token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
            session.add(
                AdviserSession(
                    token_hash=_digest(token), username=name, csrf=csrf, created_at=now, expires_at=now + SESSION_LENGTH
                )
            )
        return token, SignedIn(name, csrf)

    def prune(self) -> tuple[int, int]:
        """Delete failed sign-ins older than the throttle window and expired sessions:
        (failures, sessions) deleted. Run with the daily purge, so neither grows without limit."""
        now = self._now()
        with Session(self.engine) as session, session.begin():
            failures = session.execute(delete(LoginFailure).where(LoginFailure.at < now - THROTTLE_WINDOW))
            sessions = session.execute(delete(AdviserSession).where(AdviserSession.expires_at < now))
            return failures.rowcount or 0, sessions.rowcount or 0

    def session(self, token: str | None) -> SignedIn | None:
        if not token or len(token) > 200:
            return None
        with Session(self.engine) as session:
            row = session.get(AdviserSession, _digest(token))
            if row is None or row.expires_at < self._now():
                return None
            adviser = session.get(Adviser, row.username)
            if adviser is None or not adviser.active:
                return None
            return SignedIn(row.username, row.csrf, adviser.role or ADVISER)

    def sign_out(self, token: str | None) -> None:
        if token:
            with Session(self.engine) as session, session.begin():
                session.execute(delete(AdviserSession).where(AdviserSession.token_hash == _digest(token)))


def _wait(session: Session, name: str, client: str, now: dt.datetime, other_than: int | None = None) -> Wait:
    """The throttle's rules (see the module's docstring). `other_than`: the attempt being
    made, already recorded, which does not count against itself."""

    def failures(*where: Any) -> tuple[int, dt.datetime | None, dt.datetime | None]:
        clauses = [LoginFailure.at >= now - THROTTLE_WINDOW, *where]
        if other_than is not None:
            clauses.append(LoginFailure.id != other_than)
        query = select(func.count(), func.min(LoginFailure.at), func.max(LoginFailure.at)).where(*clauses)
        count, oldest, newest = session.execute(query).one()
        return int(count), oldest, newest

    count, oldest, _ = failures(LoginFailure.username == name, LoginFailure.client == client)
    if count >= MAX_FAILURES and oldest is not None:
        return max(dt.timedelta(seconds=1), oldest + THROTTLE_WINDOW - now)
    for where, ceiling in (((LoginFailure.username == name,), NAME_CEILING), ((), GLOBAL_CEILING)):
        count, _, newest = failures(*where)
        if count >= ceiling and newest is not None and now - newest < BACKOFF:
            return max(dt.timedelta(seconds=1), newest + BACKOFF - now)
    return None

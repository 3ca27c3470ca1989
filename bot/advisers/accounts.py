"""Adviser accounts, sign-in sessions and throttling of failed sign-ins.

Passwords are hashed with argon2. A session is a random token in an HttpOnly
cookie; only its sha256 is stored, beside the session's CSRF token. After
MAX_FAILURES failed sign-ins for a username, or from one client, within
THROTTLE_WINDOW, sign-in is refused until the window has passed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, or_, select
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
_hasher = PasswordHasher()
# Verified against when the username is unknown, so both take the same time.
_DUMMY_HASH = _hasher.hash("not a real password, only for timing")


class AdviserError(ValueError):
    pass


@dataclass(frozen=True)
class SignedIn:
    username: str
    csrf: str


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

    def add(self, username: str, password: str) -> str:
        name = check_username(username)
        if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
            raise AdviserError(f"a password must have {MIN_PASSWORD} to {MAX_PASSWORD} characters")
        with Session(self.engine) as session, session.begin():
            row = session.get(Adviser, name)
            if row is None:
                session.add(Adviser(username=name, password_hash=_hasher.hash(password), created_at=self._now()))
            else:  # a new password; every session of the old one ends
                row.password_hash = _hasher.hash(password)
                row.active = True
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
        since = self._now() - THROTTLE_WINDOW
        with Session(self.engine) as session:
            failures = session.execute(
                select(func.count(), func.min(LoginFailure.at)).where(
                    LoginFailure.at >= since,
                    or_(LoginFailure.username == username.strip().lower()[:80], LoginFailure.client == client[:64]),
                )
            ).one()
        if failures[0] < MAX_FAILURES:
            return None
        return max(dt.timedelta(seconds=1), failures[1] + THROTTLE_WINDOW - self._now())

    def sign_in(self, username: str, password: str, client: str) -> tuple[str, SignedIn] | None:
        """A new session (cookie token, details) for the right password, else None."""
        name = username.strip().lower()[:80]
        with Session(self.engine) as session:
            row = session.get(Adviser, name)
            stored = row.password_hash if row is not None and row.active else _DUMMY_HASH
        try:
            ok = _hasher.verify(stored, password[:MAX_PASSWORD]) and stored is not _DUMMY_HASH
        except (VerificationError, InvalidHashError):
            ok = False
        now = self._now()
        with Session(self.engine) as session, session.begin():
            if not ok:
                session.add(LoginFailure(username=name, client=client[:64], at=now))
                return None
            session.execute(delete(LoginFailure).where(LoginFailure.username == name))
            session.execute(delete(AdviserSession).where(AdviserSession.expires_at < now))
            token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
            session.add(
                AdviserSession(
                    token_hash=_digest(token), username=name, csrf=csrf, created_at=now, expires_at=now + SESSION_LENGTH
                )
            )
        return token, SignedIn(name, csrf)

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
            return SignedIn(row.username, row.csrf)

    def sign_out(self, token: str | None) -> None:
        if token:
            with Session(self.engine) as session, session.begin():
                session.execute(delete(AdviserSession).where(AdviserSession.token_hash == _digest(token)))

"""Sign-in throttling (issue 16): parallel guesses count against each other, one place
guessing locks only itself, and nobody can lock a named adviser out from elsewhere."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from bot.advisers import accounts
from bot.advisers.accounts import BACKOFF, MAX_FAILURES, NAME_CEILING, Advisers
from bot.handoff.store import HandoffStore

PASSWORD = "a long enough password 1"


class Clock:
    def __init__(self) -> None:
        self.at = dt.datetime(2026, 12, 3, 10, 0)

    def __call__(self) -> dt.datetime:
        return self.at


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def advisers(tmp_path, clock) -> Advisers:
    store = HandoffStore.from_url(f"sqlite:///{tmp_path / 'signpost.db'}")
    store.create_schema()
    made = Advisers(store.engine, now=clock)
    made.add("alex.adviser", PASSWORD)
    made.add("sam.adviser", PASSWORD)
    return made


def test_thirty_parallel_wrong_passwords_check_at_most_five(advisers, monkeypatch):
    checked = []
    real = accounts._hasher

    class Counting:
        def verify(self, *args):  # type: ignore[no-untyped-def]
            checked.append(1)
            return real.verify(*args)

    monkeypatch.setattr(accounts, "_hasher", Counting())
    threads = [
        threading.Thread(target=advisers.sign_in, args=("alex.adviser", f"wrong guess number {n}", "10.0.0.9"))
        for n in range(30)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert 1 <= len(checked) <= MAX_FAILURES


def test_one_place_guessing_locks_only_itself(advisers, clock):
    for n in range(MAX_FAILURES):
        assert advisers.sign_in("alex.adviser", f"wrong {n} password", "10.0.0.9") is None
    assert advisers.sign_in("alex.adviser", PASSWORD, "10.0.0.9") is None  # locked here, even the right one
    assert advisers.throttled("alex.adviser", "10.0.0.9") is not None
    # The same adviser from their own desk, and another adviser behind the same proxy, are not locked.
    assert advisers.sign_in("alex.adviser", PASSWORD, "192.168.1.20") is not None
    assert advisers.sign_in("sam.adviser", PASSWORD, "10.0.0.9") is not None


def test_guessing_a_name_from_everywhere_only_slows_it_down(advisers, clock):
    for n in range(NAME_CEILING):
        assert advisers.sign_in("alex.adviser", "wrong password here", f"10.1.{n}.1") is None
    wait = advisers.throttled("alex.adviser", "192.168.1.20")
    assert wait is not None and wait <= BACKOFF  # a short backoff, not the whole window
    assert advisers.sign_in("alex.adviser", PASSWORD, "192.168.1.20") is None
    clock.at += BACKOFF + dt.timedelta(seconds=1)
    assert advisers.sign_in("alex.adviser", PASSWORD, "192.168.1.20") is not None


def test_a_throttled_attempt_does_not_extend_the_lock(advisers, clock):
    for n in range(MAX_FAILURES):
        advisers.sign_in("alex.adviser", f"wrong {n} password", "10.0.0.9")
    first = advisers.throttled("alex.adviser", "10.0.0.9")
    clock.at += dt.timedelta(minutes=5)
    advisers.sign_in("alex.adviser", "still guessing here", "10.0.0.9")
    later = advisers.throttled("alex.adviser", "10.0.0.9")
    assert first is not None and later is not None and later < first

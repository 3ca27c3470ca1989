"""How often one conversation, and one address, may send to the chat API (issue 16).

About what GOV.UK Chat allows: 15 messages a minute for a conversation (Settings).
An address gets more (120), because a Jobcentre's kiosks and a library's computers
share one.
The counting is pyrate-limiter's (a maintained library); this module only says
which key each request counts against, and drops counters nobody has used for a
while so that memory does not grow with every conversation ever seen.
"""

from __future__ import annotations

from dataclasses import dataclass

from pyrate_limiter import (
    AbstractBucket,
    BucketFactory,
    Duration,
    InMemoryBucket,
    Limiter,
    MonotonicClock,
    Rate,
    RateItem,
)

_TIDY_EVERY = 1000  # requests between sweeps of idle counters


class _PerKey(BucketFactory):
    """One in-memory bucket per key, created when first seen and dropped once idle.

    Old entries are leaked here, on each request, rather than by pyrate-limiter's
    Leaker: that is a background thread per factory, and one is started for every
    gateway made in a test, still running as the interpreter shuts down."""

    def __init__(self, rates: list[Rate]) -> None:
        self.rates = rates
        self.clock = MonotonicClock()
        self.buckets: dict[str, InMemoryBucket] = {}
        self._seen = 0
        self._window = max(rate.interval for rate in rates)

    def wrap_item(self, name: str, weight: int = 1) -> RateItem:
        self._seen += 1
        now = self.clock.now()
        if self._seen % _TIDY_EVERY == 0:
            self._forget_idle(now)
        return RateItem(name, now, weight=weight)

    def get(self, item: RateItem) -> AbstractBucket:
        bucket = self.buckets.get(item.name)
        if bucket is None:
            bucket = self.buckets[item.name] = InMemoryBucket(self.rates)
        bucket.leak(item.timestamp)
        return bucket

    def _forget_idle(self, now: int) -> None:
        for key, bucket in list(self.buckets.items()):
            newest = bucket.peek(0)
            if newest is None or now - newest.timestamp > self._window:
                del self.buckets[key]


@dataclass
class ChatLimits:
    """Both limits; a request must pass both. Every request tried counts for its address."""

    sessions: Limiter
    addresses: Limiter

    @classmethod
    def of(cls, per_session: Rate, per_address: Rate) -> ChatLimits:
        return cls(Limiter(_PerKey([per_session])), Limiter(_PerKey([per_address])))

    @classmethod
    def per_minute(cls, per_session: int, per_address: int) -> ChatLimits:
        """The limits in Settings (SIGNPOST_CHAT_PER_SESSION, SIGNPOST_CHAT_PER_ADDRESS)."""
        return cls.of(Rate(per_session, Duration.MINUTE), Rate(per_address, Duration.MINUTE))

    def allow(self, session: str, address: str) -> bool:
        if not self.addresses.try_acquire(address, blocking=False):
            return False
        return bool(self.sessions.try_acquire(session, blocking=False))

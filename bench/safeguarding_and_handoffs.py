"""The cost of safeguarding and handoffs on each message.

Run: .venv/bin/python -m bench.safeguarding_and_handoffs
Writes var/bench/safeguarding_and_handoffs.json and prints a Markdown table:
- reading a message with the safeguarding rule layer (every message pays this);
- redacting a message at the gateway (every message pays this too);
- raising or updating a handoff, and the adviser queue, with 10,000 handoffs
  on a SQLite file under var/bench/;
- an argon2 password check (each sign-in pays this, on purpose).
All texts and handoffs are made up here.
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
import time
from collections.abc import Callable

from bot.advisers.accounts import _hasher
from bot.core.paths import ROOT
from bot.handoff.store import HandoffStore, QueueFilter
from bot.knowledge import get_knowledge
from bot.privacy.redact import redact
from tests.safeguarding_cases import NEGATIVES, POSITIVES

OUT = ROOT / "var" / "bench"
HANDOFFS = 10_000


def _times(fn: Callable[[], object], repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def _row(name: str, ms: list[float]) -> dict[str, float | str | int]:
    ms = sorted(ms)
    return {
        "measure": name,
        "runs": len(ms),
        "p50_ms": round(statistics.median(ms), 3),
        "p95_ms": round(ms[int(len(ms) * 0.95) - 1], 3),
    }


def main() -> None:
    facts = get_knowledge().safeguarding
    texts = [t for t, _ in POSITIVES] + NEGATIVES
    long_text = " ".join(texts)[:1000]
    rows = [
        _row(
            "safeguarding read, one message (table)", [m for t in texts for m in _times(lambda t=t: facts.read(t), 5)]
        ),
        _row("safeguarding read, 1,000 characters", _times(lambda: facts.read(long_text), 200)),
        _row("redact, one message (table)", [m for t in texts for m in _times(lambda t=t: redact(t), 5)]),
        _row("redact, 1,000 characters", _times(lambda: redact(long_text), 200)),
    ]

    OUT.mkdir(parents=True, exist_ok=True)
    db = OUT / "handoffs.db"
    db.unlink(missing_ok=True)
    store = HandoffStore.from_url(f"sqlite:///{db}")
    store.create_schema()
    summary = {"urgent": False, "flags": [{"code": "longer_appointment", "label": "x", "reasons": ["y"]}]}
    start = dt.datetime(2026, 1, 1)
    for i in range(HANDOFFS):
        store._now = lambda i=i: start + dt.timedelta(minutes=i)
        store.raise_handoff(
            f"bench-{i}", "Asked for a person", {**summary, "urgent": i % 50 == 0}, site=f"site-{i % 20}"
        )
    counter = iter(range(10**9))
    rows += [
        _row(
            f"raise a new handoff ({HANDOFFS:,} stored)",
            _times(lambda: store.raise_handoff(f"new-{next(counter)}", "x", summary), 200),
        ),
        _row("update a handoff", _times(lambda: store.raise_handoff("bench-5", "Asked again", summary), 200)),
        _row("queue, first 200, urgent first", _times(lambda: store.queue(QueueFilter()), 50)),
        _row(
            "queue filtered by flag and site",
            _times(lambda: store.queue(QueueFilter(flag="urgent", site="site-0")), 50),
        ),
        _row("find by reference", _times(lambda: store.queue(QueueFilter(reference="SGN-2345")), 200)),
        _row(
            "argon2 hash, then check (sign-in checks once)",
            _times(lambda: _hasher.verify(_hasher.hash("x" * 16), "x" * 16), 10),
        ),
    ]
    (OUT / "safeguarding_and_handoffs.json").write_text(json.dumps(rows, indent=2))
    print("| Measure | Runs | p50 ms | p95 ms |\n|---|---|---|---|")
    for r in rows:
        print(f"| {r['measure']} | {r['runs']} | {r['p50_ms']} | {r['p95_ms']} |")


if __name__ == "__main__":
    main()

"""p50 and p95 of a run of timings, in milliseconds, as the benches report them."""

from __future__ import annotations

import statistics


def p50_p95(ms: list[float]) -> dict[str, float]:
    ordered = sorted(ms)
    return {"p50_ms": round(statistics.median(ordered), 1), "p95_ms": round(ordered[int(0.95 * len(ordered)) - 1], 1)}

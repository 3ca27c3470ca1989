"""The targets of `make bench`, next to the figures just measured.

Run after the other benchmarks (make bench does): reads their JSON from
var/bench/, writes var/bench/summary.json and summary.md, and prints the table.
A figure that is missing (its benchmark did not run) shows as "not measured".
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bench.load import OUT


@dataclass(frozen=True)
class Target:
    measure: str
    target: str
    source: str
    read: Callable[[Any], float | None]
    meets: Callable[[float], bool]
    unit: str = ""


def _at(rows: list[dict[str, Any]], key: str, value: Any, paced: bool = False) -> dict[str, Any]:
    return next(r for r in rows if r[key] == value and r.get("paced", False) == paced)


TARGETS = [
    # Issue 21: against the empty bot, with one Rasa server, conversations of 20 turns.
    Target("Throughput ours ÷ the mood bot (10 at once, unpaced; issue 21)", "≥ 1.5×", "load.json",
           lambda d: _at(d["ratios_ours_to_mood_bot"], "concurrency", 10)["throughput"], lambda v: v >= 1.5, "×"),
    Target("Throughput ours ÷ the mood bot (40 at once, unpaced; issue 21)", "≥ 1.5×", "load.json",
           lambda d: _at(d["ratios_ours_to_mood_bot"], "concurrency", 40)["throughput"], lambda v: v >= 1.5, "×"),
    Target("p50 for one conversation of 20 turns, through the gateway (issue 21)", "≤ 50 ms", "load.json",
           lambda d: _at(d["ours"], "concurrency", 1)["p50_ms"], lambda v: v <= 50, " ms"),
    Target("p95 at 10 at once, paced (issue 21)", "≤ 300 ms", "load.json",
           lambda d: _at(d["ours"], "concurrency", 10, paced=True)["p95_ms"], lambda v: v <= 300, " ms"),
    Target("p95 at 10 at once, unpaced (issue 21)", "≤ 1 s", "load.json",
           lambda d: _at(d["ours"], "concurrency", 10)["p95_ms"], lambda v: v <= 1000, " ms"),
    Target("Peak RSS of the Rasa server (issue 21)", "≤ 700 MB", "load.json",
           lambda d: d["peak_rss_mb"]["rasa"], lambda v: v <= 700, " MB"),
    Target("Throughput, full stack, ours ÷ stock configuration on our data (10 at once, unpaced)", "≥ 2×", "load.json",
           lambda d: _at(d["ratios_ours_to_stock"], "concurrency", 10)["throughput"], lambda v: v >= 2, "×"),
    Target("Throughput, full stack, ours ÷ stock configuration on our data (40 at once, unpaced)", "≥ 2×", "load.json",
           lambda d: _at(d["ratios_ours_to_stock"], "concurrency", 40)["throughput"], lambda v: v >= 2, "×"),
    Target("p95 at 10 concurrent conversations, unpaced (issue 8)", "≤ 300 ms", "load.json",
           lambda d: _at(d["ours"], "concurrency", 10)["p95_ms"], lambda v: v <= 300, " ms"),
    Target("p50 for one conversation, with nothing else running (bench.latency)", "≤ 60 ms", "latency.json",
           lambda d: d["one_conversation"]["p50_ms"], lambda v: v <= 60, " ms"),
    Target("What the pretrained features add to each message, p50 (issue 14)", "≤ 10 ms", "latency.json",
           lambda d: d["featurizer"]["p50_ms"], lambda v: v <= 10, " ms"),
    Target("Intent macro-F1 on the held-out split", "≥ 0.95", "nlu_quality.json",
           lambda d: d["intent_macro_f1"], lambda v: v >= 0.95),
    Target("Intent macro-F1, untouched real wording (issue 14)", "≥ 0.92", "nlu_quality.json",
           lambda d: d["untouched"]["intent_macro_f1"], lambda v: v >= 0.92),
    Target("Intent macro-F1, 5-fold cross-validation (issue 14)", "≥ 0.95", "nlu_quality.json",
           lambda d: d["cross_validation"]["intent_macro_f1"], lambda v: v >= 0.95),
    Target("Generic fallback on in-domain real wording (issue 14)", "≤ 5%", "nlu_quality.json",
           lambda d: round(d["untouched"]["fallback_rate"] * 100, 1), lambda v: v <= 5, "%"),
    Target("Crisis false alarms per 1,000 everyday questions, third set, never tuned on (issue 14)", "≤ 1",
           "nlu_quality.json",
           lambda d: round(1000 * d["everyday_3"]["false_alarms"] / d["everyday_3"]["questions"], 2), lambda v: v <= 1),
    Target("Untouched requests reaching a useful answer within three turns (issue 15)", "≥ 90%", "repair.json",
           lambda d: round(d["share"] * 100, 1), lambda v: v >= 90, "%"),
    Target("Whole-sentence claimants reaching the cap estimate in no more messages than facts needed (issue 15)",
           "6 of 6", "cap_turns.json", lambda d: d["within_facts"], lambda v: v >= 6),
    Target("Cold training on 2 cores (issue 8)", "≤ 5 min", "load.json",
           lambda d: d["training"]["cold_s"], lambda v: v <= 300, " s"),
    Target("Cold training on 2 cores, with the pretrained features (issue 14)", "≤ 8 min", "load.json",
           lambda d: d["training"]["cold_s"], lambda v: v <= 480, " s"),
    Target("Reuse of an unchanged model", "≤ 5 s", "load.json",
           lambda d: d["training"]["reuse_s"], lambda v: v <= 5, " s"),
    Target("Insight page for 100,000 conversations' counts, p95, SQLite (issue 19)", "≤ 200 ms", "insight.json",
           lambda d: d["p95_ms"], lambda v: v <= 200, " ms"),
    Target("Directory query at 10,000 partners (p50)", "≤ 5 ms", "directory_query.json",
           lambda d: _at(d, "partners", 10_000)["p50_ms"], lambda v: v <= 5, " ms"),
    Target("Soak with faults: messages lost (issue 16)", "0", "faults.json",
           lambda d: d["lost"], lambda v: v == 0),
    Target("Soak with faults: messages answered twice (issue 16)", "0", "faults.json",
           lambda d: d["duplicated"], lambda v: v == 0),
    Target("Soak: serving again after kill -9 of Rasa (issue 16)", "≤ 30 s", "faults.json",
           lambda d: next(f["recovered_after_s"] for f in d["faults"] if f["fault"] == "kill -9 Rasa"),
           lambda v: v is not None and v <= 30, " s"),
    Target("Soak: serving again after kill -9 of the action server (issue 16)", "≤ 30 s", "faults.json",
           lambda d: next(f["recovered_after_s"] for f in d["faults"] if f["fault"] == "kill -9 action server"),
           lambda v: v is not None and v <= 30, " s"),
]  # fmt: skip


def summarise() -> list[dict[str, Any]]:
    rows = []
    for t in TARGETS:
        path = OUT / t.source
        value: float | None = None
        if path.exists():
            try:
                value = t.read(json.loads(path.read_text()))
            except (KeyError, StopIteration, TypeError, ValueError):
                value = None
        verdict = "not measured" if value is None else ("met" if t.meets(value) else "missed")
        rows.append({"measure": t.measure, "target": t.target, "measured": value, "unit": t.unit, "verdict": verdict})
    return rows


def markdown(rows: list[dict[str, Any]]) -> str:
    lines = ["| Measure | Target | Measured | |", "|---|---|---|---|"]
    for r in rows:
        shown = "—" if r["measured"] is None else f"{r['measured']}{r['unit']}"
        lines.append(f"| {r['measure']} | {r['target']} | {shown} | {r['verdict']} |")
    return "\n".join(lines)


def main() -> None:
    rows = summarise()
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "summary.json").write_text(json.dumps(rows, indent=2))
    table = markdown(rows)
    (OUT / "summary.md").write_text(table + "\n")
    print(table)


if __name__ == "__main__":
    main()

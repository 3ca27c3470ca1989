"""Directory query time at 100, 1,000 and 10,000 partners.

Run: .venv/bin/python -m bench.directory_query
Writes var/bench/directory_query.json and prints a Markdown table. Partners
are synthetic (made here, never shown to anyone), spread over real areas and
needs, on a SQLite file under var/bench/, as in production.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import statistics
import time

from bot.core.paths import ROOT
from bot.directory.records import PartnerRecord
from bot.directory.repository import Directory
from bot.knowledge import get_knowledge

SIZES = (100, 1_000, 10_000)
QUERIES = 300
OUT = ROOT / "var" / "bench"


def synthetic(n: int, seed: int = 7) -> list[PartnerRecord]:
    know = get_knowledge()
    rng = random.Random(seed)
    areas = [a.id for a in know.areas.areas]
    needs = [n.id for n in know.needs]
    languages = [lang.name for lang in know.languages.languages if lang.name != "English"]
    return [
        PartnerRecord(
            id=f"bench-{i}",
            name=f"Bench partner {i}",
            summary="Synthetic.",
            categories=tuple(rng.sample(needs, 2)),
            areas=tuple(rng.sample(areas, rng.randint(1, 3))),
            nations=(),
            phone="01632 960000",
            unconfirmed=False,
            email=None,
            website=None,
            address=None,
            opening_hours=None,
            languages=("English", *rng.sample(languages, 1)),
            accessibility=None,
            how_to_refer=None,
            source="benchmark",
            last_verified=dt.date(2026, 1, 1),
        )
        for i in range(n)
    ]


def run() -> list[dict[str, float]]:
    know = get_knowledge()
    OUT.mkdir(parents=True, exist_ok=True)
    rng = random.Random(11)
    rows = []
    for size in SIZES:
        path = OUT / f"directory_{size}.db"
        path.unlink(missing_ok=True)
        directory = Directory.from_url(f"sqlite:///{path}")
        directory.create_schema()
        directory.seed(know.partners)
        directory.upsert(synthetic(size))
        queries = [
            (rng.choice(know.needs), rng.choice(know.areas.areas), rng.choice([None, "Polish", "Urdu"]))
            for _ in range(QUERIES)
        ]
        directory.find(queries[0][0].id, queries[0][0].label, queries[0][1])  # warm the connection
        timings = []
        for need, area, language in queries:
            start = time.perf_counter()
            directory.find(need.id, need.label, area, language)
            timings.append((time.perf_counter() - start) * 1000)
        timings.sort()
        rows.append(
            {
                "partners": size,
                "p50_ms": round(statistics.median(timings), 3),
                "p95_ms": round(timings[int(len(timings) * 0.95) - 1], 3),
                "max_ms": round(timings[-1], 3),
            }
        )
        directory.engine.dispose()
    return rows


def main() -> None:
    rows = run()
    (OUT / "directory_query.json").write_text(json.dumps(rows, indent=2))
    print("| Partners | p50 (ms) | p95 (ms) | max (ms) |\n|---|---|---|---|")
    for r in rows:
        print(f"| {r['partners']:,} | {r['p50_ms']} | {r['p95_ms']} | {r['max_ms']} |")


if __name__ == "__main__":
    main()

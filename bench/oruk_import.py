"""Importing 10,000 Open Referral UK services (issue 20): time and peak memory.

Run: .venv/bin/python -m bench.oruk_import   (make bench runs it; a minute or two)

The feed is the generated one the tests use (tests/fixtures/oruk_feed.py: six councils,
drama-range phone numbers), 10,000 services in one /services?full=true page, written to
var/bench/oruk/feed.json. It is imported twice into an empty SQLite directory, as
`signpost directory import FEED --format oruk` does: the first adds every service, the
second updates them. Peak memory is Python's own (tracemalloc) over the whole import.
Then `/oruk/services?page=N&per_page=50` is answered RUNS times for random pages at
10,000 services: what its handler does (the directory query, the ORUK mapping and the
JSON), in-process, without the HTTP round trip. Writes var/bench/oruk_import.json.
"""

from __future__ import annotations

import json
import random
import time
import tracemalloc

from bench.load import OUT
from bench.timing import p50_p95
from bot.directory import oruk
from bot.directory.importer import import_file
from bot.directory.repository import Directory
from bot.knowledge import get_knowledge
from tests.fixtures.oruk_feed import feed

SERVICES = 10_000
RUNS = 100
PER_PAGE = 50


def page_times(directory: Directory, know) -> dict[str, float]:  # type: ignore[no-untyped-def]
    needs, areas = oruk.names(know.needs, know.areas)
    rnd = random.Random(20)
    pages = -(-directory.count() // PER_PAGE)
    times = []
    for _ in range(RUNS):
        number = rnd.randint(1, pages)
        start = time.perf_counter()
        total, records = directory.listing((number - 1) * PER_PAGE, PER_PAGE)
        items = [oruk.list_item(oruk.to_service(p, needs, areas)) for p in records]
        json.dumps(oruk.page(items, number, PER_PAGE, total))
        times.append((time.perf_counter() - start) * 1000)
    return p50_p95(times)


def main() -> None:
    out = OUT / "oruk"
    out.mkdir(parents=True, exist_ok=True)
    path = out / "feed.json"
    path.write_text(json.dumps(feed(SERVICES)))
    db = out / "directory.db"
    db.unlink(missing_ok=True)
    know = get_knowledge()
    directory = Directory.from_url(f"sqlite:///{db}")
    directory.create_schema()
    directory.seed(know.partners)
    runs = {}
    for name in ("first import", "re-import"):
        tracemalloc.start()
        start = time.perf_counter()
        report = import_file(path, directory, know.vocabulary, fmt="oruk", taxonomy=know.oruk_taxonomy)
        seconds = time.perf_counter() - start
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert report.imported and not report.errors, report.errors[:3]
        runs[name] = {
            "seconds": round(seconds, 1), "peak_mb": round(peak / 2**20, 1),
            "added": report.result.added, "updated": report.result.updated,
        }  # fmt: skip
    served = page_times(directory, know)
    result = {
        "services": SERVICES,
        "feed_mb": round(path.stat().st_size / 2**20, 1),
        "runs": runs,
        "oruk_services_page": served,
    }
    (OUT / "oruk_import.json").write_text(json.dumps(result, indent=2))
    print(f"ORUK import of {SERVICES:,} services ({result['feed_mb']} MB feed):")
    for name, r in runs.items():
        print(f"  {name}: {r['seconds']} s, peak {r['peak_mb']} MB ({r['added']} added, {r['updated']} updated)")
    print(
        f"  /oruk/services page of {PER_PAGE} at {directory.count():,} partners: "
        f"p50 {served['p50_ms']} ms, p95 {served['p95_ms']} ms"
    )


if __name__ == "__main__":
    main()

"""Importing 10,000 Open Referral UK services (issue 20): time and peak memory.

Run: .venv/bin/python -m bench.oruk_import   (make bench runs it; a minute or two)

The feed is the generated one the tests use (tests/fixtures/oruk_feed.py: six councils,
drama-range phone numbers), 10,000 services in one /services?full=true page, written to
var/bench/oruk/feed.json. It is imported twice into an empty SQLite directory, as
`signpost directory import FEED --format oruk` does: the first adds every service, the
second updates them. Peak memory is Python's own (tracemalloc) over the whole import.
Then, at 10,000 services, RUNS requests each over HTTP on loopback to the gateway's /oruk/
handlers: a random page of /oruk/services (50 a page), a random /oruk/services/{id} (one
index look-up), and /oruk/service_at_locations?postcode=LS1. Writes
var/bench/oruk_import.json.
"""

from __future__ import annotations

import asyncio
import json
import random
import time
import tracemalloc

from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bench.load import OUT
from bench.timing import p50_p95
from bot.directory import oruk
from bot.directory.importer import import_file
from bot.directory.repository import Directory
from bot.knowledge import get_knowledge
from bot.web.oruk_api import ORUK_LIMITS, add_oruk_api
from bot.web.rate_limits import ChatLimits
from tests.fixtures.oruk_feed import feed

SERVICES = 10_000
RUNS = 100
PER_PAGE = 50


async def _api_times(directory: Directory) -> dict[str, dict[str, float]]:
    """p50/p95 of the /oruk/ handlers over HTTP on loopback (aiohttp's test server; the
    gateway's own handlers and throttle, without the rest of the gateway)."""
    app = web.Application()
    add_oruk_api(app, lambda: directory)
    app[ORUK_LIMITS] = ChatLimits.per_minute(10_000, 10_000)  # the bench is one address
    rnd = random.Random(20)
    pages = -(-directory.count() // PER_PAGE)
    ids = [p.id for p in directory.all()]
    paths = {
        "/oruk/services page": lambda: f"/oruk/services?page={rnd.randint(1, pages)}&per_page={PER_PAGE}",
        "/oruk/services/{id}": lambda: f"/oruk/services/{oruk.oruk_id('service', rnd.choice(ids))}",
        "/oruk/service_at_locations?postcode=LS1": lambda: (
            f"/oruk/service_at_locations?postcode=LS1&page={rnd.randint(1, 5)}"
        ),
    }
    found = {}
    async with TestClient(TestServer(app)) as client:
        for name, path in paths.items():
            times = []
            for _ in range(RUNS):
                start = time.perf_counter()
                response = await client.get(path())
                await response.read()
                assert response.status == 200, (name, response.status)
                times.append((time.perf_counter() - start) * 1000)
            found[name] = p50_p95(times)
    return found


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
    served = asyncio.run(_api_times(directory))
    result = {
        "services": SERVICES,
        "feed_mb": round(path.stat().st_size / 2**20, 1),
        "runs": runs,
        "oruk_api": served,
    }
    (OUT / "oruk_import.json").write_text(json.dumps(result, indent=2))
    print(f"ORUK import of {SERVICES:,} services ({result['feed_mb']} MB feed):")
    for name, r in runs.items():
        print(f"  {name}: {r['seconds']} s, peak {r['peak_mb']} MB ({r['added']} added, {r['updated']} updated)")
    for name, t in served.items():
        print(f"  {name} at {directory.count():,} partners, over HTTP: p50 {t['p50_ms']} ms, p95 {t['p95_ms']} ms")


if __name__ == "__main__":
    main()

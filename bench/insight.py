"""How long the insight page takes to build for 100,000 conversations' worth of counts
(issue 19: p95 <= 200 ms on SQLite).

Run: .venv/bin/python -m bench.insight   (make bench runs it; about a minute)

The counts are made as 100,000 scripted conversations over a year would write them
(seeded, so every run is the same): each conversation, its needs, services, gaps,
flags, skills levels, Fund interest, handoffs and reviews, across the kiosk sites and
the web. They go into a SQLite file (var/bench/insight/counts.db), as `make run` keeps
them. Then the page (both queries, the tables and the HTML) is built RUNS times for
the default view (every site, twelve weeks by week) and for a year by month at one
site. Writes var/bench/insight.json.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import time
from collections import Counter

from sqlalchemy import insert

from bench.load import OUT
from bench.timing import p50_p95
from bot.insight import rules as r
from bot.insight.models import InsightCount
from bot.insight.store import InsightStore, Scope
from bot.knowledge import get_knowledge
from bot.web.insight import render

CONVERSATIONS = 100_000
RUNS = 60
END = dt.date(2026, 12, 3)
TARGET_MS = 200.0


def counts(seed: int = 19) -> Counter:
    """The cells 100,000 conversations would write: (day, site, channel, metric, key) -> count."""
    know = get_knowledge()
    rnd = random.Random(seed)
    needs = [n.id for n in know.needs]
    partners = [p.id for p in know.partners]
    areas = [a.id for a in know.areas.areas]
    skill_areas = [a.id for a in know.skills.areas]
    purposes = [q.id for q in know.fsf.questions]
    sites = [s.id for s in know.sites]
    cells: Counter = Counter()
    for _ in range(CONVERSATIONS):
        day = END - dt.timedelta(days=rnd.randrange(365))
        kiosk = rnd.random() < 0.3
        where = (day, rnd.choice(sites) if kiosk else "", "kiosk" if kiosk else "web")
        cells[(*where, r.CONVERSATION, "")] += 1
        for need in rnd.sample(needs, rnd.randint(1, 2)):
            cells[(*where, r.NEED, need)] += 1
            if rnd.random() < 0.3:
                cells[(*where, r.GAP, r.pair(rnd.choice(areas), need))] += 1
        for partner in rnd.sample(partners, rnd.randint(1, 3)):
            cells[(*where, r.SERVICE, partner)] += 1
        if rnd.random() < 0.25:
            for area in skill_areas:
                cells[(*where, r.SKILL, r.pair(area, rnd.choice(["confident", "some_help", "full_support"])))] += 1
        if rnd.random() < 0.1:
            cells[(*where, r.FSF, rnd.choice(purposes))] += 1
        if rnd.random() < 0.3:
            cells[(*where, r.HANDOFF, "")] += 1
            cells[(*where, r.FLAG, rnd.choice(["longer_appointment", "urgent", "digital_support", "specialist"]))] += 1
            cells[(*where, r.REVIEWED, rnd.choice([label for _, label in r.REVIEW_BUCKETS]))] += 1
        if rnd.random() < 0.02:
            cells[(*where, r.PRIVATE_ROOM, "")] += 1
        if rnd.random() < 0.03:
            cells[(*where, r.PROGRESS, r.pair(rnd.choice(skill_areas), rnd.choice([r.BETTER, r.SAME, r.WORSE])))] += 1
    return cells


def fill(store: InsightStore, cells: Counter) -> int:
    """The day's counts into their week and month rows, as InsightStore.record adds them."""
    rolled: Counter = Counter()
    for (d, s, c, m, k), n in cells.items():
        rolled[("week", r.week_of(d), s, c, m, k)] += n
        rolled[("month", r.month_of(d), s, c, m, k)] += n
    names = ("period", "start", "site", "channel", "metric", "key")
    rows = [{**dict(zip(names, cell, strict=True)), "count": n} for cell, n in rolled.items()]
    with store.engine.begin() as conn:
        for start in range(0, len(rows), 5000):
            conn.execute(insert(InsightCount), rows[start : start + 5000])
    return len(rows)


def time_page(store: InsightStore, scope: Scope, period: str) -> dict[str, float]:
    know = get_knowledge()
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        chosen = {"site": scope.site or "", "channel": "", "period": period}
        response = render(store, know, scope, period, chosen, None)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status == 200 and b"Gaps in local provision" in response.body
    return p50_p95(times)


def main() -> None:
    out = OUT / "insight"
    out.mkdir(parents=True, exist_ok=True)
    db = out / "counts.db"
    db.unlink(missing_ok=True)
    store = InsightStore.from_url(f"sqlite:///{db}")
    store.create_schema()
    cells = counts()
    stored = fill(store, cells)
    site = get_knowledge().sites[0].id
    views = {
        "every site, 12 weeks by week": time_page(store, Scope(END - dt.timedelta(days=83), END), "week"),
        f"{site}, a year by month": time_page(store, Scope(END - dt.timedelta(days=364), END, site=site), "month"),
        "every site, a year by month": time_page(store, Scope(END - dt.timedelta(days=364), END), "month"),
    }
    worst = max(v["p95_ms"] for v in views.values())
    result = {
        "conversations": CONVERSATIONS,
        "rows": stored,
        "views": views,
        "p95_ms": worst,
        "target_ms": TARGET_MS,
    }
    (OUT / "insight.json").write_text(json.dumps(result, indent=2))
    print(f"Insight page for {CONVERSATIONS:,} conversations ({stored:,} count rows, SQLite):")
    for name, v in views.items():
        print(f"  {name}: p50 {v['p50_ms']} ms, p95 {v['p95_ms']} ms")
    print(f"  worst p95 {worst} ms (target <= {TARGET_MS:g} ms): {'met' if worst <= TARGET_MS else 'MISSED'}")


if __name__ == "__main__":
    main()

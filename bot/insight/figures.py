"""The insight page's tables, from summed counts: each with its rows as published
(small counts suppressed), a chart where one helps, and a sentence that says what it
shows, for those who would rather read (and for screen readers). No I/O.

Rows are sorted by count; rows whose count is suppressed come last, in name order, so
that their order gives nothing away either."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from bot.insight import rules as r
from bot.insight.store import Cell

Name = Callable[[str], str]


@dataclass(frozen=True)
class Chart:
    kind: str  # bar or line
    label: str  # what a bar's length means
    labels: tuple[str, ...]
    values: tuple[int | None, ...]  # None: suppressed, no bar


@dataclass(frozen=True)
class Table:
    id: str
    title: str
    summary: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    chart: Chart | None = None


@dataclass(frozen=True)
class Names:
    """How ids read on the page, from the knowledge."""

    need: Name
    partner: Name
    flag: Name
    area: Name
    skill_area: Name
    skill_level: Name
    fsf_purpose: Name


def _by_key(cells: Iterable[Cell], metric: str) -> dict[str, int]:
    out: dict[str, int] = defaultdict(int)
    for cell in cells:
        if cell.metric == metric:
            out[cell.key] += cell.count
    return dict(out)


def _ranked(counts: Mapping[str, int], name: Name) -> list[tuple[str, int]]:
    named = [(name(k), n) for k, n in counts.items()]
    big = sorted((p for p in named if p[1] >= r.SMALL), key=lambda p: (-p[1], p[0]))
    small = sorted(p for p in named if p[1] < r.SMALL)
    return big + small


def _count_table(id_: str, title: str, what: str, column: str, counts: Mapping[str, int], name: Name) -> Table:
    ranked = _ranked(counts, name)
    if not ranked:
        return Table(id_, title, f"No {what} in this period.", (column, "Times"), ())
    top, n = ranked[0]
    summary = (
        f"{top} came first, {r.shown(n)} times, of {len(ranked)} in all."
        if n >= r.SMALL
        else f"Every count is fewer than 5 ({len(ranked)} in all)."
    )
    chart = Chart("bar", "Times", tuple(k for k, _ in ranked[:12]), tuple(r.charted(v) for _, v in ranked[:12]))
    return Table(id_, title, summary, (column, "Times"), tuple((k, r.shown(v)) for k, v in ranked), chart)


def _periods(cells: Sequence[Cell], period: str, since: dt.date, until: dt.date) -> Table:
    starts = []
    step = r.week_of(since) if period == "week" else r.month_of(since)
    while step <= until:
        starts.append(step)
        step = step + dt.timedelta(days=7) if period == "week" else (step + dt.timedelta(days=32)).replace(day=1)
    counts: dict[tuple[str, dt.date], int] = defaultdict(int)
    for cell in cells:
        if cell.period is not None:
            counts[(cell.metric, cell.period)] += cell.count
    label = "Week starting" if period == "week" else "Month"
    show = (lambda d: f"{d:%-d %b %Y}") if period == "week" else (lambda d: f"{d:%B %Y}")
    rows = tuple(
        (show(s), r.shown(counts.get((r.CONVERSATION, s))), r.shown(counts.get((r.HANDOFF, s)))) for s in starts
    )
    total = sum(n for (m, _), n in counts.items() if m == r.CONVERSATION)
    summary = f"{r.shown(total)} conversations from {show(starts[0])} to {show(starts[-1])}." if starts else ""
    chart = Chart(
        "line",
        "Conversations",
        tuple(row[0] for row in rows),
        tuple(r.charted(counts.get((r.CONVERSATION, s))) for s in starts),
    )
    return Table(
        "conversations",
        f"Conversations and handoffs by {period}",
        summary,
        (label, "Conversations", "Handoffs"),
        rows,
        chart,
    )


def _pairs(cells: Iterable[Cell], metric: str) -> dict[tuple[str, str], int]:
    return {r.split(k): n for k, n in _by_key(cells, metric).items()}


def _area_table(
    id_: str, title: str, pairs: Mapping[tuple[str, str], int], columns: Sequence[str], names: Names, what: str
) -> Table:
    areas = sorted({a for a, _ in pairs}, key=names.skill_area)
    rows = tuple((names.skill_area(a), *(r.shown(pairs.get((a, c))) for c in columns)) for a in areas)
    heads = tuple(names.skill_level(c) if id_ == "skills" else c.capitalize() for c in columns)
    summary = f"{what} in {len(areas)} skill areas." if areas else f"No {what.lower()} in this period."
    return Table(id_, title, summary, ("Skill area", *heads), rows)


def _gaps(totals: Sequence[Cell], names: Names) -> Table:
    gaps = _pairs(totals, r.GAP)

    def order(item: tuple[tuple[str, str], int]) -> tuple[int, str, str]:
        (area, need), count = item
        return (-(count if count >= r.SMALL else 0), names.area(area), names.need(need))

    ranked = sorted(gaps.items(), key=order)
    rows = tuple((str(i), names.area(a), names.need(n), r.shown(c)) for i, ((a, n), c) in enumerate(ranked, start=1))
    if ranked:
        (area, need), count = ranked[0]
        summary = (
            f"The biggest gap: {names.need(need)} in {names.area(area)}, asked {r.shown(count)} times "
            "with no local service in the directory."
        )
    else:
        summary = "No need was asked in an area without a local service."
    return Table("gaps", "Gaps in local provision", summary, ("Rank", "Area", "Need", "Times asked"), rows)


def _support(totals: Sequence[Cell]) -> Table:
    reviewed = _by_key(totals, r.REVIEWED)
    buckets = (*(label for _, label in r.REVIEW_BUCKETS), r.REVIEW_LONGEST)
    rows = (
        ("Handoffs to a Work Coach", r.shown(sum(_by_key(totals, r.HANDOFF).values()) or None)),
        ("Asked to talk in private", r.shown(sum(_by_key(totals, r.PRIVATE_ROOM).values()) or None)),
        *((f"First reviewed {label}", r.shown(reviewed.get(label))) for label in buckets),
    )
    summary = "How many claimants were passed to a Work Coach, and how long each waited for a first review."
    return Table("support", "Handoffs and how fast they were reviewed", summary, ("What", "Times"), rows)


LEVELS = ("confident", "some_help", "full_support", "not_assessed")


def build_tables(
    totals: Sequence[Cell], by_period: Sequence[Cell], period: str, since: dt.date, until: dt.date, names: Names
) -> list[Table]:
    """Every table of the page, in its order."""

    def counted(id_: str, title: str, what: str, column: str, metric: str, name: Name) -> Table:
        return _count_table(id_, title, what, column, _by_key(totals, metric), name)

    return [
        _periods(by_period, period, since, until),
        counted("needs", "Needs asked about", "needs asked", "Need", r.NEED, names.need),
        counted("services", "Services given, by partner", "services given", "Service", r.SERVICE, names.partner),
        counted("flags", "Flags raised for Work Coaches", "flags raised", "Flag", r.FLAG, names.flag),
        _area_table("skills", "Skills checks: level per area", _pairs(totals, r.SKILL), LEVELS, names, "Levels"),
        counted("fsf", "Flexible Support Fund interest, by purpose", "interest", "Purpose", r.FSF, names.fsf_purpose),
        _support(totals),
        _gaps(totals, names),
        _area_table(
            "progress",
            "Distance travelled: second skills checks",
            _pairs(totals, r.PROGRESS),
            (r.BETTER, r.SAME, r.WORSE),
            names,
            "Changes",
        ),
    ]

"""/adviser/insight: management information for partnership managers (issue 19).

Only an adviser with the manager role sees it (403 for any other adviser; sign-in for
nobody). The figures are the anonymous counts of bot/insight/, summed for a site, a
channel and a date range, with small counts suppressed before they reach the page, its
charts or its CSV."""

from __future__ import annotations

import asyncio
import csv
import dataclasses
import datetime as dt
import io
from urllib.parse import urlencode

from aiohttp import web

from bot.advisers.accounts import MANAGER, SignedIn
from bot.digital_skills.scoring import LEVEL_LABELS
from bot.insight import rules as r
from bot.insight.figures import Names, Table, build_tables
from bot.insight.store import CHANNELS, PERIODS, InsightStore, Scope, today
from bot.knowledge import Knowledge, get_knowledge
from bot.triage.flags import FLAG_LABELS
from bot.web.templating import page

INSIGHT = web.AppKey("insight", InsightStore)
DEFAULT_DAYS = 84  # twelve weeks
MAX_DAYS = 3 * 366
TOTAL_METRICS = (r.NEED, r.SERVICE, r.FLAG, r.SKILL, r.FSF, r.HANDOFF, r.PRIVATE_ROOM, r.REVIEWED, r.GAP, r.PROGRESS)


def names(know: Knowledge) -> Names:
    def need(i: str) -> str:
        return n.short.capitalize() if (n := know.need(i)) else i

    def partner(i: str) -> str:
        return p.name if (p := know.partner(i)) else i

    def area(i: str) -> str:
        return a.name if (a := know.areas.get(i)) else i

    def skill_area(i: str) -> str:
        return f"{a.label.capitalize()} ({a.describe})" if (a := know.skills.area(i)) else i

    purposes = {q.id: q.purpose for q in know.fsf.questions}
    return Names(
        need=need, partner=partner, flag=lambda c: FLAG_LABELS.get(c, c), area=area, skill_area=skill_area,
        skill_level=lambda lv: LEVEL_LABELS.get(lv, lv).capitalize(),
        fsf_purpose=lambda p: purposes.get(p, "In general" if p == "" else p).capitalize(),
    )  # fmt: skip


def site_label(know: Knowledge, site: str) -> str:
    if site == "":
        return "The web (no site)"
    return s.jobcentre if (s := know.site(site)) else site


def _date(raw: str | None, default: dt.date) -> dt.date:
    try:
        return dt.date.fromisoformat(raw) if raw else default
    except ValueError:
        raise web.HTTPBadRequest(text="A date must look like 2026-12-03.") from None


def _choice(request: web.Request) -> tuple[Scope, str, dict[str, str]]:
    """The scope and period asked for; a named 400 for anything else."""
    q = request.query
    until = _date(q.get("until"), today())
    since = _date(q.get("since"), until - dt.timedelta(days=DEFAULT_DAYS - 1))
    if since > until or (until - since).days > MAX_DAYS:
        raise web.HTTPBadRequest(text="'From' must be before 'To', and at most three years before it.")
    site = q.get("site") or None
    if site is not None and (len(site) > 80 or not all(c.isalnum() or c == "-" for c in site)):
        raise web.HTTPBadRequest(text="Unknown site.")
    channel = q.get("channel") or None
    if channel is not None and channel not in CHANNELS:
        raise web.HTTPBadRequest(text=f"The channel must be one of: {', '.join(CHANNELS)}.")
    period = q.get("period") or "week"
    if period not in PERIODS:
        raise web.HTTPBadRequest(text=f"'By' must be one of: {', '.join(PERIODS)}.")
    chosen = {"site": site or "", "channel": channel or "", "period": period}
    return Scope(since, until, site, channel), period, chosen


def figures(store: InsightStore, know: Knowledge, scope: Scope, period: str) -> list[Table]:
    """Two queries: totals over the range, and conversations and handoffs by period."""
    totals = store.sums(scope, TOTAL_METRICS, period)
    by_period = store.sums(scope, (r.CONVERSATION, r.HANDOFF), period, by_period=True)
    return build_tables(totals, by_period, period, scope.since, scope.until, names(know))


def manager_only(who: SignedIn) -> None:
    if who.role != MANAGER:
        raise web.HTTPForbidden(text="Insight is for partnership managers. Ask for the manager role.")


def render(
    store: InsightStore, know: Knowledge, scope: Scope, period: str, chosen: dict[str, str], who: SignedIn | None
) -> web.Response:
    """The whole page: its queries, tables and HTML (bench/insight.py times this)."""
    tables = figures(store, know, scope, period)
    # The configured sites and the web (not the sites in the table: that is a scan).
    sites = [("", site_label(know, "")), *((s.id, s.jobcentre) for s in know.sites)]
    query = urlencode({k: v for k, v in {**chosen, "since": scope.since, "until": scope.until}.items() if v})
    # Charts go to the page as JSON, in a data- attribute.
    for_template = [dataclasses.replace(t, chart=dataclasses.asdict(t.chart) if t.chart else None) for t in tables]  # type: ignore[arg-type]
    return page(
        "insight.html", who=who, tables=for_template, scope=scope, chosen=chosen, sites=sites, query=query,
        site_label=site_label(know, scope.site) if scope.site is not None else "",
    )  # fmt: skip


async def insight_page(request: web.Request, who: SignedIn) -> web.Response:
    manager_only(who)
    scope, period, chosen = _choice(request)
    return await asyncio.to_thread(render, request.app[INSIGHT], get_knowledge(), scope, period, chosen, who)


async def insight_csv(request: web.Request, who: SignedIn) -> web.Response:
    manager_only(who)
    scope, period, _ = _choice(request)
    wanted = request.query.get("table", "")
    tables = await asyncio.to_thread(figures, request.app[INSIGHT], get_knowledge(), scope, period)
    table = next((t for t in tables if t.id == wanted), None)
    if table is None:
        raise web.HTTPNotFound(text=f"No table called {wanted!r}. Tables: {', '.join(t.id for t in tables)}.")
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(table.columns)
    writer.writerows(table.rows)  # as published: small counts already "fewer than 5"
    name = f"signpost-{table.id}-{scope.since}-{scope.until}.csv"
    return web.Response(
        text=out.getvalue(), content_type="text/csv", headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )

"""The adviser console at /adviser: sign in, the queue of handoffs, one handoff
with its summary and transcript, status changes and notes.

Every page but sign-in needs a session; every form carries a CSRF token; every
view and change goes in the audit log. Pages are rendered on the server with
Jinja2, which escapes every value, so a claimant's message can never become
markup.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import Any
from urllib.parse import urlencode

from aiohttp import web

from bot.advisers.accounts import Advisers, SignedIn
from bot.handoff.reference import normalise_reference
from bot.handoff.store import STATUSES, HandoffStore, QueueFilter
from bot.insight import rules as insight_rules
from bot.insight.store import Event, InsightStore
from bot.triage.flags import FLAG_LABELS
from bot.web.addresses import client_address
from bot.web.insight import INSIGHT, insight_csv, insight_page
from bot.web.rasa_client import RasaClient, RasaUnavailable
from bot.web.templating import page

log = logging.getLogger("signpost.adviser")

SESSION_COOKIE = "signpost_adviser"
LOGIN_CSRF_COOKIE = "signpost_login_csrf"
PREFIX = "/adviser"

STORE = web.AppKey("handoffs", HandoffStore)
ADVISERS = web.AppKey("advisers", Advisers)
COOKIE_SECURE = web.AppKey("cookie_secure", bool)
RASA_API = web.AppKey("adviser_rasa", RasaClient)

Handler = Callable[[web.Request, SignedIn], Awaitable[web.StreamResponse]]


def _page(name: str, status: int = 200, **context: Any) -> web.Response:
    return page(name, status, flag_labels=FLAG_LABELS, statuses=STATUSES, **context)


def _client(request: web.Request) -> str:
    return client_address(request)


def signed_in(handler: Handler) -> Callable[[web.Request], Awaitable[web.StreamResponse]]:
    """Refuse without a session: pages go to sign-in, forms get 403. POSTs also
    need the session's CSRF token."""

    async def wrapped(request: web.Request) -> web.StreamResponse:
        who = await asyncio.to_thread(request.app[ADVISERS].session, request.cookies.get(SESSION_COOKIE))
        if who is None:
            if request.method == "GET":
                raise web.HTTPSeeOther(f"{PREFIX}/login")
            raise web.HTTPForbidden(text="Please sign in.")
        if request.method == "POST":
            form = await request.post()
            if not secrets.compare_digest(str(form.get("csrf", "")), who.csrf):
                raise web.HTTPForbidden(text="This form has expired. Go back, reload the page and try again.")
        return await handler(request, who)

    return wrapped


async def login_page(request: web.Request) -> web.Response:
    token = secrets.token_urlsafe(32)
    response = _page("login.html", csrf=token, error=None)
    _set_cookie(request, response, LOGIN_CSRF_COOKIE, token, max_age=3600)
    return response


def _set_cookie(request: web.Request, response: web.StreamResponse, name: str, value: str, max_age: int) -> None:
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        path=PREFIX,
        httponly=True,
        samesite="Strict",
        secure=request.app[COOKIE_SECURE],
    )


async def login(request: web.Request) -> web.Response:
    form = await request.post()
    expected = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not expected or not secrets.compare_digest(str(form.get("csrf", "")), expected):
        raise web.HTTPForbidden(text="This form has expired. Go back, reload the page and try again.")
    username, password = str(form.get("username", ""))[:80], str(form.get("password", ""))
    advisers, store = request.app[ADVISERS], request.app[STORE]
    wait = await asyncio.to_thread(advisers.throttled, username, _client(request))
    if wait is not None:
        minutes = max(1, round(wait.total_seconds() / 60))
        await asyncio.to_thread(store.audit, username or "?", "login_throttled")
        return _page(
            "login.html", status=429, csrf=expected,
            error=f"Too many failed sign-ins. Try again in {minutes} minute{'s' if minutes != 1 else ''}.",
        )  # fmt: skip
    result = await asyncio.to_thread(advisers.sign_in, username, password, _client(request))
    if result is None:
        await asyncio.to_thread(store.audit, username or "?", "login_failed")
        return _page("login.html", status=401, csrf=expected, error="The username or password is wrong.")
    token, who = result
    await asyncio.to_thread(store.audit, who.username, "login")
    response = web.HTTPSeeOther(PREFIX)
    _set_cookie(request, response, SESSION_COOKIE, token, max_age=8 * 3600)
    response.del_cookie(LOGIN_CSRF_COOKIE, path=PREFIX)
    raise response


@signed_in
async def logout(request: web.Request, who: SignedIn) -> web.StreamResponse:
    await asyncio.to_thread(request.app[ADVISERS].sign_out, request.cookies.get(SESSION_COOKIE))
    await asyncio.to_thread(request.app[STORE].audit, who.username, "logout")
    response = web.HTTPSeeOther(f"{PREFIX}/login")
    response.del_cookie(SESSION_COOKIE, path=PREFIX)
    raise response


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


@signed_in
async def queue(request: web.Request, who: SignedIn) -> web.Response:
    q = request.query
    filters = QueueFilter(
        status=q.get("status") if q.get("status") in STATUSES else None,
        flag=q.get("flag") if q.get("flag") in FLAG_LABELS else None,
        site=(q.get("site") or "").strip()[:80] or None,
        since=_date(q.get("since")),
        until=_date(q.get("until")),
        reference=(q.get("reference") or "").strip()[:20] or None,
    )
    page_number = _page_number(q.get("page"))
    filters = replace(filters, offset=(page_number - 1) * filters.limit)
    store = request.app[STORE]
    rows, total, sites = await asyncio.gather(
        asyncio.to_thread(store.queue, filters),
        asyncio.to_thread(store.queue_count, filters),
        asyncio.to_thread(store.sites),
    )
    searched = filters.reference
    if searched and len(rows) == 1 and not any((filters.status, filters.flag, filters.site)):
        raise web.HTTPSeeOther(f"{PREFIX}/handoffs/{rows[0].reference}")
    await asyncio.to_thread(store.audit, who.username, "view_queue", None, f"{len(rows)} shown")
    bad_reference = bool(searched) and normalise_reference(searched) is None
    pages = max(1, -(-total // filters.limit))
    kept = {k: v for k, v in q.items() if k != "page" and v}
    link = {n: f"{PREFIX}?{urlencode({**kept, 'page': n})}" for n in (page_number - 1, page_number + 1)}
    return _page(
        "queue.html", who=who, rows=rows, f=filters, sites=sites, bad_reference=bad_reference, total=total,
        first=filters.offset + 1, page=page_number, pages=pages,
        previous=link[page_number - 1] if page_number > 1 else None,
        next=link[page_number + 1] if page_number < pages else None,
    )  # fmt: skip


def _page_number(value: str | None) -> int:
    try:
        return min(10_000, max(1, int(value))) if value else 1
    except ValueError:
        return 1


@signed_in
async def detail(request: web.Request, who: SignedIn) -> web.Response:
    store = request.app[STORE]
    handoff = await asyncio.to_thread(store.get, request.match_info["reference"])
    if handoff is None:
        return _page("missing.html", status=404, who=who)
    await asyncio.to_thread(store.audit, who.username, "view", handoff.reference)
    transcript, transcript_error = [], None
    try:
        transcript = await request.app[RASA_API].transcript(handoff.conversation_id)
    except RasaUnavailable as err:
        log.warning("transcript unavailable for %s: %s", handoff.reference, err)
        transcript_error = "The transcript cannot be read right now. The summary above is complete."
    return _page(
        "detail.html", who=who, h=handoff, transcript=transcript, transcript_error=transcript_error,
        audit=await asyncio.to_thread(store.audit_log, handoff.reference, 20),
    )  # fmt: skip


@signed_in
async def set_status(request: web.Request, who: SignedIn) -> web.StreamResponse:
    reference = request.match_info["reference"]
    status = str((await request.post()).get("status", ""))
    if status not in STATUSES:
        raise web.HTTPBadRequest(text=f"The status must be one of: {', '.join(STATUSES)}.")
    changed = await asyncio.to_thread(request.app[STORE].set_status, reference, status, who.username)
    if changed is None:
        raise web.HTTPNotFound(text="No handoff has that reference.")
    if changed.first_review_wait is not None:
        # Issue 19: how long a handoff waited for its first review, counted without the reference.
        bucket = insight_rules.review_bucket(changed.first_review_wait)
        event = Event(insight_rules.REVIEWED, bucket, changed.site, changed.channel)
        await asyncio.to_thread(request.app[INSIGHT].record, [event])
    raise web.HTTPSeeOther(f"{PREFIX}/handoffs/{reference}")


@signed_in
async def add_note(request: web.Request, who: SignedIn) -> web.StreamResponse:
    reference = request.match_info["reference"]
    text = str((await request.post()).get("note", ""))
    try:
        found = await asyncio.to_thread(request.app[STORE].add_note, reference, text, who.username)
    except ValueError as err:
        raise web.HTTPBadRequest(text=f"The note was not saved: {err}.") from None
    if not found:
        raise web.HTTPNotFound(text="No handoff has that reference.")
    raise web.HTTPSeeOther(f"{PREFIX}/handoffs/{reference}#notes")


# Every adviser route. tests/web/test_adviser.py checks each refuses without a
# session, and that no route under /adviser is missing from this list.
ROUTES: list[tuple[str, str, Callable[[web.Request], Awaitable[web.StreamResponse]], bool]] = [
    # (method, path, handler, needs a session)
    ("GET", f"{PREFIX}/login", login_page, False),
    ("POST", f"{PREFIX}/login", login, False),
    ("POST", f"{PREFIX}/logout", logout, True),
    ("GET", PREFIX, queue, True),
    ("GET", f"{PREFIX}/handoffs/{{reference}}", detail, True),
    ("POST", f"{PREFIX}/handoffs/{{reference}}/status", set_status, True),
    ("POST", f"{PREFIX}/handoffs/{{reference}}/notes", add_note, True),
    # Managers only (issue 19); any other adviser gets 403.
    ("GET", f"{PREFIX}/insight", signed_in(insight_page), True),
    ("GET", f"{PREFIX}/insight.csv", signed_in(insight_csv), True),
]


def add_adviser_console(
    app: web.Application,
    store: HandoffStore,
    advisers: Advisers,
    rasa: RasaClient,
    cookie_secure: bool,
    insight: InsightStore | None = None,
) -> None:
    if insight is None:
        insight = InsightStore(store.engine)
        insight.create_schema()
    app[INSIGHT] = insight
    app[STORE] = store
    app[ADVISERS] = advisers
    app[RASA_API] = rasa
    app[COOKIE_SECURE] = cookie_secure
    for method, path, handler, _ in ROUTES:
        app.router.add_route(method, path, handler)

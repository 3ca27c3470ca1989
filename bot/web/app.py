"""The aiohttp gateway: chat API, health, and the chat page."""

from __future__ import annotations

import asyncio
import datetime as dt
import hmac
import logging
from pathlib import Path
from typing import Any

import aiohttp
import yaml
from aiohttp import web

from bot.advisers.accounts import Advisers
from bot.core.db import check_tracker_store, make_engine
from bot.core.paths import ROOT
from bot.directory.repository import Directory
from bot.handoff.store import HandoffStore
from bot.kiosk.keys import is_kiosk
from bot.knowledge import get_knowledge
from bot.ops.settings import Settings, load_settings
from bot.privacy.redact import redact
from bot.privacy.replies import removed_notice
from bot.privacy.retention import purge
from bot.web.addresses import client_address, client_hash, trusted_proxies
from bot.web.adviser import add_adviser_console
from bot.web.limits import MAX_BODY_BYTES
from bot.web.oruk_api import add_oruk_api
from bot.web.rasa_client import NotSaved, RasaClient, RasaUnavailable, StillWorking
from bot.web.rate_limits import ChatLimits
from bot.web.templating import page
from bot.web.validation import RequestError, allowed_payloads, parse_chat_request

log = logging.getLogger("signpost.gateway")

STATIC = Path(__file__).parent / "static"
GOVUK = Path(__file__).resolve().parents[2] / "node_modules" / "govuk-frontend" / "dist" / "govuk"
# Chart.js for the insight page's charts (issue 19), from npm like GOV.UK Frontend.
CHARTJS = Path(__file__).resolve().parents[2] / "node_modules" / "chart.js" / "dist"
SETTINGS = web.AppKey("settings", Settings)
RASA = web.AppKey("rasa", RasaClient)
DIRECTORY = web.AppKey("directory", Directory)
HTTP = web.AppKey("http", aiohttp.ClientSession)
HANDOFFS = web.AppKey("handoff_store", HandoffStore)
PAYLOADS = web.AppKey("payloads", frozenset)
LIMITS = web.AppKey("limits", ChatLimits)
TRACKER = web.AppKey("tracker_engine", object)
PURGE_EVERY = 24 * 3600

SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; frame-ancestors 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "POST, OPTIONS",
    "Access-Control-Allow-Headers": "Content-Type",
    "Access-Control-Max-Age": "600",
}


def _error(err: RequestError) -> web.Response:
    return web.json_response(err.as_json(), status=err.status)


@web.middleware
async def errors_as_json(request: web.Request, handler: Any) -> web.StreamResponse:
    try:
        response = await handler(request)
    except web.HTTPRequestEntityTooLarge:
        return _error(RequestError.named("body_too_large"))
    except web.HTTPException as exc:
        if exc.status >= 400 and request.path.startswith("/api/"):
            return _error(RequestError(f"http_{exc.status}", exc.reason, exc.status))
        raise
    except Exception:
        log.exception("unexpected error on %s", request.path)
        return _error(RequestError.named("internal_error"))
    return response


async def headers_on_every_response(request: web.Request, response: web.StreamResponse) -> None:
    """Security headers on every response, redirects, errors and files included (issue 16);
    and a Server header that names no software or version."""
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    response.headers["Server"] = "signpost"
    if request.path == "/api/chat":
        # The widget runs on other sites' pages. No cookies ride along, so any origin may ask.
        response.headers.update(CORS_HEADERS)


async def chat(request: web.Request) -> web.Response:
    """The message path, in order: parse, limit, allow-list '/' commands, redact,
    settle the channel (a kiosk only with its site's key), send (at most once per id)."""
    try:
        chat_request = parse_chat_request(await request.read())
    except RequestError as err:
        return _error(err)
    if not request.app[LIMITS].allow(chat_request.session, client_address(request)):
        return _error(RequestError.named("too_many_messages"))
    if chat_request.message.startswith("/") and chat_request.message not in request.app[PAYLOADS]:
        return _error(RequestError.named("payload_not_allowed"))
    # Identifiers go before the message leaves the gateway: Rasa, its tracker
    # store and every handoff only ever see the redacted text.
    redacted = redact(chat_request.message, keep=get_knowledge().public_numbers)
    # A hash of the address (never the address), for throttling look-ups of kept
    # skills profiles across conversations (issue 19).
    client = client_hash(request.app[SETTINGS].service_secret(), request)
    metadata: dict[str, Any] = {"channel": "web", "client": client}
    if chat_request.site is not None:
        if get_knowledge().site(chat_request.site) is None:
            return _error(RequestError.named("unknown_site"))
        if is_kiosk(request.app[SETTINGS].kiosk_secret(), chat_request.site, chat_request.kiosk_key):
            metadata = {**metadata, "channel": "kiosk", "site": chat_request.site}
        else:
            # Anyone can name a site; without its key the message is an ordinary web message.
            log.warning("a message named site %s without its kiosk key; treated as the web widget", chat_request.site)
    try:
        messages = await request.app[RASA].send(
            chat_request.session, redacted.text, metadata, chat_request.message_id, chat_request.resend
        )
    except NotSaved as err:
        log.error("message not saved: %s", err)
        return _error(RequestError.named("not_saved"))
    except StillWorking as err:
        log.warning("slow answer: %s", err)
        return _error(RequestError.named("still_working"))
    except RasaUnavailable as err:
        log.warning("Rasa unavailable: %s", err)
        return _error(RequestError.named("assistant_unavailable"))
    notice = removed_notice(redacted)
    if notice:
        messages = [{"text": notice, "buttons": []}, *messages]
    # "said": what was kept of the message, so the page shows and keeps only that.
    return web.json_response({"messages": messages, "redacted": list(redacted.removed), "said": redacted.text})


async def purge_daily(app: web.Application) -> Any:
    """While the service runs, delete what is past the retention period, once a day."""
    settings = app[SETTINGS]

    async def loop() -> None:
        tracker_engine = make_engine(settings.tracker_url)
        try:
            while True:
                try:
                    done = await asyncio.to_thread(
                        purge, app[HANDOFFS], tracker_engine, dt.timedelta(days=settings.retention_days)
                    )
                    log.info("retention purge: %s", done)
                except Exception:  # a failed purge is retried tomorrow, and must not stop the gateway
                    log.exception("retention purge failed")
                await asyncio.sleep(PURGE_EVERY)
        finally:
            tracker_engine.dispose()

    task = asyncio.create_task(loop())
    yield
    task.cancel()


async def _check(coro: Any) -> dict[str, Any]:
    try:
        return {"status": "ok", **(await asyncio.wait_for(coro, timeout=3))}
    except Exception as err:  # a health check reports every failure as data
        return {"status": "down", "detail": str(err) or type(err).__name__}


async def healthz(request: web.Request) -> web.Response:
    if request.query.get("live"):
        return web.json_response({"status": "ok"})
    app = request.app
    settings = app[SETTINGS]

    async def rasa() -> dict[str, Any]:
        status = await app[RASA].status()
        if not status.get("model_file"):
            raise RasaUnavailable("no model loaded")
        return {"model": Path(str(status["model_file"])).name, "servers_up": status["servers_up"]}

    async def actions() -> dict[str, Any]:
        async with app[HTTP].get(f"{settings.actions_url}/health") as response:
            if response.status != 200:
                raise RuntimeError(f"status {response.status}")
        return {}

    async def directory() -> dict[str, Any]:
        return {"partners": await asyncio.to_thread(app[DIRECTORY].count)}

    async def tracker_store() -> dict[str, Any]:
        # Locked, corrupt or unreachable: Rasa could not save a message (issue 16).
        await asyncio.to_thread(check_tracker_store, app[TRACKER])
        return {}

    names = ("rasa", "actions", "directory", "tracker_store")
    results = await asyncio.gather(_check(rasa()), _check(actions()), _check(directory()), _check(tracker_store()))
    components = {"gateway": {"status": "ok"}, **dict(zip(names, results, strict=True))}
    healthy = all(c["status"] == "ok" for c in components.values())
    answer: dict[str, Any] = {"status": "ok" if healthy else "degraded"}
    # Which part is down, and why, is for operators: only with the token (issue 16).
    if _has_token(request, settings.rasa_token()):
        answer["components"] = components
    return web.json_response(answer, status=200 if healthy else 503)


def _has_token(request: web.Request, token: str) -> bool:
    given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip() or request.query.get("token", "")
    return bool(given) and hmac.compare_digest(given.encode(), token.encode())


def _bounded(value: str | None, default: int, low: int, high: int) -> int:
    try:
        return min(high, max(low, int(value))) if value else default
    except ValueError:
        return default


async def kiosk(request: web.Request) -> web.Response:
    """The kiosk for one Jobcentre site, opened with the site's key
    (`signpost kiosk key SITE`). `idle` and `warning` (seconds) may be
    shortened in the URL, for example for a demonstration."""
    site = get_knowledge().site(request.query.get("site"))
    if site is None:
        return page("kiosk_missing.html", status=404, sites=get_knowledge().sites, key_wrong=False)
    key = request.query.get("key", "")
    if not is_kiosk(request.app[SETTINGS].kiosk_secret(), site.id, key):
        return page("kiosk_missing.html", status=403, sites=get_knowledge().sites, key_wrong=True)
    idle = _bounded(request.query.get("idle"), site.idle_seconds, 5, 3600)
    warning = _bounded(request.query.get("warning"), site.warning_seconds, 5, 600)
    return page("kiosk.html", site=site, idle=idle, warning=warning, key=key)


# When the statement's tests last ran in full, and where problems are reported (issue 18).
ACCESSIBILITY_TESTED_ON = "3 December 2026"
ACCESSIBILITY_CONTACT = "accessibility@signpost.example"


async def accessibility(request: web.Request) -> web.Response:
    """The accessibility statement public-sector sites must publish."""
    return page("accessibility.html", tested_on=ACCESSIBILITY_TESTED_ON, contact=ACCESSIBILITY_CONTACT)


async def chat_preflight(request: web.Request) -> web.Response:
    return web.Response(status=204)


async def demo(request: web.Request) -> web.FileResponse:
    """A stand-in host page with the widget embedded."""
    return web.FileResponse(STATIC / "demo.html")


async def index(request: web.Request) -> web.FileResponse:
    return web.FileResponse(STATIC / "index.html")


def create_app(
    settings: Settings | None = None,
    rasa: RasaClient | None = None,
    purge_on_start: bool = True,
    limits: ChatLimits | None = None,
) -> web.Application:
    settings = settings or load_settings()
    # errors_as_json first: it also words a malformed X-Forwarded-For as a named 400.
    middlewares = [errors_as_json, trusted_proxies(settings.trusted_proxies)]
    app = web.Application(middlewares=middlewares, client_max_size=MAX_BODY_BYTES)
    app.on_response_prepare.append(headers_on_every_response)
    app[SETTINGS] = settings
    app[RASA] = rasa or RasaClient(
        settings.rasa_urls,
        settings.rasa_token(),
        timeout=settings.rasa_timeout,
        secret=settings.service_secret(),
        standby=settings.standby_urls,
    )
    app[DIRECTORY] = Directory.from_url(settings.database_url)
    app[LIMITS] = limits or ChatLimits.per_minute(settings.chat_per_session, settings.chat_per_address)
    app[PAYLOADS] = allowed_payloads(yaml.safe_load((ROOT / "domain.yml").read_text()))

    async def lifecycle(app: web.Application) -> Any:
        app[HTTP] = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=3))
        app[TRACKER] = make_engine(settings.tracker_url)
        yield
        await app[HTTP].close()
        await app[RASA].close()
        app[TRACKER].dispose()

    app.cleanup_ctx.append(lifecycle)
    store = HandoffStore.from_url(settings.database_url)
    store.create_schema()
    app[HANDOFFS] = store
    if purge_on_start:
        app.cleanup_ctx.append(purge_daily)
    add_adviser_console(app, store, Advisers(store.engine), app[RASA], settings.cookie_secure)
    add_oruk_api(app, lambda: app[DIRECTORY])
    app.router.add_get("/", index)
    app.router.add_post("/api/chat", chat)
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/kiosk", kiosk)
    app.router.add_get("/demo", demo)
    app.router.add_get("/accessibility", accessibility)
    app.router.add_route("OPTIONS", "/api/chat", chat_preflight)
    # GOV.UK Frontend, installed from npm by the Makefile. Its CSS asks for /assets/.
    # Before /static/, which would otherwise claim /static/govuk/ and answer 404.
    if GOVUK.is_dir():
        app.router.add_static("/static/govuk/", GOVUK)
        app.router.add_static("/assets/", GOVUK / "assets")
    else:
        log.warning("GOV.UK Frontend is not installed (run make); the kiosk and widget will look plain")
    if CHARTJS.is_dir():
        app.router.add_static("/static/chartjs/", CHARTJS)
    else:
        log.warning("Chart.js is not installed (run make); the insight page shows its tables without charts")
    app.router.add_static("/static/", STATIC)
    return app

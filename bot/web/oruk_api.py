"""/oruk/: our directory as an Open Referral UK 3.0 read API (issue 20), as
../shared/oruk/profile_compliance.md asks: open with no key, `Access-Control-Allow-Origin: *`,
the endpoints of schema/openapi.json, paged with `page` and `per_page`, filtered by
`search`, `taxonomy_term_id`, `taxonomy_id`, `modified_after` and (for places) `postcode`.
Throttled per address (pyrate-limiter, as the chat API is). A partner with an address is
one service_at_location; the address is free text, so it is the location's description.
Filters we cannot apply (ages, times, proximity) are named 400s, not ignored."""

from __future__ import annotations

import asyncio
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from bot.core.areas import Area
from bot.directory import oruk
from bot.directory.records import PartnerRecord
from bot.directory.repository import Directory
from bot.knowledge import get_knowledge
from bot.privacy.redact import POSTCODE
from bot.web.addresses import client_address
from bot.web.rate_limits import ChatLimits

# How the API finds the directory: the gateway's own (a test may swap it after start).
ORUK_SOURCE = web.AppKey("oruk_source", Callable[[], Directory])
ORUK_LIMITS = web.AppKey("oruk_limits", ChatLimits)
PER_MINUTE = 300
MAX_PER_PAGE = 200
DEFAULT_PER_PAGE = 50
CORS = {"Access-Control-Allow-Origin": "*"}


def _json(data: Any, status: int = 200) -> web.Response:
    return web.json_response(data, status=status, headers=CORS)


def _bad(reason: str) -> web.HTTPBadRequest:
    return web.HTTPBadRequest(text=reason, headers=CORS)


def _int(request: web.Request, name: str, default: int, low: int, high: int) -> int:
    raw = request.query.get(name)
    if raw is None or raw == "":
        return default
    if not raw.isdigit() or not low <= int(raw) <= high:
        raise _bad(f"'{name}' must be a whole number from {low} to {high}.")
    return int(raw)


def _services(records: list[PartnerRecord]) -> list[dict[str, Any]]:
    # The lookups once for a page, not once for each of its services.
    know = get_knowledge()
    needs, areas = oruk.names(know.needs, know.areas)
    return [oruk.to_service(p, needs, areas) for p in records]


def _need_for_term(term_id: str) -> str:
    for need in get_knowledge().needs:
        if term_id in (need.id, oruk.oruk_id("term", need.id)):
            return need.id
    raise web.HTTPNotFound(text=f"No taxonomy term {term_id!r}.", headers=CORS)


@web.middleware
async def oruk_limits(request: web.Request, handler: Any) -> web.StreamResponse:
    if request.path.startswith("/oruk") and not request.app[ORUK_LIMITS].allow("oruk", client_address(request)):
        return web.json_response(
            {"error": {"code": "too_many_requests", "message": f"At most {PER_MINUTE} requests a minute."}},
            status=429, headers=CORS,
        )  # fmt: skip
    return await handler(request)


async def root(request: web.Request) -> web.Response:
    base = f"{request.scheme}://{request.host}"
    return _json({
        "version": "3.0", "profile": "https://openreferraluk.org/",
        "openapi_url": f"{base}/oruk/openapi.json",
    })  # fmt: skip


# Filters of the OpenAPI that we cannot apply honestly: answering as if we had would
# list services that do not fit, so asking for one is a named 400.
UNSUPPORTED = {
    "minimum_age": "our services do not record ages",
    "maximum_age": "our services do not record ages",
    "start_time": "our opening hours are written as words",
    "end_time": "our opening hours are written as words",
    "day": "our opening hours are written as words",
    "proximity": "our services have no map position",
}


@dataclass(frozen=True)
class Query:
    """The paging and filters of /services and /service_at_locations, checked."""

    page: int
    per_page: int
    search: str | None
    need: str | None
    after: dt.date | None
    serving: Area | None
    nothing: bool  # no service can pass: a postcode in no council we know

    def listing(self, directory: Directory, with_address: bool = False) -> tuple[int, list[PartnerRecord]]:
        if self.nothing:
            return 0, []
        return directory.listing(
            (self.page - 1) * self.per_page, self.per_page, self.search, self.need, self.after,
            self.serving, with_address,
        )  # fmt: skip


def _query(request: web.Request, postcode: bool = False) -> Query:
    for name, why in UNSUPPORTED.items():
        if request.query.get(name):
            raise _bad(f"'{name}' is not supported here: {why}. {_CAN_FILTER}")
    search = request.query.get("search") or None
    if search is not None and len(search) > 200:
        raise _bad("'search' must be at most 200 characters.")
    term = request.query.get("taxonomy_term_id") or None
    taxonomy = request.query.get("taxonomy_id") or None
    if taxonomy is not None and taxonomy != TAXONOMY["id"]:
        raise web.HTTPNotFound(text=f"No taxonomy {taxonomy!r}.", headers=CORS)
    modified = request.query.get("modified_after") or None
    after = None
    if modified:
        try:
            after = dt.datetime.fromisoformat(modified.replace("Z", "+00:00")).date()
        except ValueError:
            raise _bad("'modified_after' must be a date and time, like 2026-01-31T00:00:00Z.") from None
    serving, nothing = None, False
    code = request.query.get("postcode") or None
    if code is not None:
        if not postcode:
            raise _bad(f"'postcode' filters /service_at_locations, not this list. {_CAN_FILTER}")
        found = POSTCODE.fullmatch(code.strip()) or _DISTRICT.fullmatch(code.strip())
        if found is None:
            raise _bad("'postcode' must be a UK postcode, like LS1 4AP, or its first half, like LS1.")
        serving = get_knowledge().areas.resolve(found.group(1))
        # A postcode in no council we know: we cannot tell which services cover it,
        # and listing every service would say they all do.
        nothing = serving is None
    return Query(
        page=_int(request, "page", 1, 1, 1_000_000),
        per_page=_int(request, "per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE),
        search=search,
        need=_need_for_term(term) if term else None,
        after=after,
        serving=serving,
        nothing=nothing,
    )


_CAN_FILTER = "Filter by search, taxonomy_term_id, taxonomy_id, modified_after, or (for places) postcode."
_DISTRICT = re.compile(r"([A-Z]{1,2}\d[A-Z\d]?)", re.IGNORECASE)


async def services(request: web.Request) -> web.Response:
    query = _query(request)
    full = request.query.get("full", "").lower() in ("true", "1", "yes")
    total, records = await asyncio.to_thread(query.listing, request.app[ORUK_SOURCE]())
    items = _services(records)
    if not full:
        items = [oruk.list_item(s) for s in items]
    return _json(oruk.page(items, query.page, query.per_page, total))


async def service(request: web.Request) -> web.Response:
    wanted = request.match_info["id"]
    found = await asyncio.to_thread(request.app[ORUK_SOURCE]().by_oruk_id, wanted)
    if found is None:
        raise web.HTTPNotFound(text=f"No service {wanted!r}.", headers=CORS)
    return _json(_services([found])[0])


def _at_location(service: dict[str, Any]) -> dict[str, Any]:
    # As the list of places carries it: the place, and the service in brief.
    return {**service["service_at_locations"][0], "service": oruk.list_item(service)}


def _terms() -> list[dict[str, Any]]:
    return oruk.taxonomy_terms((n.id, n.label) for n in get_knowledge().needs)


TAXONOMY = {"id": oruk.oruk_id("taxonomy", oruk.OUR_TAXONOMY), "name": oruk.OUR_TAXONOMY,
            "description": "The kinds of help Signpost signposts to."}  # fmt: skip


async def taxonomies(request: web.Request) -> web.Response:
    return _json(oruk.page([TAXONOMY], 1, 1, 1))


async def taxonomy(request: web.Request) -> web.Response:
    if request.match_info["id"] != TAXONOMY["id"]:
        raise web.HTTPNotFound(text="No such taxonomy.", headers=CORS)
    return _json(TAXONOMY)


async def taxonomy_terms(request: web.Request) -> web.Response:
    terms = [{**t, "taxonomy_id": TAXONOMY["id"]} for t in _terms()]
    return _json(oruk.page(terms, 1, max(len(terms), 1), len(terms)))


async def taxonomy_term(request: web.Request) -> web.Response:
    term = next((t for t in _terms() if t["id"] == request.match_info["id"]), None)
    if term is None:
        raise web.HTTPNotFound(text="No such taxonomy term.", headers=CORS)
    return _json({**term, "taxonomy_id": TAXONOMY["id"]})


async def service_at_locations(request: web.Request) -> web.Response:
    query = _query(request, postcode=True)
    total, records = await asyncio.to_thread(query.listing, request.app[ORUK_SOURCE](), True)
    items = [_at_location(s) for s in _services(records)]
    return _json(oruk.page(items, query.page, query.per_page, total))


async def service_at_location(request: web.Request) -> web.Response:
    wanted = request.match_info["id"]
    found = await asyncio.to_thread(request.app[ORUK_SOURCE]().by_oruk_id, wanted)
    if found is None or not found.address:
        raise web.HTTPNotFound(text=f"No service at a location {wanted!r}.", headers=CORS)
    # The ORUK OpenAPI answers this with the whole service (compiled/service.json), whose
    # service_at_locations hold the place.
    return _json(_services([found])[0])


def add_oruk_api(app: web.Application, source: Callable[[], Directory]) -> None:
    app[ORUK_SOURCE] = source
    app[ORUK_LIMITS] = ChatLimits.per_minute(PER_MINUTE, PER_MINUTE)
    app.middlewares.append(oruk_limits)
    for path, handler in (
        ("/oruk/", root), ("/oruk/services", services), ("/oruk/services/{id}", service),
        ("/oruk/taxonomies", taxonomies), ("/oruk/taxonomies/{id}", taxonomy),
        ("/oruk/taxonomy_terms", taxonomy_terms), ("/oruk/taxonomy_terms/{id}", taxonomy_term),
        ("/oruk/service_at_locations", service_at_locations), ("/oruk/service_at_locations/{id}", service_at_location),
    ):  # fmt: skip
        app.router.add_get(path, handler)

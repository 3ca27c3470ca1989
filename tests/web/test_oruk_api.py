"""/oruk/ (issue 20): our directory as an Open Referral UK 3.0 read API. Every endpoint
of the ORUK OpenAPI (schema/openapi.json, vendored in bot/directory/oruk_schema/) answers,
and its answers validate against the response schemas the OpenAPI names (resolved to
the vendored ORUK schemas, with jsonschema); open, CORS *, paged and filtered as the
OpenAPI says; bad parameters are named 400s; and it is throttled. The export validates
against the ORUK service schema too."""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest
from openapi_core import Spec
from openapi_core.testing import MockRequest, MockResponse
from openapi_core.unmarshalling.schemas.enums import UnmarshalContext
from openapi_core.unmarshalling.schemas.factories import SchemaUnmarshallersFactory
from openapi_core.unmarshalling.schemas.formatters import Formatter
from openapi_core.validation.request import openapi_request_validator
from openapi_core.validation.response import ResponseValidator
from openapi_schema_validator import OAS30Validator
from openapi_spec_validator import validate_spec
from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

from bot.directory import oruk
from bot.directory.oruk import SCHEMA_DIR, schema_errors
from bot.web.oruk_api import ORUK_LIMITS
from bot.web.rate_limits import ChatLimits

BASE = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/"
OPENAPI = json.loads((SCHEMA_DIR / "openapi.json").read_text())
# The OpenAPI's $refs point at the ORUK repository; here they are the vendored copies.
LOCAL = {
    BASE + "compiled/service.json": "service.json",
    BASE + "compiled/service_list.json": "service_list.json",
    BASE + "compiled/service_at_location_list.json": "service_at_location_list.json",
    BASE + "taxonomy.json": "taxonomy.json",
    BASE + "taxonomy_term.json": "taxonomy_term.json",
}


def _vendored(uri: str) -> object:
    return json.loads((SCHEMA_DIR / LOCAL[uri.split("#")[0]]).read_text())


# openapi-core (a maintained OpenAPI 3 validator) checks each request and answer against
# the ORUK OpenAPI. Its own check of the document is off: the ORUK OpenAPI gives
# start_time and end_time `type: time`, which OpenAPI 3.0 does not have (the test below
# pins that, so we hear when upstream fixes it).
SPEC = Spec.create(OPENAPI, url="https://example.test/", ref_resolver_handlers={"https": _vendored}, validator=None)


def _is_uri(value: object) -> bool:
    parts = urlsplit(str(value))
    return bool(parts.scheme and parts.netloc)


def _is_email(value: object) -> bool:
    return re.fullmatch(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}", str(value)) is not None


# openapi-core knows no "uri" or "email" format of its own: an absolute URL and an address.
RESPONSES = ResponseValidator(
    schema_unmarshallers_factory=SchemaUnmarshallersFactory(
        OAS30Validator,
        custom_formatters={"uri": Formatter.from_callables(_is_uri), "email": Formatter.from_callables(_is_email)},
        context=UnmarshalContext.RESPONSE,
    )
)


def _problems(result: object) -> list[str]:
    found = []
    for error in getattr(result, "errors", []):
        found += [e.message for e in getattr(error, "schema_errors", ())] or [repr(error)]
    return found


def _check(path: str, body: object, status: int = 200, query: dict[str, str] | None = None) -> list[str]:
    """What openapi-core finds wrong with a request to `path` (as the OpenAPI writes it,
    without /oruk) and our answer."""
    request = MockRequest("https://example.test", "get", path, args=query or {})
    response = MockResponse(json.dumps(body), status_code=status, mimetype="application/json")
    return _problems(openapi_request_validator.validate(SPEC, request)) + _problems(
        RESPONSES.validate(SPEC, request, response)
    )


def test_the_oruk_openapi_has_one_known_fault():
    with pytest.raises(OpenAPIValidationError) as fault:
        validate_spec(OPENAPI, spec_url="https://example.test/")
    assert fault.value.instance.get("name") in ("start_time", "end_time")
    assert fault.value.instance["schema"] == {"type": "time"}


async def _get(client, path: str):
    response = await client.get(path)
    return response, (await response.json() if response.content_type == "application/json" else await response.text())


async def test_every_openapi_endpoint_answers_as_the_openapi_says(client):
    _, listing = await _get(client, "/oruk/services?per_page=5")
    service_id = listing["contents"][0]["id"]
    _, terms = await _get(client, "/oruk/taxonomy_terms")
    _, taxonomies = await _get(client, "/oruk/taxonomies")
    _, places = await _get(client, "/oruk/service_at_locations")
    ids = {"/services/{id}": service_id, "/taxonomy_terms/{id}": terms["contents"][0]["id"],
           "/taxonomies/{id}": taxonomies["contents"][0]["id"],
           "/service_at_locations/{id}": places["contents"][0]["id"]}  # fmt: skip
    for path in OPENAPI["paths"]:
        concrete = path.replace("{id}", ids.get(path, ""))
        for query in ({}, {"page": "1", "per_page": "3"} if "{id}" not in path and path != "/" else {}):
            url = "/oruk" + concrete + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")
            response, body = await _get(client, url)
            assert response.status == 200, (url, body)
            assert response.headers["Access-Control-Allow-Origin"] == "*"
            assert _check(concrete, body, query=query) == [], (url, _check(concrete, body, query=query)[:5])


def test_the_checker_finds_faults():
    # The check above can fail: a service without its name and status, a page with a
    # word for a number, and a request with a page that is not a number.
    assert _check("/services/abc", {"id": "abc"})
    assert _check("/taxonomies", {"total_items": "many"})
    assert _check("/services", {"contents": []}, query={"page": "first"})
    assert _check("/", {"version": "3.0", "profile": "https://openreferraluk.org/", "openapi_url": "not a url"})


async def test_services_are_paged_and_filtered(client):
    _, first = await _get(client, "/oruk/services?page=1&per_page=10")
    total = first["total_items"]
    assert first["first_page"] and first["size"] == 10 and first["total_pages"] == -(-total // 10)
    _, last = await _get(client, f"/oruk/services?page={first['total_pages']}&per_page=10")
    assert last["last_page"] and 1 <= last["size"] <= 10
    names = {s["name"] for s in first["contents"]} & {s["name"] for s in last["contents"]}
    assert not names  # no service on two pages
    _, found = await _get(client, "/oruk/services?search=debtline")
    assert [s["name"] for s in found["contents"]] == ["National Debtline"]
    debt_term = oruk.oruk_id("term", "debt")
    _, debt = await _get(client, f"/oruk/services?taxonomy_term_id={debt_term}&full=true&per_page=200")
    assert debt["total_items"] >= 3
    assert all(any(a["taxonomy_term"]["code"] == "debt" for a in s["attributes"]) for s in debt["contents"])
    _, none = await _get(client, "/oruk/services?modified_after=2099-01-01T00:00:00Z")
    assert none["empty"] and none["total_items"] == 0


@pytest.mark.parametrize(
    "query",
    ["page=0", "page=abc", "per_page=1000", "modified_after=last-week", "search=" + "x" * 201, "page=-1"],
)
async def test_bad_parameters_are_named_errors(client, query):
    response = await client.get(f"/oruk/services?{query}")
    assert response.status == 400, await response.text()


async def test_places_are_listed_and_found_by_postcode(client):
    _, places = await _get(client, "/oruk/service_at_locations?per_page=200")
    names = {p["service"]["name"] for p in places["contents"]}
    assert places["total_items"] == len(places["contents"]) > 0
    assert all(p["location"]["description"] for p in places["contents"])  # the address as written
    _, leeds = await _get(client, "/oruk/service_at_locations?postcode=LS1%204AP&per_page=200")
    _, cardiff = await _get(client, "/oruk/service_at_locations?postcode=CF10&per_page=200")
    leeds_names = {p["service"]["name"] for p in leeds["contents"]}
    cardiff_names = {p["service"]["name"] for p in cardiff["contents"]}
    assert leeds_names <= names and cardiff_names <= names
    leeds_debt = "Leeds Test Money Project"
    assert leeds_debt in names and leeds_debt in leeds_names and leeds_debt not in cardiff_names
    # A postcode in no council we know: we cannot say what covers it, so nothing.
    _, nowhere = await _get(client, "/oruk/service_at_locations?postcode=ZE1%200AA")
    assert nowhere["empty"]


async def test_our_taxonomy_filters_and_others_are_unknown(client):
    _, all_services = await _get(client, "/oruk/services")
    _, taxonomies = await _get(client, "/oruk/taxonomies")
    ours = taxonomies["contents"][0]["id"]
    _, same = await _get(client, f"/oruk/services?taxonomy_id={ours}")
    assert same["total_items"] == all_services["total_items"]
    assert (await client.get("/oruk/services?taxonomy_id=someone-elses")).status == 404


@pytest.mark.parametrize(
    "path",
    ["/oruk/services?minimum_age=16", "/oruk/services?day=Monday", "/oruk/service_at_locations?proximity=500",
     "/oruk/service_at_locations?start_time=09:00", "/oruk/services?postcode=LS1", "/oruk/service_at_locations?postcode=12345",
     "/oruk/service_at_locations?postcode=%3Cscript%3E"],
)  # fmt: skip
async def test_filters_we_cannot_apply_are_named_not_ignored(client, path):
    response = await client.get(path)
    assert response.status == 400
    assert "not supported" in (text := await response.text()) or "postcode" in text


async def test_unknown_things_are_404(client):
    assert (await client.get("/oruk/services/not-a-service")).status == 404
    assert (await client.get("/oruk/services?taxonomy_term_id=nope")).status == 404


async def test_it_is_throttled(client, gateway_app):
    gateway_app[ORUK_LIMITS] = ChatLimits.per_minute(3, 3)
    statuses = [(await client.get("/oruk/taxonomies")).status for _ in range(5)]
    assert statuses == [200, 200, 200, 429, 429]


def test_the_export_is_valid_oruk(knowledge, directory):
    needs, areas = oruk.names(knowledge.needs, knowledge.areas)
    doc = json.loads(oruk.export(directory.all(), needs, areas))
    assert doc["total_items"] == len(directory.all()) and doc["contents"]
    assert [schema_errors(s) for s in doc["contents"] if schema_errors(s)] == []
    assert _check("/services", {**doc, "contents": [oruk.list_item(s) for s in doc["contents"]]}) == []
    assert _check("/services/" + doc["contents"][0]["id"], doc["contents"][0]) == []
    # Read back by our own import: the same services, no duplicates.
    ids = {s["id"] for s in doc["contents"]}
    assert len(ids) == len(doc["contents"])

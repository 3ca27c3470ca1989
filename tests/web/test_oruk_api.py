"""/oruk/ (issue 20): our directory as an Open Referral UK 3.0 read API. Every endpoint
of the ORUK OpenAPI (schema/openapi.json, vendored in bot/directory/oruk_schema/) answers,
and its answers validate against the response schemas the OpenAPI names (resolved to
the vendored ORUK schemas, with jsonschema); open, CORS *, paged and filtered as the
OpenAPI says; bad parameters are named 400s; and it is throttled. The export validates
against the ORUK service schema too."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft7Validator, FormatChecker, RefResolver

from bot.directory import oruk
from bot.directory.oruk import SCHEMA_DIR, schema_errors
from bot.web.oruk_api import ORUK_LIMITS
from bot.web.rate_limits import ChatLimits

BASE = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/"
OPENAPI = json.loads((SCHEMA_DIR / "openapi.json").read_text())
STORE = {
    BASE + "compiled/service.json": json.loads((SCHEMA_DIR / "service.json").read_text()),
    BASE + "compiled/service_list.json": json.loads((SCHEMA_DIR / "service_list.json").read_text()),
    BASE + "compiled/service_at_location_list.json": json.loads((SCHEMA_DIR / "service_at_location_list.json").read_text()),
    BASE + "taxonomy.json": json.loads((SCHEMA_DIR / "taxonomy.json").read_text()),
    BASE + "taxonomy_term.json": json.loads((SCHEMA_DIR / "taxonomy_term.json").read_text()),
}  # fmt: skip


def _check(path: str, body: object) -> list[str]:
    """What is wrong with a 200 answer for `path`, by the OpenAPI's response schema."""
    schema = OPENAPI["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    resolver = RefResolver(base_uri="", referrer=OPENAPI, store=STORE)
    validator = Draft7Validator(schema, resolver=resolver, format_checker=FormatChecker())
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(body)]


async def _get(client, path: str):
    response = await client.get(path)
    return response, (await response.json() if response.content_type == "application/json" else await response.text())


async def test_every_openapi_endpoint_answers_as_the_openapi_says(client):
    _, listing = await _get(client, "/oruk/services?per_page=5")
    service_id = listing["contents"][0]["id"]
    _, terms = await _get(client, "/oruk/taxonomy_terms")
    _, taxonomies = await _get(client, "/oruk/taxonomies")
    ids = {"/services/{id}": service_id, "/taxonomy_terms/{id}": terms["contents"][0]["id"],
           "/taxonomies/{id}": taxonomies["contents"][0]["id"]}  # fmt: skip
    for path in OPENAPI["paths"]:
        if path == "/service_at_locations/{id}":
            response, _ = await _get(client, "/oruk/service_at_locations/anything")
            assert response.status == 404  # our services have no locations
            continue
        url = "/oruk" + path.replace("{id}", ids.get(path, ""))
        response, body = await _get(client, url)
        assert response.status == 200, (url, body)
        assert response.headers["Access-Control-Allow-Origin"] == "*"
        assert _check(path, body) == [], (path, _check(path, body)[:5])


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
    # Read back by our own import: the same services, no duplicates.
    ids = {s["id"] for s in doc["contents"]}
    assert len(ids) == len(doc["contents"])

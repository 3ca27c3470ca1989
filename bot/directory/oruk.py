"""Reading a council's Open Referral UK 3.0 feed into the partner directory (issue 20).

A feed is a `/services?full=true` page (`{"contents": [...]}`), a list of full services,
or a folder of such pages, as a council would download it. Every service is checked
against the ORUK 3.0 service schema (oruk_schema/, with jsonschema), then mapped onto
a partner row, which goes through the same checks as a CSV or YAML row
(records.validate_partner). The mapping:

- id: "oruk-" and the service's id; name, description (cut to a summary), url, email;
- categories: each taxonomy term (`attributes[].taxonomy_term`) by its name, through
  knowledge/oruk_taxonomy.yml, onto Signpost's needs; terms that map to nothing are
  reported;
- areas: the names of its service areas, and the towns and counties of its locations'
  addresses, onto knowledge/areas.yml; names that map to nothing are reported;
- phone: the first number of its own phones, its contacts' or its locations'
  (HSDS 3.0 carries them there; the UK profile leaves them optional);
- address, opening hours (each schedule's description, or its days and times),
  languages, accessibility (of its locations), how to get help (`application_process`,
  else the eligibility and cost, which go into the words too);
- last_verified: `assured_date`, else the date of `last_modified`; assurer_email, for staff.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from jsonschema import Draft7Validator, FormatChecker

from bot.core.areas import AreaIndex
from bot.core.knowledge_files import KnowledgeError, entries, one_text, texts

SCHEMA_DIR = Path(__file__).with_name("oruk_schema")
MAX_SERVICES = 20_000
CLOSED = ("inactive", "defunct")  # ORUK statuses of services that are not imported
SUMMARY_MAX = 300


class FeedError(ValueError):
    """The feed as a whole cannot be read."""


def load_taxonomy(path: Path, doc: Any, need_ids: frozenset[str]) -> TaxonomyMap:
    """knowledge/oruk_taxonomy.yml: each need with the term names filed under it."""
    terms: dict[str, str] = {}
    for label, entry in entries(path, doc, "needs"):
        need = entry.get("need")
        if need not in need_ids:
            raise KnowledgeError(path, f"unknown need {need!r}", entry=label, field="need")
        for term in texts(path, entry, "terms"):
            key = term.strip().lower()
            if key in terms and terms[key] != need:
                raise KnowledgeError(path, f"term {term!r} is also under {terms[key]}", entry=label, field="terms")
            terms[key] = str(need)
    return TaxonomyMap(one_text(path, doc, "taxonomy"), terms)


@lru_cache(maxsize=2)
def _validator(name: str) -> Draft7Validator:
    schema = json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))
    return Draft7Validator(schema, format_checker=FormatChecker())


def services_in(path: Path) -> list[Any]:
    """Every service in a feed file or a folder of feed pages, in order."""
    files = sorted(p for p in path.glob("*.json")) if path.is_dir() else [path]
    if not files:
        raise FeedError(f"{path}: no .json files")
    found: list[Any] = []
    for file in files:
        try:
            doc = json.loads(file.read_text(encoding="utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as err:
            raise FeedError(f"{file.name}: not JSON: {err}") from None
        if isinstance(doc, Mapping) and isinstance(doc.get("contents"), list):
            found += doc["contents"]
        elif isinstance(doc, list):
            found += doc
        elif isinstance(doc, Mapping) and "id" in doc and "name" in doc:
            found.append(doc)  # one full service (/services/{id})
        else:
            raise FeedError(f"{file.name}: expected a page with 'contents', a list of services, or one service")
        if len(found) > MAX_SERVICES:
            raise FeedError(f"more than {MAX_SERVICES} services; split the feed")
    return found


def schema_errors(service: Any) -> list[tuple[str, str]]:
    """(where, why) for each way a service breaks the ORUK 3.0 schema."""
    if not isinstance(service, Mapping):
        return [("(service)", "must be an object")]
    errors = [
        ("/".join(str(p) for p in e.absolute_path) or "(service)", e.message)
        for e in _validator("service.json").iter_errors(service)
    ]
    for where, phone in _phones_with_place(service):
        errors += [(f"{where}/{'/'.join(str(p) for p in e.absolute_path)}", e.message)
                   for e in _validator("phone.json").iter_errors(phone)]  # fmt: skip
    return sorted(errors)


def _list(value: Any) -> list[Any]:
    return [v for v in value if isinstance(v, Mapping)] if isinstance(value, list) else []


def _locations(service: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [s["location"] for s in _list(service.get("service_at_locations")) if isinstance(s.get("location"), Mapping)]


def _phones_with_place(service: Mapping[str, Any]) -> Iterator[tuple[str, Any]]:
    for i, phone in enumerate(service.get("phones") or []):
        yield f"phones/{i}", phone
    for c, contact in enumerate(_list(service.get("contacts"))):
        for i, phone in enumerate(contact.get("phones") or []):
            yield f"contacts/{c}/phones/{i}", phone
    for c, location in enumerate(_locations(service)):
        for i, phone in enumerate(location.get("phones") or []):
            yield f"service_at_locations/{c}/location/phones/{i}", phone


@dataclass(frozen=True)
class TaxonomyMap:
    """Taxonomy term names (lower case) onto need ids: knowledge/oruk_taxonomy.yml."""

    taxonomy: str
    terms: Mapping[str, str]

    def need_for(self, term: Mapping[str, Any]) -> str | None:
        for key in ("name", "term", "code", "id"):
            value = term.get(key)
            if isinstance(value, str) and value.strip().lower() in self.terms:
                return self.terms[value.strip().lower()]
        return None


@dataclass
class Mapped:
    raw: dict[str, Any]
    unmapped_terms: list[str] = field(default_factory=list)
    unmapped_areas: list[str] = field(default_factory=list)


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _summary(description: str | None, name: str) -> str:
    text = re.sub(r"\s+", " ", description or name).strip()
    if len(text) <= SUMMARY_MAX:
        return text
    cut = text[:SUMMARY_MAX]
    return (cut[: cut.rfind(". ") + 1] if ". " in cut else cut[: cut.rfind(" ")] + "…").strip()


def _hours(schedules: Iterable[Mapping[str, Any]]) -> str | None:
    parts = []
    for s in schedules:
        words = _text(s.get("description"))
        if not words and s.get("opens_at") and s.get("closes_at"):
            days = f"{s['byday']} " if _text(s.get("byday")) else ""
            words = f"{days}{str(s['opens_at'])[:5]} to {str(s['closes_at'])[:5]}"
        if words:
            parts.append(words)
    return "; ".join(parts)[:300] or None


def _service_area_names(service: Mapping[str, Any]) -> list[str]:
    names = []
    for area in _list(service.get("service_areas")):
        names += [t for t in (_text(area.get("name")), _text(area.get("service_area"))) if t and len(t) <= 80]
    return list(dict.fromkeys(names))


def _address_towns(service: Mapping[str, Any]) -> list[str]:
    towns = []
    for location in _locations(service):
        for address in _list(location.get("addresses")):
            towns += [t for t in (_text(address.get(k)) for k in ("city", "state_province", "region")) if t]
    return list(dict.fromkeys(towns))


def _first_phone(service: Mapping[str, Any]) -> str | None:
    for _, phone in _phones_with_place(service):
        number = _text(phone.get("number")) if isinstance(phone, Mapping) else None
        if number:
            return number
    return None


def _address(service: Mapping[str, Any]) -> str | None:
    for location in _locations(service):
        for a in _list(location.get("addresses")):
            parts = [_text(a.get(k)) for k in ("address_1", "city", "postal_code")]
            if any(parts):
                return ", ".join(p for p in parts if p)[:300]
    return None


def _verified(service: Mapping[str, Any]) -> str | None:
    for key in ("assured_date", "last_modified"):
        value = _text(service.get(key))
        if value:
            try:
                return dt.date.fromisoformat(value[:10]).isoformat()
            except ValueError:
                continue
    return None


def to_partner(service: Mapping[str, Any], taxonomy: TaxonomyMap, areas: AreaIndex, source: str) -> Mapped:
    """One ORUK service as a partner row for records.validate_partner, with what did not map."""
    mapped = Mapped(raw={})
    needs = []
    for attribute in _list(service.get("attributes")):
        term = attribute.get("taxonomy_term")
        if not isinstance(term, Mapping):
            continue
        need = taxonomy.need_for(term)
        if need:
            needs.append(need)
        else:
            mapped.unmapped_terms.append(str(term.get("name") or term.get("term") or term.get("id")))
    # Its service areas name councils; where none does, the towns of its addresses may.
    # Matched exactly (no guessing at typos: "West Yorkshire" is not West Berkshire).
    area_names = []
    for name in _service_area_names(service):
        area = areas.exact(name)
        if area is not None:
            area_names.append(area.name)
        else:
            mapped.unmapped_areas.append(name)
    if not area_names:
        area_names = [a.name for a in map(areas.exact, _address_towns(service)) if a is not None]
    if not area_names and (mapped.unmapped_areas or _address_towns(service)):
        # A local service whose place maps to no council must not become a national one:
        # the unknown names go to the partner checks, which refuse them.
        area_names = mapped.unmapped_areas or _address_towns(service)
    name = _text(service.get("name")) or ""
    how = _text(service.get("application_process"))
    extra = [
        f"Who it is for: {e}" for e in [_text(service.get("eligibility_description"))] if e
    ] + [f"Cost: {c}" for c in [_text(service.get("fees"))] if c]  # fmt: skip
    accessibility = [
        _text(a.get("description")) for loc in _locations(service) for a in _list(loc.get("accessibility"))
    ]
    raw: dict[str, Any] = {
        "id": "oruk-" + re.sub(r"[^a-z0-9-]", "-", str(service.get("id", "")).lower()).strip("-"),
        "name": name[:150],
        "summary": _summary(_text(service.get("description")), name),
        "categories": list(dict.fromkeys(needs)),
        "areas": list(dict.fromkeys(area_names)),
        "phone": _first_phone(service),
        "email": _text(service.get("email")),
        "assurer_email": _text(service.get("assurer_email")),
        "website": _text(service.get("url")),
        "address": _address(service),
        "opening_hours": _hours(_list(service.get("schedules"))),
        "languages": [n for n in (_text(lang.get("name")) for lang in _list(service.get("languages"))) if n],
        "accessibility": "; ".join(a for a in accessibility if a)[:300] or None,
        "how_to_refer": " ".join([*([how] if how else []), *extra])[:500] or None,
        "source": source,
        "last_verified": _verified(service),
        # ORUK's "temporarily closed" is as near as it comes to "not taking new people".
        "not_taking_new": service.get("status") == "temporarily closed",
    }
    mapped.raw = {k: v for k, v in raw.items() if v not in (None, [], "", False)}
    return mapped


# --- Publishing our directory as ORUK 3.0 (export and the /oruk/ API) -----------

NAMESPACE = uuid.UUID("6f3b1f0e-7c1a-4a53-9a5e-5b4d9c1e2f10")  # Signpost's, for stable ids
OUR_TAXONOMY = "Signpost needs"


def oruk_id(kind: str, key: str) -> str:
    """A stable UUID for one of our things (ORUK ids are UUIDs; ours are words)."""
    if kind == "service" and key.startswith("oruk-"):
        try:
            return str(uuid.UUID(key.removeprefix("oruk-")))  # imported: its own id again
        except ValueError:
            pass
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{key}"))


def taxonomy_terms(needs: Iterable[tuple[str, str]]) -> list[dict[str, Any]]:
    """Our needs as ORUK taxonomy terms: (need id, label)."""
    return [
        {"id": oruk_id("term", need), "code": need, "name": label.capitalize(), "description": label.capitalize(),
         "taxonomy": OUR_TAXONOMY}
        for need, label in needs
    ]  # fmt: skip


def names(needs: Iterable[Any], areas: AreaIndex) -> tuple[dict[str, str], dict[str, str]]:
    """Need labels and council names by id, as to_service and export take them."""
    return {n.id: n.label for n in needs}, {a.id: a.name for a in areas.areas}


def to_service(p: Any, need_label: Mapping[str, str], area_name: Mapping[str, str]) -> dict[str, Any]:
    """One partner (records.PartnerRecord) as a full ORUK 3.0 service."""
    sid = oruk_id("service", p.id)
    checked = p.last_verified.isoformat()
    service: dict[str, Any] = {
        "id": sid,
        "name": p.name,
        "description": p.summary,
        "url": p.website,
        "email": p.email,
        "status": "temporarily closed" if p.not_taking_new else "active",
        "assured_date": checked,
        "assurer_email": p.assurer_email,
        "last_modified": f"{checked}T00:00:00Z",
        "organization": {"id": oruk_id("organization", p.id), "name": p.name, "description": p.summary},
        "service_areas": [
            {"id": oruk_id("area", f"{p.id}:{a}"), "service_id": sid, "name": area_name.get(a, a)}
            for a in (p.areas or p.nations)
        ],
        "schedules": (
            [{"id": oruk_id("schedule", p.id), "service_id": sid, "description": p.opening_hours}]
            if p.opening_hours else []
        ),
        "languages": [
            {"id": oruk_id("language", f"{p.id}:{lang}"), "service_id": sid, "name": lang} for lang in p.languages
        ],
        "attributes": [
            {
                "id": oruk_id("attribute", f"{p.id}:{need}"), "link_id": sid, "link_type": "service",
                "link_entity": "service",
                "taxonomy_term": {"id": oruk_id("term", need), "code": need,
                                  "name": need_label.get(need, need).capitalize(),
                                  "description": need_label.get(need, need).capitalize(), "taxonomy": OUR_TAXONOMY},
            }
            for need in p.categories
        ],
        "phones": [{"id": oruk_id("phone", p.id), "number": p.phone}] if p.phone else [],
        "contacts": [],
        "service_at_locations": [at_location(p)] if p.address else [],
        "cost_options": [],
        "funding": [],
    }  # fmt: skip
    if p.how_to_refer:
        service["application_process"] = p.how_to_refer
    return {k: v for k, v in service.items() if v is not None}


def at_location(p: Any) -> dict[str, Any]:
    """Where a partner (with an address) is, as an ORUK service_at_location.

    Our addresses are free text, so the location carries it as its description; ORUK's
    structured address needs a city and postcode we would have to guess. A partner has
    one place at most, so the service_at_location is published under the service's own
    id (ids are unique within each kind of thing), and /service_at_locations/{id}
    finds it by the same index as /services/{id}.
    """
    sid = oruk_id("service", p.id)
    location = {"id": oruk_id("location", p.id), "location_type": "physical", "name": p.name, "description": p.address}
    return {"id": sid, "service_id": sid, "location_id": location["id"], "location": location}


# The fields of a service in a list (/services without full=true): one-to-one only.
LIST_FIELDS = (
    "id", "name", "description", "url", "email", "status", "assured_date", "assurer_email", "last_modified",
    "organization",
)  # fmt: skip


def list_item(service: Mapping[str, Any]) -> dict[str, Any]:
    """A full service cut to what a list of services carries."""
    return {k: service[k] for k in LIST_FIELDS if k in service}


def page(items: list[Any], number: int, size: int, total: int) -> dict[str, Any]:
    """One page, as the ORUK OpenAPI's Page says."""
    pages = max(1, -(-total // size))
    return {
        "total_items": total, "total_pages": pages, "page_number": number, "size": len(items),
        "first_page": number == 1, "last_page": number >= pages, "empty": not items, "contents": items,
    }  # fmt: skip


def export(records: Iterable[Any], need_label: Mapping[str, str], area_name: Mapping[str, str]) -> str:
    """Partners as one ORUK /services?full=true page (JSON), as a council's feed would be."""
    services = [to_service(p, need_label, area_name) for p in records]
    return json.dumps(page(services, 1, max(len(services), 1), len(services)), indent=2, ensure_ascii=False)

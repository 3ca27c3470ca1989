"""A partner service as plain data, and the one validator every source goes through.

Knowledge files, CSV imports and YAML imports all become `PartnerRecord`s through
`validate_partner`, so a row is judged the same way wherever it comes from.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.core.areas import NATIONS, AreaIndex
from bot.core.fields import FieldError, bool_field, date_field, text, text_list
from bot.core.languages import LanguageIndex

_ID = re.compile(r"^[a-z0-9][a-z0-9-]{1,79}$")
# UK numbers as printed: digits and spaces, from short codes (111, 85258) to
# full 11-digit numbers. Anything else is almost certainly a typo.
_PHONE = re.compile(r"^(\+44 ?)?[0-9][0-9 ]{1,15}[0-9]$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.I)
_URL = re.compile(r"^https?://[^\s<>\"']+$", re.I)

# The order of fields in exports, and the columns a CSV import understands.
FIELDS = (
    "id", "name", "summary", "categories", "areas", "nations", "phone", "unconfirmed",
    "email", "website", "address", "opening_hours", "languages", "accessibility",
    "how_to_refer", "source", "last_verified", "not_taking_new", "assurer_email",
)  # fmt: skip


@dataclass(frozen=True)
class PartnerRecord:
    id: str
    name: str
    summary: str
    categories: tuple[str, ...]
    # Local authority ids this partner serves. Empty means a national service.
    areas: tuple[str, ...]
    # For national services, the nations served. Empty means all of Great Britain.
    nations: tuple[str, ...]
    phone: str | None
    unconfirmed: bool
    email: str | None
    website: str | None
    address: str | None
    opening_hours: str | None
    languages: tuple[str, ...]
    accessibility: str | None
    how_to_refer: str | None
    source: str
    last_verified: dt.date
    # The partner is not taking new people at the moment: offered last, and said so (issue 20).
    not_taking_new: bool = False
    # Who last checked the details, when the publisher says (ORUK assurer_email): shown to staff.
    assurer_email: str | None = None

    @property
    def is_local(self) -> bool:
        return bool(self.areas)

    def as_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in FIELDS}


@dataclass(frozen=True)
class Vocabulary:
    """What a partner's fields may refer to, taken from knowledge/."""

    categories: frozenset[str]
    areas: AreaIndex
    languages: LanguageIndex


def validate_partner(raw: Mapping[str, Any], vocab: Vocabulary) -> PartnerRecord:
    """Check one raw partner entry. Raises FieldError for the first bad field."""
    if not isinstance(raw, Mapping):
        raise FieldError("(row)", "must be a mapping of field names to values")
    unknown = sorted(set(raw) - set(FIELDS))
    if unknown:
        raise FieldError(unknown[0], f"is not a known field (known: {', '.join(FIELDS)})")

    pid = text(raw, "id", max_len=80)
    assert pid is not None
    if not _ID.match(pid):
        raise FieldError("id", "must be lower-case letters, digits and hyphens, like 'leeds-citizens-advice'")

    categories = text_list(raw, "categories", required=True)
    for cat in categories:
        if cat not in vocab.categories:
            raise FieldError("categories", f"unknown category {cat!r} (known: {', '.join(sorted(vocab.categories))})")

    area_ids = []
    for name in text_list(raw, "areas"):
        area = vocab.areas.resolve(name)
        if area is None:
            raise FieldError("areas", f"unknown area {name!r}")
        area_ids.append(area.id)

    nations = tuple(n.lower() for n in text_list(raw, "nations"))
    for nation in nations:
        if nation not in NATIONS:
            raise FieldError("nations", f"unknown nation {nation!r} (known: {', '.join(NATIONS)})")
    if area_ids and nations:
        raise FieldError("nations", "give areas for a local service or nations for a national one, not both")

    languages = []
    for name in text_list(raw, "languages") or ("English",):
        canonical = vocab.languages.canonical(name)
        if canonical is None:
            raise FieldError("languages", f"unknown language {name!r}")
        languages.append(canonical)

    phone = text(raw, "phone", required=False, max_len=40)
    if phone is not None and not _PHONE.match(phone):
        raise FieldError("phone", f"does not look like a UK phone number: {phone!r}")
    email = text(raw, "email", required=False, max_len=200)
    if email is not None and not _EMAIL.match(email):
        raise FieldError("email", f"does not look like an email address: {email!r}")
    assurer_email = text(raw, "assurer_email", required=False, max_len=200)
    if assurer_email is not None and not _EMAIL.match(assurer_email):
        raise FieldError("assurer_email", f"does not look like an email address: {assurer_email!r}")
    website = text(raw, "website", required=False, max_len=300)
    if website is not None and not _URL.match(website):
        raise FieldError("website", "must start with http:// or https://")
    how_to_refer = text(raw, "how_to_refer", required=False)
    if not (phone or email or website or how_to_refer):
        raise FieldError("phone", "a partner needs a phone, email, website or how_to_refer")

    last_verified = date_field(raw, "last_verified")
    assert last_verified is not None
    if last_verified > dt.date.today():
        raise FieldError("last_verified", "is in the future")

    return PartnerRecord(
        id=pid,
        name=text(raw, "name", max_len=150) or "",
        summary=text(raw, "summary", max_len=300) or "",
        categories=tuple(dict.fromkeys(categories)),
        areas=tuple(dict.fromkeys(area_ids)),
        nations=tuple(dict.fromkeys(nations)),
        phone=phone,
        unconfirmed=bool_field(raw, "unconfirmed"),
        not_taking_new=bool_field(raw, "not_taking_new"),
        email=email,
        website=website,
        address=text(raw, "address", required=False, max_len=300),
        opening_hours=text(raw, "opening_hours", required=False, max_len=200),
        languages=tuple(dict.fromkeys(languages)),
        accessibility=text(raw, "accessibility", required=False, max_len=300),
        how_to_refer=how_to_refer,
        source=text(raw, "source", max_len=300) or "",
        last_verified=last_verified,
        assurer_email=assurer_email,
    )

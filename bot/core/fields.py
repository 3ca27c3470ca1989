"""Field checks shared by the knowledge loader and the directory import.

Each check reads one field of a raw mapping and either returns a clean value
or raises `FieldError` naming the field, so callers can say exactly what is
wrong and where.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class FieldError(ValueError):
    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"field '{field}': {reason}")
        self.field = field
        self.reason = reason


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def text(raw: Mapping[str, Any], field: str, *, required: bool = True, max_len: int = 500) -> str | None:
    value = raw.get(field)
    if _missing(value):
        if required:
            raise FieldError(field, "is required")
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise FieldError(field, f"must be text, not {type(value).__name__}")
    clean = unicodedata.normalize("NFC", str(value)).strip()
    if CONTROL_CHARS.search(clean):
        raise FieldError(field, "contains control characters")
    if len(clean) > max_len:
        raise FieldError(field, f"is longer than {max_len} characters")
    return clean


def text_list(raw: Mapping[str, Any], field: str, *, required: bool = False) -> tuple[str, ...]:
    """A list of short texts. CSV cells give 'a; b' or 'a, b', YAML gives a list."""
    value = raw.get(field)
    if _missing(value) or value == []:
        if required:
            raise FieldError(field, "is required")
        return ()
    if isinstance(value, str):
        items = [part.strip() for part in re.split(r"[;,|]", value)]
    elif isinstance(value, list | tuple):
        items = []
        for item in value:
            if not isinstance(item, str) or not item.strip():
                raise FieldError(field, "must be a list of texts")
            items.append(item.strip())
    else:
        raise FieldError(field, f"must be a list, not {type(value).__name__}")
    items = [i for i in items if i]
    if required and not items:
        raise FieldError(field, "is required")
    for item in items:
        if CONTROL_CHARS.search(item) or len(item) > 200:
            raise FieldError(field, f"has a bad item: {item[:40]!r}")
    return tuple(items)


def date_field(raw: Mapping[str, Any], field: str, *, required: bool = True) -> dt.date | None:
    value = raw.get(field)
    if _missing(value):
        if required:
            raise FieldError(field, "is required")
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise FieldError(field, f"must be a date like 2026-04-06, not {str(value)[:30]!r}")


def bool_field(raw: Mapping[str, Any], field: str, *, default: bool = False) -> bool:
    value = raw.get(field)
    if _missing(value):
        return default
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in {"true", "yes", "y", "1"}:
        return True
    if isinstance(value, str) and value.strip().lower() in {"false", "no", "n", "0"}:
        return False
    raise FieldError(field, f"must be yes or no, not {str(value)[:30]!r}")


def normalise_name(value: str) -> str:
    """Fold case, accents, punctuation and spacing so that names compare loosely."""
    folded = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    folded = re.sub(r"[^a-z0-9]+", " ", folded.lower())
    return " ".join(folded.split())


def normalise_answer(text: str) -> str:
    """Like normalise_name, but drops apostrophes first: "don't" becomes "dont", not "don t"."""
    return normalise_name(re.sub(r"['’`]", "", text))


def contains_phrase(text: str, phrase: str) -> bool:
    """Whole-word match in normalised text. An optional "s" lets "my daughter"
    match "my daughters" (from "my daughter's") and "bus" match "buss" harmlessly."""
    return re.search(rf"(?<![a-z0-9]){re.escape(phrase)}s?(?![a-z0-9])", text) is not None


# "no computer", "we're not a couple", "don't have a partner", "without wifi".
_NEGATION = r"(?:no|not|dont have|havent got|havent|hasnt got|without|never had|not with)(?: a| an| any| my)?"


def negated(text: str, phrase: str) -> bool:
    """True when the phrase is in normalised text and every mention of it is negated:
    "no computer, just my phone" negates "computer"; "no wifi but a laptop" does not negate "laptop"."""
    mentions = len(re.findall(rf"(?<![a-z0-9]){re.escape(phrase)}s?(?![a-z0-9])", text))
    negations = len(re.findall(rf"(?<![a-z0-9]){_NEGATION} {re.escape(phrase)}s?(?![a-z0-9])", text))
    return mentions > 0 and mentions == negations


def money_field(raw: Mapping[str, Any], name: str) -> Decimal:
    """An amount of money in a knowledge file, like 1835.00: never negative."""
    value = raw.get(name)
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise FieldError(name, "must be an amount like 1835.00")
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise FieldError(name, "must be an amount like 1835.00") from None
    if amount < 0:
        raise FieldError(name, "must not be negative")
    return amount


def seconds_field(raw: Mapping[str, Any], field: str, low: int, high: int) -> int:
    value = raw.get(field)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise FieldError(field, f"must be a whole number of seconds from {low} to {high}")
    return value


def and_list(items: list[str]) -> str:
    """ "a", "a and b", "a, b and c": a list as a sentence says it."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]

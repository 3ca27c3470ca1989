"""Local authority areas: recognising a place the claimant names."""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.core.fields import FieldError, bool_field, normalise_name, text, text_list
from bot.core.knowledge_files import KnowledgeError, each

NATIONS = ("england", "wales", "scotland")

# Words people wrap around a place name that do not change which place it is.
_FILLER = re.compile(
    r"\b(i live in|i m in|im in|i am in|live in|living in|in|near|around|the|city of|"
    r"borough of|london borough of|royal borough of|county of|council|borough|area|"
    r"district|city|county|please|thanks|thank you)\b"
)
# A postcode district, which is all the gateway keeps of a postcode: "LS1", "CF10", "SW1A".
_DISTRICT = re.compile(r"^(?:(?:i live at|my postcode is|postcode|at)\s+)?([a-z]{1,2})\d[a-z\d]?$")


@dataclass(frozen=True)
class Area:
    id: str
    name: str
    nation: str
    greater_london: bool = False
    aliases: tuple[str, ...] = field(default=())

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


class AreaIndex:
    """Looks up areas by id, name or alias, forgiving case, punctuation and small typos."""

    def __init__(
        self,
        areas: tuple[Area, ...],
        case_sensitive_names: frozenset[str] = frozenset(),
        postcode_areas: dict[str, str] | None = None,
    ):
        self.areas = areas
        self.case_sensitive_names = case_sensitive_names
        self._by_id = {a.id: a for a in areas}
        self._by_key: dict[str, Area] = {}
        for area in areas:
            for name in (*area.names, area.id):
                self._by_key.setdefault(normalise_name(name), area)
        # Postcode area letters ("ls") to the council of their post town: a best guess.
        self._by_postcode = {k.lower(): self._by_id[v] for k, v in (postcode_areas or {}).items() if v in self._by_id}

    def __len__(self) -> int:
        return len(self.areas)

    def get(self, area_id: str) -> Area | None:
        return self._by_id.get(area_id)

    def exact(self, text: str | None) -> Area | None:
        """An area named exactly (any case or punctuation; "City of", "Council" and the like
        left out), never a near miss: for data, where a guess would file a service under
        the wrong council ("West Yorkshire" is not West Berkshire)."""
        if not text:
            return None
        key = normalise_name(text)
        if key in self._by_key:
            return self._by_key[key]
        return self._by_key.get(" ".join(_FILLER.sub(" ", key).split()))

    def resolve(self, text: str | None) -> Area | None:
        if not text:
            return None
        key = normalise_name(text)
        if key in self._by_key:
            return self._by_key[key]
        district = _DISTRICT.match(key)
        if district:
            return self._by_postcode.get(district.group(1))
        stripped = " ".join(_FILLER.sub(" ", key).split())
        if stripped in self._by_key:
            return self._by_key[stripped]
        if len(stripped) < 4:
            return None
        close = difflib.get_close_matches(stripped, self._by_key.keys(), n=1, cutoff=0.85)
        return self._by_key[close[0]] if close else None


def _area(raw: Mapping[str, Any]) -> Area:
    nation = text(raw, "nation") or ""
    if nation not in NATIONS:
        raise FieldError("nation", f"must be one of {', '.join(NATIONS)}")
    return Area(
        id=text(raw, "id") or "",
        name=text(raw, "name") or "",
        nation=nation,
        greater_london=bool_field(raw, "greater_london"),
        aliases=text_list(raw, "aliases"),
    )


def load(path: Path, doc: Any) -> AreaIndex:
    """knowledge/areas.yml: the areas, names matched only with capitals, and postcode areas."""
    areas = tuple(each(path, doc, "areas", _area))
    try:
        case_sensitive = frozenset(text_list(doc, "case_sensitive_names"))
    except FieldError as err:
        raise KnowledgeError(path, err.reason, field=err.field) from None
    known_names = {name for area in areas for name in area.names}
    for name in sorted(case_sensitive - known_names):
        raise KnowledgeError(path, f"{name!r} is not the name or alias of any area", field="case_sensitive_names")

    postcode_areas = doc.get("postcode_areas") or {}
    area_ids = {a.id for a in areas}
    if not isinstance(postcode_areas, Mapping):
        raise KnowledgeError(path, "must map postcode letters to area ids", field="postcode_areas")
    for letters, area_id in postcode_areas.items():
        if not (isinstance(letters, str) and letters.isalpha() and letters.isupper() and len(letters) <= 2):
            raise KnowledgeError(path, f"{letters!r} is not 1 or 2 capital letters", field="postcode_areas")
        if area_id not in area_ids:
            raise KnowledgeError(path, f"{area_id!r} is not an area id", field="postcode_areas")
    return AreaIndex(areas, case_sensitive, dict(postcode_areas))

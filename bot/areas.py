"""Local authority areas: recognising a place the claimant names."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from bot.fields import normalise_name

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

"""Loads and validates every file in knowledge/, once.

Each file has a `meta` block (title, source, effective_from) and one list of
entries. Every file must have a reader below: a file nobody validates would be
a fact nobody checks. A bad file fails with an error naming the file, the entry
and the field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from bot.areas import NATIONS, Area, AreaIndex
from bot.config import ROOT
from bot.directory.records import PartnerRecord, Vocabulary, validate_partner
from bot.fields import FieldError, bool_field, date_field, text, text_list
from bot.languages import Language, LanguageIndex

KNOWLEDGE_DIR = ROOT / "knowledge"


class KnowledgeError(ValueError):
    def __init__(self, file: Path | str, reason: str, entry: str | None = None, field: str | None = None):
        where = Path(file).name
        if entry is not None:
            where += f": entry {entry}"
        if field is not None:
            where += f": field '{field}'"
        super().__init__(f"knowledge/{where}: {reason}")
        self.file, self.entry, self.field, self.reason = str(file), entry, field, reason


@dataclass(frozen=True)
class Meta:
    title: str
    source: str
    effective_from: dt.date


@dataclass(frozen=True)
class Need:
    id: str
    label: str
    short: str


@dataclass(frozen=True)
class Benefit:
    id: str
    name: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Knowledge:
    meta: Mapping[str, Meta]
    needs: tuple[Need, ...]
    areas: AreaIndex
    languages: LanguageIndex
    benefits: tuple[Benefit, ...]
    partners: tuple[PartnerRecord, ...]

    def need(self, need_id: str) -> Need | None:
        return next((n for n in self.needs if n.id == need_id), None)

    @property
    def vocabulary(self) -> Vocabulary:
        return Vocabulary(categories=frozenset(n.id for n in self.needs), areas=self.areas, languages=self.languages)


def _entries(path: Path, doc: Any, key: str) -> list[tuple[str, Mapping[str, Any]]]:
    if not isinstance(doc, Mapping):
        raise KnowledgeError(path, "must be a mapping with 'meta' and a list")
    items = doc.get(key)
    if not isinstance(items, list) or not items:
        raise KnowledgeError(path, f"must have a non-empty list '{key}'")
    out = []
    for index, item in enumerate(items, start=1):
        label = str(index)
        if isinstance(item, Mapping) and isinstance(item.get("id") or item.get("name"), str):
            label = f"{index} ({item.get('id') or item.get('name')})"
        if not isinstance(item, Mapping):
            raise KnowledgeError(path, "must be a mapping", entry=label)
        out.append((label, item))
    return out


def _each(path: Path, doc: Any, key: str, parse: Callable[[Mapping[str, Any]], Any]) -> list[Any]:
    results, seen = [], set()
    for label, item in _entries(path, doc, key):
        try:
            value = parse(item)
        except FieldError as err:
            raise KnowledgeError(path, err.reason, entry=label, field=err.field) from None
        ident = getattr(value, "id", None) or getattr(value, "name", None)
        if ident in seen:
            raise KnowledgeError(path, f"duplicate id {ident!r}", entry=label, field="id")
        seen.add(ident)
        results.append(value)
    return results


def _meta(path: Path, doc: Any) -> Meta:
    raw = doc.get("meta") if isinstance(doc, Mapping) else None
    if not isinstance(raw, Mapping):
        raise KnowledgeError(path, "is missing its 'meta' block (title, source, effective_from)")
    try:
        return Meta(
            title=text(raw, "title") or "",
            source=text(raw, "source") or "",
            effective_from=date_field(raw, "effective_from") or dt.date.min,
        )
    except FieldError as err:
        raise KnowledgeError(path, err.reason, entry="meta", field=err.field) from None


def _need(raw: Mapping[str, Any]) -> Need:
    return Need(id=text(raw, "id") or "", label=text(raw, "label") or "", short=text(raw, "short") or "")


def _language(raw: Mapping[str, Any]) -> Language:
    return Language(name=text(raw, "name") or "", aliases=text_list(raw, "aliases"))


def _benefit(raw: Mapping[str, Any]) -> Benefit:
    return Benefit(id=text(raw, "id") or "", name=text(raw, "name") or "", aliases=text_list(raw, "aliases"))


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


def _read_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as err:
        raise KnowledgeError(path, f"is not valid YAML: {err}") from None


KNOWN_FILES = ("needs.yml", "languages.yml", "areas.yml", "benefits.yml", "partners.yml")


def load_knowledge(directory: Path = KNOWLEDGE_DIR) -> Knowledge:
    """Read and check every knowledge file. Raises KnowledgeError on the first problem."""
    present = sorted(p.name for p in directory.glob("*.y*ml"))
    for name in present:
        if name not in KNOWN_FILES:
            raise KnowledgeError(directory / name, "has no validator in bot/knowledge.py; add one")
    for name in KNOWN_FILES:
        if name not in present:
            raise KnowledgeError(directory / name, "is missing")

    docs = {name: _read_yaml(directory / name) for name in KNOWN_FILES}
    meta = {name: _meta(directory / name, doc) for name, doc in docs.items()}

    needs = tuple(_each(directory / "needs.yml", docs["needs.yml"], "needs", _need))
    languages = tuple(_each(directory / "languages.yml", docs["languages.yml"], "languages", _language))
    areas = tuple(_each(directory / "areas.yml", docs["areas.yml"], "areas", _area))
    benefits = tuple(_each(directory / "benefits.yml", docs["benefits.yml"], "benefits", _benefit))

    area_doc = docs["areas.yml"]
    try:
        case_sensitive = frozenset(text_list(area_doc, "case_sensitive_names"))
    except FieldError as err:
        raise KnowledgeError(directory / "areas.yml", err.reason, field=err.field) from None
    known_names = {name for area in areas for name in area.names}
    for name in sorted(case_sensitive - known_names):
        raise KnowledgeError(
            directory / "areas.yml", f"{name!r} is not the name or alias of any area", field="case_sensitive_names"
        )

    area_index = AreaIndex(areas, case_sensitive)
    vocab = Vocabulary(categories=frozenset(n.id for n in needs), areas=area_index, languages=LanguageIndex(languages))
    partners = tuple(
        _each(directory / "partners.yml", docs["partners.yml"], "partners", lambda raw: validate_partner(raw, vocab))
    )
    return Knowledge(
        meta=meta,
        needs=needs,
        areas=area_index,
        languages=vocab.languages,
        benefits=benefits,
        partners=partners,
    )


@lru_cache(maxsize=1)
def get_knowledge() -> Knowledge:
    """The project's knowledge, loaded once per process."""
    return load_knowledge()

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
from bot.skills import SKILL_AREAS, Choice, Question, QuestionBank, SkillArea

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
    skills: QuestionBank

    def partner(self, partner_id: str) -> PartnerRecord | None:
        return next((p for p in self.partners if p.id == partner_id), None)

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


FLAGS_RAISED_BY_ANSWERS = ("data_or_device_poverty", "accessibility_adjustments")


def _choice(raw: Mapping[str, Any]) -> Choice:
    unknown = sorted(set(raw) - {"id", "title", "phrases", "flag", "reason"})
    if unknown:
        raise FieldError(unknown[0], "is not a known field of a choice (a comma in an unquoted text?)")
    flag = text(raw, "flag", required=False)
    if flag is not None and flag not in FLAGS_RAISED_BY_ANSWERS:
        raise FieldError("flag", f"must be one of {', '.join(FLAGS_RAISED_BY_ANSWERS)}")
    reason = text(raw, "reason", required=flag is not None)
    return Choice(
        id=text(raw, "id") or "",
        title=text(raw, "title") or "",
        phrases=tuple(p.lower() for p in text_list(raw, "phrases", required=True)),
        flag=flag,
        reason=reason,
    )


def _choices(raw: Mapping[str, Any], field: str) -> tuple[Choice, ...]:
    items = raw.get(field)
    if not isinstance(items, list) or not items:
        raise FieldError(field, "must be a non-empty list of choices")
    out = []
    for item in items:
        if not isinstance(item, Mapping):
            raise FieldError(field, "each choice must be a mapping")
        try:
            out.append(_choice(item))
        except FieldError as err:
            raise FieldError(f"{field}.{item.get('id', '?')}.{err.field}", err.reason) from None
    return tuple(out)


def _question(raw: Mapping[str, Any], areas: frozenset[str]) -> Question:
    area = text(raw, "area") or ""
    if area not in areas | {"access", "accessibility"}:
        raise FieldError("area", f"unknown area {area!r}")
    select = text(raw, "select", required=False) or "scale"
    if select not in ("scale", "one", "many"):
        raise FieldError("select", "must be scale, one or many")
    is_skill = select == "scale"
    if is_skill != (area in areas):
        raise FieldError("select", "skill areas take scale questions; access and accessibility take choices")
    only_if = raw.get("only_if") or {}
    if not isinstance(only_if, Mapping) or set(only_if) - {"devices_not"}:
        raise FieldError("only_if", "the only condition known is devices_not")
    return Question(
        id=text(raw, "id") or "",
        area=area,
        text=text(raw, "text") or "",
        select=select,
        choices=() if is_skill else _choices(raw, "choices"),
        task=text(raw, "task", required=is_skill),
        why=text(raw, "why", required=is_skill),
        unless_devices=text(only_if, "devices_not", required=False),
    )


def _question_bank(path: Path, doc: Any, partner_ids: frozenset[str]) -> QuestionBank:
    def area(raw: Mapping[str, Any]) -> SkillArea:
        return SkillArea(id=text(raw, "id") or "", label=text(raw, "label") or "", describe=text(raw, "describe") or "")

    areas = tuple(_each(path, doc, "areas", area))
    if tuple(a.id for a in areas) != SKILL_AREAS:
        raise KnowledgeError(path, f"areas must be the framework's six, in order: {', '.join(SKILL_AREAS)}")
    scale = tuple(_each(path, doc, "scale", _choice))
    if tuple(c.id for c in scale) != ("alone", "with_help", "not_yet"):
        raise KnowledgeError(path, "the scale must be alone, with_help, not_yet", field="scale")
    area_ids = frozenset(SKILL_AREAS)
    questions = tuple(_each(path, doc, "questions", lambda raw: _question(raw, area_ids)))
    for skill_area in SKILL_AREAS:
        if not any(q.area == skill_area for q in questions):
            raise KnowledgeError(path, f"no question for the area {skill_area!r}", field="questions")
    controls = doc.get("controls")
    if not isinstance(controls, Mapping) or set(controls) != {"skip", "unknown", "stop"}:
        raise KnowledgeError(path, "controls must list skip, unknown and stop phrases", field="controls")
    try:
        control_phrases = {k: tuple(p.lower() for p in text_list(controls, k, required=True)) for k in controls}
        schemes = text_list(doc, "access_schemes", required=True)
        learning = text_list(doc, "online_learning", required=True)
    except FieldError as err:
        raise KnowledgeError(path, err.reason, field=err.field) from None
    for pid in (*schemes, *learning):
        if pid not in partner_ids:
            raise KnowledgeError(path, f"{pid!r} is not a partner in partners.yml", field="access_schemes")
    return QuestionBank(
        areas=areas,
        questions=questions,
        scale=scale,
        controls=control_phrases,
        access_schemes=schemes,
        online_learning=learning,
    )


KNOWN_FILES = ("needs.yml", "languages.yml", "areas.yml", "benefits.yml", "partners.yml", "digital_skills.yml")


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
    skills = _question_bank(
        directory / "digital_skills.yml", docs["digital_skills.yml"], frozenset(p.id for p in partners)
    )
    return Knowledge(
        meta=meta,
        needs=needs,
        areas=area_index,
        languages=vocab.languages,
        benefits=benefits,
        partners=partners,
        skills=skills,
    )


@lru_cache(maxsize=1)
def get_knowledge() -> Knowledge:
    """The project's knowledge, loaded once per process."""
    return load_knowledge()

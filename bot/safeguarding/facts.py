"""knowledge/safeguarding.yml: its data classes, and `load()`, which reads and checks it.

A mistake here could hide a claimant in danger, so every pattern must compile,
every contact must exist, every flag must be a known one, and every urgent
category must raise the urgent flag.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.core.fields import FieldError, text, text_list
from bot.core.knowledge_files import KnowledgeError
from bot.safeguarding.reader import URGENT_FLAG, Category, Reading, TextReader, compile_pattern, pattern_words
from bot.triage.flags import FLAG_LABELS


@dataclass(frozen=True)
class EmergencyContact:
    id: str
    name: str
    line: str


@dataclass(frozen=True)
class HealthWords:
    opening: str
    gp: str
    urgent: str
    work_only_partner: str
    noted: str


@dataclass(frozen=True)
class SafeguardingFacts:
    reader: TextReader
    not_urgent: tuple[re.Pattern[str], ...]
    urgent: tuple[Category, ...]
    # The reply when the model heard danger but no rule says which kind.
    when_unsure: Category
    disclosures: tuple[Category, ...]
    emergency: tuple[EmergencyContact, ...]
    work_coach_today: str
    work_coach_noted: str
    work_coach_today_reason: str
    carry_on: str
    health: HealthWords
    private_room_reply: str
    private_room_reason: str
    _by_id: dict[str, Category] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_id.update({c.id: c for c in (*self.urgent, self.when_unsure, *self.disclosures)})

    def category(self, category_id: str) -> Category | None:
        return self._by_id.get(category_id)

    def disclosed_by_need(self, need_id: str) -> tuple[Category, ...]:
        return tuple(d for d in self.disclosures if d.from_need == need_id)

    def read(self, message: str) -> Reading:
        text = self.reader.spell_out(message)
        calmed = text
        for pattern in self.not_urgent:
            calmed = pattern.sub(" | ", calmed)
        return Reading(
            text=text,
            urgent=tuple(c for c in self.urgent if c.found_in(calmed)),
            disclosures=tuple(d for d in self.disclosures if d.found_in(text)),
            harmless_alarm=calmed != text,
        )


def _mapping(doc: Mapping[str, Any], name: str) -> Mapping[str, Any]:
    value = doc.get(name)
    if not isinstance(value, Mapping) or not value:
        raise FieldError(name, "must be a non-empty mapping")
    return value


def _words(doc: Mapping[str, Any], name: str) -> dict[str, str]:
    out = {}
    for key, value in _mapping(doc, name).items():
        if not isinstance(value, str) or not value.strip() or not re.fullmatch(r"[a-z0-9]+", str(key)):
            raise FieldError(f"{name}.{key}", "must map one plain lower-case word to its spelled-out text")
        out[str(key)] = value.strip().lower()
    return out


def _patterns(raw: Mapping[str, Any], field: str) -> tuple[tuple[str, ...], tuple[re.Pattern[str], ...]]:
    items = raw.get(field)
    if not isinstance(items, list) or not items or not all(isinstance(p, str) and p.strip() for p in items):
        raise FieldError(field, "must be a non-empty list of patterns")
    compiled = []
    for index, pattern in enumerate(items, start=1):
        if pattern != pattern.lower():
            raise FieldError(f"{field}[{index}]", "must be lower case: text is lower-cased before matching")
        try:
            compiled.append(compile_pattern(pattern))
        except re.error as err:
            raise FieldError(f"{field}[{index}]", f"is not a valid pattern: {err}") from None
    return tuple(items), tuple(compiled)


def _category(
    raw: Any, *, urgent: bool, contact_ids: frozenset[str], need_ids: frozenset[str], with_patterns: bool = True
) -> Category:
    if not isinstance(raw, Mapping):
        raise FieldError("id", "each category must be a mapping")
    ident = text(raw, "id") or ""
    try:
        flags = raw.get("flags")
        if not isinstance(flags, Mapping) or not all(isinstance(v, str) and v.strip() for v in flags.values()):
            raise FieldError("flags", "must map flag codes to reasons")
        for code in flags:
            if code not in FLAG_LABELS:
                raise FieldError(f"flags.{code}", f"is not a flag in bot/triage/flags.py ({', '.join(FLAG_LABELS)})")
        if urgent and URGENT_FLAG not in flags:
            raise FieldError("flags", f"an urgent category must set the '{URGENT_FLAG}' flag")
        if not urgent and URGENT_FLAG in flags:
            raise FieldError("flags", "only urgent categories set the urgent flag")
        patterns = _patterns(raw, "patterns")[1] if with_patterns else ()
        contacts = text_list(raw, "contacts", required=urgent)
        for contact in contacts:
            if contact not in contact_ids:
                raise FieldError("contacts", f"{contact!r} is neither a partner id nor an emergency contact")
        more = text(raw, "more_help_need", required=urgent)
        if more is not None and more not in need_ids:
            raise FieldError("more_help_need", f"{more!r} is not a need in needs.yml")
        from_need = text(raw, "from_need", required=False)
        if from_need is not None and (urgent or from_need not in need_ids):
            raise FieldError("from_need", "must be a need in needs.yml, on a disclosure")
        return Category(
            id=ident,
            label=text(raw, "label") or "",
            patterns=patterns,
            flags={str(k): str(v).strip() for k, v in flags.items()},
            opening=text(raw, "opening", required=urgent, max_len=600) or "",
            contacts=contacts,
            more_help_need=more,
            from_need=from_need,
        )
    except FieldError as err:
        raise FieldError(f"{ident or '?'}.{err.field}", err.reason) from None


def _categories(doc: Mapping[str, Any], name: str, **kwargs: Any) -> tuple[Category, ...]:
    items = doc.get(name)
    if not isinstance(items, list) or not items:
        raise FieldError(name, "must be a non-empty list")
    out: list[Category] = []
    for item in items:
        try:
            category = _category(item, **kwargs)
        except FieldError as err:
            raise FieldError(f"{name}.{err.field}", err.reason) from None
        if any(c.id == category.id for c in out):
            raise FieldError(f"{name}.{category.id}", "duplicate id")
        out.append(category)
    return tuple(out)


def load(path: Path, doc: Any, partner_ids: frozenset[str], need_ids: frozenset[str]) -> SafeguardingFacts:
    try:
        return _read(doc, partner_ids, need_ids)
    except FieldError as err:
        raise KnowledgeError(path, err.reason, field=err.field) from None


def _read(doc: Any, partner_ids: frozenset[str], need_ids: frozenset[str]) -> SafeguardingFacts:
    if not isinstance(doc, Mapping):
        raise FieldError("safeguarding", "must be a mapping")
    emergency = []
    for raw in doc.get("emergency") or []:
        if not isinstance(raw, Mapping):
            raise FieldError("emergency", "each contact must be a mapping")
        text(raw, "source")
        emergency.append(
            EmergencyContact(id=text(raw, "id") or "", name=text(raw, "name") or "", line=text(raw, "line") or "")
        )
    if not emergency:
        raise FieldError("emergency", "must list the emergency contacts")
    contact_ids = partner_ids | {e.id for e in emergency}

    raw_guards, guards = _patterns(doc, "not_urgent")
    urgent = _categories(doc, "urgent", urgent=True, contact_ids=contact_ids, need_ids=need_ids)
    disclosures = _categories(doc, "disclosures", urgent=False, contact_ids=contact_ids, need_ids=need_ids)
    try:
        when_unsure = _category(
            doc.get("when_unsure"), urgent=True, contact_ids=contact_ids, need_ids=need_ids, with_patterns=False
        )
    except FieldError as err:
        raise FieldError(f"when_unsure.{err.field}", err.reason) from None
    all_patterns = [*raw_guards]
    for group in ("urgent", "disclosures"):
        for item in doc[group]:
            all_patterns += item["patterns"]

    typo_tolerant = tuple(w.lower() for w in text_list(doc, "typo_tolerant", required=True))
    not_typos = frozenset(w.lower() for w in text_list(doc, "not_typos"))
    reader = TextReader(
        text_speak=_words(doc, "text_speak"),
        misspellings=_words(doc, "misspellings"),
        typo_tolerant=typo_tolerant,
        protected=pattern_words(all_patterns) | not_typos | frozenset(typo_tolerant),
    )

    health = _mapping(doc, "health")
    work_only = text(health, "work_only_partner") or ""
    if work_only not in partner_ids:
        raise FieldError("health.work_only_partner", f"{work_only!r} is not a partner id")
    private = _mapping(doc, "private_room")
    return SafeguardingFacts(
        reader=reader,
        not_urgent=guards,
        urgent=urgent,
        when_unsure=when_unsure,
        disclosures=disclosures,
        emergency=tuple(emergency),
        work_coach_today=text(doc, "work_coach_today") or "",
        work_coach_noted=text(doc, "work_coach_noted") or "",
        work_coach_today_reason=text(doc, "work_coach_today_reason") or "",
        carry_on=text(doc, "carry_on") or "",
        health=HealthWords(
            opening=text(health, "opening") or "",
            gp=text(health, "gp") or "",
            urgent=text(health, "urgent") or "",
            work_only_partner=work_only,
            noted=text(health, "noted") or "",
        ),
        private_room_reply=text(private, "reply", max_len=1000) or "",
        private_room_reason=text(private, "reason") or "",
    )

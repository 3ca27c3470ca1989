"""Loads and validates every file in knowledge/, once.

Each file has a `meta` block (title, source, effective_from) and one list of
entries. Every file must have a reader below: a file nobody validates would be
a fact nobody checks. A bad file fails with an error naming the file, the entry
and the field.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from bot.areas import NATIONS, Area, AreaIndex
from bot.benefit_cap import HOUSEHOLDS, CapAmounts, CapFacts, CapPeriod, Threshold
from bot.config import ROOT
from bot.directory.records import PartnerRecord, Vocabulary, validate_partner
from bot.fields import FieldError, bool_field, date_field, text, text_list
from bot.flexible_support_fund import FsfFacts, FsfQuestion
from bot.languages import Language, LanguageIndex
from bot.safeguarding import SafeguardingFacts
from bot.safeguarding_facts import read_safeguarding
from bot.skills import SKILL_AREAS, Choice, Question, QuestionBank, SkillArea
from bot.uc_childcare import ChildcareFacts, ChildcareMaximum

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
class Site:
    """A Jobcentre that runs kiosks, and the council area it serves."""

    id: str
    jobcentre: str
    area_id: str
    idle_seconds: int
    warning_seconds: int


@dataclass(frozen=True)
class Knowledge:
    meta: Mapping[str, Meta]
    needs: tuple[Need, ...]
    areas: AreaIndex
    languages: LanguageIndex
    benefits: tuple[Benefit, ...]
    partners: tuple[PartnerRecord, ...]
    skills: QuestionBank
    benefit_cap: CapFacts
    fsf: FsfFacts
    childcare: ChildcareFacts
    safeguarding: SafeguardingFacts
    sites: tuple[Site, ...] = ()

    def site(self, site_id: str | None) -> Site | None:
        return next((s for s in self.sites if s.id == site_id), None)

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
        if ident is not None and ident in seen:
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


def _money(raw: Mapping[str, Any], name: str) -> Decimal:
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


def _texts(path: Path, doc: Mapping[str, Any], name: str) -> tuple[str, ...]:
    try:
        return text_list(doc, name, required=True)
    except FieldError as err:
        raise KnowledgeError(path, err.reason, field=err.field) from None


def _text(path: Path, doc: Mapping[str, Any], name: str, max_len: int = 2000) -> str:
    try:
        return text(doc, name, max_len=max_len) or ""
    except FieldError as err:
        raise KnowledgeError(path, err.reason, field=err.field) from None


def _cap_period(raw: Mapping[str, Any]) -> CapPeriod:
    amounts_raw = raw.get("amounts")
    if not isinstance(amounts_raw, Mapping) or set(amounts_raw) != set(HOUSEHOLDS):
        raise FieldError("amounts", f"must give {' and '.join(HOUSEHOLDS)}")
    amounts = {}
    for household in HOUSEHOLDS:
        places = amounts_raw[household]
        if not isinstance(places, Mapping) or set(places) != {"london", "outside"}:
            raise FieldError(f"amounts.{household}", "must give london and outside")
        for place in ("london", "outside"):
            row = places[place]
            if not isinstance(row, Mapping):
                raise FieldError(f"amounts.{household}.{place}", "must give year, month and week")
            try:
                cap = CapAmounts(year=_money(row, "year"), month=_money(row, "month"), week=_money(row, "week"))
            except FieldError as err:
                raise FieldError(f"amounts.{household}.{place}.{err.field}", err.reason) from None
            # The published month and week figures are the year's, divided and rounded.
            if abs(cap.year / 12 - cap.month) > Decimal("0.01") or abs(cap.year / 52 - cap.week) > Decimal("0.01"):
                raise FieldError(f"amounts.{household}.{place}", "month and week do not match the year")
            amounts[(household, place == "london")] = cap
    start = date_field(raw, "effective_from")
    until = date_field(raw, "known_until")
    assert start is not None and until is not None
    if until < start:
        raise FieldError("known_until", "is before effective_from")
    return CapPeriod(effective_from=start, known_until=until, source=text(raw, "source") or "", amounts=amounts)


def _threshold(raw: Mapping[str, Any]) -> Threshold:
    return Threshold(
        effective_from=date_field(raw, "effective_from") or dt.date.min,
        monthly=_money(raw, "monthly"),
        approximate=bool_field(raw, "approximate"),
        source=text(raw, "source") or "",
    )


def _cap_facts(path: Path, doc: Any, source: str) -> CapFacts:
    caps = tuple(_each(path, doc, "caps", _cap_period))
    thresholds = tuple(_each(path, doc, "earnings_thresholds", _threshold))
    grace, applied = doc.get("grace_period"), doc.get("how_applied")
    if not isinstance(grace, Mapping) or not isinstance(applied, Mapping):
        raise KnowledgeError(path, "needs grace_period and how_applied, each with uc and hb")
    return CapFacts(
        caps=caps,
        thresholds=thresholds,
        counted_benefits=_texts(path, doc, "counted_benefits"),
        exempting_benefits=_texts(path, doc, "exempting_benefits"),
        uc_exemptions=_texts(path, doc, "uc_exemptions"),
        hb_exemptions=_texts(path, doc, "hb_exemptions"),
        pension_age=_text(path, doc, "pension_age"),
        grace_uc=_text(path, grace, "uc"),
        grace_hb=_text(path, grace, "hb"),
        applied_uc=_text(path, applied, "uc"),
        applied_hb=_text(path, applied, "hb"),
        applied_neither=_text(path, applied, "neither"),
        help=_texts(path, doc, "help"),
        source=source,
    )


def _fsf_question(raw: Mapping[str, Any]) -> FsfQuestion:
    return FsfQuestion(
        id=text(raw, "id") or "",
        purpose=text(raw, "purpose") or "",
        phrases=tuple(p.lower() for p in text_list(raw, "phrases", required=True)),
        answer=text(raw, "answer", max_len=1000) or "",
    )


def _fsf_facts(path: Path, doc: Any) -> FsfFacts:
    return FsfFacts(
        what_it_is=_text(path, doc, "what_it_is"),
        decides=_text(path, doc, "decides"),
        uses=_texts(path, doc, "uses"),
        rules=_texts(path, doc, "rules"),
        how_to_ask=_text(path, doc, "how_to_ask"),
        questions=tuple(_each(path, doc, "questions", _fsf_question)),
    )


def _seconds(raw: Mapping[str, Any], field: str, low: int, high: int) -> int:
    value = raw.get(field)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise FieldError(field, f"must be a whole number of seconds from {low} to {high}")
    return value


def _site(raw: Mapping[str, Any], area_ids: frozenset[str]) -> Site:
    ident = text(raw, "id") or ""
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]{1,59}", ident):
        raise FieldError("id", "must be lower-case letters, digits and hyphens")
    area = text(raw, "area") or ""
    if area not in area_ids:
        raise FieldError("area", f"{area!r} is not an area id in areas.yml")
    return Site(
        id=ident,
        jobcentre=text(raw, "jobcentre") or "",
        area_id=area,
        idle_seconds=_seconds(raw, "idle_seconds", 15, 3600),
        warning_seconds=_seconds(raw, "warning_seconds", 10, 600),
    )


def _childcare_maximum(raw: Mapping[str, Any]) -> ChildcareMaximum:
    return ChildcareMaximum(
        effective_from=date_field(raw, "effective_from") or dt.date.min,
        label=text(raw, "label") or "",
        one_child=_money(raw, "one_child"),
        two_or_more=_money(raw, "two_or_more"),
        source=text(raw, "source") or "",
    )


def _childcare_facts(path: Path, doc: Any) -> ChildcareFacts:
    share = doc.get("share_percent") if isinstance(doc, Mapping) else None
    if isinstance(share, bool) or not isinstance(share, int) or not 0 < share <= 100:
        raise KnowledgeError(path, "must be a whole number from 1 to 100", field="share_percent")
    return ChildcareFacts(
        share_percent=share,
        conditions=_texts(path, doc, "conditions"),
        maximums=tuple(_each(path, doc, "maximums", _childcare_maximum)),
        upfront=_texts(path, doc, "upfront"),
        note=_text(path, doc, "note"),
    )


KNOWN_FILES = (
    "needs.yml", "languages.yml", "areas.yml", "benefits.yml", "partners.yml", "digital_skills.yml",
    "benefit_cap.yml", "flexible_support_fund.yml", "uc_childcare.yml", "safeguarding.yml", "sites.yml",
)  # fmt: skip


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

    postcode_areas = area_doc.get("postcode_areas") or {}
    area_ids = {a.id for a in areas}
    if not isinstance(postcode_areas, Mapping):
        raise KnowledgeError(directory / "areas.yml", "must map postcode letters to area ids", field="postcode_areas")
    for letters, area_id in postcode_areas.items():
        if not (isinstance(letters, str) and letters.isalpha() and letters.isupper() and len(letters) <= 2):
            raise KnowledgeError(
                directory / "areas.yml", f"{letters!r} is not 1 or 2 capital letters", field="postcode_areas"
            )
        if area_id not in area_ids:
            raise KnowledgeError(directory / "areas.yml", f"{area_id!r} is not an area id", field="postcode_areas")
    area_index = AreaIndex(areas, case_sensitive, dict(postcode_areas))
    vocab = Vocabulary(categories=frozenset(n.id for n in needs), areas=area_index, languages=LanguageIndex(languages))
    partners = tuple(
        _each(directory / "partners.yml", docs["partners.yml"], "partners", lambda raw: validate_partner(raw, vocab))
    )
    skills = _question_bank(
        directory / "digital_skills.yml", docs["digital_skills.yml"], frozenset(p.id for p in partners)
    )
    try:
        safeguarding = read_safeguarding(
            docs["safeguarding.yml"], frozenset(p.id for p in partners), frozenset(n.id for n in needs)
        )
    except FieldError as err:
        raise KnowledgeError(directory / "safeguarding.yml", err.reason, field=err.field) from None
    return Knowledge(
        meta=meta,
        needs=needs,
        areas=area_index,
        languages=vocab.languages,
        benefits=benefits,
        partners=partners,
        skills=skills,
        benefit_cap=_cap_facts(directory / "benefit_cap.yml", docs["benefit_cap.yml"], meta["benefit_cap.yml"].source),
        fsf=_fsf_facts(directory / "flexible_support_fund.yml", docs["flexible_support_fund.yml"]),
        childcare=_childcare_facts(directory / "uc_childcare.yml", docs["uc_childcare.yml"]),
        safeguarding=safeguarding,
        sites=tuple(_each(directory / "sites.yml", docs["sites.yml"], "sites", lambda raw: _site(raw, area_ids))),
    )


@lru_cache(maxsize=1)
def get_knowledge() -> Knowledge:
    """The project's knowledge, loaded once per process."""
    return load_knowledge()

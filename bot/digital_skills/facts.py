"""knowledge/digital_skills.yml: the skill areas, the questions and their answers.

The areas are the Essential Digital Skills framework's six, in order. Access and
accessibility questions are asked too, but they describe circumstances, not
skills, so they are not scored.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.core.fields import FieldError, text, text_list
from bot.core.knowledge_files import KnowledgeError, each
from bot.triage.flags import ACCESSIBILITY, DATA_POVERTY

SKILL_AREAS = ("foundation", "communicating", "handling_information", "transacting", "problem_solving", "safety")


@dataclass(frozen=True)
class Choice:
    id: str
    title: str
    phrases: tuple[str, ...]
    # A flag this answer raises, and the reason an adviser reads.
    flag: str | None = None
    reason: str | None = None


@dataclass(frozen=True)
class Question:
    id: str
    area: str
    text: str
    # "scale" for skill questions, else "one" or "many" choices.
    select: str
    choices: tuple[Choice, ...] = ()
    task: str | None = None
    why: str | None = None
    # Ask only if the devices answer does not include this choice.
    unless_devices: str | None = None

    @property
    def slot(self) -> str:
        return f"ds_{self.id}"

    @property
    def is_skill(self) -> bool:
        return self.select == "scale"


@dataclass(frozen=True)
class SkillArea:
    id: str
    label: str
    describe: str


@dataclass(frozen=True)
class QuestionBank:
    areas: tuple[SkillArea, ...]
    questions: tuple[Question, ...]
    scale: tuple[Choice, ...]
    controls: Mapping[str, tuple[str, ...]]
    access_schemes: tuple[str, ...]
    online_learning: tuple[str, ...]

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    def by_slot(self, slot: str) -> Question | None:
        return next((q for q in self.questions if q.slot == slot), None)

    def area(self, area_id: str) -> SkillArea | None:
        return next((a for a in self.areas if a.id == area_id), None)

    def choices_for(self, question: Question) -> tuple[Choice, ...]:
        return self.scale if question.is_skill else question.choices

    def to_ask(self, answers: Mapping[str, Any]) -> list[Question]:
        """The questions that apply, given the answers so far, in order."""
        devices = answers.get("ds_devices")
        devices = devices if isinstance(devices, list | tuple) else ()
        return [q for q in self.questions if not (q.unless_devices and q.unless_devices in devices)]


# Flags an answer may raise: circumstances an adviser should know of.
FLAGS_RAISED_BY_ANSWERS = (DATA_POVERTY, ACCESSIBILITY)


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


def load(path: Path, doc: Any, partner_ids: frozenset[str]) -> QuestionBank:
    """knowledge/digital_skills.yml; every scheme and course named must be a partner."""

    def area(raw: Mapping[str, Any]) -> SkillArea:
        return SkillArea(id=text(raw, "id") or "", label=text(raw, "label") or "", describe=text(raw, "describe") or "")

    areas = tuple(each(path, doc, "areas", area))
    if tuple(a.id for a in areas) != SKILL_AREAS:
        raise KnowledgeError(path, f"areas must be the framework's six, in order: {', '.join(SKILL_AREAS)}")
    scale = tuple(each(path, doc, "scale", _choice))
    if tuple(c.id for c in scale) != ("alone", "with_help", "not_yet"):
        raise KnowledgeError(path, "the scale must be alone, with_help, not_yet", field="scale")
    area_ids = frozenset(SKILL_AREAS)
    questions = tuple(each(path, doc, "questions", lambda raw: _question(raw, area_ids)))
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

"""The digital-skills assessment: the question bank, and scoring.

Scoring rules (the README repeats them for advisers):

* Each skill question is answered on a three-step scale: on my own, with some
  help, or not yet. "Skip" and "I don't know" leave the question unanswered.
* An area's level comes from its weakest answered question, because one task a
  claimant cannot do (say, uploading a document) blocks the whole area:
    - every answer "on my own"            -> confident
    - weakest answer "with some help"     -> needs some help
    - weakest answer "not yet"            -> needs full support
    - no answered question in the area    -> not assessed
* The overall level:
    - not assessed, if fewer than 3 of the 6 areas were assessed;
    - needs full support, if the foundation area needs full support, or 2 or
      more areas need full support;
    - needs some help, if any assessed area is below confident;
    - confident otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.digital_skills.facts import SKILL_AREAS, Question, QuestionBank

ALONE, WITH_HELP, NOT_YET = "alone", "with_help", "not_yet"
SKIPPED, UNKNOWN = "skipped", "unknown"
SCALE = (ALONE, WITH_HELP, NOT_YET)

CONFIDENT, SOME_HELP, FULL_SUPPORT, NOT_ASSESSED = "confident", "some_help", "full_support", "not_assessed"
LEVEL_LABELS = {
    CONFIDENT: "confident",
    SOME_HELP: "needs some help",
    FULL_SUPPORT: "needs full support",
    NOT_ASSESSED: "not assessed",
}
_RANK = {ALONE: 2, WITH_HELP: 1, NOT_YET: 0}
_LEVEL_OF_WEAKEST = {ALONE: CONFIDENT, WITH_HELP: SOME_HELP, NOT_YET: FULL_SUPPORT}

MIN_AREAS_FOR_OVERALL = 3
# Areas without which a claimant cannot keep up a Universal Credit claim online.
ESSENTIAL_AREAS = ("foundation", "communicating", "transacting")


@dataclass(frozen=True)
class Assessment:
    profile: Mapping[str, str]  # area id -> level
    overall: str
    answers: Mapping[str, Any] = field(default_factory=dict)  # question id -> answer
    can_do: tuple[Question, ...] = ()
    needs_help: tuple[Question, ...] = ()
    cannot_yet: tuple[Question, ...] = ()


def area_level(answers: list[str]) -> str:
    """The level of one area from its answers (unanswered ones already left out)."""
    scored = [a for a in answers if a in _RANK]
    if not scored:
        return NOT_ASSESSED
    return _LEVEL_OF_WEAKEST[min(scored, key=_RANK.__getitem__)]


def overall_level(profile: Mapping[str, str]) -> str:
    assessed = [level for level in profile.values() if level != NOT_ASSESSED]
    if len(assessed) < MIN_AREAS_FOR_OVERALL:
        return NOT_ASSESSED
    if profile.get("foundation") == FULL_SUPPORT or assessed.count(FULL_SUPPORT) >= 2:
        return FULL_SUPPORT
    if any(level != CONFIDENT for level in assessed):
        return SOME_HELP
    return CONFIDENT


def assess(bank: QuestionBank, slots: Mapping[str, Any]) -> Assessment:
    """Score the answers held in slots (`ds_<question id>`)."""
    skill_questions = [q for q in bank.questions if q.is_skill]
    answers = {q.id: slots.get(q.slot) for q in bank.questions if slots.get(q.slot) is not None}
    profile = {
        area: area_level([answers.get(q.id) for q in skill_questions if q.area == area])  # type: ignore[misc]
        for area in SKILL_AREAS
    }
    return Assessment(
        profile=profile,
        overall=overall_level(profile),
        answers=answers,
        can_do=tuple(q for q in skill_questions if answers.get(q.id) == ALONE),
        needs_help=tuple(q for q in skill_questions if answers.get(q.id) == WITH_HELP),
        cannot_yet=tuple(q for q in skill_questions if answers.get(q.id) == NOT_YET),
    )

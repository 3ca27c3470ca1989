"""Decisions in the skills check that are not scoring: what an answer stores,
and which local places to show beside the national schemes."""

from __future__ import annotations

from typing import Any

from bot.digital_skills.answers import ANSWER, SKIP, STOP, UNCLEAR, ParsedAnswer
from bot.digital_skills.facts import Question, QuestionBank
from bot.digital_skills.scoring import SKIPPED, UNKNOWN
from bot.directory.ranking import Match

# Local places to show for getting online; national schemes and courses are shown apart.
NEARBY_LIMIT = 2


def stored_answer(question: Question, parsed: ParsedAnswer) -> dict[str, Any] | None:
    """The slots an understood answer sets, or None when it was not understood (ask again).
    A stop ends the check; skip and "don't know" leave the question unscored."""
    if parsed.kind == UNCLEAR:
        return None
    if parsed.kind == ANSWER:
        answer: Any = list(parsed.values) if question.select == "many" else parsed.values[0]
        return {question.slot: answer, "ds_reasks": 0}
    if parsed.kind == STOP:
        return {question.slot: None, "ds_stopped": True, "ds_reasks": 0}
    return {question.slot: SKIPPED if parsed.kind == SKIP else UNKNOWN, "ds_reasks": 0}


def nearby_help(bank: QuestionBank, matches: list[Match]) -> list[Match]:
    """Places from the directory, leaving out the schemes and courses listed on their own."""
    shown_elsewhere = {*bank.access_schemes, *bank.online_learning}
    return [m for m in matches if m.partner.id not in shown_elsewhere][:NEARBY_LIMIT]

"""Understanding answers to the digital-skills questions, typed or from buttons.

A button sends its title, which always matches its own choice. Typed answers
are matched on the phrases in knowledge/digital_skills.yml. When phrases of
different answers match, the longest phrase wins ("no help" beats "no"), and
on a tie the order below decides: a claimant who says both "yes" and "with
help" is counted as needing help, never the other way round.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.fields import contains_phrase, negated, normalise_answer
from bot.digital_skills.facts import Choice, Question, QuestionBank

STOP, SKIP, UNKNOWN, UNCLEAR, ANSWER = "stop", "skip", "unknown", "unclear", "answer"
ABSENT = ("none", "nowhere")  # choices that say they have nothing of the kind
_SCALE_PRIORITY = {"with_help": 0, "not_yet": 1, "alone": 2}


@dataclass(frozen=True)
class ParsedAnswer:
    kind: str  # ANSWER, SKIP, UNKNOWN, STOP or UNCLEAR
    values: tuple[str, ...] = ()


def _longest(text: str, phrases: tuple[str, ...]) -> int:
    """Length in words of the longest phrase found in the text; 0 if none."""
    return max((len(p.split()) for p in phrases if contains_phrase(text, p)), default=0)


def _title_match(text: str, choices: tuple[Choice, ...]) -> Choice | None:
    return next((c for c in choices if normalise_answer(c.title) == text), None)


def parse_answer(bank: QuestionBank, question: Question, raw: str) -> ParsedAnswer:
    text = normalise_answer(raw or "")
    if not text:
        return ParsedAnswer(UNCLEAR)
    choices = bank.choices_for(question)
    exact = _title_match(text, choices)
    if exact is not None:
        return ParsedAnswer(ANSWER, (exact.id,))

    # Controls first, when they are the whole point of the message.
    for control in (STOP, SKIP, UNKNOWN):
        phrases = bank.controls[control]
        if text in phrases:
            return ParsedAnswer(control)

    found = [(c, _longest(text, c.phrases)) for c in choices]
    found = [(c, n) for c, n in found if n]
    control_hits = [(k, _longest(text, bank.controls[k])) for k in (STOP, SKIP, UNKNOWN)]
    best_control = max(control_hits, key=lambda kv: kv[1])
    best_answer = max((n for _, n in found), default=0)
    # A control wins only when it says more than any answer does: "I can't finish" is an answer.
    if best_control[1] > best_answer:
        return ParsedAnswer(best_control[0])
    if not found:
        return ParsedAnswer(UNCLEAR)

    # What they lack is not what they have: "no wifi" does not mean Wi-Fi.
    found = [(c, n) for c, n in found if not all(negated(text, p) for p in c.phrases if contains_phrase(text, p))]
    if not found:  # only what they lack, not what they have: ask again
        return ParsedAnswer(UNCLEAR)
    # "None" only counts when nothing real was named: "no wifi, just data on my phone" is mobile data.
    real = [(c, n) for c, n in found if c.id not in ABSENT]
    found = real or found
    if question.select == "many":
        return ParsedAnswer(ANSWER, tuple(c.id for c, _ in found))
    if question.select == "scale":
        top = max(n for _, n in found)
        best = min((c for c, n in found if n == top), key=lambda c: _SCALE_PRIORITY[c.id])
        return ParsedAnswer(ANSWER, (best.id,))
    top = max(n for _, n in found)
    leaders = [c for c, n in found if n == top]
    return ParsedAnswer(ANSWER, (leaders[0].id,)) if len(leaders) == 1 else ParsedAnswer(UNCLEAR)

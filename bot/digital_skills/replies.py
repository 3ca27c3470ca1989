"""Every sentence the claimant reads in the digital-skills check: each question,
the answers it offers, and the result.

The result is plain English, no scores or levels: what they can already do,
what help there is, and what happens next.
"""

from __future__ import annotations

from bot.digital_skills.facts import Question, QuestionBank
from bot.digital_skills.scoring import NOT_ASSESSED, Assessment
from bot.directory.ranking import Match
from bot.directory.records import PartnerRecord
from bot.signposting.replies import describe_partner, why
from bot.triage.flags import DATA_POVERTY, DIGITAL_SUPPORT, LONGER_APPOINTMENT, Flag

Button = dict[str, str]
CONTROL_BUTTONS: list[Button] = [
    {"title": "Skip", "payload": "skip"},
    {"title": "Stop the questions", "payload": "stop"},
]
STOPPED = "OK, we'll stop the questions there."
NOT_UNDERSTOOD = "Sorry, I didn't understand that. Please choose one of the buttons, or say skip."
MOVE_ON = "Let's leave that one and move on."
GOING_BACK = "OK. Here is the last question again."
CHANGED_LAST = "Thank you. I have changed your last answer."


def question(bank: QuestionBank, question: Question, asked: list[Question]) -> tuple[str, list[Button]]:
    """A question with its number among those asked, and its answer buttons (a button sends its title)."""
    number = next((i for i, q in enumerate(asked, start=1) if q.id == question.id), 1)
    buttons = [{"title": c.title, "payload": c.title} for c in bank.choices_for(question)]
    return f"Question {number} of {len(asked)}. {question.text}", buttons + CONTROL_BUTTONS


def _list(items: list[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


def result_messages(
    assessment: Assessment,
    flags: list[Flag],
    nearby: list[Match],
    schemes: list[PartnerRecord],
    learning: list[PartnerRecord],
    stopped_early: bool = False,
) -> tuple[list[str], list[str]]:
    """The messages, and the ids of the partners they show."""
    shown: list[str] = []
    codes = {f.code for f in flags}
    messages = ["Thank you. Here is what I found."]
    if stopped_early:
        messages[0] += " We stopped early, so this is only from the questions you answered."

    if assessment.overall == NOT_ASSESSED:
        messages.append(
            "I don't have enough answers to say much. That's fine. Your Work Coach can go through this with you."
        )
    if assessment.can_do:
        messages.append("You can already:\n" + _list([q.task or "" for q in assessment.can_do]))
    to_learn = [q.task or "" for q in (*assessment.cannot_yet, *assessment.needs_help)]
    if to_learn:
        messages.append("Help could make these easier:\n" + _list(to_learn))
    elif assessment.overall != NOT_ASSESSED:
        messages.append("You are confident online. You should be able to manage your claim online.")

    next_steps = []
    if LONGER_APPOINTMENT in codes:
        next_steps.append(
            "I'll suggest to your Work Coach that you have a longer appointment, so there is time to help you."
        )
    if DIGITAL_SUPPORT in codes:
        next_steps.append("I'll also tell them you would like free help with computer skills.")
    if next_steps:
        messages.append(" ".join(next_steps))

    if DATA_POVERTY in codes and schemes:
        messages.append("These free schemes can help with data or a device:")
        messages += [describe_partner(p) for p in schemes]
        shown += [p.id for p in schemes]
    if DIGITAL_SUPPORT in codes:
        if nearby:
            messages.append("Places that can help you get online:")
            messages += [describe_partner(m.partner, why(m)) for m in nearby]
            shown += [m.partner.id for m in nearby]
        if learning:
            messages.append("You can also learn online, for free, at your own pace:")
            messages += [describe_partner(p) for p in learning]
            shown += [p.id for p in learning]
    return messages, shown

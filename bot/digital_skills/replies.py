"""Every sentence the claimant reads in the digital-skills check: each question,
the answers it offers, and the result.

The result is plain English, no scores or levels: what they can already do,
what help there is, and what happens next.
"""

from __future__ import annotations

import datetime as dt

from bot.digital_skills.facts import Question, QuestionBank
from bot.digital_skills.progress import BETTER, WORSE, Change
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


# --- Coming back: progress since the last check (issue 19) ----------------------

KEEP_QUESTION = (
    "One last question. Can I keep your results for a year? I would keep only how you did in each area, "
    "and the date. Nothing you typed is kept. Next time, you can see what has changed, and so can your Work Coach."
)
KEEP_BUTTONS: list[Button] = [
    {"title": "Yes, keep my results", "payload": "yes"},
    {"title": "No, thank you", "payload": "no"},
]
KEEP_NOT_UNDERSTOOD = "Sorry, I didn't understand. Please choose yes or no."
NOT_KEPT = "OK. I will not keep your results after this conversation."
PREVIOUS_NOT_FOUND = (
    "I couldn't find results for that reference. It may be wrong, or more than a year old. "
    "Let's carry on with this question."
)
LOOKUPS_PAUSED = (
    "I can't look up references right now. Let's carry on. Your Work Coach can compare your results for you."
)

# How a level reads in a sentence: "last time you {before}. Now you {now}."
_DOING = {
    "confident": ("could do this on your own", "can do this on your own"),
    "some_help": ("needed some help", "need some help"),
    "full_support": ("needed a lot of help", "need a lot of help"),
}


def previous_found(checked_on: str) -> str:
    return (
        f"Thank you. I found your results from {_date(checked_on)}. "
        "At the end, I will show you what has changed. Here is the question again."
    )


def kept_until(reference: str, until: str) -> str:
    return (
        f"I have kept your results until {_date(until)}. Next time, type your reference, {reference}, "
        "during the check to see what has changed."
    )


def _date(iso: str) -> str:
    day = dt.date.fromisoformat(iso)
    return f"{day.day} {day:%B %Y}"


def progress_message(bank: QuestionBank, changes: list[Change], checked_on: str) -> str | None:
    """What has changed in each area since the last check, in plain words."""
    if not changes:
        return None
    lines = []
    for change in changes:
        area = bank.area(change.area)
        name = (area.describe if area else change.area).capitalize()
        before, now = _DOING[change.before][0], _DOING[change.now][1]
        if change.direction == BETTER:
            lines.append(f"{name}: last time you {before}. Now you {now}. Well done.")
        elif change.direction == WORSE:
            lines.append(f"{name}: last time you {before}. Now you {now}. Your Work Coach can help.")
        else:
            lines.append(f"{name}: the same as last time. You {now}.")
    return f"Since your last check on {_date(checked_on)}:\n" + _list(lines)

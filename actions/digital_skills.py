"""Actions for the digital-skills check: asking, reading answers, the result.
Glue only: questions, scoring, flags and words are in bot/digital_skills/ and bot/triage/."""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import deps
from actions.area import claimant_area, validate_area_value
from actions.forms import SlotReadingForm, ask_again_or_give_up
from actions.handoff import hand_off, slot_value
from actions.insight import count
from actions.metadata import client_of
from bot.core.corrections import corrects, goes_back, without_correction
from bot.core.yes_no import read_yes_no
from bot.digital_skills import replies
from bot.digital_skills.answers import STOP, parse_answer
from bot.digital_skills.facts import SKILL_AREAS, Question
from bot.digital_skills.progress import compare
from bot.digital_skills.rules import nearby_help, stored_answer
from bot.digital_skills.scoring import UNKNOWN, assess
from bot.digital_skills.store import Throttled
from bot.handoff.reference import reference_in
from bot.insight import rules as insight
from bot.ops.settings import load_settings
from bot.triage.flags import merge_flags
from bot.triage.rules import digital_flags

# --- Asking: Rasa calls action_ask_ds_<question id> by name, so each question has its
# class. tests/actions checks that every question in knowledge/digital_skills.yml has one.


class AskSkillsQuestion:
    """Mixed into one Action per question (a mixin, so the action server does not
    register it on its own)."""

    question_id: str

    def name(self) -> str:
        return f"action_ask_ds_{self.question_id}"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        bank = deps.knowledge().skills
        question = bank.question(self.question_id)
        assert question is not None
        text, buttons = replies.question(bank, question, bank.to_ask(tracker.current_slot_values()))
        dispatcher.utter_message(text=text, buttons=buttons)
        return []


class AskDevices(AskSkillsQuestion, Action):
    question_id = "devices"


class AskOwnership(AskSkillsQuestion, Action):
    question_id = "ownership"


class AskConnection(AskSkillsQuestion, Action):
    question_id = "connection"


class AskDataCost(AskSkillsQuestion, Action):
    question_id = "data_cost"


class AskElsewhere(AskSkillsQuestion, Action):
    question_id = "elsewhere"


class AskFoundation(AskSkillsQuestion, Action):
    question_id = "foundation"


class AskJournal(AskSkillsQuestion, Action):
    question_id = "journal"


class AskEmailCv(AskSkillsQuestion, Action):
    question_id = "email_cv"


class AskUpload(AskSkillsQuestion, Action):
    question_id = "upload"


class AskJobSearch(AskSkillsQuestion, Action):
    question_id = "job_search"


class AskTrustedInfo(AskSkillsQuestion, Action):
    question_id = "trusted_info"


class AskPasswordReset(AskSkillsQuestion, Action):
    question_id = "password_reset"


class AskScams(AskSkillsQuestion, Action):
    question_id = "scams"


class AskBarriers(AskSkillsQuestion, Action):
    question_id = "barriers"


class AskKeep(Action):
    """The last question: may the levels be kept for the next check (issue 19)?"""

    def name(self) -> str:
        return "action_ask_ds_keep"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        dispatcher.utter_message(text=replies.KEEP_QUESTION, buttons=replies.KEEP_BUTTONS)
        return []


# --- Reading answers ----------------------------------------------------------


class ValidateDigitalSkillsForm(SlotReadingForm):
    def name(self) -> str:
        return "validate_digital_skills_form"

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[str]:
        if tracker.get_slot("ds_stopped"):
            return []
        slots = [q.slot for q in deps.knowledge().skills.to_ask(tracker.current_slot_values())]
        return [*slots, "area", "ds_keep"]

    async def get_validation_events(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        # A reference typed at any question (issue 19): the claimant has done the check
        # before. Their last results are looked up, and the question is asked again.
        reference = reference_in(tracker.latest_message.get("text") or "")
        requested = tracker.get_slot("requested_slot")
        if reference is not None and requested:
            return await _look_up_previous(reference, requested, dispatcher, tracker)
        return await super().get_validation_events(dispatcher, tracker, domain)

    async def validate_ds_keep(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        answer = read_yes_no(value if isinstance(value, str) else "")
        if answer in ("yes", "no"):
            return {"ds_keep": answer == "yes", "ds_reasks": 0}
        # Not understood twice: nothing is kept.
        return ask_again_or_give_up(
            "ds_keep", "ds_reasks", False, tracker, dispatcher, sorry=replies.KEEP_NOT_UNDERSTOOD,
            give_up=replies.NOT_KEPT,
        )  # fmt: skip

    async def validate_area(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return validate_area_value(value, dispatcher, tracker)

    def reads(self, slot: str) -> bool:
        return slot.startswith("ds_") and deps.knowledge().skills.by_slot(slot) is not None

    def read_slot(self, slot: str, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker) -> dict[str, Any]:
        bank = deps.knowledge().skills
        question = bank.by_slot(slot)
        assert question is not None
        text = value if isinstance(value, str) else ""
        previous = _last_answered(tracker, slot)
        if previous is not None and goes_back(text):
            dispatcher.utter_message(text=replies.GOING_BACK)
            return {previous.slot: None, slot: None, "ds_reasks": 0}
        if previous is not None and corrects(text):
            # "Sorry, I meant shared": an answer to the question before, not to this one.
            meant = without_correction(text)
            if stored_answer(question, parse_answer(bank, question, meant)) is None:
                changed = stored_answer(previous, parse_answer(bank, previous, meant))
                if changed is not None and changed.get(previous.slot) not in (None, tracker.get_slot(previous.slot)):
                    dispatcher.utter_message(text=replies.CHANGED_LAST)
                    return {**changed, slot: None}
        return validate_answer(question, value, dispatcher, tracker)


async def _look_up_previous(
    reference: str, requested: str, dispatcher: CollectingDispatcher, tracker: Tracker
) -> list[EventType]:
    try:
        kept = await asyncio.to_thread(deps.profiles().find, reference, client_of(tracker))
    except Throttled:
        dispatcher.utter_message(text=replies.LOOKUPS_PAUSED)
        return [SlotSet(requested, None)]
    if kept is None:
        dispatcher.utter_message(text=replies.PREVIOUS_NOT_FOUND)
        return [SlotSet(requested, None)]
    dispatcher.utter_message(text=replies.previous_found(kept.checked_on.isoformat()))
    previous = {"levels": kept.levels, "checked_on": kept.checked_on.isoformat()}
    return [SlotSet(requested, None), SlotSet("ds_previous", previous)]


def _last_answered(tracker: Tracker, current: str) -> Question | None:
    """The question answered just before this one, from the conversation's own events."""
    bank = deps.knowledge().skills
    for event in reversed(tracker.events):
        name = event.get("name") if event.get("event") == "slot" else None
        if name and name != current and event.get("value") is not None and (q := bank.by_slot(name)) is not None:
            return q
    return None


def validate_answer(
    question: Question, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker
) -> dict[str, Any]:
    parsed = parse_answer(deps.knowledge().skills, question, value if isinstance(value, str) else "")
    stored = stored_answer(question, parsed)
    if stored is None:
        return ask_again_or_give_up(
            question.slot,
            "ds_reasks",
            UNKNOWN,
            tracker,
            dispatcher,
            sorry=replies.NOT_UNDERSTOOD,
            give_up=replies.MOVE_ON,
        )
    if parsed.kind == STOP:
        dispatcher.utter_message(text=replies.STOPPED)
    return stored


# --- The result ----------------------------------------------------------------


class ActionDigitalResult(Action):
    def name(self) -> str:
        return "action_digital_result"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        know = deps.knowledge()
        bank = know.skills
        assessment = assess(bank, tracker.current_slot_values())
        flags = digital_flags(bank, assessment)

        area = claimant_area(tracker)
        language = know.languages.canonical(tracker.get_slot("language"))
        need = know.need("digital_inclusion")
        assert need is not None
        matches = await asyncio.to_thread(deps.directory().find, need.id, need.label, area, language, 6)
        schemes = [p for p in map(know.partner, bank.access_schemes) if p]
        learning = [p for p in map(know.partner, bank.online_learning) if p]

        messages, shown = replies.result_messages(
            assessment,
            flags,
            nearby_help(bank, matches),
            schemes,
            learning,
            stopped_early=bool(tracker.get_slot("ds_stopped")),
        )
        # Coming back (issue 19): what has changed since the last check, after the thanks.
        previous = tracker.get_slot("ds_previous") if isinstance(tracker.get_slot("ds_previous"), dict) else None
        changes = compare(previous["levels"], assessment.profile, SKILL_AREAS) if previous else []
        progress = replies.progress_message(bank, changes, previous["checked_on"]) if previous else None
        if progress:
            messages.insert(1, progress)
        for text in messages:
            dispatcher.utter_message(text=text)
        await count(
            tracker,
            [
                *((insight.SKILL, insight.pair(a, level)) for a, level in assessment.profile.items()),
                *((insight.PROGRESS, insight.pair(c.area, c.direction)) for c in changes),
            ],
        )
        given = list(tracker.get_slot("signposts_given") or [])
        given += [pid for pid in shown if pid not in given]
        events: list[EventType] = [
            SlotSet("digital_profile", dict(assessment.profile)),
            SlotSet("digital_overall", assessment.overall),
            SlotSet("flags", merge_flags(tracker.get_slot("flags"), flags)),
            SlotSet("signposts_given", given),
            SlotSet("ds_stopped", False),
        ]
        handed = await hand_off(tracker, dispatcher, "Finished the digital skills check", events)
        reference = slot_value(handed, "handoff_reference")
        keep = tracker.get_slot("ds_keep")
        if keep is True and reference:
            days = load_settings().progress_days
            await asyncio.to_thread(deps.profiles().keep, reference, dict(assessment.profile), days)
            until = (dt.date.today() + dt.timedelta(days=days)).isoformat()
            dispatcher.utter_message(text=replies.kept_until(reference, until))
        elif keep is False and not tracker.get_slot("ds_stopped"):
            dispatcher.utter_message(text=replies.NOT_KEPT)
        done = [SlotSet("ds_keep", None), SlotSet("ds_previous", None)]
        return [*events, *handed, *done]

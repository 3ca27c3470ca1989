"""Actions for the digital-skills check: asking, validating answers, the result."""

from __future__ import annotations

import asyncio
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import deps
from actions.area import claimant_area, validate_area_value
from actions.forms import ValidatesBySlot, ask_again_or_give_up
from actions.handoff import hand_off
from bot.skills import SKIPPED, UNKNOWN, Question, assess
from bot.skills_answers import ANSWER, SKIP, STOP, parse_answer
from bot.skills_result import result_messages
from bot.triage import digital_flags, merge_flags

CONTROL_BUTTONS = [{"title": "Skip", "payload": "skip"}, {"title": "Stop the questions", "payload": "stop"}]


class _AskQuestion:
    """Asks one question with its answer buttons. A subclass exists per question,
    because Rasa calls `action_ask_<slot>` by name."""

    question_id: str

    def name(self) -> str:
        return f"action_ask_ds_{self.question_id}"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        bank = deps.knowledge().skills
        question = bank.question(self.question_id)
        assert question is not None
        asked = bank.to_ask(tracker.current_slot_values())
        number = next((i for i, q in enumerate(asked, start=1) if q.id == question.id), 1)
        buttons = [{"title": c.title, "payload": c.title} for c in bank.choices_for(question)]
        dispatcher.utter_message(
            text=f"Question {number} of {len(asked)}. {question.text}", buttons=buttons + CONTROL_BUTTONS
        )
        return []


for _question in deps.knowledge().skills.questions:
    _cls = type(f"AskQuestion_{_question.id}", (_AskQuestion, Action), {"question_id": _question.id})
    globals()[_cls.__name__] = _cls


class ValidateDigitalSkillsForm(ValidatesBySlot, FormValidationAction):
    def name(self) -> str:
        return "validate_digital_skills_form"

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[str]:
        if tracker.get_slot("ds_stopped"):
            return []
        slots = [q.slot for q in deps.knowledge().skills.to_ask(tracker.current_slot_values())]
        return [*slots, "area"]

    async def validate_area(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return validate_area_value(value, dispatcher, tracker)

    def reads(self, slot: str) -> bool:
        return slot.startswith("ds_") and deps.knowledge().skills.by_slot(slot) is not None

    def read_slot(self, slot: str, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker) -> dict[str, Any]:
        question = deps.knowledge().skills.by_slot(slot)
        assert question is not None
        return validate_answer(question, value, dispatcher, tracker)


def validate_answer(
    question: Question, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker
) -> dict[str, Any]:
    bank = deps.knowledge().skills
    parsed = parse_answer(bank, question, value if isinstance(value, str) else "")
    if parsed.kind == ANSWER:
        answer: Any = list(parsed.values) if question.select == "many" else parsed.values[0]
        return {question.slot: answer, "ds_reasks": 0}
    if parsed.kind == STOP:
        dispatcher.utter_message(text="OK, we'll stop the questions there.")
        return {question.slot: None, "ds_stopped": True, "ds_reasks": 0}
    if parsed.kind in (SKIP, UNKNOWN):
        return {question.slot: SKIPPED if parsed.kind == SKIP else UNKNOWN, "ds_reasks": 0}
    return ask_again_or_give_up(
        question.slot,
        "ds_reasks",
        UNKNOWN,
        tracker,
        dispatcher,
        sorry="Sorry, I didn't understand that. Please choose one of the buttons, or say skip.",
        give_up="Let's leave that one and move on.",
    )


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
        shown_elsewhere = {*bank.access_schemes, *bank.online_learning}
        matches = await asyncio.to_thread(deps.directory().find, need.id, need.label, area, language, 6)
        nearby = [m for m in matches if m.partner.id not in shown_elsewhere][:2]
        schemes = [p for p in map(know.partner, bank.access_schemes) if p]
        learning = [p for p in map(know.partner, bank.online_learning) if p]

        messages, shown = result_messages(
            assessment, flags, nearby, schemes, learning, stopped_early=bool(tracker.get_slot("ds_stopped"))
        )
        for text in messages:
            dispatcher.utter_message(text=text)
        given = list(tracker.get_slot("signposts_given") or [])
        given += [pid for pid in shown if pid not in given]
        events: list[EventType] = [
            SlotSet("digital_profile", dict(assessment.profile)),
            SlotSet("digital_overall", assessment.overall),
            SlotSet("flags", merge_flags(tracker.get_slot("flags"), flags)),
            SlotSet("signposts_given", given),
            SlotSet("ds_stopped", False),
        ]
        return [*events, *await hand_off(tracker, dispatcher, "Finished the digital skills check", events)]

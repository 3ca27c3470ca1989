"""Actions for signposting: the area form and the directory search."""

from __future__ import annotations

import asyncio
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import deps
from actions.area import claimant_area, validate_area_value
from bot.signposting import contact_person_message, signpost_messages

# Needs where a cost often stands between the claimant and work.
COST_BARRIER_NEEDS = frozenset({"childcare", "employment_skills"})


class ValidateSignpostForm(FormValidationAction):
    def name(self) -> str:
        return "validate_signpost_form"

    async def validate_area(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return validate_area_value(value, dispatcher, tracker)


class ActionSignpost(Action):
    def name(self) -> str:
        return "action_signpost"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        know = deps.knowledge()
        need = know.need(tracker.get_slot("need") or "")
        if need is None:
            dispatcher.utter_message(response="utter_what_can_you_do")
            return []
        area = claimant_area(tracker)
        language = know.languages.canonical(tracker.get_slot("language"))
        matches = await asyncio.to_thread(deps.directory().find, need.id, need.label, area, language)
        for text in signpost_messages(matches, need.label, area, tracker.get_slot("area")):
            dispatcher.utter_message(text=text)
        if need.id in COST_BARRIER_NEEDS:
            # The Committee found the fund "underused and under-publicised": say so unprompted.
            fsf = know.fsf
            dispatcher.utter_message(
                text=f"{fsf.what_it_is} {fsf.decides}",
                buttons=[{"title": "Tell me about the Flexible Support Fund", "payload": "/ask_flexible_support_fund"}],
            )
        given = list(tracker.get_slot("signposts_given") or [])
        given += [m.partner.id for m in matches if m.partner.id not in given]
        return [SlotSet("signposts_given", given)]


class ActionContactPerson(Action):
    def name(self) -> str:
        return "action_contact_person"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        dispatcher.utter_message(text=contact_person_message(deps.knowledge()))
        return []

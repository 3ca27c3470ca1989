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
from actions.handoff import hand_off, slot_value
from actions.insight import count, new_flags
from actions.responses import response_buttons
from actions.triage import flags_event, is_urgent, said_with_intent
from bot.core.areas import Area
from bot.insight import rules as insight
from bot.safeguarding.replies import health_intro
from bot.signposting.replies import (
    also_mentioned,
    area_changed,
    area_noted,
    contact_person_message,
    fsf_mention,
    named_services,
    service_card,
    signpost_messages,
    why,
)
from bot.signposting.rules import ALSO_NEED, MAX_NAMED, left_out, mentions_fsf, named_partners
from bot.triage.flags import URGENT
from bot.triage.rules import flags_needing_a_person


class ValidateSignpostForm(FormValidationAction):
    def name(self) -> str:
        return "validate_signpost_form"

    async def validate_area(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return validate_area_value(value, dispatcher, tracker)


async def signpost(
    dispatcher: CollectingDispatcher, tracker: Tracker, need_id: str, area: Area | None
) -> list[EventType]:
    """Help near the claimant for one need: the directory's answer, then what goes with it."""
    know = deps.knowledge()
    need = know.need(need_id)
    if need is None:
        dispatcher.utter_message(response="utter_what_can_you_do")
        return []
    facts = know.safeguarding
    # Asking for health help says something about the claimant: thank them,
    # never ask what the condition is, and offer Access to Work only for work.
    health = facts.disclosed_by_need(need.id)
    if health:
        dispatcher.utter_message(text=health_intro(facts))
    exclude = left_out(
        bool(health), said_with_intent(tracker, "disclosure", f"need_{need.id}"), facts.health.work_only_partner
    )
    language = know.languages.canonical(tracker.get_slot("language"))
    matches = await asyncio.to_thread(deps.directory().find, need.id, need.label, area, language, exclude=exclude)
    said_area = area.name if area is not None else tracker.get_slot("area")
    intro, *each = signpost_messages(matches, need.label, area, said_area)
    dispatcher.utter_message(text=intro)
    for text, match in zip(each, matches, strict=True):
        # Each service goes with its words as data too, for "Print or save these".
        dispatcher.utter_message(text=text, json_message={"services": [service_card(match.partner, why(match))]})
    if health:
        dispatcher.utter_message(text=facts.health.noted)
    if mentions_fsf(need.id):
        text, buttons = fsf_mention(know.fsf)
        dispatcher.utter_message(text=text, buttons=buttons)
    others = [n for n in map(know.need, said_with_intent(tracker, ALSO_NEED, f"need_{need.id}")) if n and n != need]
    if others:
        text, buttons = also_mentioned(others)
        dispatcher.utter_message(text=text, buttons=buttons)
    given = list(tracker.get_slot("signposts_given") or [])
    given += [m.partner.id for m in matches if m.partner.id not in given]
    events = [SlotSet("signposts_given", given), *flags_event(tracker, facts, also=[d.flags for d in health])]
    person = flags_needing_a_person(tracker.get_slot("flags"), slot_value(events, "flags"))
    # Counted for management information (issue 19): the need, each service, and a gap
    # when the claimant's area has no local service for it. A handoff counts its own flags.
    happened = [(insight.NEED, need.id), *((insight.SERVICE, m.partner.id) for m in matches)]
    if area is not None and not any(m.local for m in matches):
        happened.append((insight.GAP, insight.pair(area.id, need.id)))
    await count(tracker, [*happened, *([] if person else new_flags(tracker, events))])
    if person:
        events += await hand_off(tracker, dispatcher, "Flags that need a Work Coach: " + ", ".join(person), events)
    return events


class ActionSignpost(Action):
    def name(self) -> str:
        return "action_signpost"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        return await signpost(dispatcher, tracker, tracker.get_slot("need") or "", claimant_area(tracker))


class ActionContactPerson(Action):
    def name(self) -> str:
        return "action_contact_person"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        know = deps.knowledge()
        if not is_urgent(tracker):
            dispatcher.utter_message(text=contact_person_message(know))
            return await hand_off(tracker, dispatcher, "Asked for a person")
        # After an urgent reply: the Work Coach should know today.
        facts = know.safeguarding
        dispatcher.utter_message(text=contact_person_message(know, today=True))
        flags = flags_event(tracker, facts, also=[{URGENT: facts.work_coach_today_reason}])
        return [*flags, *await hand_off(tracker, dispatcher, "Asked for a Work Coach today", flags)]


class ActionPartnerContact(Action):
    """A service asked for by name ("what is the Samaritans number"): its details from the directory."""

    def name(self) -> str:
        return "action_partner_contact"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        know = deps.knowledge()
        named = named_partners(tracker.latest_message.get("text") or "", know.partners, claimant_area(tracker))
        shown = named[:MAX_NAMED]
        first, *each = named_services(shown)
        dispatcher.utter_message(text=first)
        for text, partner in zip(each, shown, strict=True):
            dispatcher.utter_message(text=text, json_message={"services": [service_card(partner)]})
        given = list(tracker.get_slot("signposts_given") or [])
        given += [p.id for p in named[:MAX_NAMED] if p.id not in given]
        await count(tracker, [(insight.SERVICE, p.id) for p in shown])
        return [SlotSet("signposts_given", given)]


class ActionAreaNoted(Action):
    """A town given when no form asked for it (after "Sorry, I didn't understand",
    say, or "actually I live in Leeds" after an answer): kept as the area. The need
    already asked about is answered for it; else the need chosen next is."""

    def name(self) -> str:
        return "action_area_noted"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        return await note_area(dispatcher, tracker, domain, claimant_area(tracker))


async def note_area(
    dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict, area: Area | None
) -> list[EventType]:
    """Keep a town given outside any question; answer the need already asked about for it."""
    need = tracker.get_slot("need")
    if area is not None and need:
        # A need already asked about ("actually I live in Leeds"): answered again, for here.
        dispatcher.utter_message(text=area_changed(area))
        kept = [SlotSet("area", area.name), SlotSet("area_id", area.id), SlotSet("area_attempts", 0)]
        return [*kept, *await signpost(dispatcher, tracker, need, area)]
    dispatcher.utter_message(text=area_noted(area), buttons=response_buttons(domain, "utter_ask_more_help"))
    if area is None:
        return []
    return [SlotSet("area", area.name), SlotSet("area_id", area.id), SlotSet("area_attempts", 0)]

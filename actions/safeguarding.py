"""Actions for safeguarding: the urgent reply, and a private room."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import deps
from actions.area import claimant_area
from actions.handoff import hand_off
from actions.insight import count
from actions.triage import flags_event, latest_said
from bot.insight import rules as insight
from bot.safeguarding.replies import next_step_buttons, urgent_reply, urgent_services
from bot.signposting.replies import service_card


class ActionSafeguarding(Action):
    """Answers at once with the urgent contacts, offers to tell a Work Coach today,
    and flags the conversation as urgent, with the reason."""

    def name(self) -> str:
        return "action_safeguarding"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        know = deps.knowledge()
        facts = know.safeguarding
        found = [c for c in (facts.category(v) for v in latest_said(tracker, "urgent")) if c is not None]
        lead = found[0] if found else facts.when_unsure
        area = claimant_area(tracker)
        # The services go with the words as data too, for "Print or save these".
        services = urgent_services(facts, found, know.partner, area)
        cards = [service_card(p) for p in services]
        await count(tracker, [(insight.SERVICE, p.id) for p in services])
        dispatcher.utter_message(
            text=urgent_reply(facts, found, know.partner, area), json_message={"services": cards} if cards else None
        )
        flags = flags_event(tracker, facts, also=[] if found else [facts.when_unsure.flags])
        handed = await hand_off(tracker, dispatcher, f"Safeguarding: {lead.label}", flags)
        need = know.need(lead.more_help_need or "")
        offer = need if need is not None and not tracker.active_loop_name else None
        dispatcher.utter_message(text=facts.work_coach_today, buttons=next_step_buttons(offer))
        if tracker.active_loop_name:
            dispatcher.utter_message(text=facts.carry_on)
        return [*flags, *handed]


class ActionPrivateRoom(Action):
    def name(self) -> str:
        return "action_private_room"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        dispatcher.utter_message(text=deps.knowledge().safeguarding.private_room_reply)
        asked = [SlotSet("private_room", True)]
        await count(tracker, [(insight.PRIVATE_ROOM, "")])
        return [*asked, *await hand_off(tracker, dispatcher, "Asked to talk in private", asked)]

"""Not understood: "Did you mean …?" the first time, a Work Coach the second."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.area import area_in_message
from actions.forms import last_buttons
from actions.handoff import hand_off, user_events
from actions.responses import MENU_RESPONSE, menu
from actions.signposting import note_area
from bot.handoff.replies import STILL_NOT_UNDERSTOOD
from bot.repair.references import pick_button
from bot.repair.replies import DID_YOU_MEAN, SOMETHING_ELSE
from bot.repair.suggestions import suggest

SOMETHING_ELSE_PAYLOAD = "/what_can_you_do"  # every capability, the full menu and a Work Coach


def _ranking(tracker: Tracker) -> list[tuple[str, float]]:
    ranking: list[dict[str, Any]] = tracker.latest_message.get("intent_ranking") or []
    return [(str(i.get("name")), float(i.get("confidence") or 0.0)) for i in ranking if i.get("name")]


def as_tapped(payload: str, tracker: Tracker) -> list[EventType]:
    """The latest message, said again as the button it meant: Rasa then answers it as
    if the button had been tapped (as its two-stage fallback does with an affirmed intent)."""
    intent = payload.removeprefix("/")
    users = user_events(tracker)
    latest = users[-1] if users else {}
    parse = {"text": payload, "intent": {"name": intent, "confidence": 1.0}, "entities": [], "intent_ranking": []}
    said = {
        "event": "user",
        "text": payload,
        "parse_data": parse,
        "input_channel": latest.get("input_channel"),
        "metadata": latest.get("metadata") or {},  # the channel and site, for a handoff
    }
    return [ActionExecuted("action_listen"), said]


class ActionNotUnderstood(Action):
    def name(self) -> str:
        return "action_not_understood"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        # "The first one", "2" or "yes" to the buttons just shown: that button.
        button = pick_button(tracker.latest_message.get("text"), last_buttons(tracker))
        payload = str(button.get("payload", "")) if button else ""
        if payload.startswith("/") and payload.removeprefix("/").isidentifier():
            return as_tapped(payload, tracker)
        # A town in a message not understood ("sorry actually I live in Leeds"): kept, never lost.
        area = area_in_message(tracker)
        if area is not None:
            return await note_area(dispatcher, tracker, domain, area)
        users = user_events(tracker)
        previous = ((users[-2].get("parse_data") or {}).get("intent") or {}).get("name") if len(users) > 1 else None
        if previous == "nlu_fallback":
            dispatcher.utter_message(text=STILL_NOT_UNDERSTOOD)
            return await hand_off(tracker, dispatcher, "Not understood twice in a row")
        choices = suggest(_ranking(tracker), menu(domain))
        if not choices:
            dispatcher.utter_message(response=MENU_RESPONSE)
            return []
        buttons = [{"title": c.title, "payload": c.payload} for c in choices]
        buttons.append({"title": SOMETHING_ELSE, "payload": SOMETHING_ELSE_PAYLOAD})
        dispatcher.utter_message(text=DID_YOU_MEAN, buttons=buttons)
        return []


class ActionChooseOption(ActionNotUnderstood):
    """ "The second one" and the like: the button it means, or, with no such button,
    the same help as a message not understood."""

    def name(self) -> str:
        return "action_choose_option"

"""The privacy notice at the start of every conversation (and a kiosk's area)."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import deps
from actions.insight import count
from bot.insight.rules import CONVERSATION
from bot.ops.settings import load_settings
from bot.privacy.replies import privacy_notice


class ActionSessionStart(Action):
    """Every conversation starts with the privacy notice; a kiosk's starts in its site's area."""

    def name(self) -> str:
        return "action_session_start"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        dispatcher.utter_message(text=privacy_notice(load_settings().retention_days))
        events: list[EventType] = [SessionStarted()]
        # A kiosk stands in one Jobcentre: its council area is the claimant's unless they say otherwise.
        meta = tracker.get_slot("session_started_metadata") or {}
        know = deps.knowledge()
        site = know.site(meta.get("site") if isinstance(meta, dict) else None)
        area = know.areas.get(site.area_id) if site else None
        if area is not None:
            events += [SlotSet("area", area.name), SlotSet("area_id", area.id)]
        # Counted for management information (issue 19): one conversation, where it happened.
        kiosk = site is not None and isinstance(meta, dict) and meta.get("channel") == "kiosk"
        await count(tracker, [(CONVERSATION, "")], ("kiosk", site.id) if kiosk and site else ("web", None))
        return [*events, ActionExecuted("action_listen")]

"""Raising a handoff to a Work Coach from any action, and the actions that only
do that: not understood twice, and the privacy notice at the start."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import deps
from bot.config import load_settings
from bot.handoff.summary import build_summary
from bot.handoff.talk import handoff_message, privacy_notice
from bot.triage import FLAG_LABELS, LONGER_APPOINTMENT, SPECIALIST, URGENT

# Flags that mean a person should look, whatever else happens.
NEEDS_A_PERSON = (URGENT, LONGER_APPOINTMENT, SPECIALIST)


def _user_events(tracker: Tracker) -> list[dict[str, Any]]:
    return [e for e in tracker.events if e.get("event") == "user"]


def _where(tracker: Tracker) -> tuple[str, str | None]:
    """The channel and site the gateway sent with the latest message."""
    events = _user_events(tracker)
    meta = (events[-1].get("metadata") or {}) if events else {}
    channel = meta.get("channel") if meta.get("channel") in ("web", "kiosk") else "web"
    site = meta.get("site") if isinstance(meta.get("site"), str) else None
    return channel, (site or None)


def needs_asked(tracker: Tracker) -> list[str]:
    know = deps.knowledge()
    out = []
    for event in _user_events(tracker):
        name = ((event.get("parse_data") or {}).get("intent") or {}).get("name") or ""
        need = know.need(name.removeprefix("need_")) if name.startswith("need_") else None
        if need is not None:
            out.append(need.short)
    return out


def flags_needing_a_person(events: Iterable[EventType], before: Any) -> list[str]:
    """Labels of person-needing flags that the events add to the flags slot."""
    had = {f.get("code") for f in before or [] if isinstance(f, dict)}
    for event in events:
        if event.get("event") == "slot" and event.get("name") == "flags":
            now = {f.get("code") for f in event.get("value") or [] if isinstance(f, dict)}
            return [FLAG_LABELS[c] for c in NEEDS_A_PERSON if c in now - had]
    return []


async def hand_off(
    tracker: Tracker, dispatcher: CollectingDispatcher, trigger: str, pending: Iterable[EventType] = ()
) -> list[EventType]:
    """Raise (or update) this conversation's handoff and tell the claimant its reference.
    `pending` are the events the calling action is about to return, so the summary
    already holds what it just worked out."""
    know = deps.knowledge()
    slots = dict(tracker.current_slot_values())
    slots.update({e["name"]: e.get("value") for e in pending if e.get("event") == "slot"})
    summary = build_summary(
        slots,
        needs_asked(tracker),
        partner_name=lambda pid: p.name if (p := know.partner(pid)) else None,
        area_name=lambda aid: a.name if (a := know.areas.get(aid)) else None,
        skill_area_label=lambda aid: a.label if (a := know.skills.area(aid)) else None,
    )
    channel, site = _where(tracker)
    raised = await asyncio.to_thread(deps.handoffs().raise_handoff, tracker.sender_id, trigger, summary, channel, site)
    dispatcher.utter_message(text=handoff_message(raised.reference, raised.new))
    return [SlotSet("handoff_reference", raised.reference)]


class ActionNotUnderstood(Action):
    """Sorry, once; the second time in a row, a person should help."""

    def name(self) -> str:
        return "action_not_understood"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        users = _user_events(tracker)
        previous = ((users[-2].get("parse_data") or {}).get("intent") or {}).get("name") if len(users) > 1 else None
        if previous != "nlu_fallback":
            dispatcher.utter_message(response="utter_please_rephrase")
            return []
        dispatcher.utter_message(text="Sorry, I still don't understand. A person can help you better.")
        return await hand_off(tracker, dispatcher, "Not understood twice in a row")


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
        return [*events, ActionExecuted("action_listen")]

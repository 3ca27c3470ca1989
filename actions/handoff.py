"""Raising a handoff to a Work Coach from any action."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import deps
from actions.insight import count, new_flags
from actions.metadata import channel_and_site
from bot.handoff.replies import handoff_message
from bot.handoff.summary import build_summary
from bot.insight.rules import HANDOFF
from bot.signposting.replies import adviser_label


def user_events(tracker: Tracker) -> list[dict[str, Any]]:
    return [e for e in tracker.events if e.get("event") == "user"]


def needs_asked(tracker: Tracker) -> list[str]:
    know = deps.knowledge()
    out = []
    for event in user_events(tracker):
        name = ((event.get("parse_data") or {}).get("intent") or {}).get("name") or ""
        need = know.need(name.removeprefix("need_")) if name.startswith("need_") else None
        if need is not None:
            out.append(need.short)
    return out


def slot_value(events: Iterable[EventType], slot: str) -> Any:
    """The value the events set last for a slot, or None if they do not set it."""
    values = [e.get("value") for e in events if e.get("event") == "slot" and e.get("name") == slot]
    return values[-1] if values else None


async def hand_off(
    tracker: Tracker, dispatcher: CollectingDispatcher, trigger: str, pending: Iterable[EventType] = ()
) -> list[EventType]:
    """Raise (or update) this conversation's handoff and tell the claimant its reference.
    `pending` are the events the calling action is about to return, so the summary
    already holds what it just worked out."""
    know = deps.knowledge()
    pending = list(pending)
    slots = dict(tracker.current_slot_values())
    slots.update({e["name"]: e.get("value") for e in pending if e.get("event") == "slot"})
    # The services given, from the directory, so the adviser sees their caveats too (issue 20).
    given = [pid for pid in slots.get("signposts_given") or [] if isinstance(pid, str)]
    partners = await asyncio.to_thread(deps.directory().by_ids, given)
    summary = build_summary(
        slots,
        needs_asked(tracker),
        partner_name=lambda pid: adviser_label(p) if (p := partners.get(pid) or know.partner(pid)) else None,
        area_name=lambda aid: a.name if (a := know.areas.get(aid)) else None,
        skill_area_label=lambda aid: a.label if (a := know.skills.area(aid)) else None,
    )
    channel, site = channel_and_site(tracker)
    raised = await asyncio.to_thread(deps.handoffs().raise_handoff, tracker.sender_id, trigger, summary, channel, site)
    await count(tracker, [*([(HANDOFF, "")] if raised.new else []), *new_flags(tracker, pending)], (channel, site))
    # The reference goes as data too, so a kiosk can print its ticket without reading the words.
    dispatcher.utter_message(
        text=handoff_message(raised.reference, raised.new), json_message={"handoff_reference": raised.reference}
    )
    return [SlotSet("handoff_reference", raised.reference)]

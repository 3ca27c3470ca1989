"""Flags for the Work Coach from what the claimant said in this conversation.

bot/rasa_ext/safeguarding_classifier.py marks each user message with what the rule
layer found (`urgent` and `disclosure` entities). Flags are worked out from the
whole conversation, so a disclosure made while asking about something else is
still counted the next time flags are saved.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from bot.safeguarding.facts import SafeguardingFacts
from bot.triage.flags import URGENT, conversation_flags, merge_flags


def said(tracker: Tracker, kind: str, events: Iterable[dict] | None = None) -> list[str]:
    """Every value of one safeguarding entity in the claimant's messages, first said first."""
    values: list[str] = []
    for event in tracker.events if events is None else events:
        if event.get("event") != "user":
            continue
        for entity in (event.get("parse_data") or {}).get("entities") or []:
            if entity.get("entity") == kind and entity.get("value") not in values:
                values.append(entity["value"])
    return values


def said_with_intent(tracker: Tracker, kind: str, intent: str) -> list[str]:
    """Values of one safeguarding entity in the latest message with this intent."""
    for event in reversed(tracker.events):
        if event.get("event") == "user" and ((event.get("parse_data") or {}).get("intent") or {}).get("name") == intent:
            return said(tracker, kind, [event])
    return []


def latest_said(tracker: Tracker, kind: str) -> list[str]:
    """Values of one safeguarding entity in the latest message only."""
    return [e["value"] for e in tracker.latest_message.get("entities") or [] if e.get("entity") == kind]


def flags_event(tracker: Tracker, facts: SafeguardingFacts, also: Iterable[Mapping[str, str]] = ()) -> list[SlotSet]:
    """Set the flags slot to hold every conversation flag so far, plus `also` (flag
    code: reason). No event when nothing is new."""
    categories = [facts.category(v) for v in (*said(tracker, "urgent"), *said(tracker, "disclosure"))]
    found = [c.flags for c in categories if c is not None]
    before = tracker.get_slot("flags") or []
    after = merge_flags(before, conversation_flags([*found, *also]))
    return [] if after == before else [SlotSet("flags", after)]


def is_urgent(tracker: Tracker) -> bool:
    return any(isinstance(f, dict) and f.get("code") == URGENT for f in tracker.get_slot("flags") or [])

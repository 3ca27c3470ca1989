"""The area question, shared by every form that asks where the claimant lives."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import deps
from bot.core.areas import Area
from bot.signposting.replies import UNKNOWN_PLACE
from bot.signposting.rules import UNKNOWN_AREA, give_up_on_area


def claimant_area(tracker: Tracker) -> Area | None:
    """The claimant's area. It may have come from an entity before any form ran,
    so with no id yet: then the text is resolved."""
    areas = deps.knowledge().areas
    by_id = areas.get(tracker.get_slot("area_id") or "")
    said = tracker.get_slot("area")
    if by_id is not None and (not said or by_id.name == said):
        return by_id
    # "Actually I live in Leeds": the area slot was filled again, so the id is out of date.
    return areas.resolve(said) or by_id


def area_in_message(tracker: Tracker) -> Area | None:
    """A known place named in the latest message ("actually I live in Leeds"), or None."""
    areas = deps.knowledge().areas
    for entity in tracker.latest_message.get("entities") or []:
        if entity.get("entity") == "area" and (area := areas.resolve(str(entity.get("value") or ""))):
            return area
    return None


def validate_area_value(value: Any, dispatcher: CollectingDispatcher, tracker: Tracker) -> dict[str, Any]:
    if isinstance(value, list):  # two areas in one message: take the first
        value = value[0] if value else None
    text = str(value).strip() if value is not None else ""
    if text == UNKNOWN_AREA:
        return {"area": UNKNOWN_AREA, "area_id": None}
    area = deps.knowledge().areas.resolve(text)
    if area is not None:
        return {"area": area.name, "area_id": area.id, "area_attempts": 0}
    attempts = (tracker.get_slot("area_attempts") or 0) + 1
    if give_up_on_area(attempts):
        return {"area": text[:80] or UNKNOWN_AREA, "area_id": None, "area_attempts": 0}
    dispatcher.utter_message(text=UNKNOWN_PLACE)
    return {"area": None, "area_attempts": attempts}

"""Real rasa-sdk Trackers, shaped as Rasa sends them to the action server."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from rasa_sdk import Tracker

DOMAIN: dict[str, Any] = yaml.safe_load((Path(__file__).parents[2] / "domain.yml").read_text())


def user_event(text: str, intent: str, entities: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    parse = {"text": text, "intent": {"name": intent, "confidence": 0.99}, "entities": entities or []}
    return {"event": "user", "text": text, "parse_data": parse}


def found(kind: str, *values: str) -> list[dict[str, Any]]:
    """Entities as bot/rasa_ext/safeguarding_classifier.py adds them."""
    return [{"entity": kind, "value": v, "start": 0, "end": 1, "extractor": "SafeguardingClassifier"} for v in values]


def make_tracker(
    slots: dict[str, Any] | None = None,
    text: str = "",
    intent: str = "inform_area",
    entities: list[dict[str, Any]] | None = None,
    slot_events: dict[str, Any] | None = None,
    active_loop: str | None = None,
    earlier: list[dict[str, Any]] | None = None,
    metadata: dict[str, Any] | None = None,
) -> Tracker:
    """A real rasa-sdk Tracker as Rasa would send it: all domain slots, then the given ones.
    `earlier` holds user events (see user_event) before the latest message."""
    all_slots = {name: None for name in DOMAIN["slots"]}
    all_slots["area_attempts"] = 0
    all_slots.update(slots or {})
    latest = user_event(text, intent, entities)["parse_data"]
    message = {"event": "user", "text": text, "parse_data": latest, **({"metadata": metadata} if metadata else {})}
    events: list[dict[str, Any]] = [*(earlier or []), message]
    for name, value in (slot_events or {}).items():
        events.append({"event": "slot", "name": name, "value": value})
    return Tracker(
        sender_id="test-conversation",
        slots=all_slots,
        latest_message=latest,
        events=events,
        paused=False,
        followup_action=None,
        active_loop={"name": active_loop} if active_loop else {},
        latest_action_name="action_listen",
    )

"""What the gateway sends with each message (bot/web/app.py: chat): the channel, a
kiosk's site, and a keyed hash of the client's address."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker


def _latest(tracker: Tracker) -> dict[str, Any]:
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return event.get("metadata") or {}
    return {}


def channel_and_site(tracker: Tracker) -> tuple[str, str | None]:
    """The channel and site the gateway sent with the latest message."""
    meta = _latest(tracker)
    channel = meta.get("channel") if meta.get("channel") in ("web", "kiosk") else "web"
    site = meta.get("site") if isinstance(meta.get("site"), str) else None
    return channel, (site or None)


def client_of(tracker: Tracker) -> str:
    """Who to count look-ups against: the gateway's hash of the address, or else the
    conversation (a message from elsewhere, such as a test, has no hash)."""
    client = _latest(tracker).get("client")
    return client if isinstance(client, str) and client else f"conversation:{tracker.sender_id}"

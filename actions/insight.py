"""Counting what happens, for management information (issue 19): anonymous by
construction. A count holds what happened, the day, the channel and the site, never
the conversation, its reference or its words. A count that cannot be written is
logged and lost: it must never cost the claimant their answer."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable

from rasa_sdk import Tracker
from sqlalchemy.exc import SQLAlchemyError

from actions import deps
from actions.metadata import channel_and_site
from bot.insight import rules as r
from bot.insight.store import Event

log = logging.getLogger("signpost.insight")


async def count(
    tracker: Tracker, happened: Iterable[tuple[str, str]], where: tuple[str, str | None] | None = None
) -> None:
    """Add one to each (metric, key) for this conversation's channel and site."""
    channel, site = where or channel_and_site(tracker)
    events = [Event(metric, key, site, channel) for metric, key in happened]
    if not events:
        return
    try:
        await asyncio.to_thread(deps.insight().record, events)
    except SQLAlchemyError:
        log.exception("counts not kept: %s", [e.metric for e in events])


def new_flags(tracker: Tracker, events: Iterable[dict]) -> list[tuple[str, str]]:
    """A FLAG count for each flag the events set that the conversation did not have."""
    before = {f.get("code") for f in tracker.get_slot("flags") or [] if isinstance(f, dict)}
    after: list = []
    for event in events:
        if event.get("event") == "slot" and event.get("name") == "flags":
            after = event.get("value") or []
    return [(r.FLAG, f["code"]) for f in after if isinstance(f, dict) and f.get("code") not in before]

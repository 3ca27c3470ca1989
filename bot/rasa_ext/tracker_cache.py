"""Rasa's SQL tracker store with a read-through cache in the Rasa process (issue 21).

Rasa loads the whole conversation from SQL on every message (the events, each one
parsed from JSON, then replayed into a tracker) and, to save, counts the stored events
with the same query. Profiled under 10 conversations at once (bench/profile.py) that
was 13 ms of the Rasa server's 48 ms a message, growing with the conversation.

Here the tracker a message ends with stays in memory after it is saved, with the id
of the last event written. The next load asks SQL one indexed question (the largest
event id of the conversation) and uses the kept tracker only if nothing else has
written since, so the SQL store stays the record:

- with two Rasa servers, a message answered by the other one changes the last id, and
  the conversation is loaded from SQL again (the lock store keeps one message of a
  conversation at a time, across servers);
- a kept tracker is lent once: whoever loads it owns it, and it comes back into the
  cache only when saved. A turn that fails before saving (its tracker then holds
  events SQL does not), or a second reader at the same moment (the HTTP API), loads
  from SQL;
- a tracker that holds more than one conversation session (one started during the
  turn) is not kept: SQL would give only the latest session;
- a failing store fails as before: the check is a query like any other.

Only the latest session (`retrieve`) is cached; `retrieve_full_tracker` reads SQL.
`signpost run` puts this class in place of Rasa's SQLTrackerStore
(bot/rasa_ext/server.py); SIGNPOST_TRACKER_CACHE=0 turns it off.
"""

from __future__ import annotations

import itertools
import json
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

# Conversations kept at once; a kiosk district has far fewer going at any moment.
MAX_KEPT = 2_000


@dataclass
class _Kept:
    last_id: int
    # How many of the tracker's events are stored. Not SQL's count of the session: the
    # tracker of a conversation's first turn also holds the action_session_start
    # before its SessionStarted, which SQL does not give back.
    stored: int
    tracker: DialogueStateTracker | None  # kept, until it is lent
    lent: DialogueStateTracker | None = None  # the one lent out: `stored` counts its events


def _one_session(tracker: DialogueStateTracker) -> bool:
    starts = [i for i, event in enumerate(tracker.events) if isinstance(event, SessionStarted)]
    return len(starts) <= 1


class CachedSQLTrackerStore(SQLTrackerStore):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._kept: OrderedDict[str, _Kept] = OrderedDict()
        self.hits = 0
        self.misses = 0

    def _last_id(self, session: Any, sender_id: str) -> int:
        found = session.execute(
            sa.select(sa.func.max(self.SQLEvent.id)).where(self.SQLEvent.sender_id == sender_id)
        ).scalar()
        return int(found or 0)

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        kept = self._kept.get(sender_id)
        if kept is not None and kept.tracker is not None:
            tracker, kept.tracker, kept.lent = kept.tracker, None, kept.tracker  # a second reader loads from SQL
            with self.session_scope() as session:
                fresh = self._last_id(session, sender_id) == kept.last_id
            if fresh and len(tracker.events) == kept.stored:
                self.hits += 1
                return tracker
            del self._kept[sender_id]
        self.misses += 1
        return await super().retrieve(sender_id)

    async def save(self, tracker: DialogueStateTracker) -> None:
        """As Rasa's save (only the events not yet stored are written), counting the
        stored events from the kept tracker when nothing else has written since."""
        sender_id = tracker.sender_id
        kept = self._kept.pop(sender_id, None)
        with self.session_scope() as session:
            last_id = self._last_id(session, sender_id)
            # The kept count is right only for the very tracker it was lent with; any
            # other was loaded from SQL (or is new), and SQL's count is right for it.
            if kept is not None and kept.lent is tracker and kept.last_id == last_id:
                stored = kept.stored
            else:
                stored = self._event_query(session, sender_id, fetch_events_from_all_sessions=False).count()
            new_events = list(itertools.islice(tracker.events, stored, None))
            rows = []
            for event in new_events:
                data = event.as_dict()
                rows.append(
                    self.SQLEvent(
                        sender_id=sender_id,
                        type_name=event.type_name,
                        timestamp=data.get("timestamp"),
                        intent_name=data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
                        action_name=data.get("name"),
                        data=json.dumps(data),
                    )
                )
            session.add_all(rows)
            session.flush()
            if rows:
                last_id = max(row.id for row in rows)
            session.commit()
        if self.event_broker is not None:
            await self._stream_new_events(self.event_broker, new_events, sender_id)
        if _one_session(tracker):
            self._kept[sender_id] = _Kept(last_id=last_id, stored=len(tracker.events), tracker=tracker)
            while len(self._kept) > MAX_KEPT:
                self._kept.popitem(last=False)

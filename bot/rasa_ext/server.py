"""`rasa run`, with three fixes that measuring and testing found.

The first, and the largest: how Rasa checks the action server's replies.

Rasa checks every reply from the action server with `jsonschema.validate()`,
which first re-checks Rasa's large event schema against the JSON Schema
meta-schema, and then tries each event against all 23 event kinds (a `oneOf`).
Profiled with py-spy at 10 conversations at once, that was 55% of the Rasa
server's CPU: 37 ms for a reply of ten events. `ActionReplyCheck` applies the
same rules, with the validators built once and each event checked only against
the kind its `event` field names (every kind has its own `const` there, so this
is exactly what `oneOf` decides). About 0.4 ms for the same reply.

It also mends Rasa's ticket lock (`fair_ticket_lock`), which the scale-out test
caught: a message waiting behind a dead server's ticket could wait forever; and
lets the SQLite tracker store commit without waiting for the disk.

Run: python -m bot.rasa_ext.server run ARGS...   (what `signpost run` starts)
"""

from __future__ import annotations

import sys
from typing import Any

from jsonschema import Draft7Validator, ValidationError


class ActionReplyCheck:
    """Rasa's action-reply schema, checked once per part instead of per call."""

    def __init__(self, schema: dict[str, Any]) -> None:
        event_schema = schema["properties"]["events"]["items"]
        shape = {**schema, "properties": {**schema["properties"], "events": {"type": "array"}}}
        self._reply = Draft7Validator(shape)
        self._event = Draft7Validator({k: v for k, v in event_schema.items() if k != "oneOf"})
        self._kinds = {kind["properties"]["event"]["const"]: Draft7Validator(kind) for kind in event_schema["oneOf"]}

    def validate(self, reply: Any) -> None:
        self._reply.validate(reply)
        for event in reply.get("events") or []:
            self._event.validate(event)
            kind = self._kinds.get(event["event"])
            if kind is None:
                raise ValidationError(f"{event['event']!r} is not one of Rasa's event kinds")
            kind.validate(event)


def install() -> None:
    """Replace RemoteAction's check with the same rules, built once."""
    from rasa.core.actions.action import RemoteAction

    check = ActionReplyCheck(RemoteAction.action_response_format_spec())
    original = RemoteAction._validate_action_result

    def validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
        try:
            check.validate(result)
        except ValidationError:
            # Let Rasa's own check word the error, exactly as before.
            return original(self, result)
        return True

    RemoteAction._validate_action_result = validate_action_result  # type: ignore[method-assign]


def fair_ticket_lock() -> None:
    """A ticket waits only for earlier tickets that are still alive.

    Rasa's `TicketLock.is_locked` says "locked" unless the ticket is the first in
    the queue. When a Rasa server dies holding a conversation's lock, the next
    message's ticket is issued a moment later with the same lifetime; both can
    expire between two polls, and then the waiting ticket is in no queue at all,
    so it stays "locked" for ever (seen in tests/scale: a claimant's message timed
    out after 30 s). Here a ticket is locked only while an earlier one is alive,
    which is the same answer in every other case."""
    from rasa.core.lock import TicketLock

    def is_locked(self: TicketLock, ticket_number: int) -> bool:
        return any(ticket.number < ticket_number for ticket in self.tickets if not ticket.has_expired())

    TicketLock.is_locked = is_locked  # type: ignore[method-assign]


def sqlite_without_waiting_on_disk() -> None:
    """The embedded SQLite tracker store: write-ahead log, and sync at checkpoints
    rather than on every commit (each message commits; profiled at 9% of Rasa's
    CPU). A crash of the machine can lose the last moments of conversations,
    never corrupt the file. PostgreSQL is untouched."""
    import sqlite3

    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    @event.listens_for(Engine, "connect")
    def _pragmas(dbapi_conn: Any, _record: Any) -> None:
        if isinstance(dbapi_conn, sqlite3.Connection):
            cursor = dbapi_conn.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()


def main() -> None:
    install()
    fair_ticket_lock()
    sqlite_without_waiting_on_disk()
    from rasa.__main__ import main as rasa_main

    sys.argv[0] = "rasa"
    rasa_main()


if __name__ == "__main__":
    main()

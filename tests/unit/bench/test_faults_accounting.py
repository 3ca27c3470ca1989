"""The soak's accounting: what it calls lost and answered twice must be right,
or its zeros mean nothing."""

from __future__ import annotations

import json
import sqlite3

from bench.faults import Sent, account, recovery_after
from bot.web.rasa_client import MESSAGE_ID_KEY


def _tracker(tmp_path, stored: list[str]):
    path = tmp_path / "tracker.db"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id TEXT, type_name TEXT, data TEXT)")
        for message_id in stored:
            data = json.dumps({"event": "user", "text": "hi", "metadata": {MESSAGE_ID_KEY: message_id}})
            db.execute("INSERT INTO events (sender_id, type_name, data) VALUES ('s', 'user', ?)", (data,))
        db.execute("INSERT INTO events (sender_id, type_name, data) VALUES ('s', 'bot', '{}')")
    return path


def test_every_kind_of_message_is_counted(tmp_path):
    sent = [
        Sent("s", "a", "m-answered", 0.0, tries=1, answered_at=1.0),
        Sent("s", "b", "m-retried", 0.0, tries=3, answered_at=5.0),
        Sent("s", "c", "m-silently-lost", 0.0, tries=1, answered_at=1.0),  # a 200, but not in the store
        Sent("s", "d", "m-never-answered", 0.0, tries=9),
        Sent("s", "e", "m-twice", 0.0, tries=2, answered_at=2.0),
    ]
    tracker = _tracker(tmp_path, ["m-answered", "m-retried", "m-twice", "m-twice", "m-never-answered"])
    result = account(sent, tracker)
    assert result["sent"] == 5 and result["answered"] == 4
    assert result["lost_silently"] == ["m-silently-lost"]
    assert result["never_answered"] == ["m-never-answered"]
    assert result["lost"] == 2
    assert result["duplicated_ids"] == ["m-twice"] and result["duplicated"] == 1
    assert result["sent_again"] == 3


def test_recovery_is_from_the_fault_to_the_next_answer():
    sent = [
        Sent("s", "a", "1", 0.0, tries=1, answered_at=0.1),
        Sent("s", "b", "2", 9.0, tries=4, answered_at=14.0),  # in flight at the fault, answered after retries
        Sent("s", "c", "3", 11.0, tries=1, answered_at=11.2),
    ]
    assert recovery_after(sent, 10.0) == 1.2
    assert recovery_after([Sent("s", "x", "4", 11.0, tries=2)], 10.0) is None

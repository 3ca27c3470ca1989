"""The tracker store's read-through cache (issue 21): the SQL store stays the record.
A kept tracker is used only while nothing else has written the conversation; another
server's message, a turn that failed before saving, and a second session all load from
SQL; the rows written are those Rasa's own store writes; a broker hears every new
event once. Real Rasa stores on a SQLite file, a real domain."""

from __future__ import annotations

import pytest
import sqlalchemy.exc
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.rasa_ext.tracker_cache import CachedSQLTrackerStore

DOMAIN = Domain.load("domain.yml")


def _store(cls, path):
    return cls(domain=DOMAIN, dialect="sqlite", db=str(path))


def _turn(tracker: DialogueStateTracker, text: str) -> None:
    tracker.update(UserUttered(text, {"name": "greet", "confidence": 1.0}))
    tracker.update(ActionExecuted("utter_greet"))
    tracker.update(BotUttered(f"you said {text}"))
    tracker.update(ActionExecuted("action_listen"))


def _new(sender: str) -> DialogueStateTracker:
    tracker = DialogueStateTracker(sender, DOMAIN.slots)
    tracker.update(ActionExecuted("action_session_start"))
    tracker.update(SessionStarted())
    tracker.update(ActionExecuted("action_listen"))
    return tracker


async def _saved(store, text: str) -> DialogueStateTracker:
    """A new conversation of one turn, saved."""
    tracker = _new("a")
    _turn(tracker, text)
    await store.save(tracker)
    return tracker


def _texts(tracker: DialogueStateTracker | None) -> list[str]:
    return [e.text for e in tracker.events if isinstance(e, UserUttered)] if tracker else []


def _rows(path) -> list[tuple]:
    import sqlite3

    with sqlite3.connect(path) as db:
        return db.execute("SELECT sender_id, type_name, intent_name, action_name FROM events ORDER BY id").fetchall()


async def test_a_saved_conversation_is_loaded_from_memory_and_sql_agrees(tmp_path):
    store = _store(CachedSQLTrackerStore, tmp_path / "t.db")
    tracker = await _saved(store, "one")
    loaded = await store.retrieve("a")
    assert loaded is tracker and store.hits == 1  # no SQL load
    _turn(loaded, "two")
    await store.save(loaded)
    from_sql = await _store(SQLTrackerStore, tmp_path / "t.db").retrieve("a")
    assert _texts(from_sql) == _texts(loaded) == ["one", "two"]
    # The same events from the session's start. (SQL gives the session from its
    # SessionStarted on; the tracker of the first turn also holds the action_session_start
    # before it, as Rasa's own does in that turn; the policies read from SessionStarted.)
    assert [e.as_dict() for e in from_sql.events] == [e.as_dict() for e in loaded.events][1:]
    assert from_sql.applied_events() == loaded.applied_events()


async def test_it_writes_the_rows_rasas_own_store_writes(tmp_path):
    for cls, name in ((SQLTrackerStore, "plain.db"), (CachedSQLTrackerStore, "cached.db")):
        store = _store(cls, tmp_path / name)
        tracker = _new("a")
        for text in ("one", "two", "three"):
            _turn(tracker, text)
            tracker.update(SlotSet("area", "Leeds"))
            await store.save(tracker)
            tracker = await store.retrieve("a")
    assert _rows(tmp_path / "plain.db") == _rows(tmp_path / "cached.db")
    assert len(_rows(tmp_path / "plain.db")) == 3 + 3 * 5


async def test_another_servers_message_is_loaded_from_sql(tmp_path):
    first = _store(CachedSQLTrackerStore, tmp_path / "t.db")
    second = _store(CachedSQLTrackerStore, tmp_path / "t.db")
    tracker = _new("a")
    _turn(tracker, "one")
    await first.save(tracker)
    elsewhere = await second.retrieve("a")
    _turn(elsewhere, "two (answered by the other server)")
    await second.save(elsewhere)
    back = await first.retrieve("a")
    assert back is not tracker and first.misses == 1
    assert _texts(back) == ["one", "two (answered by the other server)"]
    _turn(back, "three")
    await first.save(back)  # counts what is stored from SQL, so nothing is written twice
    assert _texts(await _store(SQLTrackerStore, tmp_path / "t.db").retrieve("a")) == [
        "one", "two (answered by the other server)", "three",
    ]  # fmt: skip


async def test_a_turn_that_failed_before_saving_leaves_nothing_behind(tmp_path):
    store = _store(CachedSQLTrackerStore, tmp_path / "t.db")
    await _saved(store, "one")
    loaded = await store.retrieve("a")
    _turn(loaded, "lost: the turn failed")  # and was never saved
    again = await store.retrieve("a")
    assert again is not loaded and _texts(again) == ["one"]


async def test_a_kept_tracker_is_lent_once(tmp_path):
    store = _store(CachedSQLTrackerStore, tmp_path / "t.db")
    tracker = await _saved(store, "one")
    first, second = await store.retrieve("a"), await store.retrieve("a")
    assert first is tracker and second is not tracker and _texts(second) == ["one"]
    # Whichever of the two is saved, nothing is written twice or left out.
    for reader, text in ((second, "two"), (first, "stale: never saved")):
        _turn(reader, text)
    await store.save(second)
    again = await store.retrieve("a")
    _turn(again, "three")
    await store.save(again)
    assert _texts(await _store(SQLTrackerStore, tmp_path / "t.db").retrieve("a")) == ["one", "two", "three"]


async def test_the_api_reading_first_does_not_upset_the_turn(tmp_path):
    # A reader that takes the kept tracker and never saves (GET .../tracker), then the
    # turn: it loads from SQL, and its save counts what SQL holds.
    store = _store(CachedSQLTrackerStore, tmp_path / "t.db")
    await _saved(store, "one")
    await store.retrieve("a")  # the API's read
    turn = await store.retrieve("a")
    _turn(turn, "two")
    await store.save(turn)
    assert _rows(tmp_path / "t.db").count(("a", "user", "greet", None)) == 2
    assert _texts(await _store(SQLTrackerStore, tmp_path / "t.db").retrieve("a")) == ["one", "two"]


async def test_a_tracker_with_a_new_session_is_not_kept(tmp_path):
    store = _store(CachedSQLTrackerStore, tmp_path / "t.db")
    tracker = _new("a")
    _turn(tracker, "yesterday")
    await store.save(tracker)
    tracker = await store.retrieve("a")
    tracker.update(ActionExecuted("action_session_start"))
    tracker.update(SessionStarted())
    tracker.update(ActionExecuted("action_listen"))
    _turn(tracker, "today")
    await store.save(tracker)
    loaded = await store.retrieve("a")
    assert loaded is not tracker
    # As Rasa's own store: only the latest session.
    assert _texts(loaded) == _texts(await _store(SQLTrackerStore, tmp_path / "t.db").retrieve("a")) == ["today"]


async def test_a_broker_hears_each_new_event_once(tmp_path):
    heard = []

    class Broker:
        def publish(self, event):
            heard.append(event["event"])

    store = _store(CachedSQLTrackerStore, tmp_path / "t.db")
    store.event_broker = Broker()
    tracker = await _saved(store, "one")
    tracker = await store.retrieve("a")
    _turn(tracker, "two")
    await store.save(tracker)
    assert heard == ["action", "session_started", "action"] + ["user", "action", "bot", "action"] * 2


async def test_a_broken_store_fails_the_load(tmp_path):
    store = _store(CachedSQLTrackerStore, tmp_path / "t.db")
    await _saved(store, "one")
    (tmp_path / "t.db").write_bytes(b"not a database" * 100)
    store.engine.dispose()
    with pytest.raises(sqlalchemy.exc.DatabaseError):
        await store.retrieve("a")


def test_signpost_run_uses_it_unless_turned_off(monkeypatch):
    import rasa.core.tracker_store as stores

    from bot.rasa_ext.server import cached_tracker_store

    monkeypatch.setattr(stores, "SQLTrackerStore", SQLTrackerStore)
    assert not cached_tracker_store({"SIGNPOST_TRACKER_CACHE": "0"})
    assert stores.SQLTrackerStore is SQLTrackerStore
    assert cached_tracker_store({})
    assert stores.SQLTrackerStore is CachedSQLTrackerStore

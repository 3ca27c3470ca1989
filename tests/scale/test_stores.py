"""The project's stores on real PostgreSQL and Redis, set up only through the
environment variables and endpoints.yml, exactly as `signpost run` does."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
from dataclasses import replace
from unittest import mock

import pytest

from bot.core.db import make_engine
from bot.core.paths import ROOT
from bot.directory.importer import check_rows, read_rows
from bot.directory.repository import Directory
from bot.handoff.store import HandoffStore
from bot.ops.settings import load_settings, lock_store_settings
from bot.privacy.retention import purge
from tests.conftest import FIXTURES
from tests.scale.services import create_database

ENDPOINTS = str(ROOT / "endpoints.yml")


def test_directory_search_on_postgresql(postgres, knowledge):
    directory = Directory.from_url(create_database(postgres, "directory"))
    directory.create_schema()
    directory.seed(knowledge.partners)
    report = check_rows(read_rows(FIXTURES / "partners_local.yml"), knowledge.vocabulary)
    directory.upsert(report.valid)
    leeds = knowledge.areas.resolve("Leeds")
    found = directory.find("advice", knowledge.need("advice").label, leeds, "Urdu")
    assert [m.partner.id for m in found] == [
        "test-leeds-advice-urdu",
        "citizens-advice-england",
        "help-to-claim-england",
    ]
    # A re-import updates in place, on PostgreSQL as on SQLite.
    assert directory.upsert(report.valid).updated == len(report.valid)


def test_handoffs_and_retention_on_postgresql(postgres, knowledge):
    from rasa.core.tracker_store import TrackerStore
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker
    from rasa.utils.endpoints import read_endpoint_config

    store = HandoffStore.from_url(create_database(postgres, "signpost"))
    store.create_schema()
    tracker_url = create_database(postgres, "tracker")
    env = replace(load_settings(), tracker_url=tracker_url).child_env()
    with mock.patch.dict(os.environ, env):
        tracker_store = TrackerStore.create(read_endpoint_config(ENDPOINTS, "tracker_store"), Domain.empty())
    assert type(tracker_store).__name__ == "SQLTrackerStore"
    assert tracker_store.engine.url.get_backend_name() == "postgresql"

    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    for sender, age in (("old-chat", 40), ("new-chat", 1)):
        stamp = (now - dt.timedelta(days=age)).replace(tzinfo=dt.timezone.utc).timestamp()
        tracker = DialogueStateTracker.from_events(sender, [UserUttered("hello", timestamp=stamp)])
        asyncio.run(tracker_store.save(tracker))
        store._now = lambda age=age: now - dt.timedelta(days=age)
        store.raise_handoff(sender, "Asked for a person", {"urgent": False, "flags": []})

    done = purge(store, make_engine(tracker_url), dt.timedelta(days=30))
    assert (done.conversations, done.handoffs) == (1, 1)
    assert asyncio.run(tracker_store.retrieve("old-chat")) is None
    assert asyncio.run(tracker_store.retrieve("new-chat")) is not None


def test_the_lock_store_is_redis_when_its_url_is_set(redis_url):
    from rasa.core.lock_store import InMemoryLockStore, LockStore, RedisLockStore
    from rasa.utils.endpoints import read_endpoint_config

    with mock.patch.dict(os.environ, replace(load_settings(), lock_store_url=redis_url).child_env()):
        lock_store = LockStore.create(read_endpoint_config(ENDPOINTS, "lock_store"))
    assert isinstance(lock_store, RedisLockStore)

    async def hold() -> None:
        async with lock_store.lock("conversation-1"):
            # Another server asking for the same conversation waits its turn.
            assert lock_store.get_lock("conversation-1").is_locked(ticket_number=1)

    asyncio.run(hold())
    with mock.patch.dict(os.environ, load_settings().child_env()):
        assert isinstance(LockStore.create(read_endpoint_config(ENDPOINTS, "lock_store")), InMemoryLockStore)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("redis://127.0.0.1:6390/2", ("redis", "127.0.0.1", "6390", "2", "")),
        ("redis://:s%40cret@redis.internal", ("redis", "redis.internal", "6379", "1", "s@cret")),
        ("", ("in_memory", "", "", "", "")),
    ],
)
def test_lock_store_urls(url, expected):
    env = lock_store_settings(url)
    keys = ("TYPE", "HOST", "PORT", "DB", "PASSWORD")
    assert tuple(env[f"SIGNPOST_LOCK_STORE_{k}"] for k in keys) == expected


@pytest.mark.parametrize("url", ["postgres://x", "redis://", "redis://host/db"])
def test_bad_lock_store_urls_are_refused(url):
    with pytest.raises(ValueError, match="SIGNPOST_LOCK_STORE_URL"):
        lock_store_settings(url)


def test_several_rasa_servers_need_a_shared_lock_store():
    with pytest.raises(ValueError, match="SIGNPOST_LOCK_STORE_URL"):
        replace(load_settings(), rasa_servers=2, rasa_urls_override=())
    settings = replace(load_settings(), rasa_servers=3, rasa_urls_override=(), lock_store_url="redis://r:6379/1")
    assert settings.rasa_urls == tuple(f"http://127.0.0.1:{settings.rasa_port + i}" for i in range(3))

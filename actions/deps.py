"""Shared resources for actions, created once per action-server process."""

from __future__ import annotations

from functools import lru_cache

from bot.digital_skills.store import ProfileStore
from bot.directory.repository import Directory
from bot.handoff.store import HandoffStore
from bot.insight.store import InsightStore
from bot.knowledge import Knowledge, get_knowledge
from bot.ops.settings import load_settings


@lru_cache(maxsize=1)
def directory() -> Directory:
    return Directory.from_url(load_settings().database_url)


def knowledge() -> Knowledge:
    return get_knowledge()


@lru_cache(maxsize=1)
def handoffs() -> HandoffStore:
    store = HandoffStore.from_url(load_settings().database_url)
    store.create_schema()
    return store


@lru_cache(maxsize=1)
def insight() -> InsightStore:
    store = InsightStore.from_url(load_settings().database_url)
    store.create_schema()
    return store


@lru_cache(maxsize=1)
def profiles() -> ProfileStore:
    store = ProfileStore.from_url(load_settings().database_url)
    store.create_schema()
    return store

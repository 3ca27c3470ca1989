from __future__ import annotations

from typing import Any

import pytest

from actions import deps
from tests.actions.trackers import DOMAIN


@pytest.fixture
def domain() -> dict[str, Any]:
    return DOMAIN


@pytest.fixture(autouse=True)
def fixture_directory(monkeypatch, directory):
    """Actions query the in-memory directory with test fixtures, never var/."""
    monkeypatch.setattr(deps, "directory", lambda: directory)
    return directory


@pytest.fixture(autouse=True)
def fixture_handoffs(monkeypatch, handoff_store):
    """Handoffs go to an in-memory store, never var/."""
    monkeypatch.setattr(deps, "handoffs", lambda: handoff_store)
    return handoff_store


@pytest.fixture(autouse=True)
def insight_store(monkeypatch, handoff_store):
    """Counts go to the in-memory store too, never var/ (issue 19)."""
    from bot.insight.store import InsightStore

    store = InsightStore(handoff_store.engine)
    store.create_schema()
    monkeypatch.setattr(deps, "insight", lambda: store)
    return store


@pytest.fixture(autouse=True)
def profile_store(monkeypatch, handoff_store):
    """Kept skills profiles too."""
    from bot.digital_skills.store import ProfileStore

    store = ProfileStore(handoff_store.engine)
    store.create_schema()
    monkeypatch.setattr(deps, "profiles", lambda: store)
    return store

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

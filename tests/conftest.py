from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")

from bot.directory.importer import check_rows, read_rows
from bot.directory.repository import Directory
from bot.handoff.store import HandoffStore
from bot.knowledge import Knowledge, get_knowledge

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def knowledge() -> Knowledge:
    return get_knowledge()


@pytest.fixture
def directory(knowledge: Knowledge) -> Directory:
    """An in-memory directory with the national seed and the fictional local fixtures."""
    d = Directory.from_url("sqlite://")
    d.create_schema()
    d.seed(knowledge.partners)
    report = check_rows(read_rows(FIXTURES / "partners_local.yml"), knowledge.vocabulary)
    assert not report.errors, report.errors
    d.upsert(report.valid)
    return d


@pytest.fixture
def handoff_store() -> HandoffStore:
    store = HandoffStore.from_url("sqlite://")
    store.create_schema()
    return store


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    from tests.report import LINES

    if LINES:
        terminalreporter.section("measured by the tests")
        for line in LINES:
            terminalreporter.write_line(line)

"""The faster check of action-server replies decides exactly as Rasa's own."""

from __future__ import annotations

import jsonschema
import pytest
from rasa_sdk.events import (
    ActionExecuted,
    ActiveLoop,
    AllSlotsReset,
    BotUttered,
    FollowupAction,
    Restarted,
    SessionStarted,
    SlotSet,
    UserUttered,
)

from bot.rasa_ext.server import ActionReplyCheck, install

RESPONSE = {"text": "Hello", "buttons": [{"title": "Yes", "payload": "/affirm"}], "template": None, "response": None}

REPLIES = [
    {"events": [], "responses": []},
    {"events": [dict(SlotSet("need", "debt")), dict(ActiveLoop("area_form")), dict(SlotSet("requested_slot", None))]},
    {
        "events": [dict(FollowupAction("action_listen")), dict(AllSlotsReset()), dict(Restarted())],
        "responses": [RESPONSE],
    },
    {
        "events": [
            dict(BotUttered("hi", {"buttons": []})),
            dict(SessionStarted()),
            dict(ActionExecuted("action_listen")),
        ]
    },
    {"events": [dict(UserUttered("hello", {"intent": {"name": "greet", "confidence": 1.0}, "entities": []}))]},
    {"events": [{"event": "slot", "name": "x", "value": 1, "timestamp": 1700000000.5, "metadata": {"a": 1}}]},
    # Wrong:
    {"events": [{"event": "no_such_kind"}]},
    {"events": [{"name": "x"}]},
    {"events": [{"event": 5}]},
    {"events": [{"event": "slot", "timestamp": "yesterday"}]},
    {"events": [{"event": "slot", "metadata": "x"}]},
    {"events": ["slot"]},
    {"events": {"event": "slot"}},
    {"events": [dict(UserUttered("hi", {"intent": {"name": 5}}))]},
    {"events": [dict(UserUttered("hi", {"entities": [{"entity": "area"}]}))]},
    {"responses": "hello"},
    {"responses": ["hello"]},
    [],
    "events",
]


def _rasa_says(reply) -> bool:
    from rasa.core.actions.action import RemoteAction

    try:
        jsonschema.validate(reply, RemoteAction.action_response_format_spec())
        return True
    except jsonschema.ValidationError:
        return False


def _we_say(check: ActionReplyCheck, reply) -> bool:
    try:
        check.validate(reply)
        return True
    except jsonschema.ValidationError:
        return False


@pytest.mark.parametrize("reply", REPLIES, ids=range(len(REPLIES)))
def test_the_check_agrees_with_rasa(reply):
    from rasa.core.actions.action import RemoteAction

    check = ActionReplyCheck(RemoteAction.action_response_format_spec())
    assert _we_say(check, reply) == _rasa_says(reply)


def test_both_kinds_are_in_the_table():
    verdicts = [_rasa_says(r) for r in REPLIES]
    assert verdicts.count(True) == 6 and verdicts.count(False) == len(REPLIES) - 6


def test_installed_check_still_words_errors_as_rasa_does():
    from rasa.core.actions.action import RemoteAction

    install()
    action = RemoteAction("action_x", None)
    assert action._validate_action_result({"events": [dict(SlotSet("need", "debt"))]}) is True
    with pytest.raises(jsonschema.ValidationError, match="Failed to validate Action server response"):
        action._validate_action_result({"events": [{"event": "no_such_kind"}]})


def test_a_ticket_behind_a_dead_servers_ticket_gets_the_lock():
    """Rasa's own ticket lock waits for ever here; the mended one waits for the dead ticket to expire."""
    import asyncio
    import time

    from rasa.core.lock import TicketLock
    from rasa.core.lock_store import InMemoryLockStore

    from bot.rasa_ext.server import fair_ticket_lock

    original = TicketLock.is_locked
    fair_ticket_lock()
    try:
        store = InMemoryLockStore()
        store.issue_ticket("chat", lock_lifetime=0.3)  # a server took the lock, then died

        async def next_message() -> float:
            started = time.monotonic()
            async with store.lock("chat", lock_lifetime=0.3, wait_time_in_seconds=0.2):
                return time.monotonic() - started

        waited = asyncio.run(asyncio.wait_for(next_message(), timeout=5))
        assert 0.2 <= waited < 2

        # Still a queue: a live earlier ticket blocks, the first one does not.
        lock = TicketLock("c")
        first, second = lock.issue_ticket(10), lock.issue_ticket(10)
        assert not lock.is_locked(first) and lock.is_locked(second)
        lock.remove_ticket_for(first)
        assert not lock.is_locked(second)
    finally:
        TicketLock.is_locked = original


@pytest.mark.parametrize(
    "data",
    [
        {"tracker": {"events": [{"event": "user", "text": "£60 bus pass – café 👍 <b>", "url": "https://a/b"}]}},
        {"confidence": 0.873_456_789_012_345, "big": 2**62, "none": None, "list": [1, "two", 3.0]},
        {"nan": float("nan")},  # ujson refuses it; json writes it, as Rasa's call did before
    ],
)
def test_action_calls_write_the_same_json(data):
    import json
    import math

    from bot.rasa_ext.server import _dumps

    written = json.loads(_dumps(data))
    if "nan" in data:
        assert math.isnan(written["nan"])
    else:
        assert written == data


def test_short_texts_that_recur_are_parsed_once(monkeypatch):
    from rasa.core.channels import UserMessage
    from rasa.core.processor import MessageProcessor

    from bot.rasa_ext.server import NLU_CACHE_MAX_WORDS, nlu_cache

    parsed: list[str] = []

    def fake_parse(self, message, tracker, only_output_properties=True):
        parsed.append(message.text)
        return {"text": message.text, "intent": {"name": "affirm", "confidence": 0.9}, "entities": []}

    monkeypatch.setattr(MessageProcessor, "_parse_message_with_graph", fake_parse)
    assert not nlu_cache({"SIGNPOST_NLU_CACHE": "0"})
    assert MessageProcessor._parse_message_with_graph is fake_parse
    assert nlu_cache({})
    processor, other_model = object.__new__(MessageProcessor), object.__new__(MessageProcessor)
    request = " ".join(["help"] * (NLU_CACHE_MAX_WORDS + 1))  # worded each claimant's own way: not kept
    for text in ["yes", "yes", "Leeds", "yes", '/choose{"x": 1}', '/choose{"x": 1}', request, request]:
        first = processor._parse_message_with_graph(UserMessage(text), None)
        assert first["text"] == text
        first["intent"]["name"] = "changed by the caller"  # must not reach the next reader
    assert processor._parse_message_with_graph(UserMessage("yes"), None)["intent"]["name"] == "affirm"
    assert parsed == ["yes", "Leeds", '/choose{"x": 1}', '/choose{"x": 1}', request, request]
    other_model._parse_message_with_graph(UserMessage("yes"), None)  # a new model parses afresh
    assert parsed[-1] == "yes"


async def test_what_is_alive_after_the_model_loads_is_frozen(monkeypatch):
    import gc

    import rasa.core.run as run

    from bot.rasa_ext.server import freeze_after_load

    async def load(*args, **kwargs):
        return "the agent"

    monkeypatch.setattr(run, "load_agent_on_start", load)
    assert not freeze_after_load({"SIGNPOST_GC_FREEZE": "0"}) and run.load_agent_on_start is load
    assert freeze_after_load({})
    gc.unfreeze()
    try:
        assert await run.load_agent_on_start("model", None) == "the agent"
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def _rss_mb() -> float:
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS")) / 1024


def test_memory_freed_in_the_heap_goes_back_to_the_system():
    from bot.rasa_ext.server import give_back_freed_memory

    # 150 MB in blocks glibc's heap holds (not mmap'd); every 20th kept, so the
    # free space is in holes that glibc keeps for the process until trimmed.
    blocks = [bytes(1500) for _ in range(100_000)]
    kept = blocks[::20]
    del blocks
    before = _rss_mb()
    assert give_back_freed_memory()
    assert _rss_mb() < before - 50, (before, _rss_mb())
    del kept

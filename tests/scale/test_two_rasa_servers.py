"""Two Rasa servers on one PostgreSQL tracker store and one Redis lock store,
behind the gateway: conversations move between them without losing or
reordering a message, and survive one of them being killed."""

from __future__ import annotations

import asyncio
import os
import signal
import time
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import aiohttp
import pytest

from bench.conversations import TWENTY_TURNS
from bot.ops.settings import load_settings
from bot.ops.setup import prepare_directory
from bot.ops.supervisor import Stack
from tests.e2e.http import free_port, free_port_pair
from tests.e2e.running import running_stack
from tests.report import LINES
from tests.scale.services import create_database

pytestmark = [pytest.mark.slow, pytest.mark.e2e]

CONVERSATIONS = 20


@pytest.fixture(scope="module")
def scaled(tmp_path_factory, knowledge, postgres, redis_url) -> Iterator[Stack]:
    settings = load_settings()
    if not settings.model_path.exists():
        pytest.fail(f"no trained model at {settings.model_path}: run `make test` first")
    var = tmp_path_factory.mktemp("var-scaled")
    settings = replace(
        settings,
        var_dir=var,
        database_url=create_database(postgres, "signpost"),
        tracker_url=create_database(postgres, "tracker"),
        lock_store_url=redis_url,
        rasa_servers=2,
        rasa_urls_override=(),
        gateway_host="127.0.0.1",
        gateway_port=free_port(),
        rasa_port=free_port_pair(),
        actions_port=free_port(),
        # Every test talks from 127.0.0.1, faster than people: the limits are tested in tests/web.
        chat_per_session=1000,
        chat_per_address=100_000,
    )
    prepare_directory(settings, knowledge)
    with running_stack(settings, timeout=400) as stack:
        assert [name for name in stack.names if name.startswith("rasa")] == ["rasa", "rasa-2"]
        yield stack


async def _user_texts(http: aiohttp.ClientSession, rasa_url: str, token: str, sender: str) -> list[str]:
    async with http.get(f"{rasa_url}/conversations/{sender}/tracker", params={"token": token}) as response:
        assert response.status == 200
        events = (await response.json())["events"]
    return [e["text"] for e in events if e["event"] == "user"]


def test_two_servers_share_conversations_turn_by_turn(scaled: Stack):
    """20 conversations × 20 turns at once, each turn on the other server."""
    urls = scaled.settings.rasa_urls
    token = scaled.settings.rasa_token()
    secret = {"X-Signpost-Secret": scaled.settings.service_secret()}  # bot/rasa_ext/channels.py
    run = os.urandom(3).hex()

    async def conversation(http: aiohttp.ClientSession, index: int) -> list[int]:
        sender = f"alternate-{run}-{index}"
        empty_replies = []
        for turn, text in enumerate(TWENTY_TURNS):
            body = {"sender": sender, "message": text, "metadata": {"channel": "web"}}
            url = f"{urls[(index + turn) % 2]}/webhooks/rest/webhook"
            async with http.post(url, json=body, headers=secret) as response:
                assert response.status == 200, await response.text()
                if not await response.json():
                    empty_replies.append(turn)
        return empty_replies

    async def main() -> tuple[list[list[int]], list[list[str]], list[list[str]]]:
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=120)) as http:
            empties = await asyncio.gather(*(conversation(http, i) for i in range(CONVERSATIONS)))
            senders = [f"alternate-{run}-{i}" for i in range(CONVERSATIONS)]
            # Each server reads the same store, so both must see the same history.
            seen = [await asyncio.gather(*(_user_texts(http, url, token, s) for s in senders)) for url in urls]
        return empties, seen[0], seen[1]

    empties, seen_first, seen_second = asyncio.run(main())
    assert all(not e for e in empties), f"turns with no reply: {empties}"
    for history in (*seen_first, *seen_second):
        assert history == TWENTY_TURNS
    LINES.append(
        f"scale-out: {CONVERSATIONS}×{len(TWENTY_TURNS)} turns alternating 2 Rasa servers, none lost or out of order"
    )


def test_a_killed_server_hands_its_conversations_to_the_other(scaled: Stack):
    """Through the gateway, which spreads conversations over both servers: one is
    killed (SIGKILL) while 20 conversations are mid-flow; every message is answered."""
    gateway = f"http://127.0.0.1:{scaled.settings.gateway_port}/api/chat"
    token = scaled.settings.rasa_token()
    run = os.urandom(3).hex()
    victim = scaled.services["rasa-2"]
    assert victim.process is not None
    total = CONVERSATIONS * len(TWENTY_TURNS)
    sent = 0
    killed_at: list[int] = []
    slowest: list[float] = []
    kill_after = total // 3

    async def conversation(http: aiohttp.ClientSession, index: int) -> list[Any]:
        nonlocal sent
        failures = []
        for text in TWENTY_TURNS:
            started = time.monotonic()
            async with http.post(gateway, json={"session": f"failover-{run}-{index}", "message": text}) as response:
                data = await response.json()
                slowest.append(time.monotonic() - started)
                if response.status != 200 or not data.get("messages"):
                    failures.append((text, response.status, data))
            sent += 1
            if sent >= kill_after and not killed_at:
                killed_at.append(sent)
                os.killpg(victim.process.pid, signal.SIGKILL)
        return failures

    async def main() -> tuple[list[list[Any]], list[list[str]]]:
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=120)) as http:
            failures = await asyncio.gather(*(conversation(http, i) for i in range(CONVERSATIONS)))
            survivor = scaled.settings.rasa_urls[0]
            seen = await asyncio.gather(
                *(_user_texts(http, survivor, token, f"failover-{run}-{i}") for i in range(CONVERSATIONS))
            )
        return failures, seen

    failures, seen = asyncio.run(main())
    assert killed_at, "the server was never killed"
    assert not victim.running
    assert [f for per_conversation in failures for f in per_conversation] == []
    for history in seen:
        assert history == TWENTY_TURNS
    LINES.append(
        f"scale-out: Rasa server 2 killed after {killed_at[0]} of {total} messages; all {total} answered, "
        f"every conversation complete and in order on server 1; slowest answer {max(slowest):.1f} s "
        "(waiting for the dead server's lock to expire)"
    )

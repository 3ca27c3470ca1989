"""Faults against `signpost run` itself (issue 16): real processes, one fault at a
time, every message looked up in the tracker store by its id afterwards.

Before issue 16: a crash of Rasa or the action server stopped every service; a
locked or corrupt tracker store answered 200 and saved nothing; Rasa slower than
the gateway's timeout answered a retry twice. The 10-minute soak with all of
these is `python -m bench.faults` (in `make bench`).
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import threading
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import aiohttp
import pytest

from bench.faults import Running, Sent, account, lock_tracker, send_until_answered, signpost_run, stored_ids

pytestmark = [pytest.mark.slow, pytest.mark.e2e]

ANSWER_WITHIN = (
    10  # the gateway's wait for Rasa here (SIGNPOST_RASA_TIMEOUT; 30 by default): above SQLite's 5 s busy wait
)


@pytest.fixture(scope="module")
def running(tmp_path_factory):
    with signpost_run(tmp_path_factory.mktemp("faults"), answer_within=ANSWER_WITHIN) as running:
        yield running


async def _conversations(running: Running, seconds: float, during: object, people: int = 4) -> list[Sent]:
    """`people` claimants typing for `seconds`; `during()` runs in a thread after a second."""
    sent: list[Sent] = []
    until = time.monotonic() + seconds
    texts = ["hello", "I need help with debt", "Leeds", "what is the benefit cap", "thank you"]

    async def claimant(http: aiohttp.ClientSession, index: int) -> None:
        session = f"fault-{index}-{uuid.uuid4().hex[:8]}"
        turn = 0
        while time.monotonic() < until:
            message = Sent(session, texts[turn % len(texts)], f"m-{uuid.uuid4().hex}", time.monotonic())
            sent.append(message)
            await send_until_answered(http, running.gateway, message)
            turn += 1
            await asyncio.sleep(0.3)

    async def fault() -> None:
        await asyncio.sleep(1)
        await asyncio.to_thread(during)

    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60)) as http:
        await asyncio.gather(*(claimant(http, i) for i in range(people)), fault())
    return sent


def _chat(running: Running, body: dict) -> tuple[int, dict]:
    request = urllib.request.Request(
        f"{running.gateway}/api/chat", data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read())


def _health(running: Running) -> dict:
    token = running.env["SIGNPOST_RASA_TOKEN"]
    request = urllib.request.Request(f"{running.gateway}/healthz", headers={"Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read())
    except urllib.error.HTTPError as err:
        return json.loads(err.read())


def _assert_all_accounted(sent: list[Sent], running: Running) -> dict:
    result = account(sent, running.tracker)
    assert result["lost"] == 0, result
    assert result["duplicated"] == 0, result
    assert result["sent"] == result["answered"] > 10
    return result


def test_rasa_and_the_action_server_answer_only_the_gateway(running):
    # Issue 16: Rasa's REST channel and the action server took messages from anyone who could reach them.
    body = json.dumps({"sender": "intruder-1", "message": "hello"}).encode()
    for url in (f"http://127.0.0.1:{running.rasa_port}/webhooks/rest/webhook",
                f"http://127.0.0.1:{running.actions_port}/webhook"):  # fmt: skip
        request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
        assert refused.value.code == 401, url
    with pytest.raises(urllib.error.HTTPError) as missing:  # no socketio channel at all
        urllib.request.urlopen(f"http://127.0.0.1:{running.rasa_port}/webhooks/socketio/", timeout=10)
    assert missing.value.code == 404
    # ...and the token is on no command line (`ps` shows them to every user).
    token, secret = running.env["SIGNPOST_RASA_TOKEN"], running.env["SIGNPOST_SERVICE_SECRET"]
    for what in ("rasa", "standby", "actions"):
        cmdline = Path(f"/proc/{running.pid(what)}/cmdline").read_bytes().decode()
        assert token not in cmdline and secret not in cmdline, what


def test_kill_9_rasa_mid_conversation_loses_nothing_and_it_is_restarted(running):
    before = running.pid("rasa")
    sent = asyncio.run(_conversations(running, 12, lambda: running.kill("rasa")))
    result = _assert_all_accounted(sent, running)
    # The standby took the messages at once: nobody waited for Rasa to load again.
    slowest = max(m.answered_at - m.at for m in sent)
    assert slowest < 30, (slowest, result)
    running.wait_serving("rasa", timeout=120)
    assert running.pid("rasa") != before
    assert any("Rasa server" in line and "starting it again" in line for line in running.output)


def test_kill_9_the_action_server_mid_conversation_loses_nothing(running):
    before = running.pid("actions")
    sent = asyncio.run(_conversations(running, 10, lambda: running.kill("actions")))
    _assert_all_accounted(sent, running)
    assert running.pid("actions") != before
    # Served again within 30 s of the crash (issue 16): every message here was answered in less.
    assert max(m.answered_at - m.at for m in sent) < 30


def test_rasa_slower_than_the_gateway_is_answered_once(running):
    session, message_id = f"slow-{uuid.uuid4().hex[:8]}", f"m-{uuid.uuid4().hex}"
    body = {"session": session, "message": "I need help with debt", "id": message_id}
    pid = running.kill("rasa", signal.SIGSTOP)
    try:
        status, data = _chat(running, body)
        assert status == 504 and data["error"]["code"] == "still_working"
        # The claimant sends it again while Rasa is still stuck: still not sent twice.
        status, _ = _chat(running, {**body, "resend": True})
        assert status == 504
    finally:
        os.kill(pid, signal.SIGCONT)
    time.sleep(3)
    status, data = _chat(running, {**body, "resend": True})
    assert status == 200 and data["messages"]
    assert account([Sent(session, body["message"], message_id, 0.0, 1, 1.0)], running.tracker)["duplicated"] == 0

    assert stored_ids(running.tracker)[message_id] == 1


def test_a_locked_tracker_store_fails_the_message_and_health_says_so(running):
    session, message_id = f"locked-{uuid.uuid4().hex[:8]}", f"m-{uuid.uuid4().hex}"
    body = {"session": session, "message": "hello", "id": message_id}
    holder = threading.Thread(target=lock_tracker, args=(running.tracker, 12))
    holder.start()
    time.sleep(0.5)
    try:
        status, data = _chat(running, body)
        assert status == 503 and data["error"]["code"] == "not_saved"
        health = _health(running)
        assert health["status"] == "degraded"
        assert health["components"]["tracker_store"]["status"] == "down"
    finally:
        holder.join()
    status, data = _chat(running, {**body, "resend": True})
    assert status == 200 and data["messages"]

    assert stored_ids(running.tracker)[message_id] == 1
    assert _health(running)["status"] == "ok"


def test_a_corrupt_tracker_store_fails_the_message_never_a_silent_200(running):
    # Last: the store stays broken. Every file SQLite keeps is overwritten, as a failed disk would.
    for suffix in ("", "-wal", "-shm"):
        path = running.tracker.with_name(running.tracker.name + suffix)
        if path.exists():
            path.write_bytes(b"not a database!!" * max(1, path.stat().st_size // 16))
    status, data = _chat(running, {"session": f"corrupt-{uuid.uuid4().hex[:8]}", "message": "hello"})
    assert status == 503 and data["error"]["code"] == "not_saved"
    assert _health(running)["components"]["tracker_store"]["status"] == "down"

"""The gateway's Rasa client over several servers: which server a conversation
goes to, and what happens when one fails before, during or after a message."""

from __future__ import annotations

import asyncio

import pytest
from aiohttp import web

from bot.web.messages import INCOMPLETE_NOTICE
from bot.web.rasa_client import (
    MESSAGE_ID_KEY,
    NotSaved,
    RasaClient,
    RasaUnavailable,
    StillWorking,
    normalise_messages,
    replies_after,
)
from tests.e2e.http import free_port


def _store_app(store: dict[str, list[dict]], mode: dict[str, str], calls: list[str]) -> web.Application:
    """A fake Rasa sharing `store` (the tracker store) with its peers. `mode["how"]`:
    ok, die_after_save (the connection drops once the turn is saved),
    die_before_save (it drops first), slow, not_saved (the tracker store failed:
    503 and nothing kept), incomplete (an action failed part way)."""

    async def webhook(request: web.Request) -> web.Response:
        body = await request.json()
        calls.append(body["message"])
        mode["secret"] = request.headers.get("X-Signpost-Secret", "")
        how = mode.get("how", "ok")
        if how == "slow":
            await asyncio.sleep(float(mode.get("seconds", 2)))
        if how == "not_saved":
            return web.json_response({"error": "not_saved"}, status=503)
        if how == "die_before_save":
            request.transport.close()
            return web.Response()
        reply = {"event": "bot", "text": f"re: {body['message']}", "data": {"buttons": []}}
        user = {"event": "user", "text": body["message"], "metadata": body.get("metadata")}
        store.setdefault(body["sender"], []).extend([user, reply])
        if how == "die_after_save":
            request.transport.close()
            return web.Response()
        headers = {"X-Signpost-Incomplete": "1"} if how == "incomplete" else {}
        return web.json_response([{"text": reply["text"]}], headers=headers)

    async def tracker(request: web.Request) -> web.Response:
        return web.json_response({"events": store.get(request.match_info["sender"], [])})

    app = web.Application()
    app.router.add_post("/webhooks/rest/webhook", webhook)
    app.router.add_get("/conversations/{sender}/tracker", tracker)
    return app


@pytest.fixture
async def two_servers(aiohttp_server):
    store: dict[str, list[dict]] = {}
    servers = []
    for _ in range(2):
        mode: dict[str, str] = {}
        calls: list[str] = []
        server = await aiohttp_server(_store_app(store, mode, calls))
        server.mode, server.calls = mode, calls
        servers.append(server)
    return store, servers


def _url(server) -> str:
    return str(server.make_url("")).rstrip("/")


def _sender_preferring(client: RasaClient, url: str) -> str:
    return next(s for s in (f"chat-{i}" for i in range(100)) if client.order_for(s)[0] == url)


def test_conversations_spread_over_servers_and_stay_put():
    client = RasaClient(["http://a:1", "http://b:1", "http://c:1"], "t")
    first = [client.order_for(f"chat-{i}")[0] for i in range(300)]
    assert first == [client.order_for(f"chat-{i}")[0] for i in range(300)]
    assert all(70 <= first.count(url) <= 130 for url in client.servers), {u: first.count(u) for u in client.servers}
    # Taking one server away moves only its own conversations.
    fewer = RasaClient(["http://a:1", "http://b:1"], "t")
    moved = [i for i, url in enumerate(first) if url != "http://c:1" and fewer.order_for(f"chat-{i}")[0] != url]
    assert moved == []


async def test_an_unreachable_server_is_skipped(two_servers):
    _, (up, _) = two_servers
    dead = f"http://127.0.0.1:{free_port()}"
    client = RasaClient([dead, _url(up)], "t")
    sender = _sender_preferring(client, dead)
    assert await client.send(sender, "hello") == [{"text": "re: hello", "buttons": []}]
    assert client.order_for(sender)[0] == _url(up)  # marked down for a while
    await client.close()


async def test_a_turn_saved_before_the_server_died_is_not_sent_twice(two_servers):
    store, (first, second) = two_servers
    client = RasaClient([_url(first), _url(second)], "t")
    sender = _sender_preferring(client, _url(first))
    first.mode["how"] = "die_after_save"
    assert await client.send(sender, "I need help with debt") == [{"text": "re: I need help with debt", "buttons": []}]
    assert first.calls == ["I need help with debt"] and second.calls == []
    assert [e["text"] for e in store[sender] if e["event"] == "user"] == ["I need help with debt"]
    await client.close()


async def test_a_turn_lost_with_the_server_is_sent_to_the_next(two_servers):
    store, (first, second) = two_servers
    client = RasaClient([_url(first), _url(second)], "t")
    sender = _sender_preferring(client, _url(first))
    first.mode["how"] = "die_before_save"
    assert await client.send(sender, "Leeds") == [{"text": "re: Leeds", "buttons": []}]
    assert second.calls == ["Leeds"]
    assert [e["text"] for e in store[sender] if e["event"] == "user"] == ["Leeds"]
    await client.close()


async def test_a_slow_server_is_not_sent_the_message_again(two_servers):
    _, (first, second) = two_servers
    client = RasaClient([_url(first), _url(second)], "t", timeout=0.5)
    sender = _sender_preferring(client, _url(first))
    first.mode["how"] = "slow"
    with pytest.raises(RasaUnavailable):
        await client.send(sender, "hello")
    assert second.calls == []
    await client.close()


async def test_a_slow_answer_is_kept_for_the_same_message_id(two_servers):
    # Issue 16: Rasa slower than the gateway's timeout still processed the message,
    # and the claimant's retry was stored and answered twice.
    store, (first, second) = two_servers
    client = RasaClient([_url(first), _url(second)], "t", timeout=0.3)
    sender = _sender_preferring(client, _url(first))
    first.mode.update(how="slow", seconds="1")
    with pytest.raises(StillWorking):
        await client.send(sender, "hello", message_id="m-00000001")
    # Sent again while Rasa is still on it: the same work is awaited, not sent again.
    with pytest.raises(StillWorking):
        await client.send(sender, "hello", message_id="m-00000001", resend=True)
    await asyncio.sleep(1.0)
    answer = await client.send(sender, "hello", message_id="m-00000001", resend=True)
    assert answer == [{"text": "re: hello", "buttons": []}]
    assert first.calls == ["hello"] and second.calls == []
    assert [e["text"] for e in store[sender] if e["event"] == "user"] == ["hello"]
    await client.close()


async def test_a_resend_after_the_gateway_restarted_is_found_in_the_store(two_servers):
    _, (first, second) = two_servers
    before = RasaClient([_url(first), _url(second)], "t")
    sender = _sender_preferring(before, _url(first))
    await before.send(sender, "Leeds", message_id="m-00000002")
    await before.close()
    after = RasaClient([_url(first), _url(second)], "t")  # a new gateway: nothing kept in memory
    assert await after.send(sender, "Leeds", message_id="m-00000002", resend=True) == [
        {"text": "re: Leeds", "buttons": []}
    ]
    assert first.calls + second.calls == ["Leeds"]
    await after.close()


async def test_a_message_rasa_could_not_save_fails_and_is_not_sent_elsewhere(two_servers):
    store, (first, second) = two_servers
    client = RasaClient([_url(first), _url(second)], "t")
    sender = _sender_preferring(client, _url(first))
    first.mode["how"] = "not_saved"
    with pytest.raises(NotSaved):
        await client.send(sender, "hello", message_id="m-00000003")
    assert second.calls == [] and store == {}
    # Nothing was kept, so the same message may be sent again, and is.
    first.mode["how"] = "ok"
    assert await client.send(sender, "hello", message_id="m-00000003", resend=True) == [
        {"text": "re: hello", "buttons": []}
    ]
    await client.close()


async def test_an_incomplete_turn_says_so_and_the_secret_is_sent(two_servers):
    _, (first, second) = two_servers
    client = RasaClient([_url(first), _url(second)], "t", secret="s3cret")
    sender = _sender_preferring(client, _url(first))
    first.mode["how"] = "incomplete"
    answer = await client.send(sender, "hello")
    assert answer[-1] == {"text": INCOMPLETE_NOTICE, "buttons": []}
    assert first.mode["secret"] == "s3cret"
    await client.close()


async def test_the_standby_is_tried_only_when_every_server_fails(two_servers):
    _, (first, standby) = two_servers
    client = RasaClient([_url(first)], "t", standby=[_url(standby)])
    assert client.order_for("anyone") == [_url(first), _url(standby)]
    await client.send("anyone", "hello")
    assert first.calls == ["hello"] and standby.calls == []
    dead = RasaClient([f"http://127.0.0.1:{free_port()}"], "t", standby=[_url(standby)])
    assert await dead.send("anyone", "hi") == [{"text": "re: hi", "buttons": []}]
    assert standby.calls == ["hi"]
    await client.close()
    await dead.close()


def test_replies_after_finds_only_the_tagged_turn():
    events = [
        {"event": "user", "text": "a", "metadata": {MESSAGE_ID_KEY: "1"}},
        {"event": "bot", "text": "reply a", "data": {"buttons": [{"title": "Yes", "payload": "/affirm"}]}},
        {"event": "action", "name": "action_listen"},
        {"event": "user", "text": "b", "metadata": {MESSAGE_ID_KEY: "2"}},
        {"event": "bot", "text": "reply b"},
        "junk",
    ]
    assert replies_after(events, "1") == [{"text": "reply a", "buttons": [{"title": "Yes", "payload": "/affirm"}]}]
    assert replies_after(events, "2") == [{"text": "reply b", "buttons": []}]
    assert replies_after(events, "3") is None
    assert replies_after(None, "1") is None


REF = "SGN-4K7Q"
SHAPES = [
    # Rasa's REST channel: the text, then the action's data as an item of its own.
    (
        [{"text": "Your reference is SGN-4K7Q."}, {"custom": {"handoff_reference": REF}}],
        [{"text": "Your reference is SGN-4K7Q.", "buttons": [], "handoff_reference": REF}],
    ),
    # A tracker event keeps both in one.
    ([{"text": "Hi", "custom": {"handoff_reference": REF}}], [{"text": "Hi", "buttons": [], "handoff_reference": REF}]),
    # Only data: a message of its own.
    ([{"custom": {"handoff_reference": REF}}], [{"text": "", "buttons": [], "handoff_reference": REF}]),
    # A reference in the words alone is not data; a malformed one is dropped.
    ([{"text": "Your reference is SGN-4K7Q."}], [{"text": "Your reference is SGN-4K7Q.", "buttons": []}]),
    ([{"text": "x"}, {"custom": {"handoff_reference": "<b>SGN-0000</b>"}}], [{"text": "x", "buttons": []}]),
    ([{"text": "x", "custom": ["not", "a", "mapping"]}], [{"text": "x", "buttons": []}]),
]


@pytest.mark.parametrize(("raw", "expected"), SHAPES)
def test_a_handoff_reference_passes_as_data(raw, expected):
    assert normalise_messages(raw) == expected


CARD = {"name": "Test Money Project", "phone": "0113 496 0001", "why": "It is local to Leeds."}
SERVICE_SHAPES = [
    # A service sent as data joins the message with its words (issue 18: "Print or save these").
    ([{"text": "Test Money Project"}, {"custom": {"services": [CARD]}}], [{"text": "Test Money Project", "buttons": [], "services": [CARD]}]),
    # Unknown fields, wrong types, empty and huge values are dropped; a card without a name is dropped.
    (
        [{"text": "x"}, {"custom": {"services": [{**CARD, "script": "<b>", "phone": 7, "email": "", "how": "y" * 1001}, {"phone": "1"}, "junk"]}}],
        [{"text": "x", "buttons": [], "services": [{"name": CARD["name"], "why": CARD["why"]}]}],
    ),
    ([{"text": "x"}, {"custom": {"services": "not a list"}}], [{"text": "x", "buttons": []}]),
    # At most ten per message.
    ([{"text": "x", "custom": {"services": [{"name": f"s{i}"} for i in range(30)]}}], [{"text": "x", "buttons": [], "services": [{"name": f"s{i}"} for i in range(10)]}]),
    # Services and a reference together.
    (
        [{"text": "x"}, {"custom": {"services": [CARD], "handoff_reference": REF}}],
        [{"text": "x", "buttons": [], "handoff_reference": REF, "services": [CARD]}],
    ),
]  # fmt: skip


@pytest.mark.parametrize(("raw", "expected"), SERVICE_SHAPES)
def test_services_pass_as_data_and_nothing_else_does(raw, expected):
    assert normalise_messages(raw) == expected

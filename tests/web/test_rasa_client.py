"""The gateway's Rasa client over several servers: which server a conversation
goes to, and what happens when one fails before, during or after a message."""

from __future__ import annotations

import pytest
from aiohttp import web

from bot.web.rasa_client import MESSAGE_ID_KEY, RasaClient, RasaUnavailable, normalise_messages, replies_after
from tests.e2e.http import free_port


def _store_app(store: dict[str, list[dict]], mode: dict[str, str], calls: list[str]) -> web.Application:
    """A fake Rasa sharing `store` (the tracker store) with its peers. `mode["how"]`:
    ok, die_after_save (the connection drops once the turn is saved),
    die_before_save (it drops first), slow."""

    async def webhook(request: web.Request) -> web.Response:
        body = await request.json()
        calls.append(body["message"])
        how = mode.get("how", "ok")
        if how == "slow":
            import asyncio

            await asyncio.sleep(2)
        if how == "die_before_save":
            request.transport.close()
            return web.Response()
        reply = {"event": "bot", "text": f"re: {body['message']}", "data": {"buttons": []}}
        user = {"event": "user", "text": body["message"], "metadata": body.get("metadata")}
        store.setdefault(body["sender"], []).extend([user, reply])
        if how == "die_after_save":
            request.transport.close()
            return web.Response()
        return web.json_response([{"text": reply["text"]}])

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

"""A small fake Rasa REST channel for gateway and page tests; the end-to-end
test talks to the real one."""

from __future__ import annotations

import asyncio
import re
from dataclasses import replace

import pytest
from aiohttp import web

from bot.ops.settings import load_settings
from bot.web import app as app_module
from bot.web.app import create_app
from bot.web.rasa_client import MESSAGE_ID_KEY, RasaClient


@pytest.fixture
async def fake_rasa(aiohttp_server):
    received: list[dict] = []
    ids: list[str] = []  # the message id of each, in order
    clients: list[str] = []  # the client hash of each

    async def webhook(request: web.Request) -> web.Response:
        body = await request.json()
        # Every message carries the gateway's id, for failing over without answering twice.
        message_id = (body.get("metadata") or {}).pop(MESSAGE_ID_KEY, None)
        if not isinstance(message_id, str) or not re.fullmatch(r"[A-Za-z0-9_-]{8,64}", message_id):
            return web.Response(status=500, text=f"no gateway message id: {message_id!r}")
        # And a keyed hash of the client's address (issue 19), never the address itself.
        client = (body.get("metadata") or {}).pop("client", None)
        if not isinstance(client, str) or not re.fullmatch(r"[0-9a-f]{32}", client) or "127.0.0.1" in client:
            return web.Response(status=500, text=f"no client hash: {client!r}")
        clients.append(client)
        received.append(body)
        ids.append(message_id)
        if body["message"] == "crash please":
            return web.Response(status=500)
        if body["message"] == "not saved please":
            # As bot/rasa_ext/channels.py answers when the tracker store failed.
            return web.json_response({"error": "not_saved"}, status=503)
        if body["message"] == "slow please":
            await asyncio.sleep(1)
        if body["message"] == "ticket please":
            # As Rasa's REST channel sends an action's text with a json_message: the data as its own item.
            return web.json_response(
                [
                    {
                        "recipient_id": body["sender"],
                        "text": "I have passed this to a Work Coach. Your reference is SGN-4K7Q.",
                    },
                    {"recipient_id": body["sender"], "custom": {"handoff_reference": "SGN-4K7Q"}},
                ]
            )
        if body["message"] == "services please":
            # As the signposting action sends a service: its words, then the same as data.
            card = {
                "name": "Leeds Test Money Project",
                "summary": "Free debt advice.",
                "why": "It is local to Leeds, and gives help with debt.",
                "phone": "0113 496 0001",
                "website": "https://example.org/money",
                "hours": "Monday to Friday, 9am to 5pm",
                "how": "Call them.",
            }
            return web.json_response(
                [
                    {"recipient_id": body["sender"], "text": "You can try this place for help with debt:"},
                    {"recipient_id": body["sender"], "text": "Leeds Test Money Project\nFree debt advice."},
                    {"recipient_id": body["sender"], "custom": {"services": [card]}},
                ]
            )
        if body["message"] == "/greet":
            return web.json_response(
                [
                    {
                        "text": "Hello. What do you need help with?",
                        "buttons": [{"title": "Debt", "payload": "/need_debt"}],
                    }
                ]
            )
        return web.json_response(
            [
                {"recipient_id": body["sender"], "text": f"echo: {body['message']}"},
                {
                    "recipient_id": body["sender"],
                    "text": "Pick one",
                    "buttons": [{"title": "Debt", "payload": "/need_debt"}],
                },
                {"recipient_id": body["sender"], "image": "http://x/y.png"},
                "junk",
            ]
        )

    async def tracker(request: web.Request) -> web.Response:
        if request.query.get("token") != "test-token":
            return web.Response(status=401)
        events = [
            {"event": "action", "name": "action_listen", "timestamp": 1700000000.0},
            {"event": "user", "text": "<img src=x onerror=alert(1)> help with debt", "timestamp": 1700000001.0},
            {"event": "bot", "text": "You can try these places:", "timestamp": 1700000002.0},
            {"event": "slot", "name": "need", "value": "debt"},
        ]
        return web.json_response({"sender_id": request.match_info["sender"], "events": events})

    async def status(request: web.Request) -> web.Response:
        if request.query.get("token") != "test-token":
            return web.Response(status=401)
        return web.json_response({"model_file": "/models/signpost.tar.gz"})

    app = web.Application()
    app.router.add_post("/webhooks/rest/webhook", webhook)
    app.router.add_get("/status", status)
    app.router.add_get("/conversations/{sender}/tracker", tracker)
    server = await aiohttp_server(app)
    server.received = received
    server.ids = ids
    server.clients = clients
    return server


@pytest.fixture
def gateway_app(fake_rasa, tmp_path, directory) -> web.Application:
    settings = replace(
        load_settings(),
        var_dir=tmp_path,
        database_url="sqlite://",
        tracker_url=f"sqlite:///{tmp_path / 'tracker.db'}",
        actions_port=1,
    )
    app = create_app(settings, rasa=RasaClient(str(fake_rasa.make_url("")), "test-token"), purge_on_start=False)
    app[app_module.DIRECTORY] = directory
    return app


@pytest.fixture
async def client(aiohttp_client, gateway_app):
    return await aiohttp_client(gateway_app)

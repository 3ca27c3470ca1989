"""The gateway with aiohttp's test client. Rasa is a small fake server here;
the end-to-end test talks to the real one."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from bot.core.paths import ROOT
from bot.kiosk.keys import key_for
from bot.knowledge import get_knowledge
from bot.ops.settings import load_settings
from bot.safeguarding.replies import next_step_buttons
from bot.signposting.replies import also_mentioned, fsf_mention
from bot.web.app import SETTINGS, TRACKER, create_app
from bot.web.rasa_client import RasaClient
from bot.web.validation import allowed_payloads


async def test_chat_round_trip(client, fake_rasa):
    response = await client.post("/api/chat", json={"session": "abcdef123456", "message": "hello"})
    assert response.status == 200
    data = await response.json()
    assert data == {
        "messages": [
            {"text": "echo: hello", "buttons": []},
            {"text": "Pick one", "buttons": [{"title": "Debt", "payload": "/need_debt"}]},
        ],
        "redacted": [],
        "said": "hello",
    }
    assert fake_rasa.received == [{"sender": "abcdef123456", "message": "hello", "metadata": {"channel": "web"}}]


async def test_a_kiosk_sends_its_site_and_an_unknown_site_is_refused(client, fake_rasa):
    key = key_for(client.server.app[SETTINGS].kiosk_secret(), "example-leeds")
    body = {"session": "kiosk-123456", "message": "hello", "site": "example-leeds", "kiosk_key": key}
    ok = await client.post("/api/chat", json=body)
    assert ok.status == 200
    assert fake_rasa.received[-1]["metadata"] == {"channel": "kiosk", "site": "example-leeds"}
    for site, code in (("nowhere-at-all", "unknown_site"), ("<script>", "invalid_site"), (7, "invalid_site")):
        bad = await client.post("/api/chat", json={"session": "kiosk-123456", "message": "hello", "site": site})
        assert bad.status == 400 and (await bad.json())["error"]["code"] == code


@pytest.mark.parametrize(
    "key",
    [None, "A" * 43, "wrong-key-of-the-right-shape-but-not-this-sites"],
    ids=["no key", "made up", "another"],
)
async def test_a_site_without_its_key_is_ignored(client, fake_rasa, key):
    # Issue 16: ten requests naming a site made ten urgent "kiosk" handoffs. Without
    # the site's key the message is an ordinary web message.
    body = {"session": "kiosk-123456", "message": "hello", "site": "example-leeds"}
    if key:
        body["kiosk_key"] = key
    response = await client.post("/api/chat", json=body)
    assert response.status == 200
    assert fake_rasa.received[-1]["metadata"] == {"channel": "web"}


async def test_one_sites_key_does_not_open_another(client, fake_rasa):
    sites = [s.id for s in get_knowledge().sites]
    other = key_for(client.server.app[SETTINGS].kiosk_secret(), sites[1])
    body = {"session": "kiosk-123456", "message": "hello", "site": sites[0], "kiosk_key": other}
    await client.post("/api/chat", json=body)
    assert fake_rasa.received[-1]["metadata"] == {"channel": "web"}


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("kiosk_key", 7, "invalid_kiosk_key"),
        ("kiosk_key", "short", "invalid_kiosk_key"),
        ("id", "a b", "invalid_message_id"),
        ("id", "x" * 65, "invalid_message_id"),
        ("id", "abcdefgh\n", "invalid_message_id"),
        ("id", ["m-12345678"], "invalid_message_id"),
        ("resend", "yes", "invalid_resend"),
    ],
)
async def test_bad_message_ids_and_keys_are_named(client, fake_rasa, field, value, code):
    response = await client.post("/api/chat", json={"session": "abcdef123456", "message": "hi", field: value})
    assert response.status == 400 and (await response.json())["error"]["code"] == code
    assert fake_rasa.received == []


async def test_a_message_sent_again_with_its_id_is_answered_once(client, fake_rasa):
    body = {"session": "abcdef123456", "message": "I need help with debt", "id": "m-0123456789abcdef"}
    first = await (await client.post("/api/chat", json=body)).json()
    again = await (await client.post("/api/chat", json={**body, "resend": True})).json()
    assert again["messages"] == first["messages"]
    assert len(fake_rasa.received) == 1
    other = await client.post("/api/chat", json={**body, "id": "m-another-message"})
    assert other.status == 200 and len(fake_rasa.received) == 2


async def test_identifiers_never_reach_rasa_and_the_claimant_is_told(client, fake_rasa):
    message = "my NI is AB123456C, call 07700 900123, I live at LS1 4AP"
    response = await client.post("/api/chat", json={"session": "abcdef123456", "message": message})
    data = await response.json()
    sent = fake_rasa.received[-1]["message"]
    assert sent == "my NI is [NI number], call [phone number], I live at LS1"
    assert data["redacted"] == ["phone_number", "ni_number", "postcode"]
    assert data["said"] == sent  # what the widget keeps
    assert data["messages"][0]["text"].startswith("To keep you safe, I did not keep a phone number")
    assert data["messages"][1]["text"] == f"echo: {sent}"


async def test_public_helplines_are_kept(client, fake_rasa):
    # The assistant gives these numbers itself: a claimant repeating one keeps it.
    await client.post("/api/chat", json={"session": "abcdef123456", "message": "is 0808 2000 247 free to call"})
    assert fake_rasa.received[-1]["message"] == "is 0808 2000 247 free to call"


async def test_button_payload_passes(client, fake_rasa):
    response = await client.post("/api/chat", json={"session": "abcdef123456", "message": "/need_debt"})
    assert response.status == 200


def test_nesting_is_measured_outside_strings():
    from bot.web.validation import _depth

    assert _depth('{"a": [1, {"b": 2}]}') == 3
    assert _depth('{"message": "[[[[[[[[ \\" {{{{"}') == 1  # brackets and an escaped quote inside a string


BAD_REQUESTS = [
    # (raw body, status, error code)
    (b"", 400, "empty_body"),
    (b"   ", 400, "empty_body"),
    (b"{not json", 400, "invalid_json"),
    (b"[1, 2]", 400, "invalid_json"),
    (b'"just a string"', 400, "invalid_json"),
    (b"\xff\xfe\x00", 400, "invalid_json"),
    (json.dumps({"message": "hi"}).encode(), 400, "invalid_session"),
    (json.dumps({"session": 12345678, "message": "hi"}).encode(), 400, "invalid_session"),
    (json.dumps({"session": "short", "message": "hi"}).encode(), 400, "invalid_session"),
    (json.dumps({"session": "../../etc/passwd", "message": "hi"}).encode(), 400, "invalid_session"),
    (json.dumps({"session": "abcdef123456"}).encode(), 400, "invalid_message"),
    (json.dumps({"session": "abcdef123456", "message": None}).encode(), 400, "invalid_message"),
    (json.dumps({"session": "abcdef123456", "message": ["a"]}).encode(), 400, "invalid_message"),
    (json.dumps({"session": "abcdef123456", "message": {"text": "a"}}).encode(), 400, "invalid_message"),
    (json.dumps({"session": "abcdef123456", "message": 42}).encode(), 400, "invalid_message"),
    (json.dumps({"session": "abcdef123456", "message": ""}).encode(), 400, "empty_message"),
    (json.dumps({"session": "abcdef123456", "message": " \n\t "}).encode(), 400, "empty_message"),
    (json.dumps({"session": "abcdef123456", "message": "x" * 1001}).encode(), 413, "message_too_long"),
    (json.dumps({"session": "abcdef123456", "message": "bell\x07"}).encode(), 400, "control_characters"),
    (json.dumps({"session": "abcdef123456", "message": "nul\u0000"}).encode(), 400, "control_characters"),
    (b'{"session": "abcdef123456", "message": "\\ud800"}', 400, "invalid_message"),
    (
        json.dumps({"session": "abcdef123456", "message": '/need_debt{"area": "Leeds"}'}).encode(),
        400,
        "invalid_command",
    ),
    (b'{"session": "abcdef123456", "message": "' + b"x" * 20000 + b'"}', 413, "body_too_large"),
    # issue 16: these gave a 500 and a traceback
    (b'{"session": "abcdef123456", "message": "hi", "x": ' + b"[" * 5000 + b"]" * 5000 + b"}", 400, "json_too_deep"),
    (b'{"session": "abcdef123456", "message": "hi", "n": ' + b"9" * 5000 + b"}", 400, "number_too_large"),
    (json.dumps({"session": "abcdef123456\n", "message": "hi"}).encode(), 400, "invalid_session"),
    (json.dumps({"session": "abcdef123456", "message": "hi", "site": "leeds\n"}).encode(), 400, "invalid_site"),
]


@pytest.mark.parametrize(("body", "status", "code"), BAD_REQUESTS)
async def test_bad_input_gets_a_named_error(client, fake_rasa, body, status, code):
    response = await client.post("/api/chat", data=body, headers={"Content-Type": "application/json"})
    assert response.status == status
    error = (await response.json())["error"]
    assert error["code"] == code
    assert error["message"]
    assert fake_rasa.received == [], "bad input must never reach Rasa"


GOOD_ODD_MESSAGES = [
    "<img src=x onerror=alert(1)>",
    "'; DROP TABLE partners; --",
    "Zażółć gęślą jaźń",
    "مرحبا، أحتاج مساعدة",
    "I need help 🙏🏽 with debt",
    "x" * 1000,
    "line one\nline two",
    "e\u0301",  # combining accent: normalised, not refused
]


@pytest.mark.parametrize("message", GOOD_ODD_MESSAGES)
async def test_odd_but_valid_text_reaches_rasa_unchanged_in_meaning(client, fake_rasa, message):
    response = await client.post("/api/chat", json={"session": "abcdef123456", "message": message})
    assert response.status == 200
    assert len(fake_rasa.received) == 1


async def test_wrong_method_and_unknown_path(client):
    response = await client.get("/api/chat")
    assert response.status == 405
    assert (await response.json())["error"]["code"] == "http_405"
    assert (await client.get("/api/nothing")).status == 404


async def test_rasa_error_is_a_clear_503(client):
    response = await client.post("/api/chat", json={"session": "abcdef123456", "message": "crash please"})
    assert response.status == 503
    error = (await response.json())["error"]
    assert error["code"] == "assistant_unavailable"
    assert "not sent" in error["message"]


async def test_rasa_down_is_a_clear_503(aiohttp_client, tmp_path, directory):
    settings = replace(load_settings(), var_dir=tmp_path, database_url="sqlite://")
    app = create_app(settings, rasa=RasaClient("http://127.0.0.1:9", "t", timeout=2))
    response = await (await aiohttp_client(app)).post("/api/chat", json={"session": "abcdef123456", "message": "hi"})
    assert response.status == 503


async def test_healthz_says_only_up_or_down_without_the_token(client):
    response = await client.get("/healthz")
    assert await response.json() == {"status": "degraded"}  # no component names, no error text
    wrong = await client.get("/healthz", headers={"Authorization": "Bearer not-the-token"})
    assert "components" not in await wrong.json()


async def test_healthz_reports_each_component_with_the_token(client):
    token = client.server.app[SETTINGS].rasa_token()
    response = await client.get("/healthz", headers={"Authorization": f"Bearer {token}"})
    data = await response.json()
    assert set(data["components"]) == {"gateway", "rasa", "actions", "directory", "tracker_store"}
    assert data["components"]["tracker_store"] == {"status": "ok"}
    assert data["components"]["rasa"] == {"status": "ok", "model": "signpost.tar.gz", "servers_up": "1/1"}
    assert data["components"]["directory"]["status"] == "ok"
    assert data["components"]["directory"]["partners"] > 20
    # The action server is not running in this test, so the whole is degraded.
    assert data["components"]["actions"]["status"] == "down"
    assert response.status == 503 and data["status"] == "degraded"


async def test_liveness(client):
    response = await client.get("/healthz?live=1")
    assert response.status == 200


async def test_chat_page_is_served_with_security_headers(client):
    response = await client.get("/")
    assert response.status == 200
    body = await response.text()
    assert 'role="log"' in body and 'aria-live="polite"' in body
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert (await client.get("/static/chat.js")).status == 200


@pytest.mark.parametrize("payload", ["/safeguarding_concern", "/ask_private_room", "/nlu_fallback", "/restart"])
async def test_only_the_assistants_own_buttons_may_start_with_a_slash(client, fake_rasa, payload):
    # Issue 16: a bare "/safeguarding_concern" made an urgent handoff with no words behind it.
    response = await client.post("/api/chat", json={"session": "abcdef123456", "message": payload})
    assert response.status == 400
    assert (await response.json())["error"]["code"] == "payload_not_allowed"
    assert fake_rasa.received == []


def test_every_button_the_assistant_shows_is_allowed():
    domain = yaml.safe_load((ROOT / "domain.yml").read_text())
    allowed = allowed_payloads(domain)
    knowledge = get_knowledge()
    shown = [
        *(b["payload"] for v in domain["responses"].values() for b in v[0].get("buttons") or []),
        *(b["payload"] for b in fsf_mention(knowledge.fsf)[1]),
        *(b["payload"] for b in also_mentioned(list(knowledge.needs))[1]),
        *(b["payload"] for n in knowledge.needs for b in next_step_buttons(n)),
        "/greet",  # the widget's and the kiosk's first message
        "/what_can_you_do",  # "Something else", after "Did you mean"
    ]
    assert {p for p in shown if p.startswith("/")} <= allowed
    assert "/safeguarding_concern" not in allowed and "/ask_private_room" not in allowed


async def test_a_conversation_sending_too_fast_gets_a_named_429(client, fake_rasa):
    # Issue 16: 15 messages a minute a conversation (the default in Settings).
    statuses = []
    for n in range(16):
        response = await client.post("/api/chat", json={"session": "fastsession1", "message": f"hello {n}"})
        statuses.append(response.status)
    assert statuses == [200] * 15 + [429]
    error = (await response.json())["error"]
    assert error["code"] == "too_many_messages" and "wait a minute" in error["message"]
    assert len(fake_rasa.received) == 15  # the refused one went nowhere
    # Another conversation is not held up by this one.
    other = await client.post("/api/chat", json={"session": "calmsession1", "message": "hello"})
    assert other.status == 200


async def test_one_address_cannot_flood_by_changing_conversations(aiohttp_client, fake_rasa, tmp_path, directory):
    from bot.web import app as app_module
    from bot.web.rate_limits import ChatLimits

    settings = replace(load_settings(), var_dir=tmp_path, database_url="sqlite://", actions_port=1)
    app = create_app(
        settings,
        rasa=RasaClient(str(fake_rasa.make_url("")), "test-token"),
        purge_on_start=False,
        limits=ChatLimits.per_minute(per_session=15, per_address=5),
    )
    app[app_module.DIRECTORY] = directory
    client = await aiohttp_client(app)
    statuses = []
    for n in range(7):
        response = await client.post("/api/chat", json={"session": f"flood-session-{n}", "message": "/need_debt"})
        statuses.append(response.status)
    assert statuses == [200] * 5 + [429, 429]


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [("GET", "/", 200), ("GET", "/no-such-page", 404), ("GET", "/adviser", 303), ("POST", "/api/chat", 400),
     ("GET", "/static/chat.css", 200), ("GET", "/healthz", 503)],
)  # fmt: skip
async def test_security_headers_on_every_response(client, method, path, status):
    response = await client.request(method, path, allow_redirects=False, data=b"")
    assert response.status == status
    for name in ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy"):
        assert name in response.headers, (path, name)
    assert response.headers["Server"] == "signpost"  # no software, no version


async def test_a_message_that_was_not_saved_is_a_named_503(client):
    # Issue 16: with the tracker store locked or corrupt, the claimant got a 200 and replies.
    response = await client.post("/api/chat", json={"session": "abcdef123456", "message": "not saved please"})
    assert response.status == 503
    assert (await response.json())["error"]["code"] == "not_saved"


async def test_a_slow_answer_is_a_named_504_and_comes_with_the_resend(aiohttp_client, fake_rasa, tmp_path, directory):
    settings = replace(load_settings(), var_dir=tmp_path, database_url="sqlite://", actions_port=1)
    rasa = RasaClient(str(fake_rasa.make_url("")), "test-token", timeout=0.2)
    client = await aiohttp_client(create_app(settings, rasa=rasa, purge_on_start=False))
    body = {"session": "abcdef123456", "message": "slow please", "id": "m-slow-000001"}
    slow = await client.post("/api/chat", json=body)
    assert slow.status == 504 and (await slow.json())["error"]["code"] == "still_working"
    await asyncio.sleep(1.0)
    again = await client.post("/api/chat", json={**body, "resend": True})
    assert again.status == 200
    assert (await again.json())["messages"][0]["text"] == "echo: slow please"
    assert [b["message"] for b in fake_rasa.received] == ["slow please"]


def _break_tracker_store(path: Path, fault: str) -> sqlite3.Connection:
    holder = sqlite3.connect(path, timeout=0.1)
    holder.execute("CREATE TABLE IF NOT EXISTS events (id INTEGER)")
    holder.commit()
    if fault == "locked":
        holder.execute("BEGIN EXCLUSIVE")
    else:
        holder.close()
        path.write_bytes(b"this is not a database" * 200)
    return holder


@pytest.mark.parametrize("fault", ["locked", "corrupt"])
async def test_healthz_checks_the_tracker_store(client, tmp_path, fault):
    # Issue 16: with the tracker store locked or corrupt, /healthz still said ok.
    settings = client.server.app[SETTINGS]
    holder = _break_tracker_store(Path(settings.tracker_url.removeprefix("sqlite:///")), fault)
    try:
        client.server.app[TRACKER].dispose()  # no connection opened before the fault
        response = await client.get("/healthz", headers={"Authorization": f"Bearer {settings.rasa_token()}"})
        data = await response.json()
        assert response.status == 503
        assert data["components"]["tracker_store"]["status"] == "down"
        public = await client.get("/healthz")
        assert await public.json() == {"status": "degraded"}
    finally:
        if fault == "locked":
            holder.rollback()
            holder.close()

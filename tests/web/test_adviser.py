"""The adviser console: sign-in, sessions, CSRF, throttling, the queue, a handoff
with its transcript, status, notes and the audit log. Against a fake Rasa."""

from __future__ import annotations

import asyncio
import datetime as dt
import re

import pytest

from bot.advisers.accounts import MAX_FAILURES, Advisers
from bot.web.adviser import ADVISERS, ROUTES, SESSION_COOKIE, STORE

PASSWORD = "correct horse battery staple"


def _summary(urgent: bool = False, flags: tuple[str, ...] = ()) -> dict:
    return {
        "urgent": urgent,
        "flags": [{"code": c, "label": c, "reasons": ["a reason <b>bold</b>"]} for c in flags],
        "area": "Leeds",
        "skills": {"overall": None, "profile": []},
        "cap_estimate": None,
        "fsf_interest": [],
        "needs": ["debt"],
        "signposts": ["Citizens Advice (Adviceline)"],
        "accessibility": [],
        "private_room": False,
    }


@pytest.fixture
def store(gateway_app):
    return gateway_app[STORE]


@pytest.fixture
def adviser(gateway_app):
    return Advisers(gateway_app[STORE].engine).add("alex.adviser", PASSWORD)


def _cookie(response, name: str) -> str:
    return response.cookies[name].value


async def _sign_in(client, username: str = "alex.adviser", password: str = PASSWORD):
    page = await client.get("/adviser/login")
    csrf = re.search(r'name="csrf" value="([^"]+)"', await page.text()).group(1)
    login_cookie = _cookie(page, "signpost_login_csrf")
    return await client.post(
        "/adviser/login",
        data={"csrf": csrf, "username": username, "password": password},
        headers={"Cookie": f"signpost_login_csrf={login_cookie}"},
        allow_redirects=False,
    )


async def _session(client) -> tuple[dict[str, str], str]:
    response = await _sign_in(client)
    assert response.status == 303
    headers = {"Cookie": f"{SESSION_COOKIE}={_cookie(response, SESSION_COOKIE)}"}
    page = await client.get("/adviser", headers=headers)
    csrf = re.search(r'name="csrf" value="([^"]+)"', await page.text()).group(1)
    return headers, csrf


def test_every_adviser_route_is_listed(gateway_app):
    served = {
        (r.method, r.resource.canonical)
        for r in gateway_app.router.routes()
        if r.resource is not None and r.resource.canonical.startswith("/adviser") and r.method != "HEAD"
    }
    assert served == {(method, path) for method, path, _, _ in ROUTES}


@pytest.mark.parametrize(("method", "path"), [(m, p) for m, p, _, needs in ROUTES if needs])
async def test_every_route_refuses_without_sign_in(client, store, method, path):
    raised = store.raise_handoff("c-1", "Asked for a person", _summary())
    url = path.replace("{reference}", raised.reference)
    for cookie in (None, f"{SESSION_COOKIE}=made-up-token"):
        headers = {"Cookie": cookie} if cookie else {}
        response = await client.request(method, url, headers=headers, data={"csrf": "x"}, allow_redirects=False)
        if method == "GET":
            assert response.status == 303 and response.headers["Location"] == "/adviser/login"
        else:
            assert response.status == 403
        assert raised.reference not in await response.text()


async def test_sign_in_sets_a_safe_session_cookie(client, adviser):
    response = await _sign_in(client)
    assert response.status == 303 and response.headers["Location"] == "/adviser"
    cookie = response.cookies[SESSION_COOKIE]
    assert cookie["httponly"] and cookie["secure"] and cookie["samesite"] == "Strict" and cookie["path"] == "/adviser"


async def test_wrong_password_and_unknown_user_get_the_same_answer(client, adviser):
    wrong = await _sign_in(client, password="not the password at all")
    unknown = await _sign_in(client, username="nobody.here")
    assert wrong.status == unknown.status == 401
    assert "The username or password is wrong." in await wrong.text()
    assert SESSION_COOKIE not in wrong.cookies


async def test_sign_in_is_throttled_after_repeated_failures(client, adviser, store):
    for _ in range(MAX_FAILURES):
        assert (await _sign_in(client, password="wrong password here")).status == 401
    throttled = await _sign_in(client)  # even the right password waits
    assert throttled.status == 429
    assert "Too many failed sign-ins" in await throttled.text()
    assert any(a.action == "login_throttled" for a in store.audit_log())


async def test_login_form_needs_its_csrf_cookie(client, adviser):
    response = await client.post(
        "/adviser/login",
        data={"csrf": "guess", "username": "alex.adviser", "password": PASSWORD},
        allow_redirects=False,
    )
    assert response.status == 403


async def test_forms_need_the_sessions_csrf_token(client, adviser, store):
    raised = store.raise_handoff("c-2", "Asked for a person", _summary())
    headers, csrf = await _session(client)
    url = f"/adviser/handoffs/{raised.reference}/status"
    for token in ("", "wrong", csrf[:-1]):
        response = await client.post(
            url, data={"csrf": token, "status": "closed"}, headers=headers, allow_redirects=False
        )
        assert response.status == 403
    assert store.get(raised.reference).status == "new"
    ok = await client.post(url, data={"csrf": csrf, "status": "closed"}, headers=headers, allow_redirects=False)
    assert ok.status == 303 and store.get(raised.reference).status == "closed"


async def test_queue_is_urgent_first_then_newest_and_filters(client, adviser, store):
    clock = [dt.datetime(2026, 11, 20, 9, 0)]
    store._now = lambda: clock[0]
    older_urgent = store.raise_handoff(
        "c-a", "Safeguarding: domestic abuse", _summary(True, ("urgent",)), site="leeds-city"
    )
    clock[0] = dt.datetime(2026, 11, 21, 9, 0)
    newer = store.raise_handoff(
        "c-b", "Asked for a person", _summary(False, ("longer_appointment",)), "kiosk", "bradford"
    )
    clock[0] = dt.datetime(2026, 11, 22, 9, 0)
    newest = store.raise_handoff("c-c", "Finished the digital skills check", _summary())
    headers, _ = await _session(client)

    page = await (await client.get("/adviser", headers=headers)).text()
    order = re.findall(r'href="/adviser/handoffs/(SGN-[A-Z0-9]{8})"', page)
    assert list(dict.fromkeys(order)) == [older_urgent.reference, newest.reference, newer.reference]

    async def shown(query: str) -> set[str]:
        text = await (await client.get(f"/adviser?{query}", headers=headers)).text()
        return set(re.findall(r'href="/adviser/handoffs/(SGN-[A-Z0-9]{8})"', text))

    assert await shown("flag=urgent") == {older_urgent.reference}
    assert await shown("site=bradford") == {newer.reference}
    assert await shown("since=2026-11-21&until=2026-11-21") == {newer.reference}
    assert await shown("status=closed") == set()
    assert await shown("flag=%3Cscript%3E") == {older_urgent.reference, newer.reference, newest.reference}

    found = await client.get(f"/adviser?reference={newer.reference.lower()}", headers=headers, allow_redirects=False)
    assert found.status == 303 and found.headers["Location"] == f"/adviser/handoffs/{newer.reference}"
    assert (
        "A reference looks like SGN-4K7QM2PX." in await (await client.get("/adviser?reference=zzz", headers=headers)).text()
    )


async def test_detail_shows_summary_and_an_inert_transcript_and_notes(client, adviser, store):
    raised = store.raise_handoff("conv-xss", "Asked for a person", _summary(True, ("urgent",)))
    headers, csrf = await _session(client)
    note = '<script>alert("note")</script> called them back'
    posted = await client.post(
        f"/adviser/handoffs/{raised.reference}/notes", data={"csrf": csrf, "note": note}, headers=headers,
        allow_redirects=False,
    )  # fmt: skip
    assert posted.status == 303
    page = await (await client.get(f"/adviser/handoffs/{raised.reference}", headers=headers)).text()
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt; help with debt" in page
    assert "<script>alert" not in page and "&lt;script&gt;alert(&#34;note&#34;)&lt;/script&gt; called them back" in page
    assert "<b>bold</b>" not in page and "&lt;b&gt;bold&lt;/b&gt;" in page
    assert "You can try these places:" in page and "Citizens Advice (Adviceline)" in page
    actions = [(a.action, a.reference) for a in store.audit_log()]
    assert (
        ("note", raised.reference) in actions and ("view", raised.reference) in actions and ("login", None) in actions
    )
    assert (await client.get("/adviser/handoffs/SGN-2222", headers=headers)).status == 404


async def test_bad_status_and_empty_or_huge_notes_are_refused(client, adviser, store):
    raised = store.raise_handoff("c-3", "Asked for a person", _summary())
    headers, csrf = await _session(client)
    base = f"/adviser/handoffs/{raised.reference}"
    assert (
        await client.post(f"{base}/status", data={"csrf": csrf, "status": "deleted"}, headers=headers)
    ).status == 400
    for note in ("", "   ", "x" * 2001):
        response = await client.post(f"{base}/notes", data={"csrf": csrf, "note": note}, headers=headers)
        assert response.status == 400 and "The note was not saved" in await response.text()


async def test_sign_out_ends_the_session(client, adviser):
    headers, csrf = await _session(client)
    out = await client.post("/adviser/logout", data={"csrf": csrf}, headers=headers, allow_redirects=False)
    assert out.status == 303
    again = await client.get("/adviser", headers=headers, allow_redirects=False)
    assert again.status == 303 and again.headers["Location"] == "/adviser/login"


async def test_a_new_password_ends_old_sessions(client, gateway_app, adviser):
    headers, _ = await _session(client)
    gateway_app[ADVISERS].add("alex.adviser", "another long password 2")
    assert (await client.get("/adviser", headers=headers, allow_redirects=False)).status == 303


async def test_the_gateway_purges_old_data_when_it_starts(aiohttp_client, fake_rasa, tmp_path):
    """The daily purge runs once at start-up, then every day."""
    from dataclasses import replace

    from sqlalchemy import Column, Float, Integer, MetaData, String, Table, insert, select

    from bot.core.db import make_engine
    from bot.ops.settings import load_settings
    from bot.web.app import create_app
    from bot.web.rasa_client import RasaClient

    tracker_url = f"sqlite:///{tmp_path / 'tracker.db'}"
    engine = make_engine(tracker_url)
    events = Table(
        "events", MetaData(), Column("id", Integer, primary_key=True), Column("sender_id", String(255)),
        Column("timestamp", Float),
    )  # fmt: skip
    events.metadata.create_all(engine)
    with engine.begin() as conn:
        conn.execute(insert(events), [{"sender_id": "ancient", "timestamp": 1_000_000.0}])
    settings = replace(
        load_settings(), var_dir=tmp_path, database_url=f"sqlite:///{tmp_path / 'signpost.db'}", tracker_url=tracker_url
    )
    app = create_app(settings, rasa=RasaClient(str(fake_rasa.make_url("")), "test-token"))
    store = app[STORE]
    store._now = lambda: dt.datetime(2000, 1, 1)
    old = store.raise_handoff("ancient", "Asked for a person", _summary())
    store._now = lambda: dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    await aiohttp_client(app)
    for _ in range(50):
        with engine.connect() as conn:
            if not conn.execute(select(events.c.id)).first() and store.get(old.reference) is None:
                break
        await asyncio.sleep(0.1)
    with engine.connect() as conn:
        assert conn.execute(select(events.c.id)).first() is None
    assert store.get(old.reference) is None


async def test_a_disabled_adviser_is_signed_out_and_cannot_sign_in(client, gateway_app, adviser):
    # Issue 16: there was no way to disable an adviser.
    headers, _ = await _session(client)
    assert gateway_app[ADVISERS].disable("Alex.Adviser")
    assert (await client.get("/adviser", headers=headers, allow_redirects=False)).status == 303  # session ended
    assert gateway_app[ADVISERS].sign_in("alex.adviser", PASSWORD, "127.0.0.1") is None
    assert not gateway_app[ADVISERS].disable("nobody.here")


def test_signpost_adviser_disable(tmp_path):
    import os
    import subprocess
    import sys

    from bot.handoff.store import HandoffStore

    url = f"sqlite:///{tmp_path / 'signpost.db'}"
    store = HandoffStore.from_url(url)
    store.create_schema()
    Advisers(store.engine).add("sam.adviser", PASSWORD)
    env = {**os.environ, "SIGNPOST_DATABASE_URL": url, "SIGNPOST_VAR_DIR": str(tmp_path)}

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "bot.ops.cli", *args], env=env, capture_output=True, text=True)

    done = cli("adviser", "disable", "sam.adviser")
    assert done.returncode == 0 and "can no longer sign in" in done.stdout, done.stderr
    assert Advisers(store.engine).sign_in("sam.adviser", PASSWORD, "127.0.0.1") is None
    unknown = cli("adviser", "disable", "nobody.here")
    assert unknown.returncode == 2 and "no adviser called" in unknown.stderr


async def test_the_queue_pages_by_fifty_so_a_flood_hides_nothing(client, adviser, store):
    # Issue 16: 200 rows and no paging, so a few hundred false alarms buried the real handoffs.
    for n in range(120):
        store.raise_handoff(f"flood-{n}", "Asked for a person", {"flags": []}, "kiosk", "leeds-city")
    real = store.raise_handoff("real-one", "Asked for a person", {"flags": []})
    headers, _ = await _session(client)
    first = await (await client.get("/adviser", headers=headers)).text()
    assert "121 handoffs" in first and "page 1 of 3" in first
    assert first.count('<a href="/adviser/handoffs/') == 50
    assert 'rel="next"' in first and 'rel="prev"' not in first
    last = await (await client.get("/adviser?page=3", headers=headers)).text()
    assert last.count('<a href="/adviser/handoffs/') == 21 and 'rel="prev"' in last
    # A filter keeps itself from page to page; a reference goes straight to its handoff.
    kiosk = await (await client.get("/adviser?site=leeds-city", headers=headers)).text()
    assert "120 handoffs" in kiosk and "/adviser?site=leeds-city&amp;page=2" in kiosk
    found = await client.get(f"/adviser?reference={real.reference}", headers=headers, allow_redirects=False)
    assert found.status == 303 and found.headers["Location"].endswith(real.reference)

"""End to end: a claimant's conversation flags them, then an adviser signs in to
the console and sees the handoff, its summary and the redacted transcript."""

from __future__ import annotations

import http.client
import os
import re
import sqlite3
import subprocess
import sys
import urllib.parse

import pytest

from bot.core.paths import ROOT
from tests.e2e.http import post

pytestmark = [pytest.mark.slow, pytest.mark.e2e]
PASSWORD = "a long test password 1"


class Browser:
    """Just enough of a browser: cookies by hand, no redirects followed."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict[str, str] | None = None) -> tuple[int, dict[str, str], str]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";", 1)[0].strip('"')
        text = response.read().decode()
        conn.close()
        return response.status, dict(response.getheaders()), text


def _csrf(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def test_flagged_conversation_reaches_the_adviser_console_redacted(stack):
    settings = stack.settings
    url = f"http://127.0.0.1:{settings.gateway_port}"
    session = "adv" + os.urandom(6).hex()

    status, data = post(f"{url}/api/chat", {"session": session, "message": "hello"})
    assert data["messages"][0]["text"].startswith("Before we start: I am a computer helper, and this chat is private.")

    status, data = post(
        f"{url}/api/chat", {"session": session, "message": "my NI number is AB123456C and my partner hits me"}
    )
    texts = [m["text"] for m in data["messages"]]
    assert data["redacted"] == ["ni_number"]
    assert "0808 2000 247" in texts[1]
    reference = re.search(r"Your reference is (SGN-[A-Z0-9]{8})", " ".join(texts)).group(1)

    # Nothing identifying reached the tracker store.
    tracker_db = settings.tracker_url.removeprefix("sqlite:///")
    with sqlite3.connect(tracker_db) as db:
        stored = " ".join(str(row[0]) for row in db.execute("SELECT data FROM events WHERE sender_id = ?", (session,)))
    assert "AB123456C" not in stored and "[NI number]" in stored

    added = subprocess.run(
        [sys.executable, "-m", "bot.ops.cli", "adviser", "add", "e2e.adviser", "--password-stdin"],
        cwd=ROOT, env=settings.child_env(), input=PASSWORD + "\n", capture_output=True, text=True,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr

    browser = Browser(settings.gateway_port)
    assert browser.request("GET", f"/adviser/handoffs/{reference}")[0] == 303  # not without signing in
    _, _, page = browser.request("GET", "/adviser/login")
    status, headers, _ = browser.request(
        "POST", "/adviser/login", {"csrf": _csrf(page), "username": "e2e.adviser", "password": PASSWORD}
    )
    assert status == 303 and headers["Location"] == "/adviser"

    status, _, queue = browser.request("GET", "/adviser")
    assert status == 200 and reference in queue and "Urgent" in queue

    status, _, detail = browser.request("GET", f"/adviser/handoffs/{reference}")
    assert status == 200
    assert "Disclosed domestic abuse" in detail and "Safeguarding: domestic abuse" in detail
    assert "my NI number is [NI number] and my partner hits me" in detail
    assert "AB123456C" not in detail
    assert "National Domestic Abuse Helpline" in detail  # the assistant's side of the transcript

    status, _, _ = browser.request(
        "POST", f"/adviser/handoffs/{reference}/status", {"csrf": _csrf(detail), "status": "reviewed"}
    )
    assert status == 303
    assert ">reviewed<" in browser.request("GET", f"/adviser/handoffs/{reference}")[2]

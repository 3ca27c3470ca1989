"""Issue 19 end to end, through the gateway: a claimant does the skills check, agrees
to keep the results, comes back in a new conversation with the reference, and the
second check says what has changed; the Work Coach sees both profiles with dates; a
manager sees the figures and an adviser gets 403."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from bot.core.paths import ROOT
from tests.e2e.http import post
from tests.e2e.test_adviser_live import PASSWORD, Browser, _csrf

pytestmark = [pytest.mark.slow, pytest.mark.e2e]

# The first time: a low-skill claimant, by taps. The second: better at email.
FIRST = [
    "A smartphone", "Shared or borrowed", "Mobile data only", "Yes, often", "Family or friends",
    "With some help", "Not yet", "Not yet", "Not yet", "With some help", "Skip", "Not yet", "Not yet",
    "My reading or writing", "Leeds", "Yes, keep my results",
]  # fmt: skip


def _say(url: str, session: str, message: str) -> list[str]:
    status, data = post(f"{url}/api/chat", {"session": session, "message": message})
    assert status == 200, (message, data)
    return [m["text"] for m in data["messages"]]


def _add(settings, name: str, role: str) -> None:
    added = subprocess.run(
        [sys.executable, "-m", "bot.ops.cli", "adviser", "add", name, "--password-stdin", "--role", role],
        cwd=ROOT, env=settings.child_env(), input=PASSWORD + "\n", capture_output=True, text=True,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr


def _sign_in(settings, name: str) -> Browser:
    browser = Browser(settings.gateway_port)
    _, _, page = browser.request("GET", "/adviser/login")
    status, _, _ = browser.request(
        "POST", "/adviser/login", {"csrf": _csrf(page), "username": name, "password": PASSWORD}
    )
    assert status == 303
    return browser


def test_a_returning_claimant_sees_progress_and_the_work_coach_sees_both(stack):
    settings = stack.settings
    url = f"http://127.0.0.1:{settings.gateway_port}"
    first = "pg1" + os.urandom(6).hex()
    _say(url, first, "/start_skills_check")
    for answer in FIRST[:-1]:
        texts = _say(url, first, answer)
    assert texts[-1].startswith("One last question. Can I keep your results for a year?"), texts
    texts = _say(url, first, FIRST[-1])
    joined = "\n".join(texts)
    reference = re.search(r"Your reference is (SGN-[A-Z0-9]{8})\.", joined).group(1)
    assert "I have kept your results until" in joined and reference in joined

    # A new conversation, some weeks later: the reference at the first question.
    second = "pg2" + os.urandom(6).hex()
    _say(url, second, "/start_skills_check")
    found = _say(url, second, f"I did this before, my reference is {reference.lower()}")
    assert any(t.startswith("Thank you. I found your results from ") for t in found), found
    assert found[-1].startswith("Question 1 of"), found  # the question again
    better = [*FIRST[:6], "With some help", "With some help", "With some help", "With some help", "Skip",
              "With some help", "With some help", "My reading or writing", "Leeds", "No, thank you"]  # fmt: skip
    for answer in better:
        texts = _say(url, second, answer)
    joined = "\n".join(texts)
    assert "Since your last check on " in joined, joined
    assert "Email and messages: last time you needed a lot of help. Now you need some help. Well done." in joined
    assert "OK. I will not keep your results after this conversation." in joined
    now_reference = re.search(r"Your reference is (SGN-[A-Z0-9]{8})\.", joined).group(1)

    # The Work Coach sees both profiles, with dates.
    _add(settings, "e2e.coach", "adviser")
    coach = _sign_in(settings, "e2e.coach")
    status, _, detail = coach.request("GET", f"/adviser/handoffs/{now_reference}")
    assert status == 200 and "This check beside the last one" in detail
    row = r"communicating</th><td>needs full support</td><td>needs some help</td>"
    assert re.search(row, detail, re.IGNORECASE), detail
    # Insight is for managers only.
    assert coach.request("GET", "/adviser/insight")[0] == 403

    _add(settings, "e2e.manager", "manager")
    manager = _sign_in(settings, "e2e.manager")
    status, _, insight = manager.request("GET", "/adviser/insight?site=&period=month")
    assert status == 200 and "Distance travelled" in insight and "Gaps in local provision" in insight
    status, _, csv = manager.request("GET", "/adviser/insight.csv?table=progress")
    assert status == 200 and csv.splitlines()[0] == "Skill area,Better,Same,Worse"
    # Two checks from one claimant: every count is small, so none is shown as a number.
    assert "Communicating (email and messages),fewer than 5" in csv

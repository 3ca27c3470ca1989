"""Safeguarding through the running stack: gateway, Rasa (model plus rule layer),
action server. Every line of the detection table is sent as the first message of
a new conversation; positives must get the urgent contacts in the first reply,
negatives must not. Then one whole conversation: an urgent message in the middle
of the skills check, a Work Coach today, and the check carrying on."""

from __future__ import annotations

import json
import os
import re
import urllib.parse
import urllib.request

import pytest

from tests.e2e.http import post
from tests.report import report
from tests.safeguarding_cases import MODEL_ONLY, NEGATIVES, POSITIVES

pytestmark = [pytest.mark.slow, pytest.mark.e2e]

# Words that only the urgent reply's first message carries.
URGENT_MARKERS = ("call 999", "116 123", "0808 2000 247", "0808 800 4444", "Trussell")
PRIVACY_NOTICE_START = "Before we start:"
# The validator refuses an empty message before it reaches the assistant.
SENDABLE_NEGATIVES = [n for n in NEGATIVES if n.strip()]


def _first_reply(url: str, message: str) -> str:
    status, data = post(f"{url}/api/chat", {"session": "sg" + os.urandom(6).hex(), "message": message})
    assert status == 200, (message, data)
    # A new conversation opens with the privacy notice; the reply comes after it.
    texts = [m["text"] for m in data["messages"] if not m["text"].startswith(PRIVACY_NOTICE_START)]
    return texts[0] if texts else ""


def test_every_positive_gets_the_urgent_contacts_first_and_no_negative_does(stack):
    url = f"http://127.0.0.1:{stack.settings.gateway_port}"
    positives = [m for m, _ in POSITIVES] + MODEL_ONLY
    missed = [m for m in positives if not any(k in _first_reply(url, m) for k in URGENT_MARKERS)]
    alarms = [m for m in SENDABLE_NEGATIVES if any(k in _first_reply(url, m) for k in URGENT_MARKERS)]
    found = len(positives) - len(missed)
    report(
        f"safeguarding through the stack: recall {found / len(positives):.3f} ({found}/{len(positives)}, "
        f"{len(MODEL_ONLY)} caught by the model alone), "
        f"precision {found / max(1, found + len(alarms)):.3f} ({len(alarms)} false alarms in {len(SENDABLE_NEGATIVES)})"
    )
    assert not missed, missed
    assert not alarms, alarms


def _tracker(stack, session: str) -> dict:
    query = urllib.parse.urlencode({"token": stack.settings.rasa_token()})
    with urllib.request.urlopen(f"{stack.settings.rasa_url}/conversations/{session}/tracker?{query}", timeout=30) as r:
        return json.loads(r.read())


def test_urgent_message_mid_check_then_work_coach_today_then_the_check_goes_on(stack):
    url = f"http://127.0.0.1:{stack.settings.gateway_port}"
    session = "sg" + os.urandom(6).hex()

    def say(message: str) -> list[dict]:
        status, data = post(f"{url}/api/chat", {"session": session, "message": message})
        assert status == 200, data
        return data["messages"]

    say("/start_skills_check")
    say("A smartphone")  # the first question's answer; ownership is asked next
    messages = say("tbh i dont want to be here anymore")
    assert "116 123" in messages[0]["text"] and "call 999" in messages[0]["text"]
    reference = re.search(r"Your reference is (SGN-[A-Z0-9]{8})", messages[1]["text"]).group(1)
    assert messages[2]["buttons"][0]["payload"] == "/ask_for_person"
    assert messages[3]["text"].startswith("When you are ready, we can carry on.")
    assert "Question 2" in messages[4]["text"]  # the check asks its question again

    messages = say("/ask_for_person")
    assert "speak to a Work Coach today" in messages[0]["text"]
    assert f"Your reference is still {reference}" in messages[1]["text"]
    assert "Question 2" in messages[-1]["text"]

    messages = say("My own")
    assert "Question 3" in messages[-1]["text"]

    messages = say("can we talk about this in private")
    assert "talk in private" in messages[0]["text"]

    tracker = _tracker(stack, session)
    flags = {f["code"]: f["reasons"] for f in tracker["slots"]["flags"]}
    assert flags["urgent"] == [
        "Said something that suggests a risk to their life or of self-harm",
        "Asked to speak to a Work Coach today",
    ]
    assert tracker["slots"]["private_room"] is True
    assert tracker["active_loop"]["name"] == "digital_skills_form"

"""The whole stack, as `make run` starts it: trained model, action server, Rasa,
gateway, on their own ports and a fresh var/ folder. One conversation over HTTP,
then a restart of the Rasa server in the middle of it."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import urllib.request

import pytest

from bench.conversations import CAP_ESTIMATE
from tests.e2e.http import post as _post

pytestmark = [pytest.mark.slow, pytest.mark.e2e]


def _texts(data: dict) -> list[str]:
    return [m["text"] for m in data["messages"]]


def test_signposting_conversation_survives_a_rasa_restart(stack, knowledge):
    url = f"http://127.0.0.1:{stack.settings.gateway_port}"
    session = "e2e" + os.urandom(6).hex()

    health_request = urllib.request.Request(
        f"{url}/healthz", headers={"Authorization": f"Bearer {stack.settings.rasa_token()}"}
    )
    with urllib.request.urlopen(health_request, timeout=10) as response:
        health = json.loads(response.read())
    assert health["status"] == "ok", health
    assert health["components"]["directory"]["partners"] == len(knowledge.partners) + 5

    status, data = _post(f"{url}/api/chat", {"session": session, "message": "hello"})
    assert status == 200
    assert _texts(data)[0].startswith("Before we start: I am a computer helper")  # the privacy notice first
    assert "What do you need help with?" in _texts(data)[1]
    assert any(b["payload"] == "/need_debt" for b in data["messages"][1]["buttons"])

    status, data = _post(f"{url}/api/chat", {"session": session, "message": "I'm behind on my rent and council tax"})
    assert _texts(data) == ["Which town or council area do you live in? For example, Leeds or Cardiff."]

    status, data = _post(f"{url}/api/chat", {"session": session, "message": "Leeds"})
    texts = _texts(data)
    assert texts[0] == "You can try these 3 places for help with debt, arrears and bills in Leeds:"
    assert texts[1].startswith("Leeds Test Money Project") and "0113 496 0001" in texts[1]
    assert "Why: It is local to Leeds" in texts[1]
    assert texts[-1] == "Can I help with anything else?"

    # Restart Rasa mid-conversation: the SQL tracker store must keep it.
    stack.restart("rasa", timeout=300)

    status, data = _post(f"{url}/api/chat", {"session": session, "message": "yes please"})
    assert status == 200
    assert _texts(data) == ["What else do you need help with?"]

    # The area is remembered, so childcare in Leeds comes without asking again.
    status, data = _post(
        f"{url}/api/chat", {"session": session, "message": "I need help with childcare so I can take a job"}
    )
    texts = _texts(data)
    assert texts[0].endswith("in Leeds:"), texts
    assert texts[1].startswith("Leeds Test Childcare Hub")


def test_a_postcode_is_cut_to_its_district_and_still_finds_local_help(stack):
    url = f"http://127.0.0.1:{stack.settings.gateway_port}/api/chat"
    session = "e2e-postcode-" + os.urandom(4).hex()
    _post(url, {"session": session, "message": "I need help with debt"})
    status, data = _post(url, {"session": session, "message": "LS1 4AP"})
    assert status == 200 and data["redacted"] == ["postcode"]
    texts = _texts(data)
    assert texts[0].startswith("To keep you safe, I did not keep the end of a postcode")
    assert texts[1] == "You can try these 3 places for help with debt, arrears and bills in Leeds:"


def test_bad_input_through_the_real_stack(stack):
    url = f"http://127.0.0.1:{stack.settings.gateway_port}"
    status, data = _post(f"{url}/api/chat", {"session": "e2e-bad-input", "message": "x" * 1001})
    assert status == 413 and data["error"]["code"] == "message_too_long"
    status, data = _post(f"{url}/api/chat", {"session": "e2e-html-input", "message": "<script>alert(1)</script>"})
    assert status == 200  # answered (as not understood), never executed or refused


def test_rasa_listens_only_on_localhost_and_wants_a_token(stack):
    port = stack.settings.rasa_port
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/status", timeout=10)
    assert err.value.code == 401
    public = [a for a in _host_addresses() if not a.startswith("127.")]
    for address in public:
        with socket.socket() as s:
            s.settimeout(1)
            assert s.connect_ex((address, port)) != 0, f"Rasa is reachable on {address}"


def _host_addresses() -> list[str]:
    try:
        out = subprocess.run(["hostname", "-I"], capture_output=True, text=True, check=False).stdout
    except OSError:
        return []
    return [a for a in out.split() if "." in a]


LOW_SKILL_ANSWERS = [
    "A smartphone", "Shared or borrowed", "Mobile data only", "Yes, often", "Family or friends",
    "With some help", "Not yet", "never used email", "Not yet", "With some help", "skip",
    "Not yet", "I don't know", "My reading or writing",
]  # fmt: skip


def test_digital_skills_check_by_buttons_and_typing(stack):
    url = f"http://127.0.0.1:{stack.settings.gateway_port}/api/chat"
    session = "e2e-skills-" + os.urandom(4).hex()
    status, data = _post(url, {"session": session, "message": "/start_skills_check"})
    assert status == 200
    texts = _texts(data)
    assert texts[0].startswith("Before we start:")
    assert "no wrong answers" in texts[1]
    assert texts[2].startswith("Question 1 of 14.")

    for number, answer in enumerate(LOW_SKILL_ANSWERS, start=2):
        status, data = _post(url, {"session": session, "message": answer})
        assert status == 200
        if number <= len(LOW_SKILL_ANSWERS):
            assert _texts(data)[-1].startswith(f"Question {number} of 14."), (answer, _texts(data))
    # The area is not known yet, so it is asked, then whether to keep the results (issue 19).
    assert _texts(data) == ["Which town or council area do you live in? For example, Leeds or Cardiff."]
    status, data = _post(url, {"session": session, "message": "Leeds"})
    assert status == 200 and _texts(data)[-1].startswith("One last question. Can I keep your results"), _texts(data)
    status, data = _post(url, {"session": session, "message": "No, thank you"})
    assert status == 200
    joined = "\n".join(_texts(data))
    assert "I'll suggest to your Work Coach that you have a longer appointment" in joined
    assert "National Databank" in joined
    assert re.search(r"I have passed this to a Work Coach\. Your reference is SGN-[A-Z0-9]{8}\.", joined)
    assert _texts(data)[-1] == "Can I help with anything else?"


def test_digital_skills_check_resumes_after_an_interruption(stack):
    url = f"http://127.0.0.1:{stack.settings.gateway_port}/api/chat"
    session = "e2e-resume-" + os.urandom(4).hex()
    _post(url, {"session": session, "message": "can you check my computer skills"})
    _post(url, {"session": session, "message": "only on my phone"})
    status, data = _post(url, {"session": session, "message": "are you a real person?"})
    assert status == 200
    texts = _texts(data)
    assert "computer program" in texts[0]
    assert texts[-1].startswith("Question 2 of 14. Is it your own")
    status, data = _post(url, {"session": session, "message": "stop"})
    assert status == 200
    joined = "\n".join(_texts(data))
    assert "stop the questions" in joined and "We stopped early" in joined


def test_benefit_cap_estimate_and_fsf_through_the_gateway(stack):
    url = f"http://127.0.0.1:{stack.settings.gateway_port}/api/chat"
    session = "e2e-cap-" + os.urandom(4).hex()
    # The same conversation the load benchmark sends.
    question, *answers, confirm, ask_fsf = CAP_ESTIMATE
    status, data = _post(url, {"session": session, "message": question})
    assert status == 200
    joined = "\n".join(_texts(data))
    assert "£1,835.00 a month" in joined and "£486.98 a week" in joined
    for answer in answers:
        status, data = _post(url, {"session": session, "message": answer})
        assert status == 200, data
    assert _texts(data)[-1].startswith("Here is what you told me:")
    status, data = _post(url, {"session": session, "message": confirm})
    joined = "\n".join(_texts(data))
    assert "£165.00 over the cap of £1,835.00" in joined
    assert "This is an estimate" in joined

    status, data = _post(url, {"session": session, "message": ask_fsf})
    joined = "\n".join(_texts(data))
    assert "bus or train fare" in joined and "Work Coach decides" in joined

"""Issue 14's examples, in claimants' own wording, through the running stack
(gateway, Rasa, action server): each opens a new conversation, and the answer
must be the help it asks for, never "Sorry, I didn't understand that"."""

from __future__ import annotations

import os

import pytest

from tests.e2e.http import post

pytestmark = [pytest.mark.slow, pytest.mark.e2e]

PRIVACY = "Before we start:"
NOT_UNDERSTOOD = "Sorry, I didn't"
FSF = "Flexible Support Fund"
CAP = "cap"
URGENT = ("call 999", "0808 2000 247", "116 123")
WHERE = "Which town or council area"

# (message, what the first reply must say: any one of these)
FIRST_REPLY = [
    (
        "I start a new job on Monday in Wakefield but the bus pass is £60 and I don't get paid till the end of "
        "the month. Is there anything that can help with that?",
        (FSF,),
    ),
    ("the agency wants me to buy steel toe cap boots before I start", (FSF,)),
    ("they cut my housing benefit because of some limit on how much you can get", (CAP,)),
    ("im a single mum in hackney whats the most i can get in benefits", (CAP,)),
    ("what is the samaritans phone number", ("Samaritans\n",)),
    ("give me the number for national debtline", ("National Debtline\n",)),
    ("every time he drinks I have to take the kids to my sister's", URGENT),
]
# (message, the needs whose help may follow once the area is given)
SIGNPOSTED = [
    ("my electric key is nearly out", ("debt",)),
    ("no credit on my phone to ring them", ("debt", "get online")),
    ("skint till payday", ("debt", "food")),
    ("my partner won't leave the house since his breakdown and the jobcentre keep ringing him", ("mental health",)),
    # Hidden homelessness: housing help, or the urgent reply (which gives Shelter) if read as danger.
    ("sleeping at mates houses, no fixed address", ("housing",)),
    ("my back injury means i cant do the warehouse work anymore", ("health condition",)),
    ("i only have a phone, no laptop, and my data runs out", ("get online",)),
]


def _say(url: str, session: str, message: str) -> list[str]:
    status, data = post(f"{url}/api/chat", {"session": session, "message": message})
    assert status == 200, (message, data)
    return [m["text"] for m in data["messages"] if m["text"] and not m["text"].startswith(PRIVACY)]


@pytest.mark.parametrize(("message", "expected"), FIRST_REPLY)
def test_the_first_reply_is_the_help_asked_for(stack, message, expected):
    url = f"http://127.0.0.1:{stack.settings.gateway_port}"
    replies = _say(url, "rw" + os.urandom(6).hex(), message)
    said = "\n".join(replies)
    assert not replies[0].startswith(NOT_UNDERSTOOD), replies
    assert any(e in said for e in expected), replies


@pytest.mark.parametrize(("message", "needs"), SIGNPOSTED)
def test_a_need_in_everyday_words_is_signposted(stack, message, needs):
    url = f"http://127.0.0.1:{stack.settings.gateway_port}"
    session = "rw" + os.urandom(6).hex()
    replies = _say(url, session, message)
    assert not replies[0].startswith(NOT_UNDERSTOOD), replies
    if "housing" in needs and any(u in replies[0] for u in URGENT) and "Shelter" in replies[0]:
        return
    if any(WHERE in r for r in replies):
        replies = _say(url, session, "Leeds")
    intro = next((r for r in replies if r.startswith(("You can try", "I don't have a local"))), "")
    assert any(need in intro for need in needs), replies

"""Repair through the running stack (issue 15): after "Sorry, I didn't understand",
a town is kept and the need chosen next is answered at once; "what can you help
me with" names everything Signpost does."""

from __future__ import annotations

import os

import pytest

from tests.e2e.http import post

pytestmark = [pytest.mark.slow, pytest.mark.e2e]

PRIVACY = "Before we start:"
NOT_SURE = ("Sorry, I didn't understand", "Sorry, I'm not sure I understood", "Sorry, I'm not sure what to do next")


def _say(url: str, session: str, message: str) -> list[dict]:
    status, data = post(f"{url}/api/chat", {"session": session, "message": message})
    assert status == 200, (message, data)
    return [m for m in data["messages"] if not (m.get("text") or "").startswith(PRIVACY)]


def test_a_town_after_a_misunderstanding_is_kept_and_the_need_answered(stack):
    url = f"http://127.0.0.1:{stack.settings.gateway_port}"
    session = "rp" + os.urandom(6).hex()
    # Keyboard mash ("asdfgh") is not reliably "not understood": one training read it
    # as the skills check at 0.45. A hesitant message is what claimants send.
    first = _say(url, session, "hmm not sure really")
    assert first[0]["text"].startswith(NOT_SURE), first
    # Whichever form the not-understood reply took, it offers buttons to tap.
    assert first[0]["buttons"], first
    kept = _say(url, session, "Leeds")
    assert "near Leeds" in kept[0]["text"] and "What do you need help with?" in kept[0]["text"], kept
    answered = _say(url, session, "/need_debt")
    texts = [m["text"] for m in answered]
    # Signposted straight away: the area is not asked again.
    assert not any("Which town or council area" in t for t in texts), texts
    assert any(t.startswith("You can try") and "Leeds" in t for t in texts), texts


def test_what_can_you_help_with_names_every_capability(stack):
    url = f"http://127.0.0.1:{stack.settings.gateway_port}"
    [reply, *_] = _say(url, "rp" + os.urandom(6).hex(), "what can you help me with")
    for capability in ("free help near you", "online", "benefit cap", "Flexible Support Fund",
                       "childcare costs", "Work Coach", "private room"):  # fmt: skip
        assert capability in reply["text"], (capability, reply["text"])
    assert {"title": "Talk to a Work Coach", "payload": "/ask_for_person"} in reply["buttons"]


def test_the_cap_estimate_takes_whole_sentences_and_answers_out_of_turn(stack):
    url = f"http://127.0.0.1:{stack.settings.gateway_port}"
    session = "rp" + os.urandom(6).hex()
    _say(url, session, "what is the benefit cap")
    asked = _say(url, session, "/estimate_benefit_cap")
    assert any("Universal Credit" in m["text"] for m in asked), asked
    # Who they live with, given when asked about Universal Credit: kept, and this asked again.
    kept = [m["text"] for m in _say(url, session, "I'm a single parent")]
    assert "Thank you. I will keep that for a later question." in kept, kept
    assert any("Universal Credit" in t for t in kept), kept
    seen: list[str] = []
    for answer in ("yes universal credit", "no, nobody gets any of those", "no"):
        seen += [m["text"] for m in _say(url, session, answer)]
    assert not any(t.startswith("Who lives with you?") for t in seen), seen
    assert any(t.startswith("How much do you earn") for t in seen), seen
    earned = [m["text"] for m in _say(url, session, "I get about four hundred a month from my job after tax")]
    assert not any(t.startswith("Sorry") for t in earned), earned
    assert not any(t.startswith("How much do you earn") for t in earned), earned


def test_a_skills_answer_that_sounds_like_a_need_for_getting_online_answers_the_question(stack):
    url = f"http://127.0.0.1:{stack.settings.gateway_port}"
    session = "rp" + os.urandom(6).hex()
    asked = [m["text"] for m in _say(url, session, "can you check my online skills")]
    assert any("First, which of these can you use to go online?" in t for t in asked), asked
    # The model reads this as a need for getting online; in the skills check it is the answer.
    answered = [m["text"] for m in _say(url, session, "i only have a phone, no laptop, and my data runs out")]
    assert not any(t.startswith(("Which town", "You can try", "Sorry")) for t in answered), answered
    assert not any("First, which of these" in t for t in answered), answered
    assert any(t.startswith("Question 2 of") for t in answered), answered


def _texts(url: str, session: str, message: str) -> list[str]:
    return [m.get("text") or "" for m in _say(url, session, message)]


def test_a_whole_sentence_claimant_gets_an_estimate_and_corrects_an_answer_at_the_read_back(stack):
    url = f"http://127.0.0.1:{stack.settings.gateway_port}"
    session = "rp" + os.urandom(6).hex()
    # The request gives the benefit and the household; the area (Hackney) says London.
    opening = _texts(url, session, "im a single mum in hackney on universal credit, can you work out the benefit cap")
    assert any(t.startswith("Do you, your partner, or a child under 18 who lives with you get one of these") for t in opening), opening
    for answer in ("no, nobody here gets any of them", "I get about six hundred a month from my job after tax",
                   "no I haven't stopped work"):  # fmt: skip
        _say(url, session, answer)
    read_back = "\n".join(_texts(url, session, "all my benefits come to about 2300 a month in total"))
    assert "Here is what you told me" in read_back and "In Greater London" in read_back, read_back
    assert "Earnings: £600.00 a month" in read_back, read_back
    # A correction, typed: that answer changes, and the read-back shows it.
    changed = "\n".join(_texts(url, session, "sorry, I meant I earn 700 a month"))
    assert "Thank you. I have changed that." in changed and "Earnings: £700.00 a month" in changed, changed
    # "Change something": which answer, then only that one asked again, then the read-back.
    which = _say(url, session, "no")
    assert which[0]["text"].startswith("What would you like to change?"), which
    assert [b["title"] for b in which[0]["buttons"]][-2:] == ["Start again", "It's right"], which
    asked = _texts(url, session, "the fourth one")  # "My benefits in total" (no London question: Hackney is)
    assert any(t.startswith("How much are your benefits in total") for t in asked), asked
    again = "\n".join(_texts(url, session, "2400 a month"))
    assert "Benefits in total: £2,400.00 a month" in again and "Earnings: £700.00 a month" in again, again
    result = "\n".join(_texts(url, session, "yes that's right"))
    assert "over the cap of" in result or "under the cap of" in result, result


def test_no_we_are_not_a_couple_at_the_read_back_asks_who_lives_there(stack):
    url = f"http://127.0.0.1:{stack.settings.gateway_port}"
    session = "rp" + os.urandom(6).hex()
    _say(url, session, "can you estimate the benefit cap for us, we're on housing benefit in Leeds")
    for answer in ("no", "me and my partner", "no", "about 400 a week"):
        last = _texts(url, session, answer)
    assert any("Here is what you told me" in t for t in last), last
    asked = _texts(url, session, "no, we're not a couple")
    assert "Thank you. I have changed that." in asked and any(t.startswith("Who lives with you?") for t in asked), asked
    read_back = "\n".join(_texts(url, session, "the first one"))  # "Just me"
    assert "Just you" in read_back, read_back


def test_actually_i_live_in_leeds_after_an_answer_gives_help_near_leeds(stack):
    url = f"http://127.0.0.1:{stack.settings.gateway_port}"
    session = "rp" + os.urandom(6).hex()
    _say(url, session, "I'm behind on my gas and electric")
    first = _texts(url, session, "Wakefield")
    assert any("Wakefield" in t for t in first), first
    again = _texts(url, session, "sorry actually I live in Leeds")
    assert again[0] == "Thank you. Here is help near Leeds.", again
    assert any(t.startswith("You can try") and "Leeds" in t for t in again), again


def test_the_second_one_after_not_understood_is_that_button(stack):
    url = f"http://127.0.0.1:{stack.settings.gateway_port}"
    session = "rp" + os.urandom(6).hex()
    shown = _say(url, session, "hmm not sure really")
    assert shown[0]["text"].startswith(NOT_SURE), shown
    # "Did you mean" or the whole menu: either way, buttons, and the second is a need.
    second = shown[0]["buttons"][1]["payload"]
    assert second.startswith("/need_"), shown
    chosen = _texts(url, session, "the second one")
    assert not any(t.startswith(NOT_SURE) for t in chosen), chosen
    assert not any("Your reference is" in t for t in chosen), chosen  # no second miss, so no handoff
    assert any(t.startswith("Which town or council area") for t in chosen), chosen  # that need's question


def test_skills_answers_in_whole_sentences_and_by_position(stack):
    url = f"http://127.0.0.1:{stack.settings.gateway_port}"
    session = "rp" + os.urandom(6).hex()
    _say(url, session, "can you check my online skills")
    assert any(t.startswith("Question 2 of") for t in _texts(url, session, "just my phone, no laptop"))
    assert any(t.startswith("Question 3 of") for t in _texts(url, session, "the first one"))  # "It's my own"
    answered = _texts(url, session, "no wifi, just data on my phone")
    assert any(t.startswith("Question 4 of") and "cost of data" in t for t in answered), answered


def test_the_failures_listed_in_issue_15_for_the_estimate(stack):
    """'twelve hundred a month from my job after tax' is read; 'nearly a year' at the
    grace question asks for a yes or no, and the next answer is the grace answer, not lost."""
    url = f"http://127.0.0.1:{stack.settings.gateway_port}"
    session = "rp" + os.urandom(6).hex()
    _say(url, session, "estimate my benefit cap")
    for answer in ("universal credit", "no", "just me", "no"):
        asked = _texts(url, session, answer)
    assert any(t.startswith("How much do you earn") for t in asked), asked
    grace = _texts(url, session, "I get about twelve hundred a month from my job after tax")
    assert any(t.startswith("In the last 9 months") for t in grace), grace
    unsure = _texts(url, session, "nearly a year")
    assert any("I can't tell from a length of time" in t for t in unsure), unsure
    assert any(t.startswith("In the last 9 months") for t in unsure), unsure  # asked again
    total = _texts(url, session, "no")
    assert any(t.startswith("How much are your benefits in total") for t in total), total
    read_back = "\n".join(_texts(url, session, "1000 a month"))
    assert "Earnings: £1,200.00 a month" in read_back, read_back

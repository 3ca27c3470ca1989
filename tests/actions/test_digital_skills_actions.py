"""The digital-skills form: asking, validation, and the result."""

from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.digital_skills import ActionDigitalResult, ValidateDigitalSkillsForm
from actions.digital_skills import AskEmailCv as AskEmail
from tests.actions.trackers import make_tracker


async def _run(action, tracker, domain):
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, tracker, domain)
    return dispatcher.messages, events


def _slots(events) -> dict:
    return {e["name"]: e["value"] for e in events if e["event"] == "slot"}


async def test_ask_action_numbers_the_question_and_offers_buttons(domain):
    messages, events = await _run(AskEmail(), make_tracker({"ds_devices": ["smartphone"]}), domain)
    assert events == []
    text = messages[0]["text"]
    assert text.startswith("Question 8 of 14. Can you send an email with your CV attached?")
    titles = [b["title"] for b in messages[0]["buttons"]]
    assert titles == ["I can do this on my own", "With some help", "Not yet", "Skip", "Stop the questions"]
    # Button payloads are plain text: they go through the same path as typing.
    assert all(not b["payload"].startswith("/") for b in messages[0]["buttons"])


def test_there_is_an_ask_action_for_every_question(knowledge, domain):
    from actions.digital_skills import AskSkillsQuestion

    # Each question's class is written out, so it can be found by name.
    names = {cls().name() for cls in AskSkillsQuestion.__subclasses__()}
    assert names == {f"action_ask_{q.slot}" for q in knowledge.skills.questions}
    for question in knowledge.skills.questions:
        assert f"action_ask_{question.slot}" in domain["actions"]
        assert question.slot in domain["forms"]["digital_skills_form"]["required_slots"]
        assert question.slot in domain["slots"]


VALIDATION = [
    # (slot, typed value, reasks so far, expected slots set, a message said?)
    ("ds_email_cv", "never used email", 0, {"ds_email_cv": "not_yet", "ds_reasks": 0}, False),
    ("ds_email_cv", "With some help", 0, {"ds_email_cv": "with_help", "ds_reasks": 0}, False),
    ("ds_devices", "phone and laptop", 0, {"ds_devices": ["smartphone", "computer"], "ds_reasks": 0}, False),
    ("ds_email_cv", "skip", 0, {"ds_email_cv": "skipped", "ds_reasks": 0}, False),
    ("ds_email_cv", "I don't know", 0, {"ds_email_cv": "unknown", "ds_reasks": 0}, False),
    ("ds_email_cv", "stop", 0, {"ds_email_cv": None, "ds_stopped": True, "ds_reasks": 0}, True),
    # unclear: asked again twice, then recorded as unknown
    ("ds_email_cv", "banana", 0, {"ds_email_cv": None, "ds_reasks": 1}, True),
    ("ds_email_cv", "banana", 1, {"ds_email_cv": None, "ds_reasks": 2}, True),
    ("ds_email_cv", "banana", 2, {"ds_email_cv": "unknown", "ds_reasks": 0}, True),
    # whole sentences (issue 15)
    ("ds_connection", "no wifi, just data on my phone", 0, {"ds_connection": "mobile_data"}, False),
    ("ds_connection", "we have broadband but it keeps dropping", 0, {"ds_connection": "broadband"}, False),
    ("ds_devices", "just my phone, no laptop", 0, {"ds_devices": ["smartphone"]}, False),
    ("ds_data_cost", "yes I can never afford to top up", 0, {"ds_data_cost": "often"}, False),
    ("ds_foundation", "I can't do it on my own", 0, {"ds_foundation": "with_help"}, False),
    ("ds_journal", "I can log in but I get stuck with the password", 0, {"ds_journal": "with_help"}, False),
    ("ds_journal", "my son does it for me", 0, {"ds_journal": "not_yet"}, False),
]


@pytest.mark.parametrize(("slot", "value", "reasks", "expected", "said"), VALIDATION)
async def test_validation(domain, slot, value, reasks, expected, said):
    tracker = make_tracker(
        {slot: value, "ds_reasks": reasks, "requested_slot": slot},
        text=value,
        intent="answer_skills",
        slot_events={slot: value},
        active_loop="digital_skills_form",
    )
    messages, events = await _run(ValidateDigitalSkillsForm(), tracker, domain)
    slots = _slots(events)
    for name, val in expected.items():
        assert slots[name] == val, name
    assert bool(messages) is said


async def test_stop_ends_the_form(domain):
    tracker = make_tracker(
        {"ds_devices": ["smartphone"], "ds_stopped": True, "requested_slot": "ds_ownership"},
        active_loop="digital_skills_form",
    )
    _, events = await _run(ValidateDigitalSkillsForm(), tracker, domain)
    assert _slots(events)["requested_slot"] is None


async def test_no_device_skips_the_ownership_question(domain):
    tracker = make_tracker(
        {"ds_devices": "None of these", "requested_slot": "ds_devices"},
        text="None of these",
        slot_events={"ds_devices": "None of these"},
        active_loop="digital_skills_form",
    )
    _, events = await _run(ValidateDigitalSkillsForm(), tracker, domain)
    slots = _slots(events)
    assert slots["ds_devices"] == ["none"]
    assert slots["requested_slot"] == "ds_connection"


def _answers(skill: str, **access) -> dict:
    slots = {
        f"ds_{q}": skill
        for q in (
            "foundation",
            "journal",
            "email_cv",
            "upload",
            "job_search",
            "trusted_info",
            "password_reset",
            "scams",
        )
    }
    slots.update(
        ds_devices=["computer"],
        ds_ownership="own",
        ds_connection="broadband",
        ds_data_cost="no",
        ds_elsewhere=["library"],
        ds_barriers=["none"],
    )
    slots.update({f"ds_{k}": v for k, v in access.items()})
    return slots


async def test_result_for_a_low_skill_claimant(domain):
    slots = _answers("not_yet", ownership="shared", data_cost="often") | {"area": "Leeds", "area_id": "leeds"}
    messages, events = await _run(ActionDigitalResult(), make_tracker(slots), domain)
    texts = [m["text"] for m in messages]
    joined = "\n".join(texts)
    assert "I'll suggest to your Work Coach that you have a longer appointment" in joined
    assert "National Databank" in joined and "Learn My Way" in joined
    assert "Help could make these easier:\n- turn on a device" in joined
    for jargon in ("full_support", "not_yet", "score", "level"):
        assert jargon not in joined
    slots_set = _slots(events)
    assert slots_set["digital_overall"] == "full_support"
    assert slots_set["digital_profile"]["communicating"] == "full_support"
    codes = {f["code"] for f in slots_set["flags"]}
    assert codes == {"longer_appointment", "digital_support_referral", "data_or_device_poverty"}
    assert all(f["reasons"] for f in slots_set["flags"])
    assert "national-databank" in slots_set["signposts_given"]


async def test_result_for_a_confident_claimant(domain):
    messages, events = await _run(ActionDigitalResult(), make_tracker(_answers("alone")), domain)
    joined = "\n".join(m["text"] for m in messages)
    assert "You can already:" in joined
    assert "longer appointment" not in joined and "Databank" not in joined
    assert _slots(events)["flags"] == []
    assert _slots(events)["digital_overall"] == "confident"


async def test_result_after_stopping_early(domain):
    tracker = make_tracker({"ds_devices": ["smartphone"], "ds_stopped": True})
    messages, events = await _run(ActionDigitalResult(), tracker, domain)
    assert "We stopped early" in messages[0]["text"]
    assert "I don't have enough answers" in messages[1]["text"]
    assert _slots(events)["ds_stopped"] is False


async def test_result_keeps_flags_from_elsewhere(domain):
    tracker = make_tracker(_answers("alone") | {"flags": [{"code": "urgent", "label": "Urgent", "reasons": ["x"]}]})
    _, events = await _run(ActionDigitalResult(), tracker, domain)
    assert [f["code"] for f in _slots(events)["flags"]] == ["urgent"]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("the second one", "mobile_data"), ("3", "none"), ("the first one", "broadband"), ("yes", None)],
)
async def test_a_short_answer_is_read_against_the_buttons_just_shown(domain, knowledge, typed, expected):
    from actions.digital_skills import AskConnection

    asked, _ = await _run(AskConnection(), make_tracker({}), domain)
    shown = {"event": "bot", "text": asked[0]["text"], "data": {"buttons": asked[0]["buttons"]}}
    tracker = make_tracker(
        {"ds_connection": typed, "requested_slot": "ds_connection", "ds_devices": ["smartphone"]},
        text=typed,
        intent="answer_skills",
        slot_events={"ds_connection": typed},
        active_loop="digital_skills_form",
        earlier=[shown],
    )
    _, events = await _run(ValidateDigitalSkillsForm(), tracker, domain)
    assert _slots(events)["ds_connection"] == expected


def _after(answered: dict, current: str, typed: str):
    """The skills check, asking `current`, after `answered` (in order), just given `typed`."""
    earlier = [{"event": "slot", "name": name, "value": value} for name, value in answered.items()]
    return make_tracker(
        {**answered, current: typed, "requested_slot": current},
        text=typed,
        intent="answer_skills",
        slot_events={current: typed},
        active_loop="digital_skills_form",
        earlier=earlier,
    )


async def test_sorry_i_meant_changes_the_answer_before(domain):
    tracker = _after(
        {"ds_devices": ["smartphone"], "ds_ownership": "own"}, "ds_connection", "sorry I meant it's shared"
    )
    messages, events = await _run(ValidateDigitalSkillsForm(), tracker, domain)
    slots = _slots(events)
    assert slots["ds_ownership"] == "shared" and slots["ds_connection"] is None  # and this one asked again
    assert [m["text"] for m in messages] == ["Thank you. I have changed your last answer."]


async def test_go_back_asks_the_question_before_again(domain):
    tracker = _after({"ds_devices": ["smartphone"], "ds_ownership": "own"}, "ds_connection", "can I go back")
    messages, events = await _run(ValidateDigitalSkillsForm(), tracker, domain)
    slots = _slots(events)
    assert slots["ds_ownership"] is None and slots["ds_connection"] is None
    assert [m["text"] for m in messages] == ["OK. Here is the last question again."]


@pytest.mark.parametrize(
    "typed",
    [
        "sorry, mobile data only",  # "sorry" with an answer to this question: the answer
        "actually it's my own",  # the same answer as before: nothing to change, and not this question's answer
    ],
)
async def test_a_correction_word_is_not_always_a_correction(domain, typed):
    tracker = _after({"ds_devices": ["smartphone"], "ds_ownership": "own"}, "ds_connection", typed)
    messages, events = await _run(ValidateDigitalSkillsForm(), tracker, domain)
    slots = _slots(events)
    assert "ds_ownership" not in slots
    if typed.startswith("sorry"):
        assert slots["ds_connection"] == "mobile_data" and messages == []

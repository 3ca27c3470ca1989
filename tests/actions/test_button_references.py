"""Issue 15: "the first one", "2", "the last one" are read against the last question's
buttons, for every question that has buttons: each form's questions, and every
reply with buttons outside a form (menus, "Did you mean", offers, the urgent reply's
next steps)."""

from __future__ import annotations

import datetime as dt

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import deps
from actions.digital_skills import ValidateDigitalSkillsForm
from actions.money_help import ValidateCapForm
from actions.repair import ActionChooseOption
from bot.digital_skills import replies as ds_replies
from bot.money_help.benefit_cap import replies as cap_replies
from bot.money_help.benefit_cap.questions import CAP_SLOTS
from bot.safeguarding.replies import next_step_buttons
from bot.signposting.replies import also_mentioned, fsf_mention
from tests.actions.trackers import make_tracker

POSITIONS = [("the first one", 0), ("2", 1), ("the last one", -1)]


def _shown(text: str, buttons: list[dict]) -> dict:
    return {"event": "bot", "text": text, "data": {"buttons": buttons}}


def _slots(events) -> dict:
    return {e["name"]: e["value"] for e in events if e["event"] == "slot"}


def _skills_cases():
    bank = deps.knowledge().skills
    for question in bank.questions:
        for typed, index in POSITIONS:
            yield pytest.param(question.id, typed, index, id=f"{question.id}-{typed}")


@pytest.mark.parametrize(("question_id", "typed", "index"), list(_skills_cases()))
async def test_every_skills_question(domain, question_id, typed, index):
    bank = deps.knowledge().skills
    question = bank.question(question_id)
    text, buttons = ds_replies.question(bank, question, bank.to_ask({}))
    extra = {"ds_devices": ["smartphone"]} if question_id != "devices" else {}
    form = ValidateDigitalSkillsForm()
    by_position = await _get(form, question.slot, typed, _shown(text, buttons), "digital_skills_form", extra, domain)
    tapped = await _get(
        form, question.slot, buttons[index]["payload"], _shown(text, buttons), "digital_skills_form", extra, domain
    )
    assert by_position == tapped  # the same as tapping that button
    assert by_position[question.slot] is not None or by_position.get("ds_stopped")


def _cap_cases():
    for slot in CAP_SLOTS:
        if slot == "cap_confirm":  # the read-back: below
            continue
        _, buttons = cap_replies.question(slot, deps.knowledge().benefit_cap, "uc", dt.date(2026, 12, 3))
        for typed, index in POSITIONS:
            if typed.isdigit() and slot in ("cap_earnings", "cap_total"):
                continue  # a bare number is an amount there (tests/actions/test_money_help_actions.py)
            if index < len(buttons):
                yield pytest.param(slot, typed, index, id=f"{slot}-{typed}")


@pytest.mark.parametrize(("slot", "typed", "index"), list(_cap_cases()))
async def test_every_cap_question(domain, slot, typed, index):
    text, buttons = cap_replies.question(slot, deps.knowledge().benefit_cap, "uc", dt.date(2026, 12, 3))
    form = ValidateCapForm()
    extra = {"cap_scheme": "uc"} if slot != "cap_scheme" else {}
    by_position = await _get(form, slot, typed, _shown(text, buttons), "cap_form", extra, domain)
    tapped = await _get(form, slot, buttons[index]["payload"], _shown(text, buttons), "cap_form", extra, domain)
    assert by_position == tapped and by_position[slot] is not None


async def test_the_read_back_and_which_answer_to_change(domain):
    read_back, buttons = cap_replies.question(
        "cap_confirm", deps.knowledge().benefit_cap, "uc", dt.date(2026, 12, 3), "…"
    )
    form = ValidateCapForm()
    answered = {"cap_scheme": "uc", "cap_exempt": "no", "cap_household": "single", "cap_london": "no",
                "cap_earnings": {"amount": "0.00", "period": None}, "cap_grace": "no",
                "cap_total": {"amount": "1000.00", "period": "month"}}  # fmt: skip
    first = await _get(form, "cap_confirm", "the first one", _shown(read_back, buttons), "cap_form", answered, domain)
    assert first["cap_confirm"] == "yes"
    second = await _get(form, "cap_confirm", "the second one", _shown(read_back, buttons), "cap_form", answered, domain)
    assert second["cap_changing"] is True
    text, which = cap_replies.change_question(list(CAP_SLOTS))
    changing = answered | {"cap_changing": True}
    earnings = await _get(form, "cap_confirm", "number 4", _shown(text, which), "cap_form", changing, domain)
    assert earnings["cap_earnings"] is None  # "My earnings", asked again


async def _get(form, slot, typed, shown, loop, extra, domain) -> dict:
    slots = {**extra, slot: typed, "requested_slot": slot}
    tracker = make_tracker(slots, text=typed, slot_events={slot: typed}, active_loop=loop, earlier=[shown])
    return _slots(await form.get_validation_events(CollectingDispatcher(), tracker, domain))


def _outside_forms(domain) -> list[tuple[str, list[dict]]]:
    knowledge = deps.knowledge()
    replies_with_buttons = [
        (name, variants[0]["buttons"]) for name, variants in domain["responses"].items() if variants[0].get("buttons")
    ]
    return [
        *replies_with_buttons,
        ("fsf_mention", fsf_mention(knowledge.fsf)[1]),
        ("also_mentioned", also_mentioned(list(knowledge.needs)[:3])[1]),
        ("safeguarding next steps", next_step_buttons(knowledge.need("housing"))),
    ]


async def test_every_reply_with_buttons_outside_a_form(domain):
    checked = 0
    for name, buttons in _outside_forms(domain):
        for typed, index in POSITIONS:
            if index >= len(buttons):
                continue
            tracker = make_tracker(text=typed, intent="choose_option", earlier=[_shown(name, buttons)])
            dispatcher = CollectingDispatcher()
            events = await ActionChooseOption().run(dispatcher, tracker, domain)
            payload = buttons[index]["payload"]
            assert payload.startswith("/"), (name, payload)  # outside forms every button is an intent
            said = [e for e in events if e.get("event") == "user"]
            assert said and said[0]["parse_data"]["intent"]["name"] == payload[1:], (name, typed, events)
            assert dispatcher.messages == []
            checked += 1
    assert checked >= 20

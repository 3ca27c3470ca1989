"""Safeguarding, health and private-room actions with a real Tracker and CollectingDispatcher."""

from __future__ import annotations

import pytest
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.safeguarding import ActionPrivateRoom, ActionSafeguarding
from actions.signposting import ActionContactPerson, ActionSignpost
from tests.actions.trackers import found, make_tracker, user_event


async def _run(action, tracker, domain):
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, tracker, domain)
    return dispatcher.messages, events


def _flags(events) -> dict[str, list[str]]:
    slot = next(e for e in events if e.get("name") == "flags")
    return {f["code"]: f["reasons"] for f in slot["value"]}


# What the first reply must hold for each category: the urgent contacts.
FIRST_REPLY = {
    "risk_to_life": ["999", "Samaritans", "116 123", "NHS 111", "option 2", "85258"],
    "domestic_abuse": ["999", "National Domestic Abuse Helpline", "0808 2000 247"],
    "other_danger": ["999", "Citizens Advice"],
    "homeless_tonight": ["Shelter", "0808 800 4444", "council", "999"],
    "no_food": ["Trussell", "food bank voucher", "Citizens Advice"],
}


@pytest.mark.parametrize(("category", "expected"), FIRST_REPLY.items())
async def test_urgent_reply_gives_the_contacts_first_and_flags_urgent(domain, category, expected, handoff_store):
    tracker = make_tracker(text="(made-up message)", intent="safeguarding_concern", entities=found("urgent", category))
    messages, events = await _run(ActionSafeguarding(), tracker, domain)
    first = messages[0]["text"]
    for piece in expected:
        assert piece in first, (category, piece, first)
    assert messages[1]["text"].startswith("I have passed this to a Work Coach. Your reference is SGN-")
    assert messages[2]["buttons"][0] == {"title": "Tell a Work Coach today", "payload": "/ask_for_person"}
    assert messages[2]["buttons"][1]["payload"].startswith("/need_")
    flags = _flags(events)
    assert flags["urgent"] and flags["longer_appointment"] == ["In crisis (see the urgent flag)"]
    [handoff] = handoff_store.queue()
    assert handoff.urgent and handoff.triggers[0].startswith("Safeguarding: ")
    assert handoff.summary["flags"][0]["code"] == "urgent"
    assert handoff.reference in messages[1]["text"]


async def test_model_only_concern_gives_every_urgent_contact(domain):
    tracker = make_tracker(text="I can't see a way out", intent="safeguarding_concern")
    messages, events = await _run(ActionSafeguarding(), tracker, domain)
    first = messages[0]["text"]
    for piece in ["999", "116 123", "NHS 111", "0808 2000 247", "Shelter", "Trussell"]:
        assert piece in first
    assert "exact kind is not clear" in _flags(events)["urgent"][0]


async def test_two_categories_lead_with_the_most_urgent_without_repeats(domain):
    tracker = make_tracker(intent="safeguarding_concern", entities=found("urgent", "domestic_abuse", "no_food"))
    messages, _ = await _run(ActionSafeguarding(), tracker, domain)
    first = messages[0]["text"]
    assert first.startswith("I'm sorry this is happening.")
    assert "0808 2000 247" in first and "Trussell" in first
    assert first.count("call 999") == 1


async def test_in_a_form_it_says_the_form_goes_on_and_offers_no_detour(domain):
    tracker = make_tracker(
        intent="safeguarding_concern", entities=found("urgent", "no_food"), active_loop="digital_skills_form"
    )
    messages, _ = await _run(ActionSafeguarding(), tracker, domain)
    assert messages[-1]["text"].startswith("When you are ready, we can carry on.")
    assert [b["payload"] for b in messages[2]["buttons"]] == ["/ask_for_person"]


async def test_contacts_follow_the_claimants_nation(domain):
    tracker = make_tracker(
        {"area": "Cardiff", "area_id": "cardiff"}, intent="safeguarding_concern", entities=found("urgent", "no_food")
    )
    messages, _ = await _run(ActionSafeguarding(), tracker, domain)
    assert "Advicelink Wales" in messages[0]["text"] and "Adviceline)" not in messages[0]["text"]


async def test_urgent_reasons_gather_over_the_conversation(domain):
    earlier = [user_event("(made up)", "safeguarding_concern", found("urgent", "homeless_tonight"))]
    tracker = make_tracker(
        {"flags": [{"code": "digital_support_referral", "label": "x", "reasons": ["r"], "source": "skills_check"}]},
        intent="safeguarding_concern",
        entities=found("urgent", "no_food"),
        earlier=earlier,
    )
    _, events = await _run(ActionSafeguarding(), tracker, domain)
    flags = _flags(events)
    assert flags["urgent"] == ["Homeless or sleeping rough", "No food or no money for essentials"]
    assert flags["specialist_support"] == ["Homeless, so a specialist Work Coach may help"]
    assert flags["digital_support_referral"] == ["r"]  # the skills check's flags are kept


async def test_asking_for_a_person_after_an_urgent_reply_is_noted_for_today(domain):
    flags = [{"code": "urgent", "label": "Urgent", "reasons": ["Disclosed domestic abuse"], "source": "conversation"}]
    tracker = make_tracker({"flags": flags}, intent="ask_for_person")
    messages, events = await _run(ActionContactPerson(), tracker, domain)
    assert "speak to a Work Coach today" in messages[0]["text"]
    assert "0800 328 5644" in messages[0]["text"]
    assert _flags(events)["urgent"] == ["Disclosed domestic abuse", "Asked to speak to a Work Coach today"]


async def test_asking_for_a_person_otherwise_raises_a_handoff_with_no_flags(domain, handoff_store):
    messages, events = await _run(ActionContactPerson(), make_tracker(intent="ask_for_person"), domain)
    assert "next appointment" in messages[0]["text"]
    [handoff] = handoff_store.queue()
    assert events == [SlotSet("handoff_reference", handoff.reference)]
    assert handoff.triggers == ("Asked for a person",) and not handoff.urgent
    assert f"Your reference is {handoff.reference}" in messages[1]["text"]


async def test_private_room_is_recorded_and_explained(domain, handoff_store):
    messages, events = await _run(ActionPrivateRoom(), make_tracker(intent="ask_private_room"), domain)
    assert events[0] == SlotSet("private_room", True)
    assert "private" in messages[0]["text"] and "desk" in messages[0]["text"]
    assert handoff_store.queue()[0].summary["private_room"] is True


async def test_health_help_thanks_never_asks_for_a_diagnosis_and_flags(domain):
    earlier = [user_event("I have a bad back", "need_health", found("disclosure", "health_condition"))]
    tracker = make_tracker({"need": "health", "area": "Leeds", "area_id": "leeds"}, text="Leeds", earlier=earlier)
    messages, events = await _run(ActionSignpost(), tracker, domain)
    texts = [m["text"] for m in messages]
    assert texts[0].startswith("Thank you for telling me. You don't need to tell me what your condition is.")
    assert "GP" in texts[0] and "NHS 111" in texts[0] and "999" in texts[0]
    assert not any("?" in t for t in texts)  # it asks nothing about the condition
    assert not any(t.startswith("Access to Work") for t in texts)  # not about work
    assert "longer appointment" in texts[-2]
    assert texts[-1].startswith("I have passed this to a Work Coach.")
    flags = _flags(events)
    assert flags["longer_appointment"] == ["Mentioned a health condition or disability"]
    assert "specialist_support" in flags


async def test_health_help_about_work_offers_access_to_work(domain):
    earlier = [
        user_event("my back stops me working", "need_health", found("disclosure", "health_condition", "about_work"))
    ]
    tracker = make_tracker({"need": "health", "area": "Leeds", "area_id": "leeds"}, text="Leeds", earlier=earlier)
    messages, _ = await _run(ActionSignpost(), tracker, domain)
    assert any(m["text"].startswith("Access to Work") for m in messages)


async def test_health_button_alone_still_flags(domain):
    earlier = [user_event("/need_mental_health", "need_mental_health")]
    tracker = make_tracker({"need": "mental_health"}, text="skip", intent="skip", earlier=earlier)
    _, events = await _run(ActionSignpost(), tracker, domain)
    assert _flags(events)["longer_appointment"] == ["Mentioned their mental health"]


async def test_lone_parent_asking_for_childcare_gets_the_specialist_flag(domain):
    earlier = [user_event("I'm a single mum, I need childcare", "need_childcare", found("disclosure", "lone_parent"))]
    tracker = make_tracker({"need": "childcare", "area": "Leeds", "area_id": "leeds"}, text="Leeds", earlier=earlier)
    messages, events = await _run(ActionSignpost(), tracker, domain)
    assert _flags(events) == {"specialist_support": ["Lone parent, so a specialist Work Coach may help"]}
    assert not messages[0]["text"].startswith("Thank you for telling me")  # not a health need


async def test_signposting_with_nothing_disclosed_sets_no_flags(domain):
    tracker = make_tracker({"need": "debt", "area": "Leeds", "area_id": "leeds"})
    _, events = await _run(ActionSignpost(), tracker, domain)
    assert not any(e.get("name") == "flags" for e in events)


async def test_the_urgent_services_go_as_data_but_not_the_emergency_lines(domain, handoff_store):
    tracker = make_tracker(text="(made-up message)", intent="safeguarding_concern", entities=found("urgent", "domestic_abuse"))
    messages, _ = await _run(ActionSafeguarding(), tracker, domain)
    cards = messages[0]["custom"]["services"]
    assert cards and all(c["name"] in messages[0]["text"] for c in cards)
    assert "National Domestic Abuse Helpline (Refuge)" in [c["name"] for c in cards]
    assert not any("999" in c["name"] for c in cards)

"""Signposting actions with a real Tracker and CollectingDispatcher."""

from __future__ import annotations

import pytest
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.signposting import ActionContactPerson, ActionSignpost, ValidateSignpostForm
from tests.actions.trackers import make_tracker


async def _run(action, tracker, domain):
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, tracker, domain)
    return dispatcher.messages, events


async def test_signpost_local_first_with_contact_details_and_reason(domain):
    tracker = make_tracker({"need": "debt", "area": "Leeds", "area_id": "leeds"})
    messages, events = await _run(ActionSignpost(), tracker, domain)
    texts = [m["text"] for m in messages]
    assert texts[0] == "You can try these 3 places for help with debt, arrears and bills in Leeds:"
    assert len(texts) == 4  # intro + 3 services
    assert texts[1].startswith("Leeds Test Money Project\n")
    assert "Phone: 0113 496 0001" in texts[1]
    assert "Why: It is local to Leeds" in texts[1]
    assert "Citizens Advice (Adviceline)" in texts[2]
    assert events == [SlotSet("signposts_given", ["test-leeds-debt", "citizens-advice-england", "national-debtline"])]


async def test_unconfirmed_numbers_are_flagged(domain):
    tracker = make_tracker({"need": "debt", "area": "Leeds", "area_id": "leeds"})
    messages, _ = await _run(ActionSignpost(), tracker, domain)
    debtline = next(m["text"] for m in messages if m["text"].startswith("National Debtline"))
    assert "0808 808 4000 (please check this number on their website)" in debtline


async def test_signposts_accumulate_without_repeats(domain):
    tracker = make_tracker(
        {"need": "childcare", "area": "Leeds", "area_id": "leeds", "signposts_given": ["test-leeds-debt"]}
    )
    _, events = await _run(ActionSignpost(), tracker, domain)
    given = events[0]["value"]
    assert given[0] == "test-leeds-debt" and given[1] == "test-leeds-childcare"
    assert len(given) == len(set(given))


async def test_area_from_an_earlier_entity_without_id_still_counts(domain):
    tracker = make_tracker({"need": "housing", "area": "cardiff"})
    messages, _ = await _run(ActionSignpost(), tracker, domain)
    assert messages[0]["text"].endswith("in Cardiff:")
    assert messages[1]["text"].startswith("Cardiff Test Housing Help")


async def test_unknown_area_says_so_and_gives_national_services(domain):
    tracker = make_tracker({"need": "debt", "area": "Little Snoring"})
    messages, _ = await _run(ActionSignpost(), tracker, domain)
    assert messages[0]["text"].startswith('I don\'t know the area "Little Snoring"')
    assert len(messages) == 4


async def test_language_preference(domain):
    tracker = make_tracker({"need": "advice", "area": "Leeds", "area_id": "leeds", "language": "urdu"})
    messages, _ = await _run(ActionSignpost(), tracker, domain)
    assert "It offers help in Urdu." in messages[1]["text"]


async def test_no_need_offers_the_menu(domain):
    messages, events = await _run(ActionSignpost(), make_tracker({"area": "Leeds"}), domain)
    assert messages[0]["response"] == "utter_what_can_you_do"
    assert events == []


async def test_contact_person_uses_the_helpline_from_knowledge(domain, knowledge):
    messages, _ = await _run(ActionContactPerson(), make_tracker(), domain)
    helpline = next(p for p in knowledge.partners if p.id == "dwp-universal-credit-helpline")
    assert helpline.phone in messages[0]["text"]
    assert "Work Coach" in messages[0]["text"]


# The form: (what was extracted, attempts so far) -> (area, area_id, attempts, re-asked?)
FORM_CASES = [
    ("Leeds", 0, "Leeds", "leeds", 0, False),
    ("i live in newcastle", 0, "Newcastle upon Tyne", "newcastle-upon-tyne", 0, False),
    (["Leeds", "Bradford"], 0, "Leeds", "leeds", 0, False),
    ("unknown", 0, "unknown", None, None, False),  # the claimant skipped
    ("Little Snoring", 0, None, None, 1, True),  # asked again once ...
    ("Little Snoring", 1, "Little Snoring", None, 0, False),  # ... then carried on
    ("<script>alert(1)</script>", 0, None, None, 1, True),
    ("x" * 2000, 1, "x" * 80, None, 0, False),
]


@pytest.mark.parametrize(("value", "attempts", "area", "area_id", "new_attempts", "reasked"), FORM_CASES)
async def test_validate_area(domain, value, attempts, area, area_id, new_attempts, reasked):
    tracker = make_tracker(
        {"area": value, "area_attempts": attempts, "requested_slot": "area"},
        slot_events={"area": value},
        active_loop="signpost_form",
    )
    messages, events = await _run(ValidateSignpostForm(), tracker, domain)
    slots = {e["name"]: e["value"] for e in events if e["event"] == "slot"}
    assert slots["area"] == area
    if area_id is not None or area == "unknown":
        assert slots.get("area_id") == area_id
    if new_attempts is not None:
        assert slots.get("area_attempts") == new_attempts
    assert bool(messages) is reasked


async def test_a_service_asked_for_by_name_gets_its_details(domain, knowledge):
    from actions.signposting import ActionPartnerContact
    from bot.signposting.replies import describe_partner

    tracker = make_tracker({"area": "Leeds", "area_id": "leeds"}, text="whats the national debtline number", intent="ask_partner_contact")
    messages, events = await _run(ActionPartnerContact(), tracker, domain)
    assert [m["text"] for m in messages] == ["Here are the details:", describe_partner(knowledge.partner("national-debtline"))]
    assert "please check this number on their website" in messages[1]["text"]  # the same caveat as signposting
    assert events == [SlotSet("signposts_given", ["national-debtline"])]


async def test_a_service_not_in_the_list_is_not_guessed(domain):
    from actions.signposting import ActionPartnerContact

    tracker = make_tracker(text="what is the number for acme help", intent="ask_partner_contact")
    messages, events = await _run(ActionPartnerContact(), tracker, domain)
    assert "I don't have that service in my list" in messages[0]["text"]
    assert events == [SlotSet("signposts_given", [])]


async def test_the_other_needs_of_a_long_message_are_offered(domain):
    from tests.actions.trackers import found, user_event

    long_post = "im behind on my rent. also there's nothing in the fridge for the kids."
    first = user_event(long_post, "need_housing", found("also_need", "crisis", "housing"))
    tracker = make_tracker({"need": "housing", "area": "Leeds", "area_id": "leeds"}, text="Leeds", intent="inform_area", earlier=[first])
    messages, _ = await _run(ActionSignpost(), tracker, domain)
    offer = next(m for m in messages if m["text"].startswith("You also mentioned"))
    assert offer["text"] == "You also mentioned food and crisis. Shall I find help with that too?"
    assert offer["buttons"] == [{"title": "Yes, help with food and crisis", "payload": "/need_crisis"}]


def _cards(messages):
    """The services the actions sent as data, in order (for "Print or save these")."""
    return [card for m in messages for card in (m.get("custom") or {}).get("services", [])]


async def test_each_service_also_goes_as_data_with_its_words(domain, knowledge):
    from bot.signposting.replies import service_card

    tracker = make_tracker({"need": "debt", "area": "Leeds", "area_id": "leeds"})
    messages, _ = await _run(ActionSignpost(), tracker, domain)
    cards = _cards(messages)
    assert [c["name"] for c in cards] == ["Leeds Test Money Project", "Citizens Advice (Adviceline)", "National Debtline"]
    # Each card rides on the message that words the same service.
    assert all(m["text"].startswith(m["custom"]["services"][0]["name"]) for m in messages if m.get("custom"))
    assert cards[0]["why"].startswith("It is local to Leeds") and cards[0]["phone"] == "0113 496 0001"
    assert cards[2] == service_card(knowledge.partner("national-debtline"), cards[2]["why"])
    assert cards[2]["phone"].endswith("(please check this number on their website)")


async def test_a_service_asked_for_by_name_goes_as_data_too(domain):
    from actions.signposting import ActionPartnerContact

    tracker = make_tracker(text="whats the national debtline number", intent="ask_partner_contact")
    messages, _ = await _run(ActionPartnerContact(), tracker, domain)
    assert [c["name"] for c in _cards(messages)] == ["National Debtline"]

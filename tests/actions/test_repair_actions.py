"""Not understood: "Did you mean …?" from the model's ranking, then a Work Coach;
and a town given when no question asked for it."""

from __future__ import annotations

from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.repair import ActionNotUnderstood
from actions.responses import menu
from actions.signposting import ActionAreaNoted
from tests.actions.trackers import make_tracker, user_event


async def _run(action, tracker, domain):
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, tracker, domain)
    return dispatcher.messages, events


def _not_understood(text, ranking, earlier):
    tracker = make_tracker(text=text, intent="nlu_fallback", earlier=earlier)
    tracker.latest_message["intent_ranking"] = [{"name": n, "confidence": c} for n, c in ranking]
    return tracker


async def test_unsure_between_two_needs_asks_which(domain, handoff_store):
    ranking = [("nlu_fallback", 0.45), ("need_debt", 0.38), ("need_digital_inclusion", 0.12), ("greet", 0.05)]
    tracker = _not_understood("no credit on my phone to ring them", ranking, [user_event("hello", "greet")])
    messages, events = await _run(ActionNotUnderstood(), tracker, domain)
    [message] = messages
    assert message["text"].startswith("Sorry, I'm not sure I understood. Did you mean")
    assert [(b["title"], b["payload"]) for b in message["buttons"]] == [
        ("Debt and bills", "/need_debt"),
        ("Getting online", "/need_digital_inclusion"),
        ("Something else", "/what_can_you_do"),
    ]
    assert events == [] and handoff_store.queue() == []


async def test_no_likely_need_shows_the_whole_menu(domain, handoff_store):
    tracker = _not_understood("blorp", [("nlu_fallback", 0.45), ("greet", 0.2), ("need_debt", 0.04)], [])
    messages, events = await _run(ActionNotUnderstood(), tracker, domain)
    assert messages[0]["response"] == "utter_please_rephrase" and events == []
    assert handoff_store.queue() == []


async def test_not_understood_twice_in_a_row_hands_off(domain, handoff_store):
    tracker = _not_understood("zzz", [("need_debt", 0.3)], [user_event("blorp", "nlu_fallback")])
    messages, events = await _run(ActionNotUnderstood(), tracker, domain)
    [handoff] = handoff_store.queue()
    assert handoff.triggers == ("Not understood twice in a row",)
    assert events == [SlotSet("handoff_reference", handoff.reference)]
    assert "A person can help" in messages[0]["text"] and handoff.reference in messages[1]["text"]
    # The reference goes as data too, for the kiosk's ticket.
    assert messages[1]["custom"] == {"handoff_reference": handoff.reference}


def test_the_menu_is_read_from_the_domain(domain):
    offered = menu(domain)
    assert offered["need_debt"] == "Debt and bills" and offered["ask_for_person"] == "Talk to a Work Coach"
    assert "nlu_fallback" not in offered


async def test_a_town_given_after_a_misunderstanding_is_kept(domain):
    tracker = make_tracker({"area": "leeds"}, text="leeds", earlier=[user_event("blorp", "nlu_fallback")])
    messages, events = await _run(ActionAreaNoted(), tracker, domain)
    assert events == [SlotSet("area", "Leeds"), SlotSet("area_id", "leeds"), SlotSet("area_attempts", 0)]
    assert "near Leeds" in messages[0]["text"] and "What do you need help with?" in messages[0]["text"]
    assert {"title": "Debt and bills", "payload": "/need_debt"} in messages[0]["buttons"]


async def test_a_place_not_known_is_not_kept(domain):
    tracker = make_tracker({"area": "Narnia"}, text="Narnia")
    messages, events = await _run(ActionAreaNoted(), tracker, domain)
    assert events == [] and messages[0]["text"] == "Thank you. What do you need help with?"


def _asked(text: str, buttons: list[dict]) -> dict:
    return {"event": "bot", "text": text, "data": {"buttons": buttons}}


async def test_the_first_one_after_did_you_mean_is_that_button(domain, handoff_store):
    shown = [
        {"title": "Debt and bills", "payload": "/need_debt"},
        {"title": "Getting online", "payload": "/need_digital_inclusion"},
        {"title": "Something else", "payload": "/what_can_you_do"},
    ]
    earlier = [user_event("blorp", "nlu_fallback"), _asked("Did you mean one of these?", shown)]
    tracker = _not_understood("the second one", [("nlu_fallback", 0.5)], earlier)
    tracker.latest_message["metadata"] = {"channel": "kiosk"}
    messages, events = await _run(ActionNotUnderstood(), tracker, domain)
    # Said again as the button: Rasa answers it as a tap, so no second miss and no handoff.
    assert messages == [] and handoff_store.queue() == []
    assert events[0]["event"] == "action" and events[0]["name"] == "action_listen"
    said = events[1]
    assert said["event"] == "user" and said["parse_data"]["intent"]["name"] == "need_digital_inclusion"


async def test_a_short_answer_that_is_no_button_is_still_not_understood(domain, handoff_store):
    earlier = [_asked("Did you mean one of these?", [{"title": "Debt and bills", "payload": "/need_debt"}])]
    tracker = _not_understood("the fourth one", [("need_debt", 0.3)], earlier)
    messages, _ = await _run(ActionNotUnderstood(), tracker, domain)
    assert messages[0]["text"].startswith("Sorry, I'm not sure I understood.")


async def test_actually_i_live_in_leeds_answers_the_need_again_for_leeds(domain, directory):
    # Shown help near Wakefield for debt, the claimant corrects the town.
    slots = {"need": "debt", "area": "leeds", "area_id": "wakefield"}
    tracker = make_tracker(slots, text="actually I live in Leeds", entities=[{"entity": "area", "value": "leeds"}])
    messages, events = await _run(ActionAreaNoted(), tracker, domain)
    assert messages[0]["text"] == "Thank you. Here is help near Leeds."
    assert SlotSet("area_id", "leeds") in events
    assert any("Leeds" in (m.get("text") or "") for m in messages[1:])


async def test_a_town_in_a_message_not_understood_is_kept_and_the_need_answered(domain, directory):
    slots = {"need": "debt", "area": "Wakefield", "area_id": "wakefield"}
    entities = [{"entity": "area", "value": "Leeds"}]
    tracker = make_tracker(slots, text="sorry actually I live in Leeds", intent="nlu_fallback", entities=entities)
    messages, events = await _run(ActionNotUnderstood(), tracker, domain)
    assert messages[0]["text"] == "Thank you. Here is help near Leeds."
    assert SlotSet("area_id", "leeds") in events

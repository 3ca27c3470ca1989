"""Raising handoffs from actions, and the privacy notice."""

from __future__ import annotations

from rasa_sdk.events import ActionExecuted, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.handoff import hand_off
from actions.privacy import ActionSessionStart
from tests.actions.trackers import make_tracker, user_event


async def _run(action, tracker, domain):
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, tracker, domain)
    return dispatcher.messages, events


async def test_the_privacy_notice_starts_every_session(domain):
    messages, events = await _run(ActionSessionStart(), make_tracker(), domain)
    assert messages[0]["text"].startswith("Before we start:") and "deleted after 30 days" in messages[0]["text"]
    assert events == [SessionStarted(), ActionExecuted("action_listen")]


async def test_a_handoff_records_channel_site_and_what_was_just_worked_out(domain, handoff_store):
    tracker = make_tracker({"need": "debt", "signposts_given": ["citizens-advice-england"]})
    tracker.events[-1]["metadata"] = {"channel": "kiosk", "site": "leeds-city"}
    tracker.events.insert(0, user_event("I'm behind on my rent", "need_debt"))
    dispatcher = CollectingDispatcher()
    pending = [SlotSet("cap_estimate", {"outcome": "capped"})]
    await hand_off(tracker, dispatcher, "Asked for a person", pending)
    assert handoff_store.queue()[0].summary["cap_estimate"] == {"outcome": "capped"}
    again = await hand_off(tracker, dispatcher, "Finished a benefit cap estimate")
    [handoff] = handoff_store.queue()
    assert (handoff.channel, handoff.site) == ("kiosk", "leeds-city")
    assert handoff.summary["needs"] == ["debt"] and handoff.summary["signposts"] == ["Citizens Advice (Adviceline)"]
    assert handoff.triggers == ("Asked for a person", "Finished a benefit cap estimate")
    assert (
        dispatcher.messages[1]["text"]
        == f"I have added this to your note for a Work Coach. Your reference is still {handoff.reference}."
    )
    assert again == [SlotSet("handoff_reference", handoff.reference)]


async def test_a_kiosk_conversation_starts_in_its_sites_area(domain):
    tracker = make_tracker({"session_started_metadata": {"channel": "kiosk", "site": "example-leeds"}})
    _, events = await _run(ActionSessionStart(), tracker, domain)
    assert events == [
        SessionStarted(),
        SlotSet("area", "Leeds"),
        SlotSet("area_id", "leeds"),
        ActionExecuted("action_listen"),
    ]


async def test_an_unknown_site_starts_with_no_area(domain):
    tracker = make_tracker({"session_started_metadata": {"site": "nowhere"}})
    _, events = await _run(ActionSessionStart(), tracker, domain)
    assert events == [SessionStarted(), ActionExecuted("action_listen")]

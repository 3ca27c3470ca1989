"""Coming back to the skills check (issue 19), with a real Tracker and
CollectingDispatcher: a reference typed during the check finds the last results
(throttled), the last question asks whether to keep these, and the result says what
has changed and the handoff shows both."""

from __future__ import annotations

import datetime as dt

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.digital_skills import ActionDigitalResult, AskKeep, ValidateDigitalSkillsForm
from bot.digital_skills import store as profiles
from bot.insight import rules as r
from bot.insight.store import Scope
from tests.actions.test_digital_skills_actions import _answers
from tests.actions.trackers import make_tracker

ALL = Scope(dt.date(2000, 1, 1), dt.date(2100, 1, 1))


async def _run(action, tracker, domain):
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, tracker, domain)
    return [m["text"] for m in dispatcher.messages], events


def _slots(events) -> dict:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def _at(question: str, text: str, **slots):
    """The form asked `question` and the claimant said `text` (mapped to it, as Rasa would)."""
    return make_tracker(
        {"requested_slot": question, **slots}, text=text, intent="answer_skills", active_loop="digital_skills_form",
        metadata={"channel": "web", "client": "c0ffee"}, slot_events={question: text},
    )  # fmt: skip


async def test_a_reference_at_any_question_finds_the_last_results(domain, profile_store):
    profile_store.keep("SGN-4K7QM2PX", {"communicating": "full_support", "safety": "some_help"}, days=365)
    texts, events = await _run(ValidateDigitalSkillsForm(), _at("ds_journal", "I did this before, sgn 4k7q m2px"), domain)
    slots = _slots(events)
    assert slots["ds_previous"]["levels"] == {"communicating": "full_support", "safety": "some_help"}
    assert slots["ds_journal"] is None  # not taken as the answer: asked again
    assert texts[0].startswith("Thank you. I found your results from ")


async def test_a_reference_that_finds_nothing_says_so_and_walkers_are_stopped(domain, profile_store):
    for n in range(profiles.FAILURES_PER_CLIENT):
        texts, events = await _run(ValidateDigitalSkillsForm(), _at("ds_scams", f"SGN-2222222{n + 2}"), domain)
        assert texts[0].startswith("I couldn't find results") and "ds_previous" not in _slots(events)
    profile_store.keep("SGN-4K7QM2PX", {"safety": "some_help"}, days=365)
    texts, events = await _run(ValidateDigitalSkillsForm(), _at("ds_scams", "SGN-4K7QM2PX"), domain)
    assert texts[0].startswith("I can't look up references right now") and "ds_previous" not in _slots(events)


async def test_the_last_question_asks_to_keep_the_results(domain):
    texts, _ = await _run(AskKeep(), make_tracker(), domain)
    assert texts[0].startswith("One last question. Can I keep your results for a year?")
    form = ValidateDigitalSkillsForm()
    tracker = make_tracker(_answers("alone") | {"area": "Leeds"})
    assert (await form.required_slots([], CollectingDispatcher(), tracker, domain))[-2:] == ["area", "ds_keep"]
    assert "ds_keep" in domain["forms"]["digital_skills_form"]["required_slots"]


@pytest.mark.parametrize(
    "typed, kept", [("Yes, keep my results", True), ("yes", True), ("No, thank you", False), ("nah", False)]
)
async def test_the_keep_answer_is_read(domain, typed, kept):
    _, events = await _run(ValidateDigitalSkillsForm(), _at("ds_keep", typed), domain)
    assert _slots(events)["ds_keep"] is kept


async def test_a_second_check_says_what_changed_and_the_work_coach_sees_both(domain, profile_store, handoff_store, insight_store):
    before = {"foundation": "confident", "communicating": "full_support", "safety": "confident"}
    slots = _answers("alone") | {
        "ds_email_cv": "with_help", "ds_keep": True, "area": "Leeds", "area_id": "leeds",
        "ds_previous": {"levels": before, "checked_on": "2026-03-02"},
    }  # fmt: skip
    texts, events = await _run(ActionDigitalResult(), make_tracker(slots), domain)
    progress = next(t for t in texts if t.startswith("Since your last check on 2 March 2026:"))
    assert "Email and messages: last time you needed a lot of help. Now you need some help. Well done." in progress
    assert "Using a phone or computer: the same as last time. You can do this on your own." in progress
    reference = _slots(events)["handoff_reference"]
    assert any(t.startswith("I have kept your results until ") and reference in t for t in texts)
    # The Work Coach sees both, with the date of the last one.
    handoff = handoff_store.get(reference)
    skills = handoff.summary["skills"]
    assert skills["before_on"] == "2026-03-02"
    communicating = next(p for p in skills["profile"] if "communicating" in p["area"].lower())
    assert communicating["before"] == "needs full support" and communicating["level"] == "needs some help"
    # Kept under the new reference, levels and date only; counted without it.
    kept = profile_store.find(reference, client="the same claimant")
    assert kept.levels["communicating"] == "some_help" and kept.checked_on == dt.date.today()
    counts = {(c.metric, c.key): c.count for c in insight_store.sums(ALL, [r.PROGRESS, r.SKILL])}
    assert counts[(r.PROGRESS, "communicating|better")] == 1 and counts[(r.PROGRESS, "safety|same")] == 1
    assert counts[(r.SKILL, "communicating|some_help")] == 1
    assert _slots(events)["ds_previous"] is None and _slots(events)["ds_keep"] is None


async def test_no_keeps_nothing(domain, profile_store):
    slots = _answers("alone") | {"ds_keep": False, "area": "Leeds", "area_id": "leeds"}
    texts, events = await _run(ActionDigitalResult(), make_tracker(slots), domain)
    assert "OK. I will not keep your results after this conversation." in texts
    assert profile_store.find(_slots(events)["handoff_reference"], client="x") is None

"""Benefit cap, Flexible Support Fund and UC childcare actions."""

from __future__ import annotations

import datetime as dt

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import money_help as cap_actions
from actions.money_help import (
    ActionCapEstimate,
    ActionExplainBenefitCap,
    ActionExplainFsf,
    ActionExplainUcChildcare,
    ValidateCapForm,
)
from bot.money_help.benefit_cap.questions import CAP_SLOTS
from tests.actions.trackers import make_tracker


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(cap_actions, "_today", lambda: dt.date(2026, 11, 23))


async def _run(action, tracker, domain):
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, tracker, domain)
    return [m.get("text") or "" for m in dispatcher.messages], events


def _slots(events) -> dict:
    return {e["name"]: e["value"] for e in events if e["event"] == "slot"}


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("what is the benefit cap", "£1,835.00 a month"),
        ("who is exempt from the benefit cap", "Personal Independence Payment (PIP)"),
        ("what is the grace period", "9 months"),
        ("I work part-time, does the cap affect me", "about £881 a month"),
        ("I get PIP, does the benefit cap apply", "the cap does not apply"),
        ("I live in London, what's the cap", "£2,110.25 a month"),
    ],
)
async def test_explanations_use_the_figures_in_knowledge(domain, question, expected):
    texts, _ = await _run(ActionExplainBenefitCap(), make_tracker(text=question, intent="ask_benefit_cap"), domain)
    assert expected in "\n".join(texts)


CAPPED_UC = {
    "cap_scheme": "uc",
    "cap_exempt": "no",
    "cap_household": "couple_or_lone_parent",
    "cap_london": "no",
    "cap_earnings": {"amount": "0.00", "period": None},
    "cap_grace": "no",
    "cap_total": {"amount": "2000.00", "period": "month"},
    "cap_confirm": "yes",
}


async def test_estimate_capped(domain):
    texts, events = await _run(ActionCapEstimate(), make_tracker(CAPPED_UC), domain)
    joined = "\n".join(texts)
    assert "£165.00 over the cap of £1,835.00" in joined
    assert "This is an estimate" in joined
    assert "Discretionary Housing Payment" in joined and "Citizens Advice" in joined
    slots = _slots(events)
    assert slots["cap_estimate"]["outcome"] == "capped"
    assert slots["cap_estimate"]["difference"] == "165.00"
    assert slots["cap_total"] is None  # the answers are cleared, only the estimate is kept


async def test_estimate_uses_the_known_area_for_london(domain):
    slots = CAPPED_UC | {"cap_london": None, "area": "Hackney", "area_id": "hackney"}
    texts, _ = await _run(ActionCapEstimate(), make_tracker(slots), domain)
    assert "under the cap of £2,110.25" in "\n".join(texts)


async def test_unknown_amount_never_gives_a_figure_for_the_claimant(domain):
    texts, events = await _run(ActionCapEstimate(), make_tracker(CAPPED_UC | {"cap_total": "unknown"}), domain)
    joined = "\n".join(texts)
    assert "I won't guess" in joined
    assert "over the cap" not in joined and "under the cap" not in joined
    assert _slots(events)["cap_estimate"]["total"] is None


async def test_exempt_and_neither(domain):
    texts, _ = await _run(ActionCapEstimate(), make_tracker(CAPPED_UC | {"cap_exempt": "yes"}), domain)
    assert "the cap does not apply" in texts[0]
    # The form stops after "yes", so the household was never asked.
    texts, _ = await _run(ActionCapEstimate(), make_tracker({"cap_scheme": "uc", "cap_exempt": "yes"}), domain)
    assert "the cap does not apply" in texts[0]
    texts, events = await _run(ActionCapEstimate(), make_tracker({"cap_scheme": "neither"}), domain)
    assert "cannot affect you" in texts[0]
    assert _slots(events)["cap_estimate"]["outcome"] == "not_affected"


async def test_earnings_at_the_threshold(domain):
    slots = CAPPED_UC | {"cap_earnings": {"amount": "881.00", "period": "month"}}
    texts, _ = await _run(ActionCapEstimate(), make_tracker(slots), domain)
    assert "so the cap does not apply" in texts[0]


VALIDATION = [
    # (slot, typed, slots set)
    ("cap_scheme", "Universal Credit", {"cap_scheme": "uc"}),
    ("cap_scheme", "I'm on housing benefit and JSA", {"cap_scheme": "legacy"}),
    ("cap_household", "me and my 2 kids", {"cap_household": "couple_or_lone_parent"}),
    ("cap_household", "just me", {"cap_household": "single"}),
    ("cap_total", "£1,250 a month", {"cap_total": {"amount": "1250.00", "period": "month"}}),
    ("cap_total", "about 300 a week", {"cap_total": {"amount": "300.00", "period": "week"}}),
    ("cap_total", "1.2k", {"cap_total": {"amount": "1200.00", "period": None}}),
    ("cap_total", "twelve hundred", {"cap_total": {"amount": "1200.00", "period": None}}),
    ("cap_total", "I don't know", {"cap_total": "unknown"}),
    ("cap_total", "banana", {"cap_total": None, "cap_reasks": 1}),
    ("cap_total", "50000 a month", {"cap_total": None}),  # too high: asked again
    ("cap_earnings", "nothing", {"cap_earnings": {"amount": "0.00", "period": None}}),
    ("cap_exempt", "yes", {"cap_exempt": "yes"}),
    ("cap_exempt", "not sure", {"cap_exempt": "unknown"}),
]


@pytest.mark.parametrize(("slot", "typed", "expected"), VALIDATION)
async def test_validation(domain, slot, typed, expected):
    tracker = make_tracker(
        {"cap_scheme": "uc", slot: typed, "requested_slot": slot},
        text=typed,
        slot_events={slot: typed},
        active_loop="cap_form",
    )
    _, events = await _run(ValidateCapForm(), tracker, domain)
    slots = _slots(events)
    for name, value in expected.items():
        assert slots[name] == value, name


def _answered(typed: str, slot: str, earlier: dict | None = None):
    """The cap form, asking `slot`, just given `typed`."""
    slots = {**(earlier or {}), slot: typed, "requested_slot": slot}
    return make_tracker(slots, text=typed, slot_events={slot: typed}, active_loop="cap_form")


async def test_an_answer_to_a_later_question_is_kept_and_this_one_asked_again(domain):
    # Asked about Universal Credit, the claimant says who they live with (issue 15).
    texts, events = await _run(ValidateCapForm(), _answered("I'm a single parent", "cap_scheme"), domain)
    slots = _slots(events)
    assert slots["cap_household"] == "couple_or_lone_parent" and slots["cap_scheme"] is None
    assert texts == ["Thank you. I will keep that for a later question."]
    # Once the scheme and exemption are answered, the household question is skipped:
    # the form asks the first required question with no answer.
    later = slots | {"cap_scheme": "uc", "cap_exempt": "no"}
    required = await ValidateCapForm().required_slots([], CollectingDispatcher(), make_tracker(later), domain)
    next_asked = next(name for name in required if later.get(name) is None)
    assert "cap_household" in required and next_asked != "cap_household"


async def test_an_answer_with_more_in_it_fills_both_questions(domain):
    tracker = _answered("yes universal credit, its me and my 2 kids", "cap_scheme")
    texts, events = await _run(ValidateCapForm(), tracker, domain)
    slots = _slots(events)
    assert slots["cap_scheme"] == "uc" and slots["cap_household"] == "couple_or_lone_parent"
    assert texts == []


async def test_an_answer_already_given_is_not_overwritten_out_of_turn(domain):
    earlier = {"cap_scheme": "uc", "cap_household": "couple_or_lone_parent"}
    tracker = _answered("I'm on housing benefit, it's just me", "cap_exempt", earlier)
    _, events = await _run(ValidateCapForm(), tracker, domain)
    slots = _slots(events)
    assert "cap_household" not in slots and "cap_scheme" not in slots


async def test_a_length_of_time_at_the_grace_question_asks_for_yes_or_no(domain):
    texts, events = await _run(ValidateCapForm(), _answered("nearly a year", "cap_grace", {"cap_scheme": "uc"}), domain)
    assert _slots(events)["cap_grace"] is None
    assert texts == ["Thank you. I can't tell from a length of time if you get a grace period (a time when the cap "
                     "does not apply). Please answer yes, no, or I don't know."]  # fmt: skip


def _at_read_back(typed: str, extra: dict | None = None):
    slots = CAPPED_UC | {"cap_confirm": typed, "requested_slot": "cap_confirm"} | (extra or {})
    return make_tracker(slots, text=typed, slot_events={"cap_confirm": typed}, active_loop="cap_form")


async def test_change_something_asks_which_answer(domain):
    texts, events = await _run(ValidateCapForm(), _at_read_back("Change something"), domain)
    slots = _slots(events)
    assert slots["cap_confirm"] is None and slots["cap_changing"] is True
    assert slots.get("cap_household", "kept") == "kept"  # nothing is thrown away
    assert texts == []  # the question is action_ask_cap_confirm's
    # Asked again, the read-back's place shows which answers can change.
    dispatcher = CollectingDispatcher()
    asked = make_tracker(CAPPED_UC | {"cap_confirm": None, "cap_changing": True}, active_loop="cap_form")
    await cap_actions.AskCapConfirm().run(dispatcher, asked, domain)
    titles = [b["title"] for b in dispatcher.messages[0]["buttons"]]
    assert dispatcher.messages[0]["text"].startswith("What would you like to change?")
    assert titles == [
        "The benefit I get", "Who lives with me", "If I live in London", "My earnings",
        "My benefits in total", "Start again", "It's right",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("typed", "asked_again"),
    [
        ("Who lives with me", "cap_household"),
        ("My earnings", "cap_earnings"),
        ("the total", "cap_total"),
        ("which benefit I get", "cap_scheme"),
    ],
)
async def test_the_answer_chosen_is_asked_again_and_the_rest_kept(domain, typed, asked_again):
    _, events = await _run(ValidateCapForm(), _at_read_back(typed, {"cap_changing": True}), domain)
    slots = _slots(events)
    assert slots[asked_again] is None and slots["cap_confirm"] is None and slots["cap_changing"] is False
    kept = [name for name in CAP_SLOTS if name not in (asked_again, "cap_confirm")]
    assert all(name not in slots for name in kept)


async def test_start_again_clears_every_answer(domain):
    texts, events = await _run(ValidateCapForm(), _at_read_back("Start again", {"cap_changing": True}), domain)
    slots = _slots(events)
    assert all(slots[name] is None for name in CAP_SLOTS)
    assert "again" in texts[0]


@pytest.mark.parametrize(
    ("typed", "slot", "now"),
    [
        ("no, we're not a couple", "cap_household", None),  # asked again: who does live there is not said
        ("actually it's just me", "cap_household", "single"),
        ("actually I earn 900 a month", "cap_earnings", {"amount": "900.00", "period": "month"}),
        ("we get housing benefit, not universal credit", "cap_scheme", "legacy"),
        ("our benefits come to 1900 a month in total", "cap_total", {"amount": "1900.00", "period": "month"}),
    ],
)
async def test_a_correction_at_the_read_back_changes_that_answer(domain, typed, slot, now):
    texts, events = await _run(ValidateCapForm(), _at_read_back(typed), domain)
    slots = _slots(events)
    assert slots[slot] == now and slots["cap_confirm"] is None
    assert texts == ["Thank you. I have changed that."]


async def test_the_read_back_shows_the_corrected_answer(domain):
    _, events = await _run(ValidateCapForm(), _at_read_back("actually I earn 900 a month"), domain)
    dispatcher = CollectingDispatcher()
    corrected = CAPPED_UC | _slots(events)
    await cap_actions.AskCapConfirm().run(dispatcher, make_tracker(corrected, active_loop="cap_form"), domain)
    assert "Earnings: £900.00 a month" in dispatcher.messages[0]["text"]


@pytest.mark.parametrize(
    ("typed", "asked", "slot", "now"),
    [
        ("sorry, I meant I earn 700 a month", "cap_grace", "cap_earnings", {"amount": "700.00", "period": "month"}),
        ("I earn 700 a month", "cap_total", "cap_earnings", {"amount": "700.00", "period": "month"}),
        ("no wait, we split up, it's just me now", "cap_earnings", "cap_household", "single"),
    ],
)
async def test_a_correction_to_an_earlier_answer_at_any_question(domain, typed, asked, slot, now):
    earlier = {k: v for k, v in CAPPED_UC.items() if CAP_SLOTS.index(k) < CAP_SLOTS.index(asked)}
    texts, events = await _run(ValidateCapForm(), _answered(typed, asked, earlier), domain)
    slots = _slots(events)
    assert slots[slot] == now and slots[asked] is None  # and the question is asked again
    assert texts == ["Thank you. I have changed that."]


async def test_an_answer_repeated_without_a_correction_is_not_a_change(domain):
    # "I'm a single parent" when already a couple or lone parent: nothing to change.
    earlier = {"cap_scheme": "uc", "cap_exempt": "no", "cap_household": "couple_or_lone_parent"}
    messages, events = await _run(
        ValidateCapForm(), _answered("yes, I'm a single parent", "cap_london", earlier), domain
    )
    assert _slots(events)["cap_london"] == "yes" and "cap_household" not in _slots(events)
    assert messages == []


async def test_only_what_the_estimate_needs_is_asked(domain):
    form = ValidateCapForm()
    dispatcher = CollectingDispatcher()
    legacy = make_tracker({"cap_scheme": "legacy", "area_id": "leeds", "area": "Leeds"})
    asked = await form.required_slots([], dispatcher, legacy, domain)
    assert "cap_earnings" not in asked and "cap_london" not in asked
    exempt = make_tracker({"cap_scheme": "uc", "cap_exempt": "yes"})
    assert await form.required_slots([], dispatcher, exempt, domain) == ["cap_scheme", "cap_exempt"]


@pytest.mark.parametrize(
    ("question", "purpose", "words"),
    [
        (
            "can they pay for my bus fare to an interview",
            "Flexible Support Fund: travel to interviews",
            "bus or train fare",
        ),
        (
            "can the jobcentre pay for clothes for a job",
            "Flexible Support Fund: clothes for work or interviews",
            "uniform",
        ),
        (
            "can they pay for childcare before my first wage",
            "Flexible Support Fund: childcare before the first wage",
            "up to one month",
        ),
        ("can the jobcentre pay for a course", "Flexible Support Fund: a training course", "courses"),
        (
            "what is the flexible support fund",
            "Flexible Support Fund: interested, purpose not given",
            "Work Coach decides",
        ),
    ],
)
async def test_fsf_answers_and_records_interest(domain, question, purpose, words):
    texts, events = await _run(
        ActionExplainFsf(), make_tracker(text=question, intent="ask_flexible_support_fund"), domain
    )
    joined = "\n".join(texts)
    assert words in joined
    assert "Work Coach decides" in joined and "no set amount" in joined
    assert "£" not in joined  # never an amount
    assert _slots(events)["fsf_interest"] == [purpose]


async def test_uc_childcare_uses_the_current_maximums(domain):
    texts, _ = await _run(ActionExplainUcChildcare(), make_tracker(), domain)
    joined = "\n".join(texts)
    assert "85%" in joined and "£1,071.09" in joined and "£1,836.16" in joined


def test_there_is_an_ask_action_for_every_cap_question(domain):
    from actions.money_help import AskCapQuestion

    names = {cls().name() for cls in AskCapQuestion.__subclasses__()}
    assert names == {f"action_ask_{slot}" for slot in CAP_SLOTS}
    assert names <= set(domain["actions"])


@pytest.mark.parametrize(
    ("slot", "typed", "earlier", "expected"),
    [
        ("cap_household", "the second one", {"cap_scheme": "uc"}, "couple_or_lone_parent"),
        ("cap_household", "1", {"cap_scheme": "uc"}, "single"),
        ("cap_scheme", "the first one", {}, "uc"),
        ("cap_london", "nope", {"cap_scheme": "uc"}, "no"),
        # An amount question: "2" is £2, not the second button.
        ("cap_earnings", "2", {"cap_scheme": "uc"}, {"amount": "2.00", "period": None}),
    ],
)
async def test_a_short_answer_is_read_against_the_question_just_asked(domain, slot, typed, earlier, expected):
    text, buttons = cap_actions.cap_replies.question(
        slot, cap_actions.deps.knowledge().benefit_cap, "uc", dt.date(2026, 11, 23)
    )
    shown = {"event": "bot", "text": text, "data": {"buttons": buttons}}
    slots = {**earlier, slot: typed, "requested_slot": slot}
    tracker = make_tracker(slots, text=typed, slot_events={slot: typed}, active_loop="cap_form", earlier=[shown])
    _, events = await _run(ValidateCapForm(), tracker, domain)
    assert _slots(events)[slot] == expected


async def test_the_request_that_opens_the_estimate_gives_its_answers(domain):
    tracker = make_tracker(
        text="im a single mum on universal credit, will the cap hit me", intent="estimate_benefit_cap"
    )
    dispatcher = CollectingDispatcher()
    events = await cap_actions.ActionCapIntro().run(dispatcher, tracker, domain)
    assert dispatcher.messages[0]["response"] == "utter_cap_intro"
    assert _slots(events) == {"cap_household": "couple_or_lone_parent", "cap_scheme": "uc"}
    # The form, validating them as it starts, keeps them as they are.
    slots = _slots(events) | {"requested_slot": None}
    started = make_tracker(slots, slot_events=_slots(events), active_loop="cap_form")
    texts, validated = await _run(ValidateCapForm(), started, domain)
    assert _slots(validated) == _slots(events) and texts == []


async def test_yes_to_the_offer_keeps_what_the_cap_question_said(domain):
    from tests.actions.trackers import user_event

    asked = user_event("we get housing benefit and its me and my 3 kids, does the cap affect us", "ask_benefit_cap")
    tracker = make_tracker(text="yes please", intent="affirm", earlier=[asked])
    events = await cap_actions.ActionCapIntro().run(CollectingDispatcher(), tracker, domain)
    assert _slots(events) == {"cap_household": "couple_or_lone_parent", "cap_scheme": "legacy"}
    # An older question is not read again: only the one just before the "yes".
    older = [user_event("I'm a single parent", "inform_area"), user_event("hello", "greet")]
    events = await cap_actions.ActionCapIntro().run(
        CollectingDispatcher(), make_tracker(text="yes", intent="affirm", earlier=older), domain
    )
    assert _slots(events) == {}


async def test_another_adults_benefit_is_a_no_with_the_reason(domain):
    # Issue 17, item 3: an adult son's PIP exempted the household.
    tracker = _answered("my son gets PIP, he is 24", "cap_exempt", {"cap_scheme": "uc"})
    texts, events = await _run(ValidateCapForm(), tracker, domain)
    assert _slots(events)["cap_exempt"] == "no"
    assert any("does not stop the cap" in t for t in texts), texts


@pytest.mark.parametrize(
    ("answer", "scheme", "expected"),
    [
        ("yes, State Pension age", "uc", "You have reached State Pension age"),
        ("only one of us is over State Pension age", "uc", "Only one of you has reached State Pension age"),
        ("only one of us is over Pension Credit age", "legacy", "One of you has reached Pension Credit age"),
    ],
)
async def test_pension_age_answers_end_the_estimate_with_their_reason(domain, answer, scheme, expected):
    tracker = _answered(answer, "cap_exempt", {"cap_scheme": scheme})
    _, events = await _run(ValidateCapForm(), tracker, domain)
    exempt = _slots(events)["cap_exempt"]
    texts, _ = await _run(ActionCapEstimate(), make_tracker({"cap_scheme": scheme, "cap_exempt": exempt}), domain)
    assert texts[0].startswith(expected), texts

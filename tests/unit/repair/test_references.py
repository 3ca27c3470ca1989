"""Short answers read against the last question's buttons (bot/repair/references.py)."""

from __future__ import annotations

import pytest

from bot.repair.references import pick_button

HOUSEHOLD = [
    {"title": "Just me", "payload": "just me"},
    {"title": "Me and my partner", "payload": "me and my partner"},
    {"title": "Me and my children", "payload": "me and my children"},
    {"title": "My partner, me and children", "payload": "partner and children"},
]
YES_NO = [
    {"title": "Yes, estimate mine", "payload": "/estimate_benefit_cap"},
    {"title": "No, thank you", "payload": "/deny"},
]
DID_YOU_MEAN = [
    {"title": "Money and debt", "payload": "/need_debt"},
    {"title": "Getting online", "payload": "/need_digital_inclusion"},
    {"title": "Something else", "payload": "/what_can_you_do"},
]
AMOUNT = [{"title": "I don't know", "payload": "I don't know"}]


@pytest.mark.parametrize(
    ("typed", "buttons", "chosen"),
    [
        ("the first one", HOUSEHOLD, "just me"),
        ("First", HOUSEHOLD, "just me"),
        ("1", HOUSEHOLD, "just me"),
        ("2", HOUSEHOLD, "me and my partner"),
        ("number 3", HOUSEHOLD, "me and my children"),
        ("option two please", HOUSEHOLD, "me and my partner"),
        ("the 2nd", HOUSEHOLD, "me and my partner"),
        ("the last one", HOUSEHOLD, "partner and children"),
        ("erm the second one", DID_YOU_MEAN, "/need_digital_inclusion"),
        ("the top one", DID_YOU_MEAN, "/need_debt"),
        ("Me and my partner", HOUSEHOLD, "me and my partner"),  # a title, typed
        ("yes", YES_NO, "/estimate_benefit_cap"),
        ("yeah", YES_NO, "/estimate_benefit_cap"),
        ("nah", YES_NO, "/deny"),
        ("no thanks", YES_NO, "/deny"),
        ("the first one", AMOUNT, "I don't know"),
    ],
)
def test_a_short_answer_is_the_button_it_means(typed, buttons, chosen):
    button = pick_button(typed, buttons)
    assert button is not None and button["payload"] == chosen


@pytest.mark.parametrize(
    ("typed", "buttons", "bare_numbers"),
    [
        ("one", HOUSEHOLD, True),  # "have you got one?": not a position on its own
        ("no one", HOUSEHOLD, True),  # nobody
        ("7", HOUSEHOLD, True),  # no seventh button
        ("the fifth", HOUSEHOLD, True),
        ("I have 2 kids", HOUSEHOLD, True),  # a sentence, not a position
        ("yes", HOUSEHOLD, True),  # no button says yes
        ("yes", DID_YOU_MEAN, True),  # three choices: which?
        ("2", AMOUNT, False),  # £2 where an amount is asked
        ("1", AMOUNT, False),
        ("", HOUSEHOLD, True),
        ("the first one", [], True),
    ],
)
def test_anything_else_is_not_a_button(typed, buttons, bare_numbers):
    assert pick_button(typed, buttons, bare_numbers=bare_numbers) is None

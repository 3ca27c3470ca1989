"""How claimants take back an answer (bot/core/corrections.py)."""

from __future__ import annotations

import pytest

from bot.core.corrections import corrects, goes_back, without_correction
from bot.core.fields import negated


@pytest.mark.parametrize(
    ("typed", "correction", "answer"),
    [
        ("actually I earn 700 a month", True, "I earn 700 a month"),
        ("sorry, I meant 900", True, "900"),
        ("no wait, it's shared", True, "it's shared"),
        ("oops my mistake - just me", True, "just me"),
        ("no, we're not a couple", True, "we're not a couple"),
        ("no", False, ""),  # a plain "no" answers the question asked
        ("nothing", False, "nothing"),
        ("notifications are off", False, "notifications are off"),
        ("I earn 700 a month", False, "I earn 700 a month"),
    ],
)
def test_a_correction_and_its_answer(typed, correction, answer):
    assert corrects(typed) is correction
    assert without_correction(typed) == answer


@pytest.mark.parametrize(
    ("typed", "back"),
    [("go back", True), ("can I go back", True), ("back", True), ("change my last answer", True),
     ("undo that", True), ("my back hurts", False), ("I want to go back to work", True), ("no", False)],
)  # fmt: skip
def test_going_back(typed, back):
    # "I want to go back to work" reads as going back: a skills answer it is not, so asking
    # the question before again costs one turn, and "go back" said any other way is never missed.
    assert goes_back(typed) is back


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("no wifi just data", "wifi", True),
        ("were not a couple", "couple", True),
        ("we dont have a partner", "partner", True),
        ("just me no kids", "kids", True),
        ("no wifi but i have a laptop", "laptop", False),
        ("me and my partner", "partner", False),
        ("no kids but my kids visit", "kids", False),  # one mention is not negated
        ("hello", "kids", False),
    ],
)
def test_negated(text, phrase, expected):
    assert negated(text, phrase) is expected

"""bench/cap_turns.py: which question a reply asks, and the claimants it sends."""

from __future__ import annotations

import datetime as dt

import pytest

from bench.cap_turns import CLAIMANTS, OFFER, QUESTIONS, asked
from bot.knowledge import get_knowledge
from bot.money_help.benefit_cap import replies
from bot.money_help.benefit_cap.questions import CAP_SLOTS


@pytest.mark.parametrize("slot", [s for s in CAP_SLOTS if s != "cap_confirm"])
@pytest.mark.parametrize("scheme", ["uc", "legacy"])
def test_every_question_is_recognised_by_its_words(slot, scheme):
    text, _ = replies.question(slot, get_knowledge().benefit_cap, scheme, dt.date(2026, 12, 3))
    assert asked(["Thank you. I will keep that for a later question.", text]) == slot


def test_the_read_back_is_recognised():
    assert asked([replies.summary({"cap_scheme": "uc"}, None)]) == "cap_confirm"
    assert asked(["Here is some help near Leeds."]) is None


def test_every_claimant_can_answer_the_read_back_and_never_needs_more_facts_than_there_are():
    slots = {s for s, _ in QUESTIONS} - {OFFER}
    for claimant in CLAIMANTS:
        assert "cap_confirm" in claimant.says and set(claimant.says) <= slots
        assert 1 <= claimant.facts <= len(CAP_SLOTS) - 1

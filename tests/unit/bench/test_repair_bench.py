"""The simulated claimant of bench/repair.py: what it says next, and what counts as useful."""

from __future__ import annotations

import pytest

from bench.repair import next_message, useful

ASKED = "my gas is on emergency credit"


@pytest.mark.parametrize(
    ("replies", "said"),
    [
        ([{"text": "Which town or council area do you live in?", "buttons": []}], "Leeds"),
        # The button for what they asked for, when offered.
        ([{"text": "Did you mean one of these?", "buttons": [{"payload": "/need_crisis"}, {"payload": "/need_debt"},
                                                             {"payload": "/what_can_you_do"}]}], "/need_debt"),
        # Not offered: "Something else".
        ([{"text": "Did you mean one of these?", "buttons": [{"payload": "/need_crisis"},
                                                             {"payload": "/what_can_you_do"}]}], "/what_can_you_do"),
        # Nothing to tap: the same words again.
        ([{"text": "Sorry, I can't help with that.", "buttons": []}], ASKED),
        ([], ASKED),
    ],
)  # fmt: skip
def test_the_claimant_answers_as_a_person_would(replies, said):
    assert next_message(ASKED, "need_debt", replies) == said


@pytest.mark.parametrize(
    ("intent", "texts", "is_useful"),
    [
        ("need_debt", ["You can try these services near Leeds:"], True),
        ("need_debt", ["Which town or council area do you live in?"], False),
        ("need_crisis", ["If you or someone else is in danger now, call 999."], True),
        ("ask_benefit_cap", ["On Universal Credit, the cap does not apply if you earn enough."], True),
        # The list of what Signpost can do names the cap, but answers nothing.
        ("ask_benefit_cap", ["Here is what I can do:\n- explain the benefit cap"], False),
        ("ask_flexible_support_fund", ["The Flexible Support Fund may help."], True),
        # A Work Coach's reference is always a useful end.
        ("ask_uc_childcare", ["I have passed this to a Work Coach. Your reference is SGN-4K7Q."], True),
    ],
)
def test_what_counts_as_a_useful_answer(intent, texts, is_useful):
    assert useful(intent, texts) is is_useful

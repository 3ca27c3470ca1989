"""Which needs "Did you mean …?" offers back, from the model's ranking."""

from __future__ import annotations

import pytest

from bot.repair.suggestions import FLOOR, LEAD, MOST, Choice, suggest

MENU = {"need_debt": "Debt and bills", "need_crisis": "Food or an emergency", "need_housing": "Housing",
        "need_digital_inclusion": "Getting online", "ask_benefit_cap": "The benefit cap"}  # fmt: skip


@pytest.mark.parametrize(
    ("ranking", "offered"),
    [
        # The likeliest first, whatever order the ranking came in.
        ([("need_crisis", 0.2), ("need_debt", 0.38)], ["/need_debt", "/need_crisis"]),
        # What the menu does not offer is never suggested: the fallback itself, greetings.
        ([("nlu_fallback", 0.45), ("greet", 0.3), ("need_housing", 0.25)], ["/need_housing"]),
        # At most MOST.
        (
            [("need_debt", 0.3), ("need_crisis", 0.25), ("need_housing", 0.2), ("ask_benefit_cap", 0.15)],
            ["/need_debt", "/need_crisis", "/need_housing"],
        ),
        # Below FLOOR the model is guessing.
        ([("need_debt", 0.3), ("need_housing", FLOOR - 0.01)], ["/need_debt"]),
        ([("need_debt", 0.3), ("need_crisis", FLOOR)], ["/need_debt", "/need_crisis"]),
        # Without a lead, nothing: "hmm" scores a tenth for work and skills.
        ([("nlu_fallback", 0.45), ("need_employment_skills", 0.13), ("need_debt", 0.08)], []),
        ([("need_debt", LEAD - 0.01)], []),
        ([("need_debt", LEAD)], ["/need_debt"]),
        # Nothing worth offering: the caller shows the full menu.
        ([("nlu_fallback", 0.45), ("need_debt", 0.05)], []),
        ([], []),
        # The same intent twice is offered once.
        ([("need_debt", 0.3), ("need_debt", 0.2)], ["/need_debt"]),
    ],
)
def test_suggestions(ranking, offered):
    chosen = suggest(ranking, MENU)
    assert [c.payload for c in chosen] == offered
    assert len(chosen) <= MOST


def test_a_suggestion_is_the_menu_button():
    assert suggest([("need_crisis", 0.4)], MENU) == [Choice("Food or an emergency", "/need_crisis")]

"""What the claimant reads about the benefit cap: never a figure the facts do not give for the date."""

from __future__ import annotations

import datetime as dt

from bot.money_help.benefit_cap import replies
from bot.money_help.benefit_cap import replies as talk


def test_no_figure_is_stated_without_a_known_period(knowledge):
    later = dt.date(2031, 1, 1)
    text = "\n".join(talk.explain(knowledge.benefit_cap, "general", later))
    assert "may have changed" in text
    assert "£" not in text


# Issue 17: the questions ask what the rules need (items 1, 5, 6, 7, 8).
def test_the_total_question_names_every_counted_benefit_from_the_facts(knowledge):
    facts = knowledge.benefit_cap
    for scheme in ("uc", "legacy"):
        text, _ = replies.question("cap_total", facts, scheme, dt.date(2026, 12, 2))
        assert "any other benefits" not in text
        for name in facts.counted_benefits:
            assert name.split(" (")[0] in text, name
        assert facts.not_counted_examples[0] in text


def test_housing_benefit_households_are_asked_about_working_tax_credit(knowledge):
    facts = knowledge.benefit_cap
    legacy, _ = replies.question("cap_exempt", facts, "legacy", dt.date(2026, 12, 2))
    assert "Working Tax Credit, even if it is £0" in legacy and "Pension Credit age" in legacy
    uc, _ = replies.question("cap_exempt", facts, "uc", dt.date(2026, 12, 2))
    assert "Working Tax Credit" not in uc and "State Pension age" in uc and "LCWRA" in uc
    assert "a child under 18" in uc and "does not count here" in uc


def test_the_grace_question_names_the_threshold_in_force_at_the_time(knowledge):
    # Item 6: the threshold that counts is the one in force when the pay was received.
    facts = knowledge.benefit_cap
    text, _ = replies.question("cap_grace", facts, "uc", dt.date(2026, 12, 2))
    assert "£793 a month, then about £846 from April 2025, then about £881 from April 2026" in text
    assert "former partner" in text  # item 7
    early, _ = replies.question("cap_grace", facts, "uc", dt.date(2024, 6, 1))
    assert "£722 a month, then £793 from April 2024" in early
    hb, _ = replies.question("cap_grace", facts, "legacy", dt.date(2026, 12, 2))
    assert "you must not have got Income Support, Jobseeker's Allowance or Employment and Support" in hb  # item 8


def test_thresholds_between_dates(knowledge):
    facts = knowledge.benefit_cap
    got = facts.thresholds_between(dt.date(2025, 1, 1), dt.date(2026, 12, 2))
    assert [t.monthly for t in got] == [793, 846, 881]
    assert [t.monthly for t in facts.thresholds_between(dt.date(2026, 5, 1), dt.date(2026, 6, 1))] == [881]

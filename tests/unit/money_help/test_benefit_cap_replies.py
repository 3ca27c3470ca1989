"""What the claimant reads about the benefit cap: never a figure the facts do not give for the date."""

from __future__ import annotations

import datetime as dt

from bot.money_help.benefit_cap import replies as talk


def test_no_figure_is_stated_without_a_known_period(knowledge):
    later = dt.date(2031, 1, 1)
    text = "\n".join(talk.explain(knowledge.benefit_cap, "general", later))
    assert "may have changed" in text
    assert "£" not in text

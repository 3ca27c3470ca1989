"""Reading answers to the cap questions, and choosing what to explain."""

from __future__ import annotations

import datetime as dt

import pytest

from bot import benefit_cap_talk as talk

TOPICS = [
    ("what is the benefit cap", "general"),
    ("who is exempt from the benefit cap", "exemptions"),
    ("does the cap apply to me", "exemptions"),
    ("how long is the grace period", "grace"),
    ("I work part-time, does it affect me", "work"),
    ("I get PIP", "disability_carer"),
    ("I get carer's allowance", "disability_carer"),
    ("I live in London", "london"),
    ("", "general"),
]


@pytest.mark.parametrize(("text", "topic"), TOPICS)
def test_cap_topic(text, topic):
    assert talk.cap_topic(text) == topic


@pytest.mark.parametrize(
    ("reader", "text", "expected"),
    [
        (talk.read_yes_no, "yes", "yes"),
        (talk.read_yes_no, "Yeah we do", "yes"),
        (talk.read_yes_no, "no", "no"),
        (talk.read_yes_no, "I don't know", talk.UNKNOWN),
        (talk.read_yes_no, "not sure", talk.UNKNOWN),
        (talk.read_yes_no, "yes and no", None),
        (talk.read_yes_no, "purple", None),
        (talk.read_scheme, "Universal Credit", "uc"),
        (talk.read_scheme, "UC", "uc"),
        (talk.read_scheme, "housing benefit and JSA", "legacy"),
        (talk.read_scheme, "neither", talk.NEITHER),
        (talk.read_scheme, "dunno", talk.UNKNOWN),
        (talk.read_household, "just me", "single"),
        (talk.read_household, "I live on my own", "single"),
        (talk.read_household, "me and my partner", "couple_or_lone_parent"),
        (talk.read_household, "me and my 2 kids", "couple_or_lone_parent"),
        (talk.read_household, "my husband", "couple_or_lone_parent"),
        (talk.read_household, "blue", None),
        (talk.read_amount, "£1,250 a month", {"amount": "1250.00", "period": "month"}),
        (talk.read_amount, "I don't know", talk.UNKNOWN),
        (talk.read_amount, "lots", None),
    ],
)
def test_readers(reader, text, expected):
    assert reader(text) == expected


def test_no_figure_is_stated_without_a_known_period(knowledge):
    later = dt.date(2031, 1, 1)
    text = "\n".join(talk.explain(knowledge.benefit_cap, "general", later))
    assert "may have changed" in text
    assert "£" not in text

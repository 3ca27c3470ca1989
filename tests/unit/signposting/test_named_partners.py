"""Services asked for by name: whole words, any case, with or without spaces, the
longer name winning, only services that serve the claimant's area."""

from __future__ import annotations

import pytest

from bot.signposting.replies import NAMED_SERVICE_UNKNOWN, describe_partner, named_services
from bot.signposting.rules import named_partners

CASES = [
    ("what is the samaritans phone number", "Leeds", ["samaritans"]),
    ("give me the number for national debtline", "Leeds", ["national-debtline"]),
    ("Shelter's website", "Leeds", ["shelter"]),
    ("how do i contact StepChange", None, ["stepchange"]),
    ("step change number", None, ["stepchange"]),
    ("citizens advice phone number", "Leeds", ["citizens-advice-england"]),
    ("citizens advice phone number", "Cardiff", ["citizens-advice-wales"]),
    ("citizens advice help to claim number", "Leeds", ["help-to-claim-england"]),
    ("samaritans or shout", None, ["samaritans", "shout"]),
    ("number for MIND", None, ["mind"]),
    ("never mind, what about food", None, []),
    ("I mind my sister's kids", None, ["mind"]),  # the intent decides whether a name was asked for
    ("shelteredhousing", None, []),
    ("what is the number", None, []),
]


@pytest.mark.parametrize(("text", "area", "expected"), CASES)
def test_named_partners(knowledge, text, area, expected):
    where = knowledge.areas.resolve(area) if area else None
    assert [p.id for p in named_partners(text, knowledge.partners, where)] == expected


def test_the_reply_gives_the_same_details_as_signposting(knowledge):
    samaritans = knowledge.partner("samaritans")
    assert named_services([samaritans]) == ["Here are the details:", describe_partner(samaritans)]
    assert named_services([]) == [NAMED_SERVICE_UNKNOWN]


SPLITS = [
    ("im behind on my rent and also theres no food in the house", ["im behind on my rent", "theres no food in the house"]),
    ("My rent is due. The fridge is empty! Can you help?", ["My rent is due.", "The fridge is empty!", "Can you help?"]),
    ("thanks. bye", []),
    ("line one here\nline two here", ["line one here", "line two here"]),
    ("", []),
]


@pytest.mark.parametrize(("text", "sentences"), SPLITS)
def test_split_sentences(text, sentences):
    from bot.signposting.rules import split_sentences

    assert split_sentences(text) == sentences


def test_needs_are_answered_most_urgent_first():
    from bot.signposting.rules import in_order

    assert in_order(["digital_inclusion", "debt", "crisis", "debt", "housing"]) == ["crisis", "housing", "debt", "digital_inclusion"]

"""The spaCy knowledge pipeline: entities from knowledge/, and no false areas."""

from __future__ import annotations

import pytest

from bot.rasa_ext.spacy_pipeline import build_nlp


@pytest.fixture(scope="module")
def nlp(knowledge):
    return build_nlp(knowledge)


ENTITIES = [
    ("I live in Leeds", [("Leeds", "area")]),
    ("i'm in newcastle", [("newcastle", "area")]),
    ("I live in Reading", [("Reading", "area")]),
    ("help with reading and writing", []),  # "reading" is a word, not the town
    ("I get PIP and Child Benefit", [("PIP", "benefit"), ("Child Benefit", "benefit")]),
    ("I speak Polish", [("Polish", "language")]),
    ("is Citizens Advice open", [("Citizens Advice", "service")]),
    ("never mind", []),  # "Mind" the charity needs a capital
    ("£1,250 a month", [("£1,250 a month", "money")]),
    ("about 300 a week", [("300 a week", "money")]),
    ("1.2k", [("1.2k", "money")]),
    ("twelve hundred", [("twelve hundred", "money")]),
]


@pytest.mark.parametrize(("text", "expected"), ENTITIES)
def test_entities(nlp, text, expected):
    assert [(e.text, e.label_) for e in nlp(text).ents] == expected


def test_no_button_title_is_read_as_a_place(nlp, knowledge):
    """A button answer that looked like a place would fill the claimant's area by mistake."""
    bank = knowledge.skills
    for question in bank.questions:
        for choice in bank.choices_for(question):
            assert not [e for e in nlp(choice.title).ents if e.label_ == "area"], choice.title

"""Understanding answers to the digital-skills questions."""

from __future__ import annotations

import pytest

from bot.digital_skills.answers import ANSWER, SKIP, STOP, UNCLEAR, UNKNOWN, parse_answer

CASES = [
    # (question, what the claimant typed, kind, values)
    ("email_cv", "I can do this on my own", ANSWER, ("alone",)),
    ("email_cv", "With some help", ANSWER, ("with_help",)),
    ("email_cv", "Not yet", ANSWER, ("not_yet",)),
    ("email_cv", "yeah I'm fine with that", ANSWER, ("alone",)),
    ("email_cv", "never used email", ANSWER, ("not_yet",)),
    ("email_cv", "my daughter does it for me", ANSWER, ("not_yet",)),
    ("email_cv", "I can with help", ANSWER, ("with_help",)),
    ("email_cv", "no help needed", ANSWER, ("alone",)),
    ("email_cv", "yes but I struggle", ANSWER, ("with_help",)),  # tie: the help answer wins
    ("email_cv", "not really", ANSWER, ("not_yet",)),
    ("email_cv", "I don't know how", ANSWER, ("not_yet",)),
    ("email_cv", "I can't finish emails", ANSWER, ("not_yet",)),  # "finish" is not "stop" here
    ("email_cv", "YEAH", ANSWER, ("alone",)),
    ("email_cv", "skip", SKIP, ()),
    ("email_cv", "I'd rather not say", SKIP, ()),
    ("email_cv", "I don't know", UNKNOWN, ()),
    ("email_cv", "dunno", UNKNOWN, ()),
    ("email_cv", "not sure", UNKNOWN, ()),
    ("email_cv", "stop", STOP, ()),
    ("email_cv", "no more questions", STOP, ()),
    ("email_cv", "banana", UNCLEAR, ()),
    ("email_cv", "", UNCLEAR, ()),
    ("email_cv", "<script>alert(1)</script>", UNCLEAR, ()),
    ("email_cv", "'; DROP TABLE partners; --", UNCLEAR, ()),
    ("devices", "only on my phone", ANSWER, ("smartphone",)),
    ("devices", "phone and laptop", ANSWER, ("smartphone", "computer")),
    ("devices", "A tablet", ANSWER, ("tablet",)),
    ("devices", "None of these", ANSWER, ("none",)),
    ("devices", "I don't have one", ANSWER, ("none",)),
    ("devices", "no computer, just my phone", ANSWER, ("smartphone",)),
    ("devices", "I haven't got a laptop", UNCLEAR, ()),  # says what they lack, not what they have
    ("ownership", "my daughter's", ANSWER, ("shared",)),
    ("ownership", "It's my own", ANSWER, ("own",)),
    ("connection", "only on my phone", ANSWER, ("mobile_data",)),
    ("connection", "we've got wifi", ANSWER, ("broadband",)),
    ("data_cost", "Yes, often", ANSWER, ("often",)),
    ("data_cost", "No", ANSWER, ("no",)),
    ("elsewhere", "the library or my mum's", ANSWER, ("library", "family_friends")),
    ("barriers", "my eyes and I get nervous", ANSWER, ("sight", "anxiety")),
    ("barriers", "None of these", ANSWER, ("none",)),
    ("barriers", "no", ANSWER, ("none",)),
    ("barriers", "I'm dyslexic", ANSWER, ("literacy",)),
]


@pytest.mark.parametrize(("question", "text", "kind", "values"), CASES)
def test_parse_answer(knowledge, question, text, kind, values):
    bank = knowledge.skills
    parsed = parse_answer(bank, bank.question(question), text)
    assert (parsed.kind, parsed.values) == (kind, values)


def test_every_button_title_is_its_own_answer(knowledge):
    bank = knowledge.skills
    for question in bank.questions:
        for choice in bank.choices_for(question):
            assert parse_answer(bank, question, choice.title).values == (choice.id,), (question.id, choice.title)

"""Reading answers to the cap questions, and choosing what to explain."""

from __future__ import annotations

import pytest

from bot.money_help.benefit_cap import answers
from bot.money_help.benefit_cap.facts import COUPLE_OR_LONE_PARENT, SINGLE

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
    assert answers.cap_topic(text) == topic


@pytest.mark.parametrize(
    ("reader", "text", "expected"),
    [
        (answers.read_yes_no, "yes", "yes"),
        (answers.read_yes_no, "Yeah we do", "yes"),
        (answers.read_yes_no, "no", "no"),
        (answers.read_yes_no, "I don't know", answers.UNKNOWN),
        (answers.read_yes_no, "not sure", answers.UNKNOWN),
        (answers.read_yes_no, "yes and no", None),
        (answers.read_yes_no, "purple", None),
        (answers.read_scheme, "Universal Credit", "uc"),
        (answers.read_scheme, "UC", "uc"),
        (answers.read_scheme, "housing benefit and JSA", "legacy"),
        (answers.read_scheme, "neither", answers.NEITHER),
        (answers.read_scheme, "dunno", answers.UNKNOWN),
        (answers.read_household, "just me", "single"),
        (answers.read_household, "I live on my own", "single"),
        (answers.read_household, "me and my partner", "couple_or_lone_parent"),
        (answers.read_household, "me and my 2 kids", "couple_or_lone_parent"),
        (answers.read_household, "my husband", "couple_or_lone_parent"),
        (answers.read_household, "blue", None),
        (answers.read_amount, "£1,250 a month", {"amount": "1250.00", "period": "month"}),
        (answers.read_amount, "I don't know", answers.UNKNOWN),
        (answers.read_amount, "lots", None),
    ],
)
def test_readers(reader, text, expected):
    assert reader(text) == expected


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        # Answers that name what they answer are kept for their question (issue 15).
        ("I'm a single parent", {"cap_household": "couple_or_lone_parent"}),
        ("single mum of three", {"cap_household": "couple_or_lone_parent"}),
        ("yes universal credit, its me and my 2 kids", {"cap_household": "couple_or_lone_parent", "cap_scheme": "uc"}),
        ("I live on my own", {"cap_household": "single"}),
        ("I'm on housing benefit", {"cap_scheme": "legacy"}),
        ("I get about twelve hundred a month from my job after tax",
         {"cap_earnings": {"amount": "1200.00", "period": "month"}}),
        # A bare yes, no, number or "don't know" could answer anything: never moved.
        ("no", {}),
        ("yes", {}),
        ("1200", {}),
        ("not sure", {}),
        ("tell me more", {}),
        # Benefits are not earnings.
        ("I get 1200 a month in universal credit", {"cap_scheme": "uc"}),
        # Pay before tax is not what the cap counts.
        ("I earn 900 a month before tax", {}),
    ],
)  # fmt: skip
def test_answers_given_out_of_turn(typed, kept):
    assert answers.read_out_of_turn(typed) == kept


@pytest.mark.parametrize(
    ("typed", "how_long"),
    [("nearly a year", True), ("about 6 months", True), ("a few weeks", True), ("ages ago", True),
     ("yes", False), ("no", False), ("since march", False), ("", False)],
)  # fmt: skip
def test_a_length_of_time_is_not_a_yes_or_no(typed, how_long):
    assert answers.says_how_long(typed) is how_long
    if how_long:
        assert answers.read_yes_no(typed) is None


NO_PAY = {"amount": "0.00", "period": None}


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("nothing, I'm not working at the moment", NO_PAY),
        ("nothing now, I was made redundant", NO_PAY),
        ("i dont work", NO_PAY),
        ("unemployed", NO_PAY),
        ("between us we earn about 1500 a month after tax", {"amount": "1500.00", "period": "month"}),
        ("sorry I meant 700 a month", {"amount": "700.00", "period": "month"}),
        ("I'm not working 20 hours", None),  # a number that is not pay: asked again, never 0
        ("before tax about 900", None),
        ("don't know", answers.UNKNOWN),
    ],
)
def test_earnings(typed, expected):
    assert answers.read_earnings(typed) == expected


@pytest.mark.parametrize(
    ("typed", "named"),
    [
        ("we're on universal credit and my partner gets PIP", {"cap_scheme": "uc", "cap_exempt": "yes",
                                                               "cap_household": "couple_or_lone_parent"}),
        ("I get DLA for my son", {"cap_exempt": "yes", "cap_household": "couple_or_lone_parent"}),
        ("if I got PIP would the cap apply", {}),  # asked about, not said
        ("no, we're not a couple", {"cap_household": None}),  # ask who does live there
        ("we split up, its just me now", {"cap_household": "single"}),
        ("actually it's housing benefit not universal credit", {"cap_scheme": "legacy"}),
        ("our benefits come to 1800 a month in total", {"cap_total": {"amount": "1800.00", "period": "month"}}),
        ("I earn 700 and our benefits come to 1800", {}),  # two amounts: which is which is not said
        ("just me, no kids", {"cap_household": "single"}),
    ],
)  # fmt: skip
def test_answers_named_in_a_message(typed, named):
    assert answers.named_answers(typed) == named


@pytest.mark.parametrize(
    ("typed", "change"),
    [("Who lives with me", "cap_household"), ("My earnings", "cap_earnings"), ("the total", "cap_total"),
     ("Start again", "all"), ("which benefit I get", "cap_scheme"), ("If I live in London", "cap_london"),
     ("hmm", None)],
)  # fmt: skip
def test_which_answer_to_change(typed, change):
    assert answers.read_change(typed) == change


# Issue 17: who counts. Only the claimant, a partner and children under 18.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("yes", "yes"),
        ("no", "no"),
        ("i get pip", "yes"),
        ("my partner gets carers allowance", "yes"),
        ("my son gets DLA", "yes"),
        ("my daughter gets dla, she is 8", "yes"),
        ("my son gets PIP, he is 24", answers.ADULT_HOLDER),
        ("my adult son gets pip", answers.ADULT_HOLDER),
        ("my 19 year old gets pip", answers.ADULT_HOLDER),
        ("my mum who lives with me gets attendance allowance", answers.ADULT_HOLDER),
        ("I get PIP and so does my adult son", "yes"),
        ("yes, State Pension age", answers.PENSION),
        ("yes, Pension Credit age", answers.PENSION),
        ("only one of us is over State Pension age", answers.PENSION_ONE),
        ("my husband has reached pension age but not me", answers.PENSION_ONE),
        ("dont know", answers.UNKNOWN),
    ],
)
def test_read_exempt(text, expected):
    assert answers.read_exempt(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("me and my adult son", SINGLE),
        ("me and my son who is 22", SINGLE),
        ("my son lives with me, hes 22", SINGLE),
        ("me and my mum", SINGLE),
        ("me and my son, he is 6", COUPLE_OR_LONE_PARENT),
        ("me and my kids, my eldest is 19", COUPLE_OR_LONE_PARENT),  # the younger ones count
        ("me, my partner and my 20 year old son", COUPLE_OR_LONE_PARENT),  # the partner counts
        ("me and my children", COUPLE_OR_LONE_PARENT),
    ],
)
def test_grown_up_children_and_other_adults_are_not_counted(text, expected):
    assert answers.read_household(text) == expected


def test_another_adults_benefit_said_out_of_turn_is_not_kept_as_an_exemption():
    assert answers.named_answers("my son gets PIP, hes 24") == {"cap_household": SINGLE}
    assert answers.named_answers("my daughter gets dla")["cap_exempt"] == "yes"


# Issue 17, item 1: a benefit that does not count is left out of the total, and named.
@pytest.mark.parametrize(
    ("text", "amount", "period", "left_out"),
    [
        ("1200 universal credit and 100 scottish child payment", "1200.00", None, ["Scottish Child Payment"]),
        ("UC 1,150, child benefit 102 and scp 110 a month", "1252.00", "month", ["Scottish Child Payment"]),
        ("£900 plus bereavement support payment £350", "900.00", None, ["Bereavement Support Payment"]),
        ("jobseeker's allowance 90 and council tax reduction 10 a week", "90.00", "week", ["Council Tax Reduction"]),
    ],
)
def test_a_total_leaves_out_benefits_that_do_not_count(knowledge, text, amount, period, left_out):
    facts = knowledge.benefit_cap
    assert answers.read_total(text, facts.not_counted_examples, facts.counted_benefits) == {
        "amount": amount,
        "period": period,
        "left_out": left_out,
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1200 a month", {"amount": "1200.00", "period": "month"}),  # nothing named: as before
        ("scottish child payment 100", None),  # nothing that counts: asked again, never 0
        ("I don't know", answers.UNKNOWN),
    ],
)
def test_a_total_without_a_benefit_to_leave_out_reads_as_before(knowledge, text, expected):
    facts = knowledge.benefit_cap
    assert answers.read_total(text, facts.not_counted_examples, facts.counted_benefits) == expected

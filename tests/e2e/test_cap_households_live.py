"""Households that got a wrong answer from the cap estimate (issue 17, items 2, 3, 4
and 9), answered truthfully and literally through the running stack."""

from __future__ import annotations

import os

import pytest

from tests.e2e.http import post

pytestmark = [pytest.mark.slow, pytest.mark.e2e]

PRIVACY = "Before we start:"


def _texts(url: str, session: str, message: str) -> list[str]:
    status, data = post(f"{url}/api/chat", {"session": session, "message": message})
    assert status == 200, (message, data)
    return [m["text"] for m in data["messages"] if not (m.get("text") or "").startswith(PRIVACY)]


def _walk(stack, answers: list[str]) -> list[str]:
    url = f"http://127.0.0.1:{stack.settings.gateway_port}"
    session = "cap17" + os.urandom(6).hex()
    said = _texts(url, session, "estimate my benefit cap")
    for answer in answers:
        said = _texts(url, session, answer)
    return said


def test_a_single_claimant_with_an_adult_son_gets_the_single_cap(stack):
    # Item 2: "me and my children" gave the couples-and-parents cap; an adult son is not counted.
    said = "\n".join(
        _walk(stack, ["universal credit", "no", "me and my son, he's 22", "no", "nothing", "no", "1500 a month", "yes"])
    )
    assert "Just you" in said or "a single adult" in said, said
    assert "£1,229.42" in said, said  # the single adult's cap outside London


def test_an_adult_sons_pip_does_not_exempt_the_household(stack):
    # Item 3: "anyone in your home" let an adult son's PIP exempt the household.
    said = _walk(stack, ["universal credit", "my son gets PIP, he is 24"])
    assert any("does not stop the cap" in t for t in said), said
    # The estimate goes on; "he is 24" already said who lives there (a single adult), so London is next.
    assert said[-1] == "Do you live in Greater London?", said


def test_a_mixed_age_couple_on_universal_credit_is_told_to_ask_citizens_advice(stack):
    # Item 4: a definite answer where the facts say: state no rule, signpost.
    said = _walk(stack, ["universal credit", "only one of us is over State Pension age"])
    joined = "\n".join(said)
    assert "I can't say if the cap applies" in joined and "Citizens Advice" in joined, said
    assert "£" not in joined, said  # no figure, no guess


def test_pension_age_is_the_reason_given_when_it_is_the_reason(stack):
    # Item 9: a "yes" given only for pension age was told "Someone in your home gets a benefit".
    said = "\n".join(_walk(stack, ["housing benefit", "only one of us is over Pension Credit age"]))
    assert "Pension Credit age, so the cap does not apply" in said, said
    said = "\n".join(_walk(stack, ["universal credit", "yes, State Pension age"]))
    assert "You have reached State Pension age, so the cap does not apply." in said, said
    assert "gets a benefit" not in said, said


def test_a_benefit_that_does_not_count_is_left_out_of_the_total(stack):
    # Item 1: "any other benefits" let Scottish Child Payment into the total.
    asked = _walk(stack, ["universal credit", "no", "just me", "no", "nothing", "no"])
    assert any("Add up only the ones you get from this list" in t and "Widowed Parent's Allowance" in t for t in asked)
    said = _walk(
        stack,
        ["universal credit", "no", "just me", "no", "nothing", "no", "1000 a month and 100 scottish child payment"],
    )
    joined = "\n".join(said)
    assert "I have left out Scottish Child Payment. It does not count towards the cap." in joined, said
    assert "Benefits in total: £1,000.00 a month" in joined, said


def test_housing_benefit_asks_about_working_tax_credit_and_it_exempts(stack):
    # Item 5: Working Tax Credit (even £0) was never asked about for the Housing Benefit cap.
    asked = "\n".join(_walk(stack, ["housing benefit"]))
    assert "Working Tax Credit, even if it is £0" in asked, asked
    said = "\n".join(_walk(stack, ["housing benefit", "yes"]))
    assert "the cap does not apply" in said, said


def test_the_grace_questions_ask_what_the_rules_need(stack):
    # Items 6, 7 and 8: the threshold at the time, a former partner, IS/JSA/ESA for Housing Benefit.
    uc = "\n".join(_walk(stack, ["universal credit", "no", "just me", "no", "nothing"]))
    assert "£793 a month, then about £846 from April 2025, then about £881 from April 2026" in uc, uc
    assert "A former partner's pay counts for the months you lived together." in uc, uc
    hb = "\n".join(_walk(stack, ["housing benefit", "no", "just me", "no"]))
    assert "you must not have got Income Support, Jobseeker's Allowance or Employment and Support Allowance" in hb, hb

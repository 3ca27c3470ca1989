"""Digital-skills scoring and flags: every rule, its boundaries, missing answers."""

from __future__ import annotations

import pytest

from bot.digital_skills.scoring import (
    CONFIDENT,
    FULL_SUPPORT,
    NOT_ASSESSED,
    SOME_HELP,
    area_level,
    assess,
    overall_level,
)
from bot.triage.flags import merge_flags
from bot.triage.rules import digital_flags

AREA_LEVELS = [
    ([], NOT_ASSESSED),
    (["skipped", "unknown"], NOT_ASSESSED),
    (["alone"], CONFIDENT),
    (["alone", "alone"], CONFIDENT),
    (["alone", "with_help"], SOME_HELP),
    (["with_help", "alone", "skipped"], SOME_HELP),
    (["alone", "not_yet"], FULL_SUPPORT),
    (["with_help", "not_yet"], FULL_SUPPORT),
    (["not_yet", "unknown"], FULL_SUPPORT),
]


@pytest.mark.parametrize(("answers", "level"), AREA_LEVELS)
def test_area_level_is_the_weakest_answer(answers, level):
    assert area_level(answers) == level


def _profile(**levels: str) -> dict[str, str]:
    areas = ("foundation", "communicating", "handling_information", "transacting", "problem_solving", "safety")
    return {a: levels.get(a, NOT_ASSESSED) for a in areas}


OVERALL = [
    # fewer than 3 areas assessed: not assessed
    (_profile(), NOT_ASSESSED),
    (_profile(foundation=FULL_SUPPORT, communicating=FULL_SUPPORT), NOT_ASSESSED),
    # exactly 3: assessed
    (_profile(foundation=CONFIDENT, communicating=CONFIDENT, safety=CONFIDENT), CONFIDENT),
    # foundation alone needing full support is enough
    (_profile(foundation=FULL_SUPPORT, communicating=CONFIDENT, safety=CONFIDENT), FULL_SUPPORT),
    # one other area at full support is "some help" ...
    (_profile(foundation=CONFIDENT, communicating=FULL_SUPPORT, safety=CONFIDENT), SOME_HELP),
    # ... two are "full support"
    (_profile(foundation=CONFIDENT, communicating=FULL_SUPPORT, safety=FULL_SUPPORT), FULL_SUPPORT),
    (_profile(foundation=CONFIDENT, communicating=SOME_HELP, safety=CONFIDENT, transacting=CONFIDENT), SOME_HELP),
    (
        _profile(
            **dict.fromkeys(
                ("foundation", "communicating", "handling_information", "transacting", "problem_solving", "safety"),
                CONFIDENT,
            )
        ),
        CONFIDENT,
    ),
]


@pytest.mark.parametrize(("profile", "level"), OVERALL)
def test_overall_level(profile, level):
    assert overall_level(profile) == level


SKILL_SLOTS = ("foundation", "journal", "email_cv", "upload", "job_search", "trusted_info", "password_reset", "scams")


def _slots(skill: str | dict[str, str] = "alone", **extra) -> dict:
    answers = dict.fromkeys(SKILL_SLOTS, skill) if isinstance(skill, str) else skill
    slots = {f"ds_{k}": v for k, v in answers.items()}
    slots.update(
        ds_devices=["computer"], ds_ownership="own", ds_connection="broadband", ds_data_cost="no",
        ds_elsewhere=["library"], ds_barriers=["none"],
    )  # fmt: skip
    slots.update({f"ds_{k}": v for k, v in extra.items()})
    return slots


def _codes(knowledge, slots) -> dict[str, tuple[str, ...]]:
    return {f.code: f.reasons for f in digital_flags(knowledge.skills, assess(knowledge.skills, slots))}


def test_confident_claimant_is_not_flagged(knowledge):
    assessment = assess(knowledge.skills, _slots())
    assert assessment.overall == CONFIDENT
    assert set(assessment.profile.values()) == {CONFIDENT}
    assert digital_flags(knowledge.skills, assessment) == []


def test_low_skill_claimant_gets_a_longer_appointment_with_reasons(knowledge):
    flags = _codes(knowledge, _slots(dict.fromkeys(SKILL_SLOTS, "not_yet")))
    assert "longer_appointment" in flags and "digital_support_referral" in flags
    assert (
        "Cannot yet fill in an online form and upload a photo of a document, which the Universal Credit journal needs"
        in flags["longer_appointment"]
    )
    # Only essential areas give longer-appointment reasons: basics, email, forms and the journal.
    assert len(flags["longer_appointment"]) == 4


FLAG_RULES = [
    # (skill answers, extra access answers, flag codes expected)
    ({"email_cv": "not_yet"}, {}, {"longer_appointment", "digital_support_referral"}),
    ({"upload": "not_yet"}, {}, {"longer_appointment", "digital_support_referral"}),
    ({"journal": "not_yet"}, {}, {"longer_appointment", "digital_support_referral"}),
    ({"foundation": "not_yet"}, {}, {"longer_appointment", "digital_support_referral"}),
    # with help in an essential area: support, but not a longer appointment
    ({"upload": "with_help"}, {}, {"digital_support_referral"}),
    # not yet in a non-essential area: support only ...
    ({"scams": "not_yet"}, {}, {"digital_support_referral"}),
    # ... unless two areas need full support (overall full support)
    ({"scams": "not_yet", "password_reset": "not_yet"}, {}, {"longer_appointment", "digital_support_referral"}),
    # skipped and unknown answers raise nothing
    ({"upload": "skipped", "email_cv": "unknown"}, {}, set()),
    # access
    ({}, {"devices": ["none"]}, {"data_or_device_poverty"}),
    ({}, {"ownership": "shared"}, {"data_or_device_poverty"}),
    ({}, {"connection": "none"}, {"data_or_device_poverty"}),
    ({}, {"connection": "mobile_data"}, set()),
    ({}, {"data_cost": "often"}, {"data_or_device_poverty"}),
    ({}, {"data_cost": "sometimes"}, {"data_or_device_poverty"}),
    ({}, {"elsewhere": ["nowhere"]}, set()),
    # accessibility
    ({}, {"barriers": ["literacy"]}, {"accessibility_adjustments"}),
    ({}, {"barriers": ["sight", "anxiety"]}, {"accessibility_adjustments"}),
    ({}, {"barriers": "skipped"}, set()),
]


@pytest.mark.parametrize(("skills", "access", "expected"), FLAG_RULES)
def test_flag_rules(knowledge, skills, access, expected):
    answers = dict.fromkeys(SKILL_SLOTS, "alone") | skills
    assert set(_codes(knowledge, _slots(answers, **access))) == expected


def test_every_flag_reason_is_a_readable_sentence(knowledge):
    slots = _slots(
        dict.fromkeys(SKILL_SLOTS, "not_yet"), devices=["smartphone"], ownership="shared", connection="none",
        data_cost="often", barriers=["literacy", "english", "sight", "hearing", "dexterity", "anxiety"],
    )  # fmt: skip
    for flag in digital_flags(knowledge.skills, assess(knowledge.skills, slots)):
        assert flag.reasons
        for reason in flag.reasons:
            assert reason[0].isupper() and "_" not in reason and "None" not in reason
    accessibility = _codes(knowledge, slots)["accessibility_adjustments"]
    assert "Finds reading or writing hard" in accessibility and len(accessibility) == 6


def test_missing_answers_do_not_count(knowledge):
    assessment = assess(knowledge.skills, {"ds_foundation": "alone", "ds_email_cv": None})
    assert assessment.overall == NOT_ASSESSED
    assert assessment.profile["foundation"] == CONFIDENT
    assert assessment.profile["communicating"] == NOT_ASSESSED
    assert digital_flags(knowledge.skills, assessment) == []


def test_questions_that_do_not_apply_are_not_asked(knowledge):
    bank = knowledge.skills
    ids = [q.id for q in bank.to_ask({"ds_devices": ["none"]})]
    assert "ownership" not in ids and "devices" in ids
    assert "ownership" in [q.id for q in bank.to_ask({"ds_devices": ["smartphone"]})]
    assert "ownership" in [q.id for q in bank.to_ask({})]


def test_every_area_of_the_framework_has_a_question(knowledge):
    areas = {q.area for q in knowledge.skills.questions if q.is_skill}
    assert areas == {"foundation", "communicating", "handling_information", "transacting", "problem_solving", "safety"}


def test_merge_flags_replaces_same_code_and_keeps_others(knowledge):
    existing = [{"code": "longer_appointment", "label": "x", "reasons": ["old"]}, {"code": "urgent", "reasons": ["r"]}]
    flags = digital_flags(knowledge.skills, assess(knowledge.skills, _slots(dict.fromkeys(SKILL_SLOTS, "not_yet"))))
    merged = merge_flags(existing, flags)
    codes = [f["code"] for f in merged]
    assert codes.count("longer_appointment") == 1 and "urgent" in codes
    assert "old" not in next(f for f in merged if f["code"] == "longer_appointment")["reasons"]

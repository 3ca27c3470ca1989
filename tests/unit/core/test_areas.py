from __future__ import annotations

import pytest

CASES = [
    ("Leeds", "leeds"),
    ("leeds", "leeds"),
    ("I live in Leeds", "leeds"),
    ("  LEEDS!! ", "leeds"),
    ("Newcastle", "newcastle-upon-tyne"),
    ("newcastle upon tyne", "newcastle-upon-tyne"),
    ("London Borough of Hackney", "hackney"),
    ("Manchster", "manchester"),  # a typo
    ("st helens", "st-helens"),
    ("St. Helens", "st-helens"),
    ("Ynys Môn", "isle-of-anglesey"),  # accents fold
    ("Ynys Mon", "isle-of-anglesey"),
    ("reading", "reading"),  # a direct answer may be in any case
    ("Hull", "kingston-upon-hull"),
    ("Little Snoring", None),
    ("", None),
    ("'; DROP TABLE partners; --", None),
    ("x" * 5000, None),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_resolve(knowledge, text, expected):
    area = knowledge.areas.resolve(text)
    assert (area.id if area else None) == expected


def test_greater_london_flag(knowledge):
    assert knowledge.areas.get("hackney").greater_london
    assert not knowledge.areas.get("leeds").greater_london
    assert sum(a.greater_london for a in knowledge.areas.areas) == 33


@pytest.mark.parametrize(
    ("typed", "area_id"),
    [("LS1", "leeds"), ("ls1", "leeds"), ("CF10", "cardiff"), ("I live at LS1", "leeds"), ("postcode M1", "manchester"),
     ("L1", "liverpool"), ("G2", "glasgow-city"), ("SW1A", None), ("QQ1", None), ("LS", None), ("LS1 4AP 4AP", None)],
)  # fmt: skip
def test_a_postcode_district_finds_its_post_towns_council(knowledge, typed, area_id):
    area = knowledge.areas.resolve(typed)
    assert (area.id if area else None) == area_id

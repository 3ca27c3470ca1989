from __future__ import annotations

from decimal import Decimal

import pytest

from bot.core.money import MONTH, WEEK, YEAR, Money, parse_money

CASES = [
    ("£1,250 a month", "1250.00", MONTH),
    ("about 300 a week", "300.00", WEEK),
    ("1.2k", "1200.00", None),
    ("twelve hundred", "1200.00", None),
    ("twelve hundred pounds a month", "1200.00", MONTH),
    ("two thousand five hundred", "2500.00", None),
    ("£86.90pw", "86.90", WEEK),
    ("500 quid", "500.00", None),
    ("2 grand a month", "2000.00", MONTH),
    ("around £400 every fortnight", "200.00", WEEK),
    ("I get about £1,400 a month", "1400.00", MONTH),
    ("£14,753 a year", "14753.00", YEAR),
    ("nothing", "0.00", None),
    ("£0", "0.00", None),
    ("1250", "1250.00", None),
    # Whole sentences (issue 15): the words around the amount that do not change it.
    ("I get about twelve hundred a month from my job after tax", "1200.00", MONTH),
    ("my wages are roughly nine hundred a month once tax comes off", "900.00", MONTH),
    ("I earn 900 a month from my job", "900.00", MONTH),
    ("about £1,200 a month after tax", "1200.00", MONTH),
    ("my partner gets paid 350 a week", "350.00", WEEK),
    ("we get 1800 a month in benefits", "1800.00", MONTH),
    ("take home is about 1100 a month", "1100.00", MONTH),
    ("my pay is 300 a week", "300.00", WEEK),
]


@pytest.mark.parametrize(("text", "amount", "period"), CASES)
def test_parse_money(text, amount, period):
    assert parse_money(text) == Money(Decimal(amount), period)


@pytest.mark.parametrize(
    "text",
    [
        "",
        None,
        "banana",
        "300 or 400",
        "-50",
        "£-5",
        "minus 20",
        "1,250-ish",
        "x" * 300,
        "'; DROP TABLE x; --",
        "<script>alert(1)</script>",
        # Pay before tax is not what the cap counts: ask again.
        "I earn 900 a month before tax",
        "about 900 gross",
        # Words it does not know beside a number still mean "ask again".
        "I used to earn 900 but now nothing",
        "900 when I do overtime",
        # "pa" (a year) inside a word is not a period: "spare" once read as 50 a year.
        "50 spare",
    ],
)
def test_unreadable_money_is_never_guessed(text):
    assert parse_money(text) is None


CONVERSIONS = [
    (Money(Decimal("450"), WEEK), MONTH, Decimal("1950")),  # 450 x 52 / 12
    (Money(Decimal("1835"), MONTH), WEEK, Decimal("1835") * 12 / 52),
    (Money(Decimal("22020"), YEAR), MONTH, Decimal("1835")),
    (Money(Decimal("100"), None), WEEK, Decimal("100")),
]


@pytest.mark.parametrize(("money", "period", "expected"), CONVERSIONS)
def test_per(money, period, expected):
    assert money.per(period) == expected

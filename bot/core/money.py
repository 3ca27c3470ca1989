"""Money amounts as claimants type them: '£1,250 a month', 'about 300 a week',
'1.2k', 'twelve hundred', '500 quid', '£86.90pw'.

Returns the amount and, if said, the period. Anything it cannot read with
confidence gives None: an amount is never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

WEEK, MONTH, YEAR = "week", "month", "year"
WEEKS_PER_YEAR = Decimal(52)

_UNITS = {
    "zero": 0, "nothing": 0, "none": 0, "one": 1, "a": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1000, "grand": 1000, "k": 1000}
_PERIODS = [
    (WEEK, r"(?:a|per|each|every|/)\s*(?:week|wk)|weekly|pw|p/w|per week"),
    (WEEK, r"(?:a|per|each|every)\s*fortnight|fortnightly"),  # handled below: halved
    (MONTH, r"(?:a|per|each|every|/)\s*(?:month|mth|calendar month)|monthly|pm|pcm|p/m"),
    (YEAR, r"(?:a|per|each|every|/)\s*(?:year|yr|annum)|yearly|annually|pa|p/a"),
]
_HEDGES = r"\b(?:about|around|roughly|approx(?:imately)?|maybe|nearly|almost|just under|just over|over|under|like)\b"
# What claimants say around an amount that does not change it ("I get about twelve
# hundred a month from my job after tax", "we get 1800 a month in benefits"). Only these are taken out: any other
# word next to a number still means "ask again". "Before tax" and "gross" are
# not here on purpose: the cap counts take-home pay, so those must be asked again.
_CONTEXT = (
    r"\b(?:after tax(?:es)?|once tax (?:comes|is taken|has come) off|when tax (?:comes|is taken) off|take home|"
    r"in my hand|net|from (?:my|his|her|our|their|the) (?:job|work|wages|employer|boss)|at work|"
    r"(?:i|we|he|she|they|my partner|partner) (?:get|gets|got|earn|earns|make|makes|bring in|brings in|"
    r"take home|takes home|get paid|gets paid|am paid|is paid|are paid)|"
    r"(?:all )?(?:my|our|his|her|their) (?:wages|wage|pay|salary|earnings|income|take home pay|benefits)"
    r"(?: (?:is|are|come to|comes to))?|"
    r"(?:i|we) (?:am|are) on|(?:i|we) (?:think|reckon|guess)|(?:it|that) (?:is|comes to|works out at)|"
    r"(?:i am|im) paid|paid|wages|salary|earnings|income|give or take|or so|"
    r"(?:in|from|on) (?:benefits|universal credit|uc|housing benefit|child benefit)(?: altogether)?|"
    r"(?:my|our|his|her|their) (?:universal credit|uc|housing benefit)(?: (?:is|comes to|works out at))?|"
    r"between us|together|combined|(?:both|all) of us|"
    r"benefits (?:come to|are|add up to)|altogether|all together)\b"
)


@dataclass(frozen=True)
class Money:
    amount: Decimal
    period: str | None = None  # WEEK, MONTH, YEAR or None if not said

    def per(self, period: str) -> Decimal:
        """The amount over another period: 52 weeks and 12 months a year."""
        if self.period is None or self.period == period:
            return self.amount
        yearly = {WEEK: self.amount * WEEKS_PER_YEAR, MONTH: self.amount * 12, YEAR: self.amount}[self.period]
        return {WEEK: yearly / WEEKS_PER_YEAR, MONTH: yearly / 12, YEAR: yearly}[period]


def _words_to_number(words: list[str]) -> Decimal | None:
    total, current, seen = 0, 0, False
    for word in words:
        if word in ("and",):
            continue
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word in _SCALES:
            scale = _SCALES[word]
            current = max(current, 1) * scale
            if scale >= 1000:
                total += current
                current = 0
        else:
            return None
        seen = True
    return Decimal(total + current) if seen else None


def _period(text: str) -> tuple[str | None, bool]:
    """The period said, and whether it was a fortnight (so the amount halves to a week)."""
    for index, (period, pattern) in enumerate(_PERIODS):
        if re.search(rf"(?<![a-z])(?:{pattern})(?![a-z])", text):
            return period, index == 1
    return None, False


def parse_money(raw: str | None) -> Money | None:
    if not raw or len(raw) > 200:
        return None
    text = raw.lower().replace("’", "'").strip()
    if re.search(r"(?:^|\s)-\s*£?\s*\d|£\s*-\s*\d|\bminus\b", text):
        return None  # a negative amount is a mistake, not a figure to use
    period, fortnight = _period(text)
    # Remove the period words, hedges and currency words, keep the amount.
    for _, pattern in _PERIODS:
        text = re.sub(rf"(?<![a-z])(?:{pattern})(?![a-z])", " ", text)
    text = re.sub(_HEDGES, " ", text)
    text = re.sub(_CONTEXT, " ", text)
    text = re.sub(r"\b(?:pounds?|quid|gbp|sterling|in total|total|i get|we get|it's|its|is)\b", " ", text)
    text = text.replace("£", " ").strip(" .,!?~")

    numbers = re.findall(r"\d[\d,]*(?:\.\d+)?\s*k?\b", text)
    if len(numbers) > 1:
        return None  # two amounts in one answer: ask, don't pick
    amount: Decimal | None = None
    if numbers:
        token = numbers[0].replace(",", "").strip()
        multiplier = Decimal(1000) if token.endswith("k") else Decimal(1)
        try:
            amount = Decimal(token.rstrip("k").strip()) * multiplier
        except InvalidOperation:
            return None
        rest = text.replace(numbers[0], " ")
        if re.search(r"\b(?:grand|thousand)\b", rest):
            amount *= 1000
        elif re.search(r"[a-z]{3,}", re.sub(r"\b(?:a|and|the|per|each)\b", " ", rest)):
            return None  # other words we do not understand next to the number
    else:
        words = re.findall(r"[a-z]+", text.replace("-", " "))
        amount = _words_to_number(words) if words else None
    if amount is None or amount < 0:
        return None
    if fortnight:
        amount = amount / 2
    return Money(amount.quantize(Decimal("0.01")), period)


PENNY = Decimal("0.01")


def pounds(value: Decimal) -> str:
    """£1,835.00 style, as GOV.UK prints amounts."""
    return f"£{value.quantize(PENNY):,}"

"""Reading what the claimant typed in the benefit cap conversation: which
topic a question is about, and answers to the estimate questions. Each reader
returns a code, UNKNOWN for "don't know", or None when it cannot tell."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from bot.core.fields import contains_phrase, normalise_answer
from bot.core.money import parse_money
from bot.money_help.benefit_cap.estimate import LEGACY, UC
from bot.money_help.benefit_cap.facts import COUPLE_OR_LONE_PARENT, SINGLE

UNKNOWN = "unknown"
NEITHER = "neither"

# Topics of a general question, and the words that pick them. Checked in order.
TOPICS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("grace", ("grace", "grace period", "9 months", "nine months", "lost my job", "stopped work")),
    ("disability_carer", ("pip", "dla", "disability", "disabled", "carer", "carers", "attendance allowance", "esa")),
    ("work", ("part time", "parttime", "work", "working", "job", "earn", "earnings", "wages", "hours")),
    ("london", ("london", "greater london")),
    ("exemptions", ("exempt", "exemption", "not affected", "who doesnt", "who does not", "apply to me", "affect me")),
)


def cap_topic(text: str | None) -> str:
    clean = normalise_answer(text or "")
    for topic, phrases in TOPICS:
        if any(contains_phrase(clean, p) for p in phrases):
            return topic
    return "general"


_YES = ("yes", "yeah", "yep", "yh", "ye", "y", "aye", "i do", "we do", "correct", "right", "thats right", "sure")
_NO = ("no", "nope", "nah", "n", "none", "not", "dont", "do not", "neither of us")
_DONT_KNOW = ("dont know", "do not know", "not sure", "dunno", "idk", "no idea", "unsure", "i dont know")


def read_yes_no(text: str | None) -> str | None:
    """'yes', 'no', UNKNOWN, or None if unclear. "Don't know" is checked first."""
    clean = normalise_answer(text or "")
    if any(contains_phrase(clean, p) for p in _DONT_KNOW):
        return UNKNOWN
    yes = any(contains_phrase(clean, p) for p in _YES)
    no = any(contains_phrase(clean, p) for p in _NO)
    if yes != no:
        return "yes" if yes else "no"
    return None


def read_scheme(text: str | None) -> str | None:
    clean = normalise_answer(text or "")
    if any(contains_phrase(clean, p) for p in _DONT_KNOW):
        return UNKNOWN
    if any(contains_phrase(clean, p) for p in ("neither", "none", "nothing", "no benefits", "not on benefits")):
        return NEITHER
    if any(contains_phrase(clean, p) for p in ("universal credit", "uc", "universal")):
        return UC
    if any(
        contains_phrase(clean, p)
        for p in ("housing benefit", "hb", "jsa", "esa", "income support", "tax credits", "legacy")
    ):
        return LEGACY
    return None


_LONE_PARENT = ("single parent", "lone parent", "single mum", "single mother", "single dad", "single father")


def read_household(text: str | None) -> str | None:
    clean = normalise_answer(text or "")
    partner = any(
        contains_phrase(clean, p)
        for p in ("partner", "husband", "wife", "boyfriend", "girlfriend", "fiance", "fiancee", "couple", "spouse")
    )
    children = any(
        contains_phrase(clean, p)
        for p in ("child", "children", "kid", "kids", "son", "daughter", "baby", "family", *_LONE_PARENT)
    )
    alone = any(
        contains_phrase(clean, p) for p in ("just me", "only me", "on my own", "alone", "single", "myself", "me")
    )
    if partner or children:
        return COUPLE_OR_LONE_PARENT
    return SINGLE if alone else None


def read_amount(text: str | None) -> dict[str, Any] | str | None:
    """A money answer as {"amount": "1250.00", "period": "month"|None}, UNKNOWN, or None if unclear."""
    clean = normalise_answer(text or "")
    if any(contains_phrase(clean, p) for p in _DONT_KNOW):
        return UNKNOWN
    money = parse_money(text)
    if money is None:
        return None
    return {"amount": str(money.amount), "period": money.period}


# Out of turn, only answers that name what they answer are kept (issue 15): "I'm a
# single parent" when asked about Universal Credit is the household, but a "no" or
# a bare number could be the answer to anything, so it is never moved.
_NAMES_HOUSEHOLD = (
    *_LONE_PARENT, "a couple", "we are a couple", "my partner", "my husband", "my wife", "my boyfriend",
    "my girlfriend", "my kids", "my children", "my child", "my son", "my daughter", "my baby", "live alone",
    "live on my own", "live by myself", "just me", "only me",
)  # fmt: skip
_NAMES_SCHEME = ("universal credit", "housing benefit")
_NAMES_EARNINGS = ("earn", "earns", "wage", "wages", "salary", "paid", "from my job", "from work", "take home")


def read_out_of_turn(text: str | None) -> dict[str, Any]:
    """Answers to other estimate questions that a message gives by name: slot → answer."""
    clean = normalise_answer(text or "")
    # "my 2 kids" names the household as "my kids" does.
    unnumbered = re.sub(r"\s+", " ", re.sub(r"\b(?:\d+|two|three|four|five|six|seven|eight)\b", " ", clean))
    found: dict[str, Any] = {}
    if any(contains_phrase(unnumbered, p) for p in _NAMES_HOUSEHOLD) and (household := read_household(text)):
        found["cap_household"] = household
    if any(contains_phrase(clean, p) for p in _NAMES_SCHEME) and (scheme := read_scheme(text)) not in (None, UNKNOWN):
        found["cap_scheme"] = scheme
    if any(contains_phrase(clean, p) for p in _NAMES_EARNINGS) and isinstance(earnings := read_amount(text), dict):
        found["cap_earnings"] = earnings
    return found


_HOW_LONG = re.compile(
    r"\b(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|few|couple of)"
    r"\s+(?:days?|weeks?|months?|years?)\b|\b(?:ages|a while|yonks)\b"
)


def says_how_long(text: str | None) -> bool:
    """A length of time ("nearly a year", "about 6 months") where a yes or no was asked:
    it cannot say which part of the question it answers, so it is never read as one."""
    return bool(_HOW_LONG.search(normalise_answer(text or "")))


# Which reader understands the answer to each estimate question.
READERS: dict[str, Callable[[str | None], Any]] = {
    "cap_scheme": read_scheme,
    "cap_exempt": read_yes_no,
    "cap_household": read_household,
    "cap_london": read_yes_no,
    "cap_earnings": read_amount,
    "cap_grace": read_yes_no,
    "cap_total": read_amount,
    "cap_confirm": read_yes_no,
}

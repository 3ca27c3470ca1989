"""Reading what the claimant typed in the benefit cap conversation: which
topic a question is about, and answers to the estimate questions. Each reader
returns a code, UNKNOWN for "don't know", or None when it cannot tell."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from bot.core.corrections import corrects as core_corrects
from bot.core.corrections import without_correction
from bot.core.fields import contains_phrase, negated, normalise_answer
from bot.core.money import parse_money
from bot.core.yes_no import DONT_KNOW_WORDS, UNKNOWN, read_yes_no
from bot.money_help.benefit_cap.estimate import LEGACY, UC
from bot.money_help.benefit_cap.facts import COUPLE_OR_LONE_PARENT, SINGLE

NEITHER = "neither"
# Answers to "does anyone get one of these, or have you reached State Pension age?"
PENSION, PENSION_ONE = "pension", "pension_one"  # everyone has; only one of a couple has
ADULT_HOLDER = "adult_holder"  # only another adult (a grown-up son, a parent) gets one: it does not count

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


_DONT_KNOW = DONT_KNOW_WORDS


def _names(clean: str, phrases: tuple[str, ...]) -> bool:
    """Some phrase is there and not negated: "no kids" does not name children."""
    return any(contains_phrase(clean, p) and not negated(clean, p) for p in phrases)


def read_scheme(text: str | None) -> str | None:
    clean = normalise_answer(text or "")
    if any(contains_phrase(clean, p) for p in _DONT_KNOW):
        return UNKNOWN
    if any(contains_phrase(clean, p) for p in ("neither", "none", "nothing", "no benefits", "not on benefits")):
        return NEITHER
    # "housing benefit, not universal credit": what they do not get is not their answer.
    if _names(clean, ("universal credit", "uc", "universal")):
        return UC
    if _names(clean, ("housing benefit", "hb", "jsa", "esa", "income support", "tax credits", "legacy")):
        return LEGACY
    return None


# Adults who live with the claimant but are not their partner or child: non-dependants,
# who do not count for the cap, neither in the household nor with a benefit of their own.
_ADULT_CHILD = re.compile(
    r"\b(?:adult|grown up|grownup|older|eldest)\s+(?:son|daughter|child|children|kids?|sons|daughters|lad|girl)s?\b"
    r"|\b(?:1[89]|[2-9]\d)\s*(?:years? old|yrs? old|yr old|yo)\s+(?:son|daughter|boy|girl|lad)\b"
    r"|\b(?:son|daughter|lad|boy|girl)s?\s+(?:who s|whos|who is|is|aged|age|he s|hes|she s|shes)?\s*(?:1[89]|[2-9]\d)\b"
)
_OTHER_ADULTS = (
    "mum", "mam", "mother", "dad", "father", "nan", "nana", "gran", "grandma", "grandad", "grandfather",
    "grandmother", "brother", "sister", "aunt", "auntie", "uncle", "cousin", "lodger", "friend", "mate",
    "flatmate", "housemate", "step dad", "stepdad", "step mum", "stepmum", "in laws", "mother in law",
    "father in law",
)  # fmt: skip


# An adult's age said on its own: "my son gets PIP, he's 24".
_ADULT_AGE = re.compile(
    r"\b(?:he|she)\s*(?:is|s)?\s*(?:1[89]|[2-9]\d)\b|\baged?\s+(?:1[89]|[2-9]\d)\b"
    r"|\b(?:1[89]|[2-9]\d)\s*(?:years? old|yrs? old|yr old|yo)\b"
)
_ONE_CHILD = re.compile(r"\b(?:my|our)\s+(?:son|daughter|boy|girl|lad)\b")


def _without_adult_children(clean: str) -> str:
    """The message without the grown-up children it names. One son or daughter and an
    adult's age ("my son lives with me, he's 22") is a grown-up son."""
    rest = _ADULT_CHILD.sub(" ", clean)
    if _ADULT_AGE.search(rest) and len(_ONE_CHILD.findall(rest)) == 1 and not _names(rest, ("kids", "children")):
        rest = _ONE_CHILD.sub(" ", rest)
    return rest


_LONE_PARENT = ("single parent", "lone parent", "single mum", "single mother", "single dad", "single father")
_PARTNER = ("partner", "husband", "wife", "boyfriend", "girlfriend", "fiance", "fiancee", "couple", "spouse")
_CHILDREN = ("child", "children", "kid", "kids", "son", "daughter", "baby", "family")
_ALONE = ("just me", "only me", "on my own", "alone", "single", "myself", "me")
# A partner who is not there: "we're not a couple", "we split up", "no partner".
_NO_PARTNER = ("split up", "separated", "broke up", "divorced", "left me", "moved out", "not together")


def no_partner(text: str | None) -> bool:
    """The message says there is no partner ("no, we're not a couple", "we split up")."""
    clean = normalise_answer(text or "")
    return any(negated(clean, p) for p in _PARTNER) or any(contains_phrase(clean, p) for p in _NO_PARTNER)


def read_household(text: str | None) -> str | None:
    """Who counts: a partner, and children. A grown-up son or daughter, a parent or a
    lodger does not count ("me and my adult son" is a single adult's household)."""
    clean = normalise_answer(text or "")
    partner = _names(clean, _PARTNER) and not no_partner(text)
    without_adults = _without_adult_children(clean)
    children = _names(without_adults, (*_CHILDREN, *_LONE_PARENT))
    if partner or children:
        return COUPLE_OR_LONE_PARENT
    # No partner and no children said either way ("we're not a couple") is not yet an answer.
    alone = _names(clean, _ALONE) or (no_partner(text) and any(negated(clean, p) for p in _CHILDREN))
    adults_only = without_adults != clean or _names(clean, _OTHER_ADULTS)
    return SINGLE if alone or adults_only else None


_PENSION = ("state pension age", "pension age", "pension credit age", "pensioner", "pensioners", "retired",
            "retirement age", "state pension", "yes state pension age")  # fmt: skip
_ONE_OF_US = ("only one of us", "one of us", "only me", "only my partner", "only my husband", "only my wife",
              "just my partner", "just my husband", "just my wife", "but my partner", "but my husband",
              "but my wife", "not my partner", "not my husband", "not my wife", "but not me", "not both")  # fmt: skip
# Whose benefit: the claimant's, a partner's, a child's (these count), or another adult's.
_HOLDER = re.compile(
    r"\b(?P<who>i|im|i m|me|my partner|my husband|my wife|my boyfriend|my girlfriend|we|our|"
    r"my (?:son|daughter|child|kid|boy|girl|baby|little one)s?|my (?:[a-z]+ )?(?:mum|mam|mother|dad|father|nan|"
    r"gran|grandma|grandad|brother|sister|aunt|auntie|uncle|cousin|lodger|friend|mate|flatmate|housemate)|"
    r"my (?:adult|grown up|grownup|older|eldest) (?:son|daughter|child|kid)s?|"
    r"my (?:1[89]|[2-9]\d) year old(?: son| daughter)?)"
    r"\b[^.,;]{0,40}?\b(?:gets?|getting|is on|s on|on|receives?|receiving|claims?|claiming|has|have|got)\b"
)


def _holders(clean: str) -> list[str]:
    return [m.group("who") for m in _HOLDER.finditer(clean)]


def _is_other_adult(holder: str, grown_up_child_named: bool) -> bool:
    """The holder is neither the claimant, nor their partner, nor a child under 18."""
    if any(contains_phrase(holder, p) for p in _OTHER_ADULTS):
        return True
    if re.search(r"\b(?:adult|grown up|grownup|older|eldest|1[89]|[2-9]\d)\b", holder):
        return True
    return bool(_ONE_CHILD.search(holder)) and grown_up_child_named


def _only_other_adults(clean: str) -> bool:
    holders = _holders(clean)
    grown_up_child_named = _without_adult_children(clean) != clean
    return bool(holders) and all(_is_other_adult(h, grown_up_child_named) for h in holders)


def read_exempt(text: str | None) -> str | None:
    """ "yes" (the claimant, their partner or a child gets one of the benefits), PENSION
    (everyone has reached State Pension age), PENSION_ONE (only one of a couple has),
    ADULT_HOLDER (only another adult in the home gets one: it does not count), "no",
    UNKNOWN, or None."""
    clean = normalise_answer(text or "")
    if any(contains_phrase(clean, p) for p in _DONT_KNOW):
        return UNKNOWN
    if _names(clean, _PENSION):
        return PENSION_ONE if any(contains_phrase(clean, p) for p in _ONE_OF_US) else PENSION
    if _only_other_adults(clean):
        return ADULT_HOLDER
    if _holders(clean) and _GETS_EXEMPTING.search(clean):
        return "yes"
    return read_yes_no(text)


def corrects(text: str | None) -> bool:
    """The message takes back an earlier answer, or says a partner is not there ("we split up")."""
    return core_corrects(text) or no_partner(text)


# No pay at all, said in words: "nothing, I'm not working at the moment", "I was made redundant".
_NO_PAY = (
    "not working", "dont work", "do not work", "no job", "unemployed", "made redundant", "lost my job",
    "no earnings", "no wages", "out of work", "havent got a job", "nothing", "none", "zero", "no income",
)  # fmt: skip
NO_PAY = {"amount": "0.00", "period": None}


def read_earnings(text: str | None) -> dict[str, Any] | str | None:
    """Earnings after tax: an amount, or none at all said in words."""
    amount = read_amount(text)
    if amount is not None:
        return amount
    clean = normalise_answer(text or "")
    if not re.search(r"\d", clean) and any(contains_phrase(clean, p) for p in _NO_PAY):
        return NO_PAY
    return None


def read_amount(text: str | None) -> dict[str, Any] | str | None:
    """A money answer as {"amount": "1250.00", "period": "month"|None}, UNKNOWN, or None if unclear."""
    clean = normalise_answer(text or "")
    if any(contains_phrase(clean, p) for p in _DONT_KNOW):
        return UNKNOWN
    money = parse_money(without_correction(text))
    if money is None:
        return None
    return {"amount": str(money.amount), "period": money.period}


# Short names claimants use for benefits (knowledge names them in full).
_SHORT_NAMES = {
    "universal credit": ("uc", "universal"),
    "child tax credit": ("ctc", "tax credits", "tax credit"),
    "housing benefit": ("hb",),
    "jobseeker s allowance": ("jsa", "jobseekers allowance", "jobseekers"),
    "employment and support allowance": ("esa",),
    "scottish child payment": ("scp",),
    "bereavement support payment": ("bsp",),
    "council tax reduction": ("council tax support", "ctr"),
}
_PARTS = re.compile(r"\s*(?:,(?!\d)|\+|&|;|\band\b|\bplus\b|\bwith\b)\s*")


def _benefit_names(name: str) -> tuple[str, ...]:
    full = normalise_answer(re.sub(r"\(.*?\)", " ", name))
    return (full, *_SHORT_NAMES.get(full, ()))


_PERIOD_SAID = re.compile(r"\b(?:a|per|each|every)\s+(week|month)\b|\b(week|month)ly\b")


def read_total(
    text: str | None, not_counted: tuple[str, ...], counted: tuple[str, ...] = ()
) -> dict[str, Any] | str | None:
    """The benefits in total, leaving out any the claimant adds that do not count
    ("1200 universal credit and 100 scottish child payment" is 1200, with Scottish
    Child Payment in "left_out"). Without such a benefit named, as read_amount."""
    clean = normalise_answer(text or "")
    named = [n for n in not_counted if any(contains_phrase(clean, alias) for alias in _benefit_names(n))]
    if not named:
        return read_amount(text)
    # The names taken out of each part before its amount is read: every counted benefit's.
    names = {a for n in counted for a in _benefit_names(n)} | {a for n in _SHORT_NAMES for a in (n, *_SHORT_NAMES[n])}
    between_words = r"\W+"  # "jobseeker's allowance" as typed, for "jobseeker s allowance"
    name_patterns = [
        re.compile(r"\b" + between_words.join(re.escape(w) for w in alias.split()) + r"\b")
        for alias in sorted(names, key=len, reverse=True)
    ]
    kept: list[Any] = []
    for part in _PARTS.split(without_correction(text or "").lower()):
        plain = normalise_answer(part)
        if not plain or any(contains_phrase(plain, a) for n in named for a in _benefit_names(n)):
            continue  # left out, with a sentence saying why
        amount_part = part
        for pattern in name_patterns:
            amount_part = pattern.sub(" ", amount_part)
        if not re.search(r"\d", amount_part):
            continue
        money = parse_money(amount_part)
        if money is None:
            return None  # an amount here we cannot read: ask again rather than guess
        kept.append(money)
    periods = {m.period for m in kept if m.period}
    if not periods and (said := _PERIOD_SAID.search(clean)):
        periods = {said.group(1) or said.group(2)}  # "... and scp 110 a month": the period is for all
    if not kept or len(periods) > 1:
        return None
    total = sum((m.amount for m in kept), start=Decimal(0))
    return {"amount": str(total), "period": next(iter(periods), None), "left_out": named}


# Out of turn, only answers that name what they answer are kept (issue 15): "I'm a
# single parent" when asked about Universal Credit is the household, but a "no" or
# a bare number could be the answer to anything, so it is never moved.
_NAMES_HOUSEHOLD = (
    *_LONE_PARENT, "a couple", "we are a couple", "my partner", "my husband", "my wife", "my boyfriend",
    "my girlfriend", "my kids", "my children", "my child", "my son", "my daughter", "my baby", "live alone",
    "live on my own", "live by myself", "just me", "only me", "no kids", "no children",
)  # fmt: skip
_NAMES_SCHEME = ("universal credit", "housing benefit")
_NAMES_EARNINGS = ("earn", "earns", "wage", "wages", "salary", "paid", "from my job", "from work", "take home")
# Someone in the home gets an exempting benefit, said as a fact ("my partner gets PIP"),
# not asked about ("if I got PIP would the cap apply?").
_GETS_EXEMPTING = re.compile(
    r"\b(?:gets?|getting|on|receives?|receiving|claims?|claiming|has|have|awarded|got)\s+(?:the\s+)?"
    r"(?:pip|dla|personal independence payment|disability living allowance|attendance allowance|"
    r"carers allowance|carer s allowance|lcwra|limited capability for work|war pension|"
    r"industrial injuries(?: disablement benefit)?|armed forces independence payment)\b"
)
_NAMES_TOTAL = ("in total", "altogether", "all together", "total", "benefits come to", "all my benefits")


def named_answers(text: str | None) -> dict[str, Any]:
    """Answers to estimate questions that a message gives by name: slot → answer.

    None as an answer means "that one must be asked again": "no, we're not a
    couple" takes back a household answer without saying who does live there."""
    clean = normalise_answer(text or "")
    # "my 2 kids" names the household as "my kids" does.
    unnumbered = re.sub(r"\s+", " ", re.sub(r"\b(?:\d+|two|three|four|five|six|seven|eight)\b", " ", clean))
    found: dict[str, Any] = {}
    if any(contains_phrase(unnumbered, p) for p in _NAMES_HOUSEHOLD) and (household := read_household(text)):
        found["cap_household"] = household
    elif no_partner(text):
        found["cap_household"] = read_household(text)  # None unless it says who does live there
    if any(contains_phrase(clean, p) for p in _NAMES_SCHEME) and (scheme := read_scheme(text)) not in (None, UNKNOWN):
        found["cap_scheme"] = scheme
    if _GETS_EXEMPTING.search(clean) and not re.search(r"\b(?:if|would|could|whether)\b", clean):
        # "my son gets PIP, he's 24": another adult's benefit does not stop the cap.
        if not _only_other_adults(clean):
            found["cap_exempt"] = "yes"
    amount = read_amount(text)
    if isinstance(amount, dict):
        # One amount, so it is the one named; both names at once cannot say which is which.
        earnings = any(contains_phrase(clean, p) for p in _NAMES_EARNINGS)
        total = any(contains_phrase(clean, p) for p in _NAMES_TOTAL)
        if earnings != total:
            found["cap_earnings" if earnings else "cap_total"] = amount
    return found


def read_out_of_turn(text: str | None) -> dict[str, Any]:
    """Answers to questions not asked yet, kept for them: only real answers, never "ask again"."""
    return {slot: answer for slot, answer in named_answers(text).items() if answer is not None}


# Which answer a claimant wants to change at the read-back: the button titles, and what people type.
_CHANGE_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("all", ("start again", "start over", "all of it", "everything", "from the start")),
    ("cap_scheme", ("the benefit i get", "benefit i get", "which benefit", "universal credit", "housing benefit")),
    ("cap_household", ("who lives with me", "who lives", "household", "partner", "children", "kids", "couple")),
    ("cap_london", ("if i live in london", "london", "where i live", "area")),
    ("cap_earnings", ("my earnings", "earnings", "earn", "wages", "pay", "salary", "job")),
    ("cap_total", ("my benefits in total", "benefits in total", "total", "benefits", "amount")),
)


_WANTS_CHANGE = ("change", "wrong", "not right", "mistake", "incorrect", "not correct")


def wants_change(text: str | None) -> bool:
    """At the read-back: "Change something", "that's wrong", "change my earnings"."""
    clean = normalise_answer(text or "")
    return any(contains_phrase(clean, p) for p in _WANTS_CHANGE)


def read_change(text: str | None) -> str | None:
    """The slot to ask again, "all" to start again, or None if it does not say."""
    clean = normalise_answer(text or "")
    return next((slot for slot, words in _CHANGE_WORDS if any(contains_phrase(clean, w) for w in words)), None)


_HOW_LONG = re.compile(
    r"\b(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|few|couple of)"
    r"\s+(?:days?|weeks?|months?|years?)\b|\b(?:ages|a while|yonks)\b"
)


def says_how_long(text: str | None) -> bool:
    """A length of time ("nearly a year", "about 6 months") where a yes or no was asked:
    it cannot say which part of the question it answers, so it is never read as one."""
    return bool(_HOW_LONG.search(normalise_answer(text or "")))


# Every answer a reader gives back, so an answer already read is never read again.
CODES = frozenset({UC, LEGACY, NEITHER, UNKNOWN, SINGLE, COUPLE_OR_LONE_PARENT, PENSION, PENSION_ONE, "yes", "no"})

# Which reader understands the answer to each estimate question.
READERS: dict[str, Callable[[str | None], Any]] = {
    "cap_scheme": read_scheme,
    "cap_exempt": read_exempt,
    "cap_household": read_household,
    "cap_london": read_yes_no,
    "cap_earnings": read_earnings,
    "cap_grace": read_yes_no,
    "cap_total": read_amount,
    "cap_confirm": read_yes_no,
}

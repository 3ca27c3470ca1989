"""Removing personal identifiers from what a claimant types, before it is stored.

The gateway redacts every message before it reaches Rasa, so neither the
tracker store, nor a handoff record, nor a log ever holds them (issue 16).

Matching runs on a normalised copy (NFKC; every kind of space, dash and dot
made plain), and the normalised copy is what is kept. What goes, in every
common typed form:

* email addresses, also spelt out ("jo at example dot com");
* IBANs (mod-97 check) and card numbers (13 to 19 digits, any separator, Luhn);
* NHS numbers (10 digits, mod-11 check; never starting with 0, so never a phone);
* National Insurance numbers (two letters, six digits, an optional letter, any
  grouping, dashes, dots or spaces, any case);
* UK phone numbers (+44, 0044, 0…, brackets, spaces, dots, dashes), except the
  public helplines the assistant itself gives (`keep`);
* bank details: sort codes (12-34-56, 12.34.56, 12 34 56) and account numbers
  (8 digits, spaced too), when the message is about a bank or they sit together;
* UK passport numbers (9 characters, near the word "passport") and driving
  licence numbers (their 16-character form);
* dates of birth given as such ("my DOB is 3/4/1985", "born on 3rd March 1985");
* full postcodes, cut to their district ("LS1 4AP" becomes "LS1"), which is
  enough to find local help.

Amounts, ordinary dates, times, years, counts and bus numbers stay.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

LABELS = {
    "email": "[email]",
    "iban": "[bank account]",
    "card_number": "[card number]",
    "nhs_number": "[NHS number]",
    "ni_number": "[NI number]",
    "phone_number": "[phone number]",
    "sort_code": "[sort code]",
    "account_number": "[account number]",
    "passport_number": "[passport number]",
    "driving_licence": "[driving licence number]",
    "date_of_birth": "[date of birth]",
}

_DASHES = re.compile(r"[\u2010-\u2015\u2212\u2043\ufe58\ufe63\uff0d]")
_SPACES = re.compile(r"[^\S\n]+")  # any Unicode space but a new line (NFKC leaves some, e.g. U+200B is not one)
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
SEP = r"[ .\-/]?"  # between groups of an identifier

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
SPELT_EMAIL = re.compile(r"\b[\w.+-]+ (?:at|\(at\)|\[at\]) [\w-]+(?: (?:dot|\(dot\)|\[dot\]) [\w-]+)+\b", re.IGNORECASE)
IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b", re.IGNORECASE)
CARD = re.compile(r"(?<![\d£$.,])\d(?:[ .\-]?\d){12,18}(?![\d])")
NHS = re.compile(r"(?<![\d£$.,])[1-9]\d{2}[ .\-]?\d{3}[ .\-]?\d{4}(?!\d)")
NI_NUMBER = re.compile(r"\b[A-Z]{2}[ .\-]?(?:\d[ .\-]?){5}\d(?:[ .\-]?[A-Z])?\b", re.IGNORECASE)
PHONE = re.compile(r"(?<![\w£$.,])(?:(?:\+|00) ?44 ?(?:\(0\) ?)?|\(?0)\d(?:[ .\-()]{0,2}\d){8,10}(?![\d])")
SORT_CODE = re.compile(r"(?<![\d.£])\d{2}([ .\-])\d{2}\1\d{2}(?![\d])|(?<![\d.£])\d{6}(?![\d])")
ACCOUNT = re.compile(r"(?<![\d.£])(?:\d{8}|\d{4} \d{4})(?![\d])")
PASSPORT = re.compile(r"(?<![\w])(?:[A-Z]\d{8}|\d{9})(?![\w])", re.IGNORECASE)
LICENCE = re.compile(r"\b[A-Z9]{5}\d{6}[A-Z9]{2}\d[A-Z]{2}(?: ?\d{2})?\b", re.IGNORECASE)
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
DOB = re.compile(
    r"\b(?P<lead>(?:my )?(?:dob|d\.o\.b\.?|date of birth|birthday|birth date)(?: is|:)?|born(?: on)?)\s*:?\s*"
    r"(?P<date>\d{1,2}[ ./\-]\d{1,2}[ ./\-]\d{2,4}|\d{4}[./\-]\d{1,2}[./\-]\d{1,2}|"
    r"\d{1,2}(?:st|nd|rd|th)?(?: of)? " + _MONTHS + r",? \d{2,4}|" + _MONTHS + r" \d{1,2}(?:st|nd|rd|th)?,? \d{2,4})",
    re.IGNORECASE,
)
POSTCODE = re.compile(r"\b([A-Z]{1,2}\d[A-Z\d]?) *(\d[A-Z]{2})\b", re.IGNORECASE)
BANK_WORDS = re.compile(r"\b(sort ?code|sort|bank|account|acc|acct|a/c|banking|iban|bacs)\b", re.IGNORECASE)
SORT_WORDS = re.compile(r"\bsort ?code|\bsort\b", re.IGNORECASE)
PASSPORT_WORDS = re.compile(r"\bpassport\b", re.IGNORECASE)


@dataclass(frozen=True)
class Redacted:
    text: str
    removed: tuple[str, ...]  # kinds (LABELS' keys, or "postcode"), in the order they are looked for

    @property
    def changed(self) -> bool:
        return bool(self.removed)


def normalise(text: str) -> str:
    """The copy that is matched and kept: NFKC, invisible characters gone, plain dashes and spaces."""
    text = unicodedata.normalize("NFKC", text)
    text = _INVISIBLE.sub("", text)
    return _SPACES.sub(" ", _DASHES.sub("-", text))


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def luhn(number: str) -> bool:
    total = 0
    for i, d in enumerate(reversed(number)):
        n = int(d) * (2 if i % 2 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def nhs_valid(number: str) -> bool:
    """The NHS number's mod-11 check digit."""
    if len(number) != 10:
        return False
    total = sum(int(d) * w for d, w in zip(number[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    return check != 10 and (check % 11) == int(number[9])


def iban_valid(iban: str) -> bool:
    compact = re.sub(r"\s", "", iban).upper()
    if not 15 <= len(compact) <= 34:
        return False
    moved = compact[4:] + compact[:4]
    return int("".join(str(int(c, 36)) for c in moved)) % 97 == 1


def _near(pattern: re.Pattern[str], text: str, start: int, end: int, before: int = 40, after: int = 20) -> bool:
    return bool(pattern.search(text[max(0, start - before) : end + after]))


def redact(text: str, keep: Iterable[str] = ()) -> Redacted:
    """`keep`: numbers that are not anyone's (the helplines the assistant gives), as digits."""
    kept_numbers = {digits(k) for k in keep if digits(k)}
    removed: list[str] = []
    text = normalise(text)

    def note(kind: str) -> str:
        if kind not in removed:
            removed.append(kind)
        return LABELS[kind]

    def sub(pattern: re.Pattern[str], kind: str, check: Callable[[re.Match[str]], bool] = lambda m: True) -> None:
        nonlocal text
        text = pattern.sub(lambda m: note(kind) if check(m) else m.group(), text)

    sub(EMAIL, "email")
    sub(SPELT_EMAIL, "email")
    # The date goes, the words saying what it is stay: "my DOB is [date of birth]".
    text = DOB.sub(lambda m: f"{m.group('lead')} {note('date_of_birth')}", text)
    sub(IBAN, "iban", lambda m: iban_valid(m.group()))
    sub(LICENCE, "driving_licence")

    # The longest run that passes Luhn is the card: "4111 1111 1111 1111 06/28" keeps its expiry.
    def card(m: re.Match[str]) -> str:
        found = m.group()
        ends = [i + 1 for i, c in enumerate(found) if c.isdigit()]
        for count in range(len(ends), 12, -1):
            if count < len(ends) and found[ends[count - 1]].isdigit():
                continue  # only at a gap between groups: never inside one
            number = digits(found[: ends[count - 1]])
            if number not in kept_numbers and luhn(number):
                return note("card_number") + found[ends[count - 1] :]
        return found

    text = CARD.sub(card, text)
    sub(PHONE, "phone_number", lambda m: _is_phone(m.group(), kept_numbers))
    sub(NHS, "nhs_number", lambda m: nhs_valid(digits(m.group())))
    sub(NI_NUMBER, "ni_number", _is_ni_number)

    # Bank details: a sort code and an account number side by side, or either one
    # in a message about a bank. "12-03-24" alone is more likely a date.
    def sort_code(m: re.Match[str]) -> bool:
        if _near(SORT_WORDS, text, m.start(), m.end()) or ACCOUNT.match(text, m.end() + 1):
            return True
        # Near "bank" or "account" only: "I went to the bank on 06-02-26" is a date.
        return _near(BANK_WORDS, text, m.start(), m.end()) and not _date_like(digits(m.group()))

    def account(m: re.Match[str]) -> bool:
        return _near(BANK_WORDS, text, m.start(), m.end()) or "[sort code]" in text[max(0, m.start() - 16) : m.start()]

    sub(SORT_CODE, "sort_code", sort_code)
    sub(ACCOUNT, "account_number", account)
    sub(PASSPORT, "passport_number", lambda m: _near(PASSPORT_WORDS, text, m.start(), m.end(), 60, 30))

    def district(m: re.Match[str]) -> str:
        if "postcode" not in removed:
            removed.append("postcode")
        return m.group(1).upper()

    text = POSTCODE.sub(district, text)
    return Redacted(text=text, removed=tuple(removed))


def _date_like(six: str) -> bool:
    """dd mm yy: a day and a month that exist."""
    return 1 <= int(six[:2]) <= 31 and 1 <= int(six[2:4]) <= 12


def _is_phone(found: str, kept: set[str]) -> bool:
    number = digits(found)
    if number.startswith("0044"):
        number = "0" + number[4:].removeprefix("0")
    elif number.startswith("44") and not found.lstrip("(").startswith("0"):
        number = "0" + number[2:].removeprefix("0")
    return 10 <= len(number) <= 11 and number not in kept


# Two-letter words that can sit before six digits in a sentence ("it's on 123456").
_WORDS = frozenset("is on to at in of me my no or so up we be by do go he if it us an am as".split())


def _is_ni_number(m: re.Match[str]) -> bool:
    found = m.group()
    letters, rest = found[:2], found[2:]
    said_as_word = letters.lower() in _WORDS and rest.startswith(" ")
    return not said_as_word or bool(re.search(r"[A-Za-z]$", found))

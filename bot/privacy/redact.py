"""Removing personal identifiers from what a claimant types, before it is stored.

The gateway redacts every message before it reaches Rasa, so neither the
tracker store, nor a handoff record, nor a log ever holds them. What goes:

* National Insurance numbers (two letters, six digits, a letter A to D);
* UK phone numbers (07..., 01..., 02..., 03..., 08..., +44 ...);
* email addresses;
* bank details: sort codes (12-34-56) and 8-digit account numbers, when the
  message says they are bank details or they sit next to each other;
* card numbers (13 to 19 digits that pass the Luhn check);
* full postcodes, cut to their district ("LS1 4AP" becomes "LS1"), which is
  enough to find local help.

Amounts, dates, times and counts stay: "£1,250 a month", "12/03/2024".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
NI_NUMBER = re.compile(
    r"\b(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]?\b", re.IGNORECASE
)
CARD = re.compile(r"\b\d(?:[ -]?\d){12,18}\b")
SORT_CODE = re.compile(r"\b\d{2}[- ]\d{2}[- ]\d{2}\b|\b\d{6}\b")
ACCOUNT = re.compile(r"\b\d{8}\b")
BANK_WORDS = re.compile(r"\b(sort ?code|sort|bank|account|acc|acct|a/c|banking)\b", re.IGNORECASE)
PHONE = re.compile(r"(?<![\w£$.,])(?:\+44 ?\(?0?\)? ?|\(?0)\d{2,4}\)?(?:[ -]?\d){6,8}\b")
POSTCODE = re.compile(r"\b([A-Z]{1,2}\d[A-Z\d]?) ?(\d[A-Z]{2})\b", re.IGNORECASE)

LABELS = {
    "email": "[email]",
    "ni_number": "[NI number]",
    "card_number": "[card number]",
    "sort_code": "[sort code]",
    "account_number": "[account number]",
    "phone_number": "[phone number]",
}


@dataclass(frozen=True)
class Redacted:
    text: str
    removed: tuple[str, ...]  # kinds (LABELS' keys, or "postcode"), in the order first found

    @property
    def changed(self) -> bool:
        return bool(self.removed)


def _luhn(digits: str) -> bool:
    total = 0
    for i, d in enumerate(reversed(digits)):
        n = int(d) * (2 if i % 2 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def _near_bank_words(text: str, start: int, end: int) -> bool:
    return bool(BANK_WORDS.search(text[max(0, start - 40) : end + 20]))


def redact(text: str) -> Redacted:
    removed: list[str] = []

    def note(kind: str) -> str:
        if kind not in removed:
            removed.append(kind)
        return LABELS[kind]

    text = EMAIL.sub(lambda m: note("email"), text)
    text = NI_NUMBER.sub(lambda m: note("ni_number"), text)
    text = CARD.sub(
        lambda m: note("card_number") if _luhn(re.sub(r"\D", "", m.group())) else m.group(),
        text,
    )

    # Bank details: a sort code and an account number side by side, or either one
    # in a message about a bank. "12-03-24" alone is more likely a date.
    def sort_code(m: re.Match[str]) -> str:
        after = text[m.end() : m.end() + 12]
        if _near_bank_words(text, m.start(), m.end()) or ACCOUNT.search(after):
            return note("sort_code")
        return m.group()

    def account(m: re.Match[str]) -> str:
        before = text[max(0, m.start() - 16) : m.start()]
        if _near_bank_words(text, m.start(), m.end()) or "[sort code]" in before:
            return note("account_number")
        return m.group()

    text = SORT_CODE.sub(sort_code, text)
    text = ACCOUNT.sub(account, text)
    text = PHONE.sub(lambda m: note("phone_number") if len(re.sub(r"\D", "", m.group())) >= 10 else m.group(), text)

    def district(m: re.Match[str]) -> str:
        if "postcode" not in removed:
            removed.append("postcode")
        return m.group(1).upper()

    text = POSTCODE.sub(district, text)
    return Redacted(text=text, removed=tuple(removed))

"""Redaction of personal identifiers: a wide table of formats, and look-alikes that must stay.
Every identifier here is made up (NI prefixes and Ofcom drama numbers where it matters)."""

from __future__ import annotations

import pytest

from bot.privacy.redact import redact
from bot.privacy.replies import removed_notice

REMOVED = [
    # (typed, stored)
    ("my NI number is AB 12 34 56 C", "my NI number is [NI number]"),
    ("ab123456c", "[NI number]"),
    ("NI: JG103759A thanks", "NI: [NI number] thanks"),
    ("call me on 07700 900123", "call me on [phone number]"),
    ("07700900123", "[phone number]"),
    ("+44 7700 900123", "[phone number]"),
    ("+447700900123", "[phone number]"),
    ("my landline is 0113 496 0001", "my landline is [phone number]"),
    ("(0113) 496 0001", "[phone number]"),
    ("020 7946 0018 is my work", "[phone number] is my work"),
    ("jo.bloggs+uc@example.co.uk is my email", "[email] is my email"),
    ("EMAIL: Someone@Example.ORG", "EMAIL: [email]"),
    ("sort code 12-34-56 account 12345678", "sort code [sort code] account [account number]"),
    ("my bank details are 12 34 56 87654321", "my bank details are [sort code] [account number]"),
    ("12-34-56 87654321", "[sort code] [account number]"),
    ("account number 87654321", "account number [account number]"),
    ("card 4111 1111 1111 1111 exp 12/27", "card [card number] exp 12/27"),
    ("4111-1111-1111-1111", "[card number]"),
    ("5555555555554444", "[card number]"),
    ("I live at LS1 4AP", "I live at LS1"),
    ("postcode m1 1ae", "postcode M1"),
    ("CF10 1EP, Cardiff", "CF10, Cardiff"),
    ("sw1a1aa", "SW1A"),
    # issue 16: the ways people really type them
    ("AB 123 456 C", "[NI number]"),
    ("AB-12-34-56-C", "[NI number]"),
    ("ab.12.34.56.c is mine", "[NI number] is mine"),
    ("0044 7700 900123", "[phone number]"),
    ("07700.900.582", "[phone number]"),
    ("07700\u00a0900\u00a0582", "[phone number]"),  # non-breaking spaces
    ("+44 (0)20 7946 0958", "[phone number]"),
    ("07700\u2013900\u2013582", "[phone number]"),  # en dashes
    ("sort code 12.34.56", "sort code [sort code]"),
    ("my account is 3832 2584", "my account is [account number]"),
    ("4111 1111 1111 1111 06/28", "[card number] 06/28"),
    ("E5  4SN", "E5"),
    ("my NHS number is 943 476 5919", "my NHS number is [NHS number]"),
    ("IBAN GB82 WEST 1234 5698 7654 32", "IBAN [bank account]"),
    ("passport number 123456789", "passport number [passport number]"),
    ("licence MORGA657054SM9IJ", "licence [driving licence number]"),
    ("jo at example dot com", "[email]"),
    ("my DOB is 12/03/1985", "my DOB is [date of birth]"),
    ("I was born on 3rd March 1985", "I was born on [date of birth]"),
]

KEPT = [
    "I earn £1,250 a month",
    "about 300 a week",
    "my payment is on 12/03/2024",
    "the appointment is at 10:30",
    "I was born in 1985",
    "Question 3 of 14",
    "I have 2 kids aged 4 and 7",
    "LS1",
    "I live in Leeds",
    "12-03-24",  # a date, with no bank words near it
    "4111 1111 1111 1112",  # fails the Luhn check: not a card
    "87654321",  # eight digits with no bank words
    "my rent is £123456 a year",  # not a phone number
    "I need help with debt",
    "",
    "<script>alert(1)</script>",
    "A1",
    "£0.50",
    "0.5",
    "the 42 bus",
    "my rent is 123456",  # "is" and six digits: not an NI number
    "call Samaritans on 116 123",
    "National Domestic Abuse Helpline 0808 2000 247",
    "I have been waiting since 2019",
    "it's 9 to 5, 37.5 hours a week",
]


@pytest.mark.parametrize(("typed", "stored"), REMOVED)
def test_identifiers_are_removed(typed: str, stored: str) -> None:
    assert redact(typed).text == stored


HELPLINES = ("116 123", "0808 2000 247")


@pytest.mark.parametrize("typed", KEPT)
def test_look_alikes_stay(typed: str) -> None:
    result = redact(typed, keep=HELPLINES)
    assert result.text == typed and not result.changed


def test_the_claimant_is_told_what_was_not_kept() -> None:
    result = redact("AB123456C and 07700 900123 and LS1 4AP")
    assert result.removed == ("phone_number", "ni_number", "postcode")
    assert removed_notice(result) == (
        "To keep you safe, I did not keep a phone number, a National Insurance number and the end of a postcode "
        "from your message. I don't need them."
    )
    assert removed_notice(redact("hello")) is None

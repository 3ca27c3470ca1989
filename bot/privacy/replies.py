"""Every sentence the claimant reads about privacy: the notice at the start of a
conversation, and what redaction took out of a message."""

from __future__ import annotations

from bot.core.fields import and_list
from bot.privacy.redact import Redacted

# How the claimant is told, in plain words.
NAMES = {
    "email": "an email address",
    "ni_number": "a National Insurance number",
    "card_number": "a card number",
    "sort_code": "a sort code",
    "account_number": "an account number",
    "phone_number": "a phone number",
    "postcode": "the end of a postcode",
    "iban": "a bank account number",
    "nhs_number": "an NHS number",
    "passport_number": "a passport number",
    "driving_licence": "a driving licence number",
    "date_of_birth": "a date of birth",
}


def privacy_notice(retention_days: int) -> str:
    return (
        "Before we start: I am a computer helper, and this chat is private. "
        "I take out things like phone numbers and National Insurance numbers before anything is saved. "
        "If you need a Work Coach, they can read this chat to help you. "
        f"It is deleted after {retention_days} days."
    )


def removed_notice(redacted: Redacted) -> str | None:
    """What to tell the claimant, or None when nothing was removed."""
    if not redacted.changed:
        return None
    names = [NAMES[k] for k in redacted.removed]
    if len(names) > 3:
        # A long list in one sentence is hard to read: one line each (issue 18).
        listed = "\n".join(f"- {name}" for name in names)
        return f"To keep you safe, I did not keep these from your message. I don't need them.\n{listed}"
    it = "it" if len(names) == 1 else "them"
    return f"To keep you safe, I did not keep {and_list(names)} from your message. I don't need {it}."

"""What the claimant is told about handoffs and privacy: plain and short."""

from __future__ import annotations


def privacy_notice(retention_days: int) -> str:
    return (
        "Before we start: I am a computer helper, and this chat is private. "
        "I take out things like phone numbers and National Insurance numbers before anything is saved. "
        "If you need a Work Coach, they can read this chat to help you. "
        f"It is deleted after {retention_days} days."
    )


def handoff_message(reference: str, new: bool) -> str:
    if not new:
        return f"I have added this to your note for a Work Coach. Your reference is still {reference}."
    return (
        f"I have passed this to a Work Coach. Your reference is {reference}. "
        "Show it at the Jobcentre desk, or at your next appointment, so they can find this chat. "
        "A Work Coach will look at it before they see you."
    )

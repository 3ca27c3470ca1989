"""What the claimant is told about handoffs: plain and short."""

from __future__ import annotations

STILL_NOT_UNDERSTOOD = "Sorry, I still don't understand. A person can help you better."


def handoff_message(reference: str, new: bool) -> str:
    if not new:
        return f"I have added this to your note for a Work Coach. Your reference is still {reference}."
    return (
        f"I have passed this to a Work Coach. Your reference is {reference}. "
        "Show it at the Jobcentre desk, or at your next appointment, so they can find this chat. "
        "A Work Coach will look at it before they see you."
    )

"""Reading yes, no or "don't know" from a short answer, in any form that asks one. One
home for these words (the cap estimate and the skills check both read them)."""

from __future__ import annotations

from bot.core.fields import contains_phrase, normalise_answer

UNKNOWN = "unknown"
YES_WORDS = ("yes", "yeah", "yep", "yh", "ye", "y", "aye", "i do", "we do", "correct", "right", "thats right", "sure")
NO_WORDS = ("no", "nope", "nah", "n", "none", "not", "dont", "do not", "neither of us")
DONT_KNOW_WORDS = ("dont know", "do not know", "not sure", "dunno", "idk", "no idea", "unsure", "i dont know")


def read_yes_no(text: str | None) -> str | None:
    """'yes', 'no', UNKNOWN, or None if unclear. "Don't know" is checked first."""
    clean = normalise_answer(text or "")
    if any(contains_phrase(clean, p) for p in DONT_KNOW_WORDS):
        return UNKNOWN
    yes = any(contains_phrase(clean, p) for p in YES_WORDS)
    no = any(contains_phrase(clean, p) for p in NO_WORDS)
    if yes != no:
        return "yes" if yes else "no"
    return None

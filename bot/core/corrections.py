"""How claimants take back an answer, in any form: "actually…", "sorry, I meant…",
"no wait…", "go back". One home for these words, so every form reads them alike."""

from __future__ import annotations

import re

from bot.core.fields import contains_phrase, normalise_answer

# Words that start a correction, taken off before the answer itself is read: "sorry, I meant 900".
_LEAD = re.compile(
    r"^(?:(?:no|nope|sorry|oops|wait|actually|hang on|my mistake|i mean|i meant|correction|"
    r"i got that wrong|thats wrong|that is wrong|not quite|change (?:that|it)(?: to)?|make (?:that|it))\b[\s,.:;!-]*)+",
    re.IGNORECASE,
)
_CORRECTING = ("actually", "sorry", "i meant", "i mean", "wrong", "mistake", "correction", "change", "instead", "oops")
_GO_BACK = (
    "go back", "back", "previous question", "the last question", "last question", "change my last answer",
    "change my answer", "undo", "undo that", "i got the last one wrong", "can i change that",
)  # fmt: skip


def without_correction(text: str | None) -> str:
    """The answer with its "sorry, I meant" taken off."""
    return _LEAD.sub("", (text or "").strip().replace("’", "'")).strip()


def corrects(text: str | None) -> bool:
    """The message takes back an earlier answer: "actually…", "no, …", "sorry, I meant…"."""
    clean = normalise_answer(text or "")
    return clean.startswith(("no ", "not ")) or any(contains_phrase(clean, p) for p in _CORRECTING)


def goes_back(text: str | None) -> bool:
    """Asks for the question before, to answer it again: "go back", "can I change that"."""
    clean = normalise_answer(without_correction(text)) or normalise_answer(text or "")
    return clean in _GO_BACK or any(contains_phrase(clean, p) for p in ("go back", "change my last answer"))

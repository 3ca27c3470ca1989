"""Noticing danger and sensitive disclosures in what a claimant types.

This is the rule layer. The NLU intent `safeguarding_concern` is the other
half (see bot/rasa_ext/safeguarding_classifier.py, which joins the two): rules give
recall on wording the model never saw, the model on wording no rule names.

Reading a message:
1. `TextReader` spells it out: lower case, accents and apostrophes dropped,
   text-speak expanded ("u" -> "you", "kms" -> "kill myself"), known
   misspellings fixed, "-in" endings restored ("hittin"), and a one-letter slip
   in a long key word forgiven ("sucidal"), unless the word is a real one.
2. Harmless wording that sounds alarming ("this form is killing me") is cut
   out, then each urgent category's patterns are tried.
3. Disclosures (health, disability, caring, lone parent...) are tried on the
   whole text: they change the help offered, never the urgency.

All data comes from knowledge/safeguarding.yml.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

URGENT_FLAG = "urgent"
# A letter typed three or more times in a row: "killlll" -> "kill".
_REPEATS = re.compile(r"([a-z])\1{2,}")
_NOT_WORD = re.compile(r"[^a-z0-9]+")
_APOSTROPHES = re.compile(r"['\u2018\u2019\u02bc`\u00b4]")


def compile_pattern(pattern: str) -> re.Pattern[str]:
    """A knowledge pattern, matched on whole words only."""
    return re.compile(r"\b(?:" + pattern.strip() + r")\b")


def _one_slip(a: str, b: str) -> bool:
    """True when a and b differ by one added, lost, changed or swapped letter."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(diffs) == 1:
            return True
        i = diffs[0]
        return len(diffs) == 2 and diffs[1] == i + 1 and a[i] == b[i + 1] and a[i + 1] == b[i]
    short, long = (a, b) if len(a) < len(b) else (b, a)
    i = next((k for k in range(len(short)) if short[k] != long[k]), len(short))
    return short[i:] == long[i + 1 :]


@dataclass(frozen=True)
class TextReader:
    text_speak: Mapping[str, str]
    misspellings: Mapping[str, str]
    typo_tolerant: tuple[str, ...]
    # Words never "corrected": real words near a key word, and every pattern word.
    protected: frozenset[str]

    def _word(self, word: str) -> str:
        if word in self.text_speak:
            return self.text_speak[word]
        if word in self.misspellings:
            return self.misspellings[word]
        if word in self.protected or word.isdigit():
            return word
        if word.endswith("in") and word + "g" in self.protected:
            return word + "g"
        for i in range(len(word) - 1):  # "kiill" (after "kiiiill" was cut to two)
            if word[i] == word[i + 1] and word[:i] + word[i + 1 :] in self.protected:
                return word[:i] + word[i + 1 :]
        if len(word) < 5:
            return word
        close = [k for k in self.typo_tolerant if _one_slip(word, k)]
        return close[0] if len(close) == 1 else word

    def spell_out(self, text: str) -> str:
        folded = unicodedata.normalize("NFKD", text.casefold())
        folded = "".join(c for c in folded if not unicodedata.combining(c))
        folded = _APOSTROPHES.sub("", folded)
        folded = _REPEATS.sub(r"\1\1", _NOT_WORD.sub(" ", folded))
        return " ".join(self._word(word) for word in folded.split())


@dataclass(frozen=True)
class Category:
    """An urgent category or a disclosure, with the flags it sets (code: reason)."""

    id: str
    label: str
    patterns: tuple[re.Pattern[str], ...]
    flags: Mapping[str, str]
    # Urgent categories only: what to say first, who to call, and which need's
    # local services to offer next.
    opening: str = ""
    contacts: tuple[str, ...] = ()
    more_help_need: str | None = None
    # Disclosures only: the need whose request says as much ("health").
    from_need: str | None = None

    def found_in(self, text: str) -> bool:
        return any(p.search(text) for p in self.patterns)


@dataclass(frozen=True)
class Reading:
    """What a message says, as far as safeguarding is concerned."""

    text: str
    urgent: tuple[Category, ...] = ()
    disclosures: tuple[Category, ...] = ()
    # Wording like "this form is killing me" was found (and set aside).
    harmless_alarm: bool = False

    @property
    def is_urgent(self) -> bool:
        return bool(self.urgent)

    def mentions(self, disclosure_id: str) -> bool:
        return any(d.id == disclosure_id for d in self.disclosures)


def pattern_words(patterns: Iterable[str]) -> frozenset[str]:
    """Every plain word a set of patterns uses: these are never 'corrected'."""
    return frozenset(w for p in patterns for w in re.findall(r"[a-z]{2,}", p))

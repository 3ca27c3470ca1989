"""How hard a claimant-facing text is to read: the Flesch-Kincaid grade (textstat),
with each list item and each line counted as a sentence, and the jargon it uses
without saying what it means.

A grade is a US school year: grade 4 is a reading age of about 9, which is what
GOV.UK writes for. textstat 0.7.3 counts syllables with pyphen and needs no download.

Labels (a button title or a name of up to six words on one line, with no full stop) are not
graded: Flesch-Kincaid needs sentences, and on one word it measures only syllables
("Housing" is grade 8.4, "Nothing" 8.4). A label passes when each of its words has
at most three syllables or is part of a name the claimant will see on their letters
(the names of benefits and services).
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import textstat
import yaml

from bot.core.paths import ROOT
from bot.core.plain_english import Jargon
from bot.knowledge import Knowledge
from bot.ops.wording import Wording, claimant_texts

REVIEWED_FILE = ROOT / "bot" / "ops" / "reading_age_reviewed.yml"
GRADE_TARGET_MEDIAN = 4.0  # a reading age of about 9
GRADE_CEILING = 6.0  # a reading age of about 11
SHARE_AT_CEILING = 0.95
LABEL_WORDS = 6
LABEL_SYLLABLES = 3

_ITEM = re.compile(r"^\s*(?:[-•*]|\d+[.)])\s+")
_ENDS = re.compile(r"[.!?:;…]$")
_URL = re.compile(r"https?://\S+")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


@dataclass(frozen=True)
class Score:
    text: str
    grade: float | None  # None for a label
    label_ok: bool = True


def as_sentences(text: str) -> str:
    """The text as the formula should see it: every line and every list item ends
    a sentence (a list of ten items is ten short sentences, not one long one), and a
    web address counts as one word."""
    lines = []
    for raw in text.splitlines():
        line = _URL.sub("website", _ITEM.sub("", raw).strip())
        if not line:
            continue
        lines.append(line if _ENDS.search(line) else line + ".")
    return " ".join(lines)


def is_label(text: str) -> bool:
    words = _WORD.findall(text)
    return len(words) <= LABEL_WORDS and "\n" not in text and not _ENDS.search(text.strip())


def _label_ok(text: str, names: Iterable[str]) -> bool:
    rest = text
    for name in sorted(names, key=len, reverse=True):
        rest = re.sub(rf"\b{re.escape(name)}\b", " ", rest, flags=re.IGNORECASE)
    return all(textstat.syllable_count(word) <= LABEL_SYLLABLES for word in _WORD.findall(rest))


def score(text: str, names: Iterable[str] = ()) -> Score:
    if is_label(text):
        return Score(text, None, _label_ok(text, names))
    return Score(text, float(textstat.flesch_kincaid_grade(as_sentences(text))))


@dataclass(frozen=True)
class Summary:
    texts: int
    graded: int
    median: float
    share_at_ceiling: float  # of graded texts, at or below GRADE_CEILING
    labels: int
    labels_failing: int


def summarise(scores: Sequence[Score]) -> Summary:
    grades = [s.grade for s in scores if s.grade is not None]
    labels = [s for s in scores if s.grade is None]
    return Summary(
        texts=len(scores),
        graded=len(grades),
        median=statistics.median(grades) if grades else 0.0,
        share_at_ceiling=sum(g <= GRADE_CEILING for g in grades) / len(grades) if grades else 1.0,
        labels=len(labels),
        labels_failing=sum(not s.label_ok for s in labels),
    )


def unexplained(text: str, jargon: Sequence[Jargon]) -> list[str]:
    """The jargon terms in a text that are not explained in the same text."""
    return [j.term for j in jargon if j.used_in(text) and not j.explained_in(text)]


@dataclass(frozen=True)
class Reviewed:
    where: str
    starts: str
    reason: str

    def covers(self, wording: Wording) -> bool:
        return wording.where == self.where and wording.text.startswith(self.starts)


def load_reviewed(path: Path = REVIEWED_FILE) -> tuple[Reviewed, ...]:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    return tuple(Reviewed(r["where"], r.get("starts", ""), r["reason"]) for r in doc["reviewed"])


def names_in(know: Knowledge) -> tuple[str, ...]:
    """Names a claimant will see elsewhere: benefits (and their short forms), services, and
    the few in knowledge/plain_english.yml."""
    benefits = [n for b in know.benefits for n in (b.name, *b.aliases)]
    return (*know.plain_english.names, *benefits, *(p.name for p in know.partners))


@dataclass(frozen=True)
class Report:
    scored: tuple[tuple[Wording, Score], ...]
    summary: Summary
    hard: tuple[tuple[Wording, Score], ...]  # above the ceiling, or a label with a long word
    unreviewed: tuple[tuple[Wording, Score], ...]
    stale: tuple[Reviewed, ...]  # reviewed, but no longer hard
    jargon: tuple[tuple[Wording, tuple[str, ...]], ...]  # terms used without their plain words


def _hard(s: Score) -> bool:
    return not s.label_ok if s.grade is None else s.grade > GRADE_CEILING


def check(know: Knowledge, reviewed: Sequence[Reviewed] | None = None) -> Report:
    """Score every claimant-facing text (bot/ops/wording.py) against the targets."""
    reviewed = load_reviewed() if reviewed is None else reviewed
    names = names_in(know)
    scored = tuple((w, score(w.text, names)) for w in claimant_texts(know))
    hard = tuple((w, s) for w, s in scored if _hard(s))
    return Report(
        scored=scored,
        summary=summarise([s for _, s in scored]),
        hard=hard,
        unreviewed=tuple((w, s) for w, s in hard if not any(r.covers(w) for r in reviewed)),
        stale=tuple(r for r in reviewed if not any(r.covers(w) for w, _ in hard)),
        jargon=tuple((w, tuple(terms)) for w, _ in scored if (terms := unexplained(w.text, know.plain_english.jargon))),
    )

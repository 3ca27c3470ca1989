"""knowledge/flexible_support_fund.yml: what the Fund is and the common questions;
matching a question to a purpose, and the note of interest a Work Coach reads."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.core.fields import contains_phrase, normalise_answer, text, text_list
from bot.core.knowledge_files import each, one_text, texts


@dataclass(frozen=True)
class FsfQuestion:
    id: str
    purpose: str
    phrases: tuple[str, ...]
    answer: str


@dataclass(frozen=True)
class FsfFacts:
    what_it_is: str
    decides: str
    uses: tuple[str, ...]
    rules: tuple[str, ...]
    how_to_ask: str
    questions: tuple[FsfQuestion, ...]

    def match(self, text: str | None) -> FsfQuestion | None:
        """The common question a message is about, if any: the most phrases found wins."""
        clean = normalise_answer(text or "")
        best, best_hits = None, 0
        for question in self.questions:
            hits = sum(1 for p in question.phrases if contains_phrase(clean, p))
            if hits > best_hits:
                best, best_hits = question, hits
        return best


def interest_note(question: FsfQuestion | None) -> str:
    """What the Work Coach reads in the handoff summary."""
    return (
        f"Flexible Support Fund: {question.purpose}"
        if question
        else "Flexible Support Fund: interested, purpose not given"
    )


def add_interest(existing: list[str] | None, question: FsfQuestion | None) -> list[str]:
    """The Work Coach's notes of interest, with this one added once."""
    notes = list(existing or [])
    note = interest_note(question)
    return notes if note in notes else [*notes, note]


def _fsf_question(raw: Mapping[str, Any]) -> FsfQuestion:
    return FsfQuestion(
        id=text(raw, "id") or "",
        purpose=text(raw, "purpose") or "",
        phrases=tuple(p.lower() for p in text_list(raw, "phrases", required=True)),
        answer=text(raw, "answer", max_len=1000) or "",
    )


def load(path: Path, doc: Any) -> FsfFacts:
    return FsfFacts(
        what_it_is=one_text(path, doc, "what_it_is"),
        decides=one_text(path, doc, "decides"),
        uses=texts(path, doc, "uses"),
        rules=texts(path, doc, "rules"),
        how_to_ask=one_text(path, doc, "how_to_ask"),
        questions=tuple(each(path, doc, "questions", _fsf_question)),
    )

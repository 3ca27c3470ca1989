"""The Flexible Support Fund: what to say about it, and matching a question to a purpose."""

from __future__ import annotations

from dataclasses import dataclass

from bot.fields import contains_phrase, normalise_answer


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


def explain(facts: FsfFacts, question: FsfQuestion | None) -> list[str]:
    """Messages for the claimant: the specific answer first, then what the fund is and how to ask."""
    messages = []
    if question is not None:
        messages.append(f"{question.answer} This comes from the Flexible Support Fund.")
    else:
        messages.append(
            f"{facts.what_it_is} It can pay for things like:\n" + "\n".join(f"- {use}" for use in facts.uses)
        )
    messages.append(f"{facts.decides}\n" + "\n".join(f"- {rule}" for rule in facts.rules))
    messages.append(f"How to ask: {facts.how_to_ask}")
    return messages


def interest_note(question: FsfQuestion | None) -> str:
    """What the Work Coach reads in the handoff summary."""
    return (
        f"Flexible Support Fund: {question.purpose}"
        if question
        else "Flexible Support Fund: interested, purpose not given"
    )

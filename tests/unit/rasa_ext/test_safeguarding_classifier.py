"""The NLU step that joins the rule layer to the model's intent."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.training_data.message import Message

from bot.knowledge import Knowledge
from bot.rasa_ext.safeguarding_classifier import SafeguardingClassifier


def _message(text: str, ranking: list[tuple[str, float]]) -> Message:
    intents = [{"name": n, "confidence": c} for n, c in ranking]
    return Message(data={"text": text, "intent": intents[0], "intent_ranking": intents, "entities": []})


@pytest.fixture
def step(knowledge: Knowledge) -> SafeguardingClassifier:
    return SafeguardingClassifier(knowledge.safeguarding, model_only_threshold=0.85)


CASES = [
    # (text, the model's ranking, the intent after this step)
    ("i wanna kms", [("nlu_fallback", 0.45), ("answer_skills", 0.3)], "safeguarding_concern"),
    ("my partner hits me", [("need_health", 0.9), ("safeguarding_concern", 0.05)], "safeguarding_concern"),
    ("I can't see a way out of this", [("safeguarding_concern", 0.96), ("skip", 0.02)], "safeguarding_concern"),
    ("this form is killing me", [("safeguarding_concern", 0.9), ("answer_skills", 0.05)], "answer_skills"),
    ("something odd", [("safeguarding_concern", 0.8), ("out_of_scope", 0.3)], "out_of_scope"),
    ("this form is killing me", [("safeguarding_concern", 0.9)], "nlu_fallback"),
    ("I need help with debt", [("need_debt", 0.98), ("need_advice", 0.01)], "need_debt"),
]


@pytest.mark.parametrize(("text", "ranking", "intent"), CASES)
def test_intent_after_the_safeguarding_step(step, text, ranking, intent):
    [message] = step.process([_message(text, ranking)])
    assert message.get("intent")["name"] == intent
    assert message.get("intent_ranking")[0]["name"] == intent


def test_what_the_rules_found_becomes_entities(step):
    [message] = step.process([_message("I'm a single mum and we have no food", [("need_childcare", 0.8)])])
    found = {(e["entity"], e["value"]) for e in message.get("entities")}
    assert found == {("urgent", "no_food"), ("disclosure", "lone_parent")}
    assert message.get("intent")["confidence"] == 1.0


def test_button_payloads_are_left_alone(step):
    message = _message("/need_crisis", [("need_crisis", 1.0)])
    step.process([message])
    assert message.get("intent")["name"] == "need_crisis" and message.get("entities") == []

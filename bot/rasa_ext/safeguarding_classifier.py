"""The Rasa NLU component that puts safeguarding first.

The only Rasa code in bot/: Rasa loads pipeline components by module path, and
the action server must not import Rasa. The rules themselves live in
bot/safeguarding/reader.py; this joins them to the model's intent:

* the rule layer finds an urgent category: the intent becomes
  `safeguarding_concern` with confidence 1, whatever the model or the fallback
  said, so forms (whose slots ignore this intent) give way to the urgent reply;
* the model alone says `safeguarding_concern`: kept, for wording no rule names,
  when it is fairly sure (`model_only_threshold`) and the message is not
  harmless wording the rules set aside ("this form is killing me"); otherwise
  the model's next guess is used;
* every urgent category and disclosure found is added as an entity (`urgent`,
  `disclosure`) so actions can tailor the reply and the Work Coach's flags.

It runs last in the pipeline, after the FallbackClassifier.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import (
    ENTITIES,
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

from bot.knowledge import get_knowledge
from bot.safeguarding.facts import SafeguardingFacts

SAFEGUARDING_INTENT = "safeguarding_concern"
FALLBACK_INTENT = "nlu_fallback"
EXTRACTOR = "SafeguardingClassifier"


def _entity(kind: str, value: str, text: str) -> dict[str, Any]:
    return {
        "entity": kind,
        "value": value,
        "start": 0,
        "end": len(text),
        "confidence_entity": 1.0,
        "extractor": EXTRACTOR,
    }


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class SafeguardingClassifier(GraphComponent, IntentClassifier):
    @classmethod
    def required_components(cls) -> list[type]:
        return [IntentClassifier]

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        # The rules carry recall; alone, the model must be sure. In a trial of 10
        # indirect messages no rule names, and the negatives table, true positives
        # scored 0.92 and up; the worst false alarm ("<script>alert(1)</script>") 0.72.
        return {"model_only_threshold": 0.85}

    def __init__(self, facts: SafeguardingFacts, model_only_threshold: float = 0.85) -> None:
        self.facts = facts
        self.model_only_threshold = model_only_threshold

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SafeguardingClassifier:
        return cls(get_knowledge().safeguarding, float(config.get("model_only_threshold", 0.85)))

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            self._process(message)
        return messages

    def _process(self, message: Message) -> None:
        text = message.get(TEXT) or ""
        if not text or text.startswith("/"):
            return
        reading = self.facts.read(text)
        entities = list(message.get(ENTITIES) or [])
        entities += [_entity("urgent", c.id, text) for c in reading.urgent]
        entities += [_entity("disclosure", d.id, text) for d in reading.disclosures]
        message.set(ENTITIES, entities, add_to_output=True)

        ranking = [dict(i) for i in message.get(INTENT_RANKING_KEY) or []]
        intent = message.get(INTENT) or {}
        unsure = float(intent.get(PREDICTED_CONFIDENCE_KEY) or 0.0) < self.model_only_threshold
        if reading.is_urgent:
            chosen = {INTENT_NAME_KEY: SAFEGUARDING_INTENT, PREDICTED_CONFIDENCE_KEY: 1.0}
            ranking = [chosen, *(i for i in ranking if i.get(INTENT_NAME_KEY) != SAFEGUARDING_INTENT)]
        elif intent.get(INTENT_NAME_KEY) == SAFEGUARDING_INTENT and (reading.harmless_alarm or unsure):
            others = [i for i in ranking if i.get(INTENT_NAME_KEY) not in (SAFEGUARDING_INTENT, FALLBACK_INTENT)]
            chosen = others[0] if others else {INTENT_NAME_KEY: FALLBACK_INTENT, PREDICTED_CONFIDENCE_KEY: 1.0}
            ranking = [chosen, *(i for i in ranking if i is not chosen)]
        else:
            return
        message.set(INTENT, chosen, add_to_output=True)
        message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)

"""Every need in a long message: the NLU step that reads a message sentence by sentence.

DIET gives one intent for the whole message, and a long post that names rent
arrears and an empty fridge gets only one of them (or, diluted, neither). This
step cuts a message of two or more sentences into its sentences
(bot/signposting/rules.py), embeds each with the WordLlama embedding, and finds
its need by the votes of its nearest training examples (of every intent, so that
"thanks for your help" is not a need). Then:

1. each need found is added as an `also_need` entity, most urgent first, so that
   the signposting action can offer the others ("You also mentioned food...");
2. when the whole message was not understood (the fallback) or was read as out of
   scope, but a sentence clearly says a need, that need becomes the intent.

It runs after the fallback and before the safeguarding step, which still wins.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import (
    ENTITIES,
    ENTITY_ATTRIBUTE_END,
    ENTITY_ATTRIBUTE_START,
    ENTITY_ATTRIBUTE_TYPE,
    ENTITY_ATTRIBUTE_VALUE,
    EXTRACTOR,
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.rasa_ext.wordllama_featurizer import DEFAULT_CACHE, embed, model_for, source_digest
from bot.signposting.rules import ALSO_NEED, in_order, split_sentences

NEED_PREFIX = "need_"
# Intents a clear sentence may overrule: the message as a whole said nothing usable.
OVERRULABLE = ("nlu_fallback", "out_of_scope")


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class SentenceNeeds(GraphComponent, IntentClassifier):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        # k nearest examples vote; a need counts when it has most votes and their
        # mean similarity reaches the threshold.
        return {"neighbours": 7, "min_votes": 3, "threshold": 0.45, "cache_dir": DEFAULT_CACHE}

    @classmethod
    def fingerprint_addon(cls, config: dict[str, Any]) -> str | None:
        return source_digest()

    def __init__(self, config: dict[str, Any], model_storage: ModelStorage, resource: Resource) -> None:
        self.config = {**self.get_default_config(), **config}
        self._storage, self._resource = model_storage, resource
        self._model = model_for(self.config["cache_dir"])
        self.vectors = np.zeros((0, 256), dtype=np.float32)
        self.needs: list[str] = []

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SentenceNeeds:
        return cls(config, model_storage, resource)

    def _embed(self, texts: list[str]) -> np.ndarray:
        vectors = embed(self._model, texts)
        return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)

    def train(self, training_data: TrainingData) -> Resource:
        # Every intent's examples vote, so that "thanks for your help" is nearest thanks, not a need.
        examples = [m for m in training_data.intent_examples if m.get(TEXT)]
        self.needs = [str(m.get(INTENT)) for m in examples]
        self.vectors = self._embed([m.get(TEXT) for m in examples]) if examples else self.vectors
        with self._storage.write_to(self._resource) as directory:
            np.save(directory / "vectors.npy", self.vectors)
            (directory / "needs.json").write_text(json.dumps(self.needs))
        return self._resource

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> SentenceNeeds:
        component = cls(config, model_storage, resource)
        try:
            with model_storage.read_from(resource) as directory:
                component.vectors = np.load(directory / "vectors.npy")
                component.needs = json.loads((directory / "needs.json").read_text())
        except ValueError:  # trained with no need examples
            pass
        return component

    def need_of(self, vectors: np.ndarray) -> list[str | None]:
        """The need each sentence says, or None: the most votes among the nearest examples."""
        if not self.needs:
            return [None] * len(vectors)
        k = min(int(self.config["neighbours"]), len(self.needs))
        similarity = vectors @ self.vectors.T
        found: list[str | None] = []
        for row in similarity:
            nearest = np.argpartition(-row, k - 1)[:k]
            votes = Counter(self.needs[i] for i in nearest)
            intent, count = votes.most_common(1)[0]
            mean = float(np.mean([row[i] for i in nearest if self.needs[i] == intent]))
            ok = intent.startswith(NEED_PREFIX) and count >= int(self.config["min_votes"])
            found.append(intent.removeprefix(NEED_PREFIX) if ok and mean >= float(self.config["threshold"]) else None)
        return found

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            sentences = split_sentences(text) if not text.startswith("/") else []
            if len(sentences) < 2:
                continue
            needs = in_order(n for n in self.need_of(self._embed(sentences)) if n)
            if not needs:
                continue
            entities = list(message.get(ENTITIES) or [])
            entities += [
                {
                    ENTITY_ATTRIBUTE_TYPE: ALSO_NEED,
                    ENTITY_ATTRIBUTE_VALUE: need,
                    ENTITY_ATTRIBUTE_START: 0,
                    ENTITY_ATTRIBUTE_END: len(text),
                    EXTRACTOR: type(self).__name__,
                }
                for need in needs
            ]
            message.set(ENTITIES, entities, add_to_output=True)
            intent = message.get(INTENT) or {}
            if intent.get(INTENT_NAME_KEY) in OVERRULABLE:
                chosen = {INTENT_NAME_KEY: NEED_PREFIX + needs[0], PREDICTED_CONFIDENCE_KEY: 1.0}
                ranking = [
                    chosen,
                    *(
                        i
                        for i in message.get(INTENT_RANKING_KEY) or []
                        if i.get(INTENT_NAME_KEY) != chosen[INTENT_NAME_KEY]
                    ),
                ]
                message.set(INTENT, chosen, add_to_output=True)
                message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

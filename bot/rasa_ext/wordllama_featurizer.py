"""Pretrained word embeddings for the NLU pipeline, from a package that ships its weights.

No model hub can be reached here, so spaCy's and Hugging Face's downloads are out.
`wordllama` (MIT) ships the 256-dimension `l2_supercat` embedding and its
tokenizer inside its wheel: token embeddings cut from a large language model and
trained to average into sentence embeddings. This featurizer gives DIET, for each
Rasa token, the embedding of that word, and for the message, wordllama's own
sentence embedding, so that "my electric key is nearly out" lands near "I can't
pay my electric" though no training example says so.

wordllama looks for its tokenizer under `wordllama/tokenizer/`, while the wheel
ships it in `wordllama/tokenizers/`; `prepare_cache()` copies it into a cache
folder, and the model loads with downloads disabled: it never reaches a network.
"""

from __future__ import annotations

import hashlib
import importlib.util
import shutil
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import TOKENS_NAMES
from rasa.nlu.featurizers.dense_featurizer.dense_featurizer import DenseFeaturizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.core.paths import ROOT

CONFIG_NAME = "l2_supercat"
TOKENIZER_FILE = f"{CONFIG_NAME}_tokenizer_config.json"
DEFAULT_CACHE = "var/wordllama"


def prepare_cache(cache_dir: Path) -> Path:
    """Copy the tokenizer the wheel ships to where wordllama looks for it. Idempotent."""
    spec = importlib.util.find_spec("wordllama")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("wordllama is not installed: run make (requirements.lock pins it)")
    shipped = Path(next(iter(spec.submodule_search_locations))) / "tokenizers" / TOKENIZER_FILE
    target = cache_dir / "tokenizers" / TOKENIZER_FILE
    if not target.exists() or target.stat().st_size != shipped.stat().st_size:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shipped, target)
    return cache_dir


def source_digest() -> str:
    """A digest of this module, for the components whose training uses `embed`: Rasa's
    training cache looks only at a component class's own source, so without it a
    change here would reuse features made the old way."""
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()


def embed(model: Any, texts: list[str]) -> np.ndarray:
    """wordllama's embeddings of texts, in lower case.

    The embedding is case-sensitive ("no" and "No" are only 0.67 alike), while phones
    capitalise the first letter of every message: "No", "Thanks" and "Nothing" were
    read as not understood. Claimants' case says nothing about their need.
    """
    return np.asarray(model.embed([text.lower() for text in texts]), dtype=np.float32)


@lru_cache(maxsize=2)
def load_model(cache_dir: str, dim: int) -> Any:
    """The embedding model, loaded once per process, never downloaded."""
    from wordllama import WordLlama

    return WordLlama.load(config=CONFIG_NAME, dim=dim, cache_dir=prepare_cache(Path(cache_dir)), disable_download=True)


def model_for(cache_dir: str, dim: int = 256) -> Any:
    """The model for a component's `cache_dir` setting (relative to the project root)."""
    cache = Path(cache_dir)
    return load_model(str(cache if cache.is_absolute() else ROOT / cache), dim)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class WordLlamaFeaturizer(DenseFeaturizer, GraphComponent):
    """Dense features from wordllama: one vector per token, and one for the message."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {**DenseFeaturizer.get_default_config(), "cache_dir": DEFAULT_CACHE, "dim": 256}

    @classmethod
    def validate_config(cls, config: dict[str, Any]) -> None:
        if int(config.get("dim", 256)) != 256:
            raise ValueError("WordLlamaFeaturizer: the wheel ships only the 256-dimension embedding")

    @staticmethod
    def required_packages() -> list[str]:
        return ["wordllama"]

    @classmethod
    def fingerprint_addon(cls, config: dict[str, Any]) -> str | None:
        return source_digest()

    def __init__(self, config: dict[str, Any], name: str) -> None:
        super().__init__(name, config)
        self._model = model_for(self._config["cache_dir"], int(self._config["dim"]))

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> WordLlamaFeaturizer:
        return cls(config, execution_context.node_name)

    def _embed(self, texts: list[str]) -> np.ndarray:
        return embed(self._model, texts)

    def process(self, messages: list[Message]) -> list[Message]:
        # One call for every distinct word in the batch: training featurises thousands of messages.
        todo = [m for m in messages if m.get(TEXT) and m.get(TOKENS_NAMES[TEXT])]
        words = sorted({t.text for m in todo for t in m.get(TOKENS_NAMES[TEXT])})
        if not todo:
            return messages
        vectors = dict(zip(words, self._embed(words), strict=True))
        sentences = self._embed([m.get(TEXT) for m in todo])
        for message, sentence in zip(todo, sentences, strict=True):
            sequence = np.stack([vectors[t.text] for t in message.get(TOKENS_NAMES[TEXT])])
            self.add_features_to_message(sequence, sentence[np.newaxis, :], TEXT, message)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self.process(training_data.training_examples)
        return training_data

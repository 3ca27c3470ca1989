"""The WordLlama featurizer: it loads the embedding the wheel ships (no download,
beside Rasa's numpy 1.23), gives one vector per Rasa token and one per message,
and puts everyday wording near the service wording it means."""

from __future__ import annotations

import numpy as np
import pytest
from rasa.nlu.constants import TOKENS_NAMES
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.rasa_ext.wordllama_featurizer import TOKENIZER_FILE, WordLlamaFeaturizer, prepare_cache


def _message(text: str) -> Message:
    tokens, at = [], 0
    for word in text.split():
        start = text.index(word, at)
        tokens.append(Token(word, start))
        at = start + len(word)
    return Message(data={TEXT: text, TOKENS_NAMES[TEXT]: tokens})


@pytest.fixture(scope="module")
def featurizer(tmp_path_factory):
    cache = tmp_path_factory.mktemp("wordllama")
    return WordLlamaFeaturizer({**WordLlamaFeaturizer.get_default_config(), "cache_dir": str(cache)}, "wordllama")


def _sentence(featurizer, text: str) -> np.ndarray:
    message = featurizer.process([_message(text)])[0]
    _, sentence = message.get_dense_features(TEXT, [])
    return sentence.features[0]


def test_the_tokenizer_is_copied_where_wordllama_looks(tmp_path):
    assert (prepare_cache(tmp_path) / "tokenizers" / TOKENIZER_FILE).stat().st_size > 1000
    prepare_cache(tmp_path)  # twice is fine


def test_one_vector_per_token_and_one_per_message(featurizer):
    message = featurizer.process([_message("my electric key is nearly out")])[0]
    sequence, sentence = message.get_dense_features(TEXT, [])
    assert sequence.features.shape == (6, 256)
    assert sentence.features.shape == (1, 256)
    assert np.isfinite(sequence.features).all() and np.abs(sentence.features).sum() > 0


def test_messages_without_tokens_are_left_alone(featurizer):
    empty = Message(data={TEXT: ""})
    featurizer.process([empty])
    assert empty.features == []


def test_training_data_is_featurised_in_place(featurizer):
    data = TrainingData([_message("skint till payday"), _message("no credit on my phone")])
    featurizer.process_training_data(data)
    assert all(len(m.features) == 2 for m in data.training_examples)


@pytest.mark.parametrize(
    ("said", "means", "unrelated"),
    [
        ("my electric key is nearly out", "I cannot pay my gas and electricity bills", "who won the football"),
        ("skint till payday", "I have no money until I get paid", "how do I cook rice"),
        ("sleeping at mates houses no fixed address", "I have nowhere to live", "what is the capital of Japan"),
    ],
)
def test_everyday_wording_lands_near_what_it_means(featurizer, said, means, unrelated):
    a, b, c = (_sentence(featurizer, t) for t in (said, means, unrelated))
    cos = lambda x, y: float(x @ y / (np.linalg.norm(x) * np.linalg.norm(y)))  # noqa: E731
    assert cos(a, b) > cos(a, c)


def test_only_the_shipped_dimension_is_accepted():
    with pytest.raises(ValueError, match="256"):
        WordLlamaFeaturizer.validate_config({"dim": 512})


@pytest.mark.parametrize(
    ("typed", "on_a_phone"),
    [("no", "No"), ("thanks", "Thanks"), ("what can you do", "What can you do"), ("uc", "UC")],
)
def test_a_capital_letter_changes_nothing(featurizer, typed, on_a_phone):
    # Phones capitalise the first letter; the embedding alone is case-sensitive.
    message_a, message_b = featurizer.process([_message(typed), _message(on_a_phone)])
    for a, b in zip(message_a.get_dense_features(TEXT, []), message_b.get_dense_features(TEXT, []), strict=True):
        assert np.allclose(a.features, b.features)


def test_a_change_to_how_text_is_embedded_is_a_new_training_fingerprint(monkeypatch):
    from bot.rasa_ext import sentence_needs, wordllama_featurizer

    before = WordLlamaFeaturizer.fingerprint_addon({})
    assert sentence_needs.SentenceNeeds.fingerprint_addon({}) == before
    monkeypatch.setattr(wordllama_featurizer, "__file__", sentence_needs.__file__)
    assert WordLlamaFeaturizer.fingerprint_addon({}) != before

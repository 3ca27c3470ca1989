"""Every need in a long message: sentence by sentence, nearest examples vote; a
clear need overrules "not understood"; one sentence alone is left to DIET."""

from __future__ import annotations

import pytest
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.rasa_ext.sentence_needs import SentenceNeeds

EXAMPLES = {
    "need_housing": [
        "i'm behind on my rent",
        "my landlord wants me out",
        "i am being evicted",
        "i need somewhere to live",
        "the council won't house me",
        "rent arrears letter from the landlord",
    ],
    "need_crisis": [
        "there is no food in the house",
        "i need a food bank",
        "no money for food",
        "the cupboards are empty",
        "the kids are hungry and we have nothing to eat",
        "i need a food parcel",
    ],
    "thanks": [
        "thanks for your help",
        "thank you so much",
        "cheers for that",
        "ta very much",
        "thanks a lot",
        "many thanks",
    ],
    "out_of_scope": [
        "how do i change a tyre",
        "what is the weather",
        "who won the football",
        "how do i cook rice",
        "what time is it",
        "tell me a joke",
    ],
}


# Six examples an intent, not a hundred: neighbours are fewer and further, so this
# mechanism test sets its own bar. The shipped threshold is measured on the real
# training data (bench/nlu_quality.py, the untouched set).
CONFIG = {"threshold": 0.3}


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    storage = LocalModelStorage(tmp_path_factory.mktemp("model"))
    resource = Resource("sentence_needs")
    data = TrainingData([Message(data={TEXT: t, INTENT: i}) for i, texts in EXAMPLES.items() for t in texts])
    SentenceNeeds(CONFIG, storage, resource).train(data)
    return SentenceNeeds.load(CONFIG, storage, resource, None)


def _parsed(component, text, intent="nlu_fallback"):
    message = Message(data={TEXT: text, INTENT: {"name": intent, "confidence": 0.3}})
    component.process([message])
    return message


def test_each_need_of_a_long_message_is_found_most_urgent_first(trained):
    message = _parsed(
        trained, "My landlord wants me out by friday. Also there is no food in the house for the kids.", "need_housing"
    )
    assert [e["value"] for e in message.get(ENTITIES) if e["entity"] == "also_need"] == ["crisis", "housing"]
    assert message.get(INTENT)["name"] == "need_housing"  # what DIET said stands


def test_a_clear_sentence_overrules_not_understood(trained):
    message = _parsed(trained, "Honestly what a week it has been. I'm behind on my rent and scared.")
    assert message.get(INTENT)["name"] == "need_housing"


def test_one_sentence_and_courtesies_are_left_alone(trained):
    assert _parsed(trained, "there is no food in the house").get(ENTITIES) is None
    message = _parsed(trained, "thanks for your help. cheers for that.", "thanks")
    assert message.get(ENTITIES) is None and message.get(INTENT)["name"] == "thanks"
    message = _parsed(trained, "how do i change a tyre on my car. what is the weather tomorrow.", "out_of_scope")
    assert message.get(INTENT)["name"] == "out_of_scope"


def test_buttons_are_not_read(trained):
    assert _parsed(trained, "/need_debt").get(ENTITIES) is None

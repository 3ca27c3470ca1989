"""A button's payload skips the NLU pipeline (issue 21): with the trained model, the
parse must be exactly what Rasa's whole pipeline gives, for every payload a button of
ours can send, and a payload that does not unpack still goes through the pipeline."""

from __future__ import annotations

import asyncio

import pytest
import yaml
from rasa.core.channels import UserMessage
from rasa.core.processor import MessageProcessor

from bot.core.paths import ROOT
from bot.ops.settings import load_settings
from bot.rasa_ext import server
from bot.web.validation import allowed_payloads

pytestmark = pytest.mark.slow

PAYLOADS = [
    *sorted(allowed_payloads(yaml.safe_load((ROOT / "domain.yml").read_text()))),
    '/inform_area{"area": "Leeds"}',  # with an entity (not sent by a button, but Rasa's format)
    "/affirm@0.5",
]
NOT_UNPACKED = ["/no_such_intent", "/", "/ need help"]


@pytest.fixture(scope="module")
def processor():
    from rasa.core.agent import Agent

    model = load_settings().model_path
    if not model.exists():
        pytest.fail(f"no trained model at {model}: run `make test` (or `signpost setup`) first")
    return Agent.load(str(model)).processor


@pytest.fixture()
def whole_pipeline_and_quick(monkeypatch, processor):
    whole = MessageProcessor._parse_message_with_graph
    monkeypatch.setattr(MessageProcessor, "_parse_message_with_graph", whole)  # restored after the test
    server.payloads_without_the_model()
    quick = MessageProcessor._parse_message_with_graph
    return (lambda text: whole(processor, UserMessage(text), None)), (
        lambda text: quick(processor, UserMessage(text), None)
    )


def test_every_payload_parses_as_the_whole_pipeline_would(whole_pipeline_and_quick):
    whole, quick = whole_pipeline_and_quick
    assert len(PAYLOADS) > 15
    for payload in PAYLOADS:
        assert quick(payload) == whole(payload), payload


def test_the_pipeline_is_skipped_for_a_payload_and_run_for_anything_else(
    whole_pipeline_and_quick, processor, monkeypatch
):
    _, quick = whole_pipeline_and_quick
    ran: list[str] = []
    graph_run = processor.graph_runner.run

    def counting(inputs, targets):
        ran.append(inputs["__message__"][0].text)
        return graph_run(inputs=inputs, targets=targets)

    monkeypatch.setattr(processor.graph_runner, "run", counting)
    for text in ["/need_debt", "/affirm", *NOT_UNPACKED, "yes please"]:
        quick(text)
    assert ran == [*NOT_UNPACKED, "yes please"]
    assert quick("/no_such_intent")["intent"]["name"] != "no_such_intent"


def test_a_payload_through_the_processor_is_the_intent_it_names(processor, monkeypatch):
    monkeypatch.setattr(MessageProcessor, "_parse_message_with_graph", MessageProcessor._parse_message_with_graph)
    server.payloads_without_the_model()
    parsed = asyncio.run(processor.parse_message(UserMessage("/need_housing")))
    assert parsed["intent"] == {"name": "need_housing", "confidence": 1.0}

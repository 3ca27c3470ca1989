"""Every sentence a claimant reads can be listed from one function (bot/ops/wording.py),
and every sentence lives in a replies.py or domain.yml: actions write none."""

from __future__ import annotations

import ast
import re

import pytest
import yaml

from bot.core.paths import ROOT
from bot.money_help.benefit_cap.facts import SINGLE
from bot.ops.cli import main
from bot.ops.wording import claimant_texts
from bot.signposting.replies import describe_partner
from bot.web.messages import ERRORS


@pytest.fixture(scope="module")
def texts(knowledge):
    return [w.text for w in claimant_texts(knowledge)]


def _contains(texts: list[str], part: str) -> bool:
    return any(part in t for t in texts)


def test_every_domain_response_is_listed(texts):
    domain = yaml.safe_load((ROOT / "domain.yml").read_text())
    for name, variants in domain["responses"].items():
        for variant in variants:
            assert variant["text"] in texts, name


def test_every_gateway_message_is_listed(texts):
    for _code, message, _status in ERRORS.values():
        assert message in texts


def test_each_thing_the_knowledge_words_is_listed(knowledge, texts):
    for partner in knowledge.partners:
        assert describe_partner(partner) in texts, partner.id
    for question in knowledge.skills.questions:
        assert _contains(texts, question.text), question.id
    for category in (*knowledge.safeguarding.urgent, knowledge.safeguarding.when_unsure):
        assert _contains(texts, category.opening), category.id
    for question in knowledge.fsf.questions:
        assert _contains(texts, question.answer), question.id
    for line in (*knowledge.benefit_cap.counted_benefits, *knowledge.benefit_cap.help):
        assert _contains(texts, line)
    # Each result of the cap estimate, in words.
    for part in ("over the cap", "should not be cut", "grace period", "State Pension age", "I won't guess"):
        assert _contains(texts, part), part


@pytest.mark.parametrize("bad", [r"\{", r"\}", r"\bNone\b(?! of these)", r"\[\]", "  ", r"\bTrue\b|\bFalse\b"])
def test_no_text_shows_code(texts, bad):
    # A placeholder left in, or a Python value printed, would show up here. The one
    # gateway message for a program (an empty request body) shows JSON on purpose.
    shown = [t for t in texts if re.search(bad, t) and not t.startswith("Send a JSON object")]
    assert shown == []


def _literal_text(call: ast.Call) -> bool:
    return any(k.arg == "text" and isinstance(k.value, ast.Constant | ast.JoinedStr) for k in call.keywords)


def test_actions_write_no_sentences():
    """Actions pass on text from replies.py or knowledge, or name a domain.yml response."""
    found = []
    for path in sorted((ROOT / "actions").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "utter_message" and _literal_text(node):
                found.append(f"{path.name}:{node.lineno}")
    assert found == []


def test_the_cli_prints_them(capsys, knowledge):
    assert main(["wording"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(claimant_texts(knowledge))
    assert all(line.count("\t") == 1 for line in lines)
    assert SINGLE not in {line.split("\t")[1] for line in lines}

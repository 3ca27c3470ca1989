"""The safeguarding rule layer: a wide table of phrasings, with recall and precision."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.knowledge import Knowledge, KnowledgeError, load_knowledge
from tests.ood import build_everyday_questions, build_everyday_questions_2, build_everyday_questions_3
from tests.report import report
from tests.safeguarding_cases import MODEL_ONLY, NEGATIVES, POSITIVES


@pytest.mark.parametrize(("message", "category"), POSITIVES)
def test_positive_is_urgent_in_its_category(knowledge: Knowledge, message: str, category: str) -> None:
    reading = knowledge.safeguarding.read(message)
    assert reading.is_urgent, f"{message!r} read as {reading.text!r}"
    assert reading.urgent[0].id == category


@pytest.mark.parametrize("message", NEGATIVES)
def test_negative_is_not_urgent(knowledge: Knowledge, message: str) -> None:
    reading = knowledge.safeguarding.read(message)
    assert not reading.is_urgent, f"{message!r} read as {reading.text!r}: {[c.id for c in reading.urgent]}"


@pytest.mark.parametrize("message", MODEL_ONLY)
def test_model_only_wording_is_beyond_the_rules(knowledge: Knowledge, message: str) -> None:
    """These prove the model's half in the end-to-end test; a rule for one belongs in POSITIVES."""
    assert not knowledge.safeguarding.read(message).is_urgent


def test_recall_and_precision_over_the_table(knowledge: Knowledge) -> None:
    found = sum(knowledge.safeguarding.read(m).is_urgent for m, _ in POSITIVES)
    right = sum(bool(r.urgent) and r.urgent[0].id == c for m, c in POSITIVES if (r := knowledge.safeguarding.read(m)))
    false_alarms = sum(knowledge.safeguarding.read(m).is_urgent for m in NEGATIVES)
    recall = found / len(POSITIVES)
    precision = found / (found + false_alarms) if found else 0.0
    report(
        f"safeguarding rule layer: recall {recall:.3f} ({found}/{len(POSITIVES)}), precision {precision:.3f} "
        f"({false_alarms} false alarms in {len(NEGATIVES)} negatives), right category {right}/{len(POSITIVES)}"
    )
    assert recall == 1.0 and false_alarms == 0


@pytest.mark.parametrize(
    ("typed", "read_as"),
    [
        ("I'm", "i am"),
        ("u r", "you are"),
        ("I can’t", "i can not"),  # a curly apostrophe
        ("kms", "kill myself"),
        ("sucidal", "suicidal"),  # a misspelling on the list
        ("suicidle", "suicidal"),
        ("homelss", "homeless"),  # one letter lost
        ("myslef", "myself"),  # two letters swapped
        ("hittin", "hitting"),  # the -in ending
        ("killlllll", "kill"),
        ("SUÏCIDE", "suicide"),  # case and accents
        ("violet", "violet"),  # a real word one letter from "violent" stays
        ("Hungary", "hungary"),
        ("starting", "starting"),  # near "starving", which is not typo-tolerant
        ("<b>hi</b>", "be hi be"),
        ("", ""),
    ],
)
def test_text_is_spelled_out(knowledge: Knowledge, typed: str, read_as: str) -> None:
    assert knowledge.safeguarding.reader.spell_out(typed) == read_as


@pytest.mark.parametrize(
    ("message", "disclosures"),
    [
        ("I have a health condition", {"health_condition"}),
        ("my back problems stop me working", {"health_condition", "about_work"}),
        ("I suffer from depression", {"mental_health"}),
        ("I'm disabled", {"disability"}),
        ("I'm autistic", {"disability"}),
        ("I have a drinking problem", {"drugs_alcohol"}),
        ("I'm a single mum", {"lone_parent"}),
        ("I'm a carer for my mum", {"carer"}),
        ("I look after my disabled son", {"carer"}),
        ("I'm living in a hostel", {"homeless"}),
        ("my anxiety makes interviews hard", {"mental_health", "about_work"}),
        ("I need help with my CV", {"about_work"}),
        ("I'm sick of these forms", set()),
        ("what is a breakdown of my payment", set()),
        ("Is PIP a disability benefit?", set()),
        ("I need help with childcare", set()),
    ],
)
def test_disclosures(knowledge: Knowledge, message: str, disclosures: set[str]) -> None:
    assert {d.id for d in knowledge.safeguarding.read(message).disclosures} == disclosures


def test_every_urgent_category_sets_the_urgent_flag_and_has_contacts(knowledge: Knowledge) -> None:
    for category in knowledge.safeguarding.urgent:
        assert "urgent" in category.flags and category.contacts and category.opening


def test_harmless_alarm_is_noticed(knowledge: Knowledge) -> None:
    assert knowledge.safeguarding.read("this form is killing me").harmless_alarm
    assert not knowledge.safeguarding.read("I need help with debt").harmless_alarm


@pytest.mark.parametrize(
    ("message", "harmless", "urgent"),
    [
        ("every time my son drinks fizzy pop he is hyper", True, False),
        ("he drinks too much coffee and cant sleep", True, False),
        ("my daughter drinks energy drinks before school", True, False),
        # Alcohol is still a warning sign, and harm is found after soft drinks are set aside.
        ("every time he drinks he hits me", False, True),
        ("he drinks tea then he hits me", True, True),
    ],
)
def test_soft_drinks_are_set_aside_but_harm_is_still_found(
    knowledge: Knowledge, message: str, harmless: bool, urgent: bool
) -> None:
    reading = knowledge.safeguarding.read(message)
    assert (reading.harmless_alarm, reading.is_urgent) == (harmless, urgent)


def _broken(tmp_path: Path, change) -> Path:
    source = Path(__file__).parents[3] / "knowledge"
    for f in source.glob("*.yml"):
        (tmp_path / f.name).write_text(f.read_text())
    doc = yaml.safe_load((tmp_path / "safeguarding.yml").read_text())
    change(doc)
    (tmp_path / "safeguarding.yml").write_text(yaml.safe_dump(doc))
    return tmp_path


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["urgent"][0]["patterns"].append("(unclosed"), "is not a valid pattern"),
        (lambda d: d["urgent"][0]["patterns"].append("Upper Case"), "must be lower case"),
        (lambda d: d["urgent"][0]["contacts"].append("no-such-service"), "neither a partner id"),
        (lambda d: d["urgent"][0]["flags"].pop("urgent"), "must set the 'urgent' flag"),
        (lambda d: d["disclosures"][0]["flags"].update(urgent="x"), "only urgent categories"),
        (lambda d: d["urgent"][0]["flags"].update(made_up="x"), "is not a flag"),
        (lambda d: d["urgent"][0].update(more_help_need="bananas"), "is not a need"),
        (lambda d: d["health"].update(work_only_partner="nobody"), "is not a partner id"),
        (lambda d: d["text_speak"].update({"two words": "x"}), "one plain lower-case word"),
    ],
)
def test_bad_safeguarding_knowledge_is_refused(tmp_path: Path, change, message: str) -> None:
    with pytest.raises(KnowledgeError, match=message) as err:
        load_knowledge(_broken(tmp_path, change))
    assert "safeguarding.yml" in str(err.value)


@pytest.mark.parametrize("read", [build_everyday_questions.read, build_everyday_questions_2.read, build_everyday_questions_3.read])
def test_everyday_questions_raise_no_alarm(knowledge, read):
    """Crisis false alarms of the rule layer on each set of 1,000+ everyday out-of-domain questions: none."""
    questions = read()
    assert len(questions) >= 1000
    assert [q for q in questions if knowledge.safeguarding.read(q).is_urgent] == []

"""Training data checks and test conversations, run through Rasa's own CLI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bot.core.paths import ROOT
from bot.ops.settings import load_settings

RASA = str(Path(sys.executable).with_name("rasa"))


def _rasa(*args: str, timeout: int = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [RASA, *args], cwd=ROOT, env=load_settings().child_env(), capture_output=True, text=True, timeout=timeout
    )


def test_rasa_data_validate():
    result = _rasa("data", "validate", "--data", "data", "--domain", "domain.yml", "--config", "config.yml")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def test_every_need_has_an_intent_with_enough_examples(knowledge):
    examples: dict[str, int] = {}
    for path in (ROOT / "data" / "nlu").glob("*.yml"):
        for block in yaml.safe_load(path.read_text())["nlu"]:
            if "intent" in block:
                examples[block["intent"]] = len([x for x in block["examples"].splitlines() if x.strip()])
    domain = yaml.safe_load((ROOT / "domain.yml").read_text())
    for need in knowledge.needs:
        assert examples.get(f"need_{need.id}", 0) >= 25, need.id
        assert need.id in domain["slots"]["need"]["values"]
    for general in ("greet", "goodbye", "affirm", "deny", "thanks", "bot_challenge", "out_of_scope",
                    "what_can_you_do", "ask_for_person", "safeguarding_concern", "ask_private_room"):  # fmt: skip
        assert examples.get(general, 0) >= 10, general


@pytest.mark.slow
def test_signposting_conversations(tmp_path):
    model = load_settings().model_path
    if not model.exists():
        pytest.fail(f"no trained model at {model}: run `make test` (or `signpost setup`) first")
    result = _rasa(
        "test", "core", "--stories", "tests/conversations", "--model", str(model),
        "--out", str(tmp_path), "--fail-on-prediction-errors", "--no-plot",
    )  # fmt: skip
    failed = tmp_path / "failed_test_stories.yml"
    detail = failed.read_text() if failed.exists() else ""
    assert result.returncode == 0, detail[-4000:] + result.stdout[-2000:] + result.stderr[-2000:]

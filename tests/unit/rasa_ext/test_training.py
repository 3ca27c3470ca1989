"""`make run` trains only when what shapes the model changed: the config, domain and
data, and the code of the pipeline components that are trained (a change to how text
is embedded once went unnoticed, so the deployed model was made the old way)."""

from __future__ import annotations

import shutil

import pytest

from bot.core.paths import ROOT
from bot.knowledge import get_knowledge
from bot.rasa_ext.training import TRAINING_INPUTS, training_fingerprint


@pytest.fixture()
def project(tmp_path):
    for name in TRAINING_INPUTS:
        source, target = ROOT / name, tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        (shutil.copytree if source.is_dir() else shutil.copyfile)(source, target)
    return tmp_path


@pytest.mark.parametrize(
    "changed",
    [
        "config.yml",
        "domain.yml",
        "data/nlu/general.yml",
        "bot/rasa_ext/wordllama_featurizer.py",
        "bot/rasa_ext/sentence_needs.py",
    ],
)
def test_a_change_to_any_input_means_training_again(project, changed):
    knowledge = get_knowledge()
    before = training_fingerprint(knowledge, project)
    with (project / changed).open("a") as f:
        f.write("\n# changed\n")
    assert training_fingerprint(knowledge, project) != before


def test_nothing_changed_is_the_same_fingerprint(project):
    knowledge = get_knowledge()
    assert training_fingerprint(knowledge, project) == training_fingerprint(knowledge, project)

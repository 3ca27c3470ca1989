"""Train the Rasa model only when what it is trained from has changed."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

from bot.core.paths import ROOT
from bot.knowledge import Knowledge
from bot.ops.settings import Settings
from bot.rasa_ext.spacy_pipeline import patterns_fingerprint

# The two pipeline components whose code shapes what is trained, as well as the data:
# a change to either must retrain (make run trains only when these change).
TRAINING_INPUTS = (
    "config.yml", "domain.yml", "data", "bot/rasa_ext/wordllama_featurizer.py", "bot/rasa_ext/sentence_needs.py",
)  # fmt: skip


def _files(root: Path) -> list[Path]:
    files: list[Path] = []
    for name in TRAINING_INPUTS:
        path = root / name
        files.extend(sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path])
    return files


def training_fingerprint(knowledge: Knowledge, root: Path = ROOT) -> str:
    """A digest of config, domain, training data and the NLU knowledge patterns."""
    from rasa.version import __version__ as rasa_version

    digest = hashlib.sha256()
    for path in _files(root):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    digest.update(patterns_fingerprint(knowledge).encode())
    digest.update(rasa_version.encode())
    return digest.hexdigest()


def train_command(config: str, model: Path) -> list[str]:
    """`rasa train` on the project's domain and data with `config`, into `model`."""
    return [
        str(Path(sys.executable).with_name("rasa")), "train",
        "--config", config, "--domain", "domain.yml", "--data", "data",
        "--out", str(model.parent), "--fixed-model-name", model.name.removesuffix(".tar.gz"),
    ]  # fmt: skip


def _stamp(model: Path) -> Path:
    return model.with_name(model.name + ".fingerprint")


def model_is_current(settings: Settings, knowledge: Knowledge) -> bool:
    stamp = _stamp(settings.model_path)
    return (
        settings.model_path.exists() and stamp.exists() and stamp.read_text().strip() == training_fingerprint(knowledge)
    )


def train_if_needed(settings: Settings, knowledge: Knowledge, force: bool = False) -> bool:
    """Train when the inputs changed (or when forced). Returns True if it trained."""
    if not force and model_is_current(settings, knowledge):
        return False
    fingerprint = training_fingerprint(knowledge)
    model = settings.model_path
    model.parent.mkdir(parents=True, exist_ok=True)
    command = train_command("config.yml", model)
    subprocess.run(command, cwd=ROOT, env=settings.child_env(), check=True)
    _stamp(model).write_text(fingerprint)
    return True

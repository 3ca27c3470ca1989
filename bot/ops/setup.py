"""Everything `make run` and `make test` need before the services start."""

from __future__ import annotations

import time
from collections.abc import Callable

from bot.directory.repository import Directory
from bot.handoff.store import HandoffStore
from bot.knowledge import Knowledge, get_knowledge
from bot.ops.settings import Settings
from bot.rasa_ext.spacy_pipeline import ensure_pipeline
from bot.rasa_ext.training import train_if_needed


def prepare_directory(settings: Settings, knowledge: Knowledge) -> Directory:
    settings.secure_var_dir()
    directory = Directory.from_url(settings.database_url)
    directory.create_schema()
    directory.seed(knowledge.partners)
    HandoffStore(directory.engine).create_schema()
    settings.secure_var_dir()  # the databases just made
    return directory


def prepare(settings: Settings, train: bool = True, say: Callable[[str], None] = print) -> Knowledge:
    """Validate knowledge, build the spaCy pipeline, seed the directory, train if needed."""
    started = time.monotonic()
    knowledge = get_knowledge()
    say(f"knowledge: {len(knowledge.partners)} national partners, {len(knowledge.areas)} areas, checked")

    built = ensure_pipeline(knowledge, settings.spacy_model_dir)
    say(f"spaCy pipeline: {'built' if built else 'unchanged'} ({settings.spacy_model_dir})")

    directory = prepare_directory(settings, knowledge)
    say(f"partner directory: {directory.count()} partners ({settings.database_url})")

    if train:
        t0 = time.monotonic()
        trained = train_if_needed(settings, knowledge)
        verb = f"trained in {time.monotonic() - t0:.0f}s" if trained else "unchanged, reused"
        say(f"model: {verb} ({settings.model_path})")
    say(f"set-up took {time.monotonic() - started:.1f}s")
    return knowledge

"""The running stack, started once for all end-to-end tests that need it."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from bot.core.paths import ROOT
from bot.ops.settings import load_settings
from bot.ops.setup import prepare_directory
from tests.e2e.http import free_port
from tests.e2e.running import running_stack

FIXTURES = Path(__file__).parents[1] / "fixtures"


@pytest.fixture(scope="session")
def stack(tmp_path_factory, knowledge):
    settings = load_settings()
    if not settings.model_path.exists():
        pytest.fail(f"no trained model at {settings.model_path}: run `make test` (or `signpost setup`) first")
    var = tmp_path_factory.mktemp("var")
    settings = replace(
        settings,
        var_dir=var,
        database_url=f"sqlite:///{var / 'signpost.db'}",
        tracker_url=f"sqlite:///{var / 'tracker.db'}",
        gateway_host="127.0.0.1",
        gateway_port=free_port(),
        rasa_port=free_port(),
        actions_port=free_port(),
        # Every test talks from 127.0.0.1, faster than people: the limits are tested in tests/web.
        chat_per_session=1000,
        chat_per_address=100_000,
        # No standby Rasa here (it would load a second model); tests/faults runs it.
        rasa_standby=False,
    )
    prepare_directory(settings, knowledge)
    # A token that starts with "-" once broke Rasa's argument parsing; always test one.
    saved_token = os.environ.get("SIGNPOST_RASA_TOKEN")
    os.environ["SIGNPOST_RASA_TOKEN"] = "-e2e-" + os.urandom(8).hex()
    # Import the fictional local services through the real CLI.
    env = settings.child_env()
    result = subprocess.run(
        [sys.executable, "-m", "bot.ops.cli", "directory", "import", str(FIXTURES / "partners_local.yml")],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "imported 5 new" in result.stdout

    try:
        with running_stack(settings) as running:
            yield running
    finally:
        if saved_token is None:
            os.environ.pop("SIGNPOST_RASA_TOKEN", None)
        else:
            os.environ["SIGNPOST_RASA_TOKEN"] = saved_token

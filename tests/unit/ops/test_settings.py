"""Settings: every variable the code reads is documented, and bad values are refused."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from bot.core.paths import ROOT
from bot.ops.settings import ENV_VARS


def test_every_environment_variable_is_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    assert [name for name in ENV_VARS if f"`{name}`" not in readme] == []


def test_the_code_reads_no_undocumented_signpost_variable():
    read = set()
    for path in (ROOT / "bot").rglob("*.py"):
        read |= set(
            re.findall(
                r"_(?:env|int)\(\"(SIGNPOST_[A-Z_]+)\"|environ(?:\.get)?\(\"(SIGNPOST_[A-Z_]+)\"", path.read_text()
            )
        )
    names = {a or b for a, b in read}
    assert names and names <= set(ENV_VARS)


@pytest.mark.parametrize(
    ("env", "says"),
    [
        ({"SIGNPOST_RASA_SERVERS": "2"}, "Several Rasa servers must share a lock store"),
        ({"SIGNPOST_RASA_PORT": "five"}, "SIGNPOST_RASA_PORT must be a whole number"),
        ({"SIGNPOST_LOCK_STORE_URL": "localhost:6379"}, "SIGNPOST_LOCK_STORE_URL must look like"),
    ],
)
def test_settings_that_cannot_work_stop_the_command_with_a_clear_message(tmp_path, env, says):
    done = subprocess.run(
        [sys.executable, "-m", "bot.ops.cli", "run"], cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={"PATH": "/usr/bin:/bin", "SIGNPOST_VAR_DIR": str(tmp_path), **env},
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.startswith(f"signpost: {says}") and "Traceback" not in done.stderr


def test_var_and_its_databases_are_private(tmp_path, knowledge):
    # Issue 16: var/*.db were world-readable.
    import stat
    from dataclasses import replace

    from bot.ops.settings import load_settings
    from bot.ops.setup import prepare_directory

    var = tmp_path / "var"
    settings = replace(load_settings(), var_dir=var, database_url=f"sqlite:///{var / 'signpost.db'}")
    prepare_directory(settings, knowledge)
    assert stat.S_IMODE(var.stat().st_mode) == 0o700
    assert stat.S_IMODE((var / "signpost.db").stat().st_mode) == 0o600

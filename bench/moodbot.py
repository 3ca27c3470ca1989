"""The empty-bot baseline (issue 21): `rasa init`'s mood bot, as Rasa ships it.

Made by `rasa init --no-prompt` from the installed Rasa (which trains it), kept under
var/bench/moodbot/ and made again only when the Rasa version changes. Served by plain
`rasa run` with the project's own credentials.yml (the REST channel) and endpoints.yml
(everything commented out: Rasa's in-memory tracker store, no action server), none of
our thread settings, nothing of ours in the process.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import rasa

from bench.load import OUT
from bot.ops.supervisor import Service

FOLDER = OUT / "moodbot"


def _rasa() -> str:
    return str(Path(sys.executable).with_name("rasa"))


def _clean_env(env: dict[str, str]) -> dict[str, str]:
    # Rasa's own defaults: none of our TensorFlow thread settings or service secrets.
    return {k: v for k, v in env.items() if not k.startswith(("TF_INT", "SIGNPOST_"))}


def mood_bot(env: dict[str, str]) -> tuple[Path, float | None]:
    """The mood bot's model; (path, seconds `rasa init` took, or None when reused)."""
    stamp = FOLDER / "rasa.version"
    models = sorted((FOLDER / "models").glob("*.tar.gz")) if FOLDER.exists() else []
    if models and stamp.exists() and stamp.read_text() == rasa.__version__:
        return models[-1], None
    shutil.rmtree(FOLDER, ignore_errors=True)
    FOLDER.mkdir(parents=True)  # `rasa init --no-prompt` wants the folder to exist, empty
    started = time.monotonic()
    with (OUT / "moodbot-init.log").open("wb") as log:
        subprocess.run([_rasa(), "init", "--no-prompt", "--init-dir", str(FOLDER)], cwd=OUT, env=_clean_env(env),
                       check=True, stdout=log, stderr=subprocess.STDOUT)  # fmt: skip
    seconds = round(time.monotonic() - started, 1)
    stamp.write_text(rasa.__version__)
    return sorted((FOLDER / "models").glob("*.tar.gz"))[-1], seconds


def mood_bot_service(model: Path, port: int, env: dict[str, str], log: Path) -> Service:
    """`rasa run` for the mood bot, exactly as `rasa init` leaves the project."""
    return Service(
        "mood bot",
        [_rasa(), "run", "--model", str(model), "--interface", "127.0.0.1", "--port", str(port),
         "--credentials", str(FOLDER / "credentials.yml"), "--endpoints", str(FOLDER / "endpoints.yml")],
        f"http://127.0.0.1:{port}/",
        _clean_env(env),
        log,
    )  # fmt: skip

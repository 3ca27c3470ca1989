"""`signpost run` (what `make run` calls): it prints the URLs once everything is
healthy, and Ctrl-C stops all three services."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

import pytest

from bot.core.paths import ROOT
from bot.ops.settings import load_settings
from tests.e2e.http import free_port

pytestmark = [pytest.mark.slow, pytest.mark.e2e]


def _listening(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


def test_run_prints_urls_and_ctrl_c_stops_everything(tmp_path):
    if not load_settings().model_path.exists():
        pytest.fail("no trained model: run `make test` (or `signpost setup`) first")
    ports = {name: free_port() for name in ("GATEWAY", "RASA", "ACTIONS")}
    env = dict(os.environ, SIGNPOST_VAR_DIR=str(tmp_path), **{f"SIGNPOST_{k}_PORT": str(v) for k, v in ports.items()})
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.ops.cli", "run"], cwd=ROOT, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    output: list[str] = []
    try:
        deadline = time.monotonic() + 300
        assert process.stdout is not None
        for line in process.stdout:
            output.append(line)
            if "Press Ctrl-C to stop" in line or time.monotonic() > deadline:
                break
        text = "".join(output)
        assert "Jobcentre Signpost is running" in text, text
        assert f"http://localhost:{ports['GATEWAY']}/" in text
        assert "model: unchanged, reused" in text
        assert all(_listening(p) for p in ports.values())

        process.send_signal(signal.SIGINT)
        rest, _ = process.communicate(timeout=60)
        assert process.returncode == 0
        assert "stopped." in rest
        assert not any(_listening(p) for p in ports.values()), "a service is still listening after Ctrl-C"
    finally:
        if process.poll() is None:
            process.terminate()  # handled like Ctrl-C: the services stop too
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()

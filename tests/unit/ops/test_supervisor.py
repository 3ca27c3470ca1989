"""The supervisor starts a crashed service again, with backoff (issue 16: one crash stopped everything)."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

import pytest

from bot.ops.settings import load_settings
from bot.ops.supervisor import Backoff, Service, Stack


@pytest.mark.parametrize(
    ("runs", "delays"),
    [
        ([0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1], [1, 2, 4, 8, 16, 30, 30]),  # keeps crashing: doubles, at most 30 s
        ([0.1, 0.1, 120.0, 0.1], [1, 2, 1, 2]),  # ran two minutes: it had recovered
        ([59.9, 60.0], [1, 1]),
    ],
)
def test_backoff(runs, delays):
    backoff = Backoff()
    assert [backoff.after_crash(ran_for) for ran_for in runs] == delays


def _service(tmp_path, seconds: float) -> Service:
    command = [sys.executable, "-c", f"import time; time.sleep({seconds})"]
    return Service("test service", command, "http://127.0.0.1:9/", {}, tmp_path / "test.log")


def test_a_crashed_service_is_started_again_after_its_delay(tmp_path):
    stack = Stack(replace(load_settings(), var_dir=tmp_path))
    service = _service(tmp_path, 0)
    stack.services = {"test": service}
    assert stack.watch(now=0.0) == []  # never started: not watched
    service.start()
    service.process.wait()
    started = service.started_at
    said = stack.watch(now=started + 0.5)
    assert said == ["the test service stopped (exit 0); starting it again in 1s"]
    assert stack.watch(now=started + 1.0) == []  # not yet due
    said = stack.watch(now=started + 1.6)
    assert said[0].startswith("the test service is starting again (restart 1)")
    service.process.wait()
    assert stack.watch(now=service.started_at + 0.1)[0].endswith("starting it again in 2s")
    service.stop()


def test_a_running_service_is_left_alone(tmp_path):
    stack = Stack(replace(load_settings(), var_dir=tmp_path))
    service = _service(tmp_path, 30)
    stack.services = {"test": service}
    service.start()
    try:
        assert stack.watch() == [] and stack.first_failure() is None
    finally:
        service.stop()
    assert isinstance(service.process, subprocess.Popen) and not service.running


def test_one_rasa_server_gets_a_standby_started_after_the_rest(tmp_path):
    settings = replace(load_settings(), var_dir=tmp_path, rasa_port=6005)
    stack = Stack(settings)
    assert stack.standby == ("rasa-standby",)
    assert "rasa-standby" not in stack.names  # started once the others are up
    assert "--port" in stack.services["rasa-standby"].command and "6006" in stack.services["rasa-standby"].command
    assert settings.standby_urls == ("http://127.0.0.1:6006",)
    assert Stack(replace(settings, rasa_standby=False)).standby == ()
    several = replace(settings, rasa_servers=2, lock_store_url="redis://localhost:6379/1")
    assert Stack(several).standby == () and several.standby_urls == ()


def test_no_secret_is_on_a_command_line(tmp_path, monkeypatch):
    # Issue 16: the Rasa token was on Rasa's command line, which `ps` shows to anyone.
    monkeypatch.setenv("SIGNPOST_RASA_TOKEN", "token-on-the-command-line")
    monkeypatch.setenv("SIGNPOST_SERVICE_SECRET", "secret-on-the-command-line")
    settings = replace(load_settings(), var_dir=tmp_path)
    for service in Stack(settings).services.values():
        line = " ".join(service.command)
        assert "on-the-command-line" not in line and "--auth-token" not in line, service.name
        assert service.env["SIGNPOST_RASA_TOKEN"] == "token-on-the-command-line"
        assert service.env["SIGNPOST_SERVICE_SECRET"] == "secret-on-the-command-line"

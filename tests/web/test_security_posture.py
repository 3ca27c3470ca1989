"""What issue 16's security review found, checked where it lives: the services
behind the gateway trust nobody, and the pinned aiohttp's advisories stay mitigated."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
import yaml

from bot.core.paths import ROOT
from tests.e2e.http import free_port


def test_the_gateway_uses_aiohttps_c_parser():
    # CVE-2024-52304 and CVE-2025-53643 are in the pure-Python parser only (SECURITY.md).
    from aiohttp import http_parser

    assert http_parser.HttpRequestParser is getattr(http_parser, "HttpRequestParserC", None)
    assert not os.environ.get("AIOHTTP_NO_EXTENSIONS")


def test_rasa_has_one_channel_and_it_is_ours():
    credentials = yaml.safe_load((ROOT / "credentials.yml").read_text())
    assert list(credentials) == ["bot.rasa_ext.channels.GatewayInput"]  # no socketio, no stock REST


def test_rasa_sends_the_secret_to_the_action_server():
    endpoints = yaml.safe_load((ROOT / "endpoints.yml").read_text())
    assert endpoints["action_endpoint"]["headers"] == {"X-Signpost-Secret": "${SIGNPOST_SERVICE_SECRET}"}


def _action_server(port: int, env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "actions.server", "--actions", "actions", "-p", str(port), "--quiet"],
        cwd=ROOT, env={**os.environ, **env}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip


def _post(url: str, headers: dict[str, str]) -> int:
    body = json.dumps({"next_action": "action_signpost", "tracker": {}, "domain": {}, "version": "3.6.2"})
    request = urllib.request.Request(url, data=body.encode(), headers={"Content-Type": "application/json", **headers})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as err:
        return err.code


@pytest.mark.slow
def test_the_action_server_answers_only_with_the_secret():
    # Issue 16: the action server ran any action for whoever could reach it.
    port = free_port()
    process = _action_server(port, {"SIGNPOST_SERVICE_SECRET": "s3cret-for-test", "SANIC_HOST": "127.0.0.1"})
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as response:
                    assert response.status == 200  # open: it says only "ok"
                    break
            except OSError:
                assert time.monotonic() < deadline and process.poll() is None, "the action server did not start"
                time.sleep(0.3)
        url = f"http://127.0.0.1:{port}/webhook"
        assert _post(url, {}) == 401
        assert _post(url, {"X-Signpost-Secret": "wrong"}) == 401
        # With the secret the call reaches rasa_sdk (which then finds this made-up tracker wanting).
        assert _post(url, {"X-Signpost-Secret": "s3cret-for-test"}) not in (401, 403)
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.mark.slow
@pytest.mark.parametrize("module", ["actions.server", "bot.rasa_ext.server"])
def test_beyond_loopback_without_a_secret_nothing_starts(module):
    env = {k: v for k, v in os.environ.items() if k != "SIGNPOST_SERVICE_SECRET"}
    if module == "actions.server":
        command = [sys.executable, "-m", module, "--actions", "actions", "-p", str(free_port())]
        env["SANIC_HOST"] = "0.0.0.0"
    else:
        command = [sys.executable, "-m", module, "run", "--interface", "0.0.0.0", "--port", str(free_port())]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode != 0
    assert "refusing to listen on 0.0.0.0" in result.stdout + result.stderr

"""Starts and stops the three services: action server, Rasa server and gateway.

Each runs as a child process in its own session, logging to var/logs/, so that
Ctrl-C reaches this supervisor first and it can stop all three in order.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from bot.core.paths import ROOT
from bot.ops.settings import Settings


class StartupError(RuntimeError):
    pass


def _die_with_parent() -> None:
    """In the child, before exec: ask Linux to send SIGTERM if the supervisor dies,
    so a killed `signpost run` never leaves services behind holding the ports."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # not Linux: Ctrl-C still stops everything through Stack.stop()


def _http_ok(url: str, timeout: float = 2.0) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return 200 <= response.status < 300
    except (urllib.error.URLError, OSError, ValueError):
        return False


@dataclass
class Service:
    name: str
    command: list[str]
    health_url: str
    env: dict[str, str]
    log_path: Path
    process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            self.command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, start_new_session=True, preexec_fn=_die_with_parent,
        )  # fmt: skip
        log.close()

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def healthy(self) -> bool:
        return self.running and _http_ok(self.health_url)

    def stop(self, timeout: float = 15.0) -> None:
        if not self.running:
            return
        assert self.process is not None
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        except ProcessLookupError:
            pass


@dataclass
class Stack:
    settings: Settings
    services: dict[str, Service] = field(default_factory=dict)

    def __post_init__(self) -> None:
        s = self.settings
        logs = s.var_dir / "logs"
        env = s.child_env()
        token = s.rasa_token()
        self.services = {
            "actions": Service(
                "action server",
                [sys.executable, "-m", "rasa_sdk", "--actions", "actions", "-p", str(s.actions_port), "--quiet"],
                f"{s.actions_url}/health",
                {**env, "SANIC_HOST": "127.0.0.1"},
                logs / "actions.log",
            ),
        }
        for index, port in enumerate(s.local_rasa_ports):
            suffix = "" if index == 0 else f"-{index + 1}"
            # `rasa run` with a faster check of action replies (bot/rasa_ext/server.py). "=" form for
            # the token: a generated one may start with "-", which argparse would take for an option.
            command = [sys.executable, "-m", "bot.rasa_ext.server", "run", "--model", str(s.model_path), "--enable-api"]
            command += [f"--auth-token={token}"]
            command += ["--interface", "127.0.0.1", "--port", str(port)]
            command += ["--credentials", "credentials.yml", "--endpoints", "endpoints.yml"]
            self.services[f"rasa{suffix}"] = Service(
                f"Rasa server{f' {index + 1}' if index else ''} (port {port})",
                command,
                f"http://127.0.0.1:{port}/status?token={token}",
                env,
                logs / f"rasa{suffix}.log",
            )
        self.services["gateway"] = Service(
            "web gateway",
            [sys.executable, "-m", "bot.web"],
            f"http://127.0.0.1:{s.gateway_port}/healthz?live=1",
            env,
            logs / "gateway.log",
        )

    @property
    def names(self) -> tuple[str, ...]:
        """In start order: actions, each Rasa server, then the gateway."""
        return tuple(self.services)

    def start(self, names: tuple[str, ...] | None = None) -> None:
        for name in names or self.names:
            self.services[name].start()

    def wait_healthy(self, names: tuple[str, ...] | None = None, timeout: float = 180.0) -> None:
        deadline = time.monotonic() + timeout
        pending = list(names or self.names)
        while pending:
            for name in list(pending):
                service = self.services[name]
                if not service.running:
                    raise StartupError(f"the {service.name} stopped; see {service.log_path}")
                if service.healthy():
                    pending.remove(name)
            if pending and time.monotonic() > deadline:
                missing = ", ".join(self.services[n].name for n in pending)
                raise StartupError(f"not ready after {timeout:.0f}s: {missing}; see {self.settings.var_dir / 'logs'}")
            if pending:
                time.sleep(0.5)

    def restart(self, name: str, timeout: float = 180.0) -> None:
        self.services[name].stop()
        self.services[name].start()
        self.wait_healthy((name,), timeout)

    def stop(self) -> None:
        # Gateway first, so no new messages arrive while Rasa and actions stop.
        for name in reversed(self.names):
            self.services[name].stop()

    def first_failure(self) -> Service | None:
        return next((s for s in self.services.values() if not s.running), None)

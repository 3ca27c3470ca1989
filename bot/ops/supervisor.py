"""Starts, watches and stops the services: action server, Rasa server(s) and gateway.

Each runs as a child process in its own session, logging to var/logs/, so that
Ctrl-C reaches this supervisor first and it can stop all of them in order.

A service that crashes is started again, after 1 s, then 2, 4, ... up to 30 s
if it keeps crashing (`Backoff`), and back to 1 s once it has run for a minute.
Meanwhile the gateway answers 503 "not available", or a standby Rasa server
answers: Rasa takes about 40 s to load the model, so with one Rasa server
`signpost run` also keeps a standby loaded (issue 16: serving again within 30 s).
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
class Backoff:
    """How long to wait before starting a crashed service again."""

    first: float = 1.0
    longest: float = 30.0
    settled_after: float = 60.0  # a service that ran this long had recovered
    last: float = 0.0

    def after_crash(self, ran_for: float) -> float:
        if ran_for >= self.settled_after:
            self.last = 0.0
        self.last = self.first if self.last == 0.0 else min(self.longest, self.last * 2)
        return self.last


@dataclass
class Service:
    name: str
    command: list[str]
    health_url: str
    env: dict[str, str]
    log_path: Path
    process: subprocess.Popen[bytes] | None = None
    started_at: float = 0.0
    backoff: Backoff = field(default_factory=Backoff)
    restart_due: float | None = None
    restarts: int = 0

    def start(self) -> None:
        self.restart_due = None
        self.started_at = time.monotonic()
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
                # rasa_sdk's server, requiring the service secret (actions/server.py).
                [sys.executable, "-m", "actions.server", "--actions", "actions", "-p", str(s.actions_port), "--quiet"],
                f"{s.actions_url}/health",
                {**env, "SANIC_HOST": "127.0.0.1"},
                logs / "actions.log",
            ),
        }
        rasa_servers = [
            (index, port, "" if index == 0 else f"-{index + 1}") for index, port in enumerate(s.local_rasa_ports)
        ]
        if s.standby_port is not None:
            rasa_servers.append((-1, s.standby_port, "-standby"))
        for index, port, suffix in rasa_servers:
            # `rasa run` with the fixes in bot/rasa_ext/server.py. The API token reaches it in the
            # environment (SIGNPOST_RASA_TOKEN), never on the command line, which `ps` shows to anyone.
            command = [sys.executable, "-m", "bot.rasa_ext.server", "run", "--model", str(s.model_path), "--enable-api"]
            command += ["--interface", "127.0.0.1", "--port", str(port)]
            command += ["--credentials", "credentials.yml", "--endpoints", "endpoints.yml"]
            label = "standby Rasa server" if index < 0 else f"Rasa server{f' {index + 1}' if index else ''}"
            self.services[f"rasa{suffix}"] = Service(
                f"{label} (port {port})",
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

    STANDBY = "rasa-standby"

    @property
    def names(self) -> tuple[str, ...]:
        """In start order: actions, each Rasa server, then the gateway (not the standby,
        which starts once these are up, so as not to slow them down)."""
        return tuple(name for name in self.services if name != self.STANDBY)

    @property
    def standby(self) -> tuple[str, ...]:
        return (self.STANDBY,) if self.STANDBY in self.services else ()

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
        for name in reversed(tuple(self.services)):
            self.services[name].stop()

    def first_failure(self) -> Service | None:
        return next((s for s in self.services.values() if s.process is not None and not s.running), None)

    def watch(self, now: float | None = None) -> list[str]:
        """One look at every started service: schedule a crashed one's restart with
        backoff, and start those that are due. Returns what happened, to print."""
        now = time.monotonic() if now is None else now
        said: list[str] = []
        for service in self.services.values():
            if service.process is None or service.running:
                continue
            if service.restart_due is None:
                delay = service.backoff.after_crash(now - service.started_at)
                service.restart_due = now + delay
                code = service.process.returncode
                said.append(f"the {service.name} stopped (exit {code}); starting it again in {delay:.0f}s")
            elif now >= service.restart_due:
                service.start()
                service.restarts += 1
                said.append(
                    f"the {service.name} is starting again (restart {service.restarts}); see {service.log_path}"
                )
        return said

"""Faults and a soak against `signpost run` (real processes), with every message accounted for.

Run: .venv/bin/python -m bench.faults   (make bench runs it; about 13 minutes)

40 claimants hold conversations for 10 minutes (SIGNPOST_SOAK_SECONDS), pausing
1-3 s between a reply and their next message, as people do. On a schedule the
bench kills Rasa with SIGKILL, kills the action server, locks the tracker store,
and makes Rasa slower than the gateway's timeout (SIGSTOP). A claimant whose
message fails sends it again, as the page does: the same id, `resend`, after
a second or two, for up to two minutes.

Then each message the claimants sent is looked up in the tracker store by its id:
- lost: the claimant was answered (200) but the store does not have it, or
  the claimant never got an answer at all;
- duplicated: the store has the message more than once (answered twice).
Recovery: for each fault, from the fault to the next answered message.

tests/faults/ uses the same stack and accounting for one fault at a time.
Writes var/bench/faults.json and prints Markdown.
"""

from __future__ import annotations

import asyncio
import http.client
import json
import os
import random
import signal
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp

from bench.conversations import SCRIPTS, choose
from bot.core.paths import ROOT
from bot.ops.settings import load_settings
from bot.web.rasa_client import MESSAGE_ID_KEY
from tests.e2e.http import free_port, free_port_pair

OUT = ROOT / "var" / "bench"
RETRY_FOR_S = 120.0


@dataclass
class Running:
    """`signpost run` as a subprocess, with its own var/ and ports."""

    var: Path
    env: dict[str, str]
    process: subprocess.Popen[str]
    gateway: str
    rasa_port: int
    standby_port: int
    actions_port: int
    output: list[str] = field(default_factory=list)

    @property
    def tracker(self) -> Path:
        return self.var / "tracker.db"

    def pid(self, what: str) -> int:
        """The process id of "rasa", "standby" or "actions", from /proc."""
        needle = {
            "rasa": f"--port {self.rasa_port}",
            "standby": f"--port {self.standby_port}",
            "actions": f"-p {self.actions_port}",
        }[what]
        for proc in Path("/proc").iterdir():
            if not proc.name.isdigit():
                continue
            try:
                cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
            if needle in cmdline and ("bot.rasa_ext.server" in cmdline or "actions.server" in cmdline):
                return int(proc.name)
        raise LookupError(f"no {what} process")

    def kill(self, what: str, sig: int = signal.SIGKILL) -> int:
        pid = self.pid(what)
        os.kill(pid, sig)
        return pid

    def serving(self, what: str) -> bool:
        port = {"rasa": self.rasa_port, "standby": self.standby_port}[what]
        token = self.env["SIGNPOST_RASA_TOKEN"]
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/status?token={token}", timeout=2) as response:
                return response.status == 200
        except (OSError, http.client.HTTPException):  # not listening yet, or mid-start
            return False

    def wait_serving(self, what: str, timeout: float = 180) -> float:
        start = time.monotonic()
        while not self.serving(what):
            if time.monotonic() - start > timeout:
                raise TimeoutError(f"{what} not serving after {timeout:.0f}s")
            time.sleep(0.5)
        return time.monotonic() - start


@contextmanager
def signpost_run(var: Path, answer_within: int = 8) -> Iterator[Running]:
    """Start `signpost run` (the real supervisor), wait until it and its standby serve."""
    settings = load_settings()
    if not settings.model_path.exists():
        raise SystemExit(f"no trained model at {settings.model_path}: run `make setup` first")
    var.mkdir(parents=True, exist_ok=True)
    gateway, actions = free_port(), free_port()
    rasa = free_port_pair()
    standby = rasa + 1
    env = {
        **os.environ,
        "SIGNPOST_VAR_DIR": str(var),
        "SIGNPOST_GATEWAY_HOST": "127.0.0.1",
        "SIGNPOST_GATEWAY_PORT": str(gateway),
        "SIGNPOST_RASA_PORT": str(rasa),
        "SIGNPOST_ACTIONS_PORT": str(actions),
        "SIGNPOST_RASA_STANDBY": "true",
        "SIGNPOST_RASA_TIMEOUT": str(answer_within),
        # Simulated claimants all come from 127.0.0.1, faster than people type.
        "SIGNPOST_CHAT_PER_SESSION": "1000",
        "SIGNPOST_CHAT_PER_ADDRESS": "100000",
        # Its own secrets, whatever the calling environment has (they are read back from here).
        "SIGNPOST_RASA_TOKEN": uuid.uuid4().hex,
        "SIGNPOST_SERVICE_SECRET": uuid.uuid4().hex,
        "SIGNPOST_KIOSK_SECRET": uuid.uuid4().hex,
    }
    for name in ("SIGNPOST_RASA_URLS", "SIGNPOST_RASA_SERVERS", "SIGNPOST_LOCK_STORE_URL"):
        env.pop(name, None)
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.ops.cli", "run"], cwd=ROOT, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )  # fmt: skip
    running = Running(var, env, process, f"http://127.0.0.1:{gateway}", rasa, standby, actions)
    try:
        assert process.stdout is not None
        deadline = time.monotonic() + 400
        for line in process.stdout:
            running.output.append(line)
            if "Press Ctrl-C to stop" in line:
                break
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError("signpost run did not start:\n" + "".join(running.output[-40:]))
        _drain(running)
        running.wait_serving("standby", timeout=300)
        yield running
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


def _drain(running: Running) -> None:
    """Keep reading the supervisor's output (its restarts) so its pipe never fills."""
    import threading

    def read() -> None:
        assert running.process.stdout is not None
        for line in running.process.stdout:
            running.output.append(line)

    threading.Thread(target=read, daemon=True).start()


@dataclass
class Sent:
    session: str
    text: str
    id: str
    at: float
    tries: int = 0
    answered_at: float | None = None
    statuses: list[int] = field(default_factory=list)


async def send_until_answered(http: aiohttp.ClientSession, base: str, message: Sent) -> list[dict[str, Any]] | None:
    """As the page does: the same id each time, `resend` after the first, until a 200
    or until RETRY_FOR_S has passed. None when never answered."""
    while time.monotonic() - message.at < RETRY_FOR_S:
        body: dict[str, Any] = {"session": message.session, "message": message.text, "id": message.id}
        if message.tries:
            body["resend"] = True
        message.tries += 1
        try:
            async with http.post(f"{base}/api/chat", json=body) as response:
                message.statuses.append(response.status)
                if response.status == 200:
                    message.answered_at = time.monotonic()
                    return (await response.json())["messages"]
        except (aiohttp.ClientError, asyncio.TimeoutError):
            message.statuses.append(0)  # the gateway itself could not be reached
        await asyncio.sleep(random.uniform(1.0, 2.0))
    return None


def stored_ids(tracker: Path) -> dict[str, int]:
    """How many times each gateway message id is in the tracker store."""
    counts: dict[str, int] = {}
    with sqlite3.connect(f"file:{tracker}?mode=ro", uri=True, timeout=30) as db:
        for (data,) in db.execute("SELECT data FROM events WHERE type_name = 'user'"):
            metadata = (json.loads(data) or {}).get("metadata") or {}
            message_id = metadata.get(MESSAGE_ID_KEY)
            if message_id:
                counts[message_id] = counts.get(message_id, 0) + 1
    return counts


def account(sent: list[Sent], tracker: Path) -> dict[str, Any]:
    counts = stored_ids(tracker)
    answered = [m for m in sent if m.answered_at is not None]
    lost_silently = [m.id for m in answered if counts.get(m.id, 0) == 0]
    never_answered = [m.id for m in sent if m.answered_at is None]
    duplicated = [m.id for m in sent if counts.get(m.id, 0) > 1]
    return {
        "sent": len(sent),
        "answered": len(answered),
        "lost": len(lost_silently) + len(never_answered),
        "lost_silently": lost_silently,
        "never_answered": never_answered,
        "duplicated": len(duplicated),
        "duplicated_ids": duplicated,
        "sent_again": sum(1 for m in sent if m.tries > 1),
    }


def recovery_after(sent: list[Sent], fault_at: float) -> float | None:
    """Seconds from a fault to the first message sent after it that was answered at once."""
    after = [m for m in sent if m.at >= fault_at and m.answered_at is not None and m.tries == 1]
    first = min(after, key=lambda m: m.at, default=None)
    later = [m for m in sent if m.at < fault_at <= (m.answered_at or 0)]
    candidates = [first.answered_at] if first and first.answered_at else []
    candidates += [m.answered_at for m in later if m.answered_at]
    return round(min(candidates) - fault_at, 1) if candidates else None


async def claimant(http: aiohttp.ClientSession, base: str, index: int, until: float, sent: list[Sent]) -> None:
    rng = random.Random(index)
    while time.monotonic() < until:
        session = f"soak-{index}-{uuid.uuid4().hex[:8]}"
        last: list[dict[str, Any]] = []
        scripts = list(SCRIPTS.values())
        for turn in scripts[index % len(scripts)]:
            if time.monotonic() >= until:
                return
            try:
                text = choose(turn, last)
            except ValueError:
                break  # the script's button is not there (the reply was the crash notice): start again
            message = Sent(session, text, f"m-{uuid.uuid4().hex}", time.monotonic())
            sent.append(message)
            last = await send_until_answered(http, base, message) or []
            await asyncio.sleep(rng.uniform(1.0, 3.0))


def lock_tracker(tracker: Path, seconds: float) -> None:
    holder = sqlite3.connect(tracker, timeout=30)
    holder.execute("BEGIN EXCLUSIVE")
    time.sleep(seconds)
    holder.rollback()
    holder.close()


async def soak(running: Running, claimants: int, seconds: float) -> dict[str, Any]:
    sent: list[Sent] = []
    faults: list[dict[str, Any]] = []
    start = time.monotonic()
    until = start + seconds

    async def fault(at_fraction: float, name: str, do: Any) -> None:
        await asyncio.sleep(max(0.0, start + seconds * at_fraction - time.monotonic()))
        at = time.monotonic()
        await asyncio.to_thread(do)
        faults.append({"fault": name, "at_s": round(at - start, 1), "at": at})

    def stop_rasa_a_while() -> None:
        pid = running.kill("rasa", signal.SIGSTOP)
        time.sleep(int(running.env["SIGNPOST_RASA_TIMEOUT"]) + 4)
        os.kill(pid, signal.SIGCONT)

    schedule = [
        (0.15, "kill -9 Rasa", lambda: running.kill("rasa")),
        (0.35, "kill -9 action server", lambda: running.kill("actions")),
        (0.50, "tracker store locked for 8 s", lambda: lock_tracker(running.tracker, 8)),
        (0.65, "Rasa slower than the gateway's timeout (SIGSTOP)", stop_rasa_a_while),
        (0.80, "kill -9 Rasa and its standby", lambda: (running.kill("rasa"), running.kill("standby"))),
    ]
    timeout = aiohttp.ClientTimeout(total=60)
    async with aiohttp.ClientSession(timeout=timeout, connector=aiohttp.TCPConnector(limit=200)) as http:
        await asyncio.gather(
            *(claimant(http, running.gateway, i, until, sent) for i in range(claimants)),
            *(fault(at, name, do) for at, name, do in schedule),
        )
    # Let the last retries finish before counting.
    await asyncio.sleep(2)
    result = account(sent, running.tracker)
    result["faults"] = [
        {"fault": f["fault"], "at_s": f["at_s"], "recovered_after_s": recovery_after(sent, f["at"])} for f in faults
    ]
    latencies = sorted(m.answered_at - m.at for m in sent if m.answered_at)
    result["latency_p50_s"] = round(statistics.median(latencies), 3) if latencies else None
    result["latency_p95_s"] = round(latencies[int(0.95 * (len(latencies) - 1))], 3) if latencies else None
    result["claimants"], result["seconds"] = claimants, seconds
    result["restarts"] = [line.strip() for line in running.output if "starting it again" in line]
    return result


def markdown(result: dict[str, Any]) -> str:
    lines = [
        f"### Faults and soak: {result['claimants']} claimants for {result['seconds'] / 60:.0f} minutes",
        "",
        "| sent | answered | lost | answered twice | sent again by the page |",
        "|---:|---:|---:|---:|---:|",
        f"| {result['sent']} | {result['answered']} | {result['lost']} | {result['duplicated']} "
        f"| {result['sent_again']} |",
        "",
        "| fault | at | serving again after |",
        "|---|---:|---:|",
    ]
    for f in result["faults"]:
        recovered = "-" if f["recovered_after_s"] is None else f"{f['recovered_after_s']} s"
        lines.append(f"| {f['fault']} | {f['at_s']} s | {recovered} |")
    lines += ["", f"Answer time p50 {result['latency_p50_s']} s, p95 {result['latency_p95_s']} s (retries included)."]
    return "\n".join(lines)


def main() -> None:
    seconds = float(os.environ.get("SIGNPOST_SOAK_SECONDS", "600"))
    claimants = int(os.environ.get("SIGNPOST_SOAK_CLAIMANTS", "40"))
    OUT.mkdir(parents=True, exist_ok=True)
    var = OUT / "faults"
    if var.exists():
        import shutil

        shutil.rmtree(var)
    with signpost_run(var) as running:
        result = asyncio.run(soak(running, claimants, seconds))
    result["measured_at"] = time.strftime("%Y-%m-%d %H:%M")
    (OUT / "faults.json").write_text(json.dumps(result, indent=2))
    print(markdown(result))


if __name__ == "__main__":
    main()

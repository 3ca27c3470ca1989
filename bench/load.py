"""Load through the whole stack, against two baselines in the same run; training time;
peak memory of each process.

Run: .venv/bin/python -m bench.load   (make bench runs it; `make bench-quick` runs it
with BENCH_QUICK=1)

Ours: gateway → Rasa (REST, SQL tracker store on SQLite) → action server (directory,
handoffs), as `make run` starts them, one Rasa server. Baselines (issue 21):
- the **mood bot**: `rasa init`'s project as Rasa ships it, served by plain `rasa run`
  (REST channel, in-memory tracker store, no action server; bench/moodbot.py);
- the **stock configuration**: our domain and data trained with the configuration
  `rasa init` writes, run with `rasa run`, the same action server and Rasa's
  in-memory tracker store (full mode only).
All get the same messages: the conversations of 20 turns in bench/conversations.py
(LONG_SCRIPTS), with the buttons ours offered resolved to their payloads once, at
the start, so every stack is sent exactly the same texts. Each simulated claimant words
each typed turn their own way (`in_own_words`: another wording, a capital letter, an
ending), so texts repeat about as little as real claimants' do and the NLU cache is not
flattered; every stack gets the same claimants' words. Each simulated claimant goes
through every conversation once, at 1, 10 and 40 at once, unpaced and paced.
Writes var/bench/load.json and prints Markdown.

BENCH_QUICK=1: ours and the mood bot only, no cold training, paced at 10 only (a few
minutes). BENCH_COLD_TRAIN=0 skips the cold training in full mode; =1 asks for it in
quick mode.
"""

from __future__ import annotations

import asyncio
import hashlib
import itertools
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import aiohttp

from bench.conversations import LONG_SCRIPTS, Turn, choose, in_own_words
from bot.core.paths import ROOT
from bot.knowledge import get_knowledge
from bot.ops.settings import Settings, load_settings
from bot.ops.setup import prepare_directory
from bot.ops.supervisor import Service, Stack
from bot.rasa_ext.training import model_is_current, train_command, train_if_needed, training_fingerprint
from tests.e2e.http import free_port, free_port_pair

OUT = ROOT / "var" / "bench"
QUICK = os.environ.get("BENCH_QUICK") == "1"
LEVELS = (1, 10, 40)
PACED_LEVELS = (10,) if QUICK else (10, 40)
PAUSE_S = (1.0, 3.0)  # between a reply and the next message, when paced
STOCK_CONFIG = Path(__import__("rasa").__file__).parent / "cli" / "initial_project" / "config.yml"

Send = Callable[[aiohttp.ClientSession, str, str], Awaitable[list[dict[str, Any]]]]


@dataclass
class Level:
    concurrency: int
    paced: bool = False
    latencies: list[float] = field(default_factory=list)
    # By turn of the conversation (0 = first), to see how the cost grows with its length.
    by_turn: dict[int, list[float]] = field(default_factory=dict)
    errors: int = 0
    wall: float = 0.0

    def summary(self) -> dict[str, float | int]:
        ordered = sorted(self.latencies) or [float("nan")]

        def pct(p: float) -> float:
            return round(ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000, 1)

        return {
            "concurrency": self.concurrency,
            "paced": self.paced,
            "messages": len(self.latencies),
            "errors": self.errors,
            "p50_ms": round(statistics.median(ordered) * 1000, 1),
            "p95_ms": pct(0.95),
            "p99_ms": pct(0.99),
            "messages_per_s": round(len(self.latencies) / self.wall, 2) if self.wall else 0.0,
            # p50 of turns 1-5, 6-10, 11-15 and 16-20
            "p50_ms_by_five_turns": [
                round(statistics.median(times) * 1000, 1)
                for start in range(0, max(self.by_turn, default=-1) + 1, 5)
                if (times := [t for i in range(start, start + 5) for t in self.by_turn.get(i, [])])
            ],
        }


async def _conversation(
    http: aiohttp.ClientSession,
    send: Send,
    script: list[Turn],
    level: Level,
    rng: random.Random,
    words: random.Random,
) -> None:
    session = f"bench-{uuid.uuid4().hex[:12]}"
    reply: list[dict[str, Any]] = []
    for index, turn in enumerate(script):
        if level.paced and index:
            await asyncio.sleep(rng.uniform(*PAUSE_S))
        try:
            text = in_own_words(choose(turn, reply), words)
        except ValueError:
            level.errors += 1  # the conversation went off its script: count it, stop it
            return
        started = time.perf_counter()
        try:
            reply = await send(http, session, text)
        except Exception:  # any failure is an error to count, not a reason to stop the run
            level.errors += 1
            reply = []
            continue
        level.latencies.append(time.perf_counter() - started)
        level.by_turn.setdefault(index, []).append(level.latencies[-1])


async def run_level(
    send: Send, concurrency: int, paced: bool = False, scripts: dict[str, list[Turn]] | None = None
) -> Level:
    """`concurrency` simulated claimants, each going through every script once. Unpaced,
    each sends its next message as soon as the last is answered: the most the stack can
    take. Paced, each pauses PAUSE_S between messages, as people do while reading and
    typing (or tapping)."""
    level = Level(concurrency, paced)
    scripts = scripts or LONG_SCRIPTS
    names = list(scripts)

    async def claimant(index: int, http: aiohttp.ClientSession) -> None:
        # Each starts at a different script, so the mix is even at every moment.
        order = list(itertools.islice(itertools.cycle(names), index % len(names), index % len(names) + len(names)))
        rng, words = random.Random(index), random.Random(f"words-{index}")
        for name in order:
            await _conversation(http, send, scripts[name], level, rng, words)

    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(connector=connector, timeout=aiohttp.ClientTimeout(total=120)) as http:
        started = time.perf_counter()
        await asyncio.gather(*(claimant(i, http) for i in range(concurrency)))
        level.wall = time.perf_counter() - started
    return level


def via_gateway(base: str) -> Send:
    async def send(http: aiohttp.ClientSession, session: str, text: str) -> list[dict[str, Any]]:
        async with http.post(f"{base}/api/chat", json={"session": session, "message": text}) as response:
            if response.status != 200:
                raise RuntimeError(f"gateway answered {response.status}")
            return (await response.json())["messages"]

    return send


def via_rest(base: str) -> Send:
    async def send(http: aiohttp.ClientSession, session: str, text: str) -> list[dict[str, Any]]:
        async with http.post(f"{base}/webhooks/rest/webhook", json={"sender": session, "message": text}) as response:
            if response.status != 200:
                raise RuntimeError(f"Rasa answered {response.status}")
            return await response.json()

    return send


async def transcripts(send: Send) -> dict[str, list[str]]:
    """The conversations as the texts ours is sent, with each tapped button resolved to
    its payload: what every stack in the run is then sent."""
    found: dict[str, list[str]] = {}
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=120)) as http:
        for name, script in LONG_SCRIPTS.items():
            session, reply, texts = f"bench-{uuid.uuid4().hex[:12]}", [], []
            for turn in script:
                texts.append(choose(turn, reply))
                reply = await send(http, session, texts[-1])
            found[name] = texts
    return found


def measure_load(send: Send, scripts: dict[str, list[str]]) -> list[dict[str, Any]]:
    asyncio.run(run_level(send, 1, scripts=scripts))  # warm-up: first calls load TensorFlow graphs
    unpaced = [asyncio.run(run_level(send, n, scripts=scripts)).summary() for n in LEVELS]
    return unpaced + [asyncio.run(run_level(send, n, paced=True, scripts=scripts)).summary() for n in PACED_LEVELS]


def peak_rss_mb(service: Service) -> float | None:
    """Peak resident memory (VmHWM) of a service's process, in MB."""
    if service.process is None:
        return None
    try:
        for line in Path(f"/proc/{service.process.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


def _wait_healthy(service: Service, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while not service.healthy():
        if not service.running or time.monotonic() > deadline:
            raise RuntimeError(f"the {service.name} did not start; see {service.log_path}")
        time.sleep(0.5)


def stock_model(settings: Settings) -> tuple[Path, float | None]:
    """The baseline model, trained with `rasa init`'s configuration; retrained only
    when the data or that configuration changed. Returns (path, seconds trained or None)."""
    folder = OUT / "stock"
    folder.mkdir(parents=True, exist_ok=True)
    config = folder / "config.yml"
    shutil.copyfile(STOCK_CONFIG, config)
    fingerprint = hashlib.sha256((training_fingerprint(get_knowledge()) + config.read_text()).encode()).hexdigest()
    model, stamp = folder / "stock.tar.gz", folder / "stock.fingerprint"
    if model.exists() and stamp.exists() and stamp.read_text() == fingerprint:
        return model, None
    started = time.monotonic()
    with (folder / "train.log").open("wb") as log:
        subprocess.run(train_command(str(config), model), cwd=ROOT, env=settings.child_env(), check=True,
                       stdout=log, stderr=subprocess.STDOUT)  # fmt: skip
    stamp.write_text(fingerprint)
    return model, round(time.monotonic() - started, 1)


def measure_training(settings: Settings, cold: bool = True) -> dict[str, float | None]:
    """Cold (when asked): a fresh Rasa cache and output folder. Reuse: `signpost setup`'s
    check on an unchanged model (what `make run` pays each time)."""
    figures: dict[str, float | None] = {"cold_s": None}
    if cold:
        with tempfile.TemporaryDirectory() as scratch:
            env = {**settings.child_env(), "RASA_CACHE_DIRECTORY": str(Path(scratch) / "cache")}
            started = time.monotonic()
            subprocess.run(
                train_command("config.yml", Path(scratch) / "cold.tar.gz"), cwd=ROOT, env=env, check=True,
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )  # fmt: skip
            figures["cold_s"] = round(time.monotonic() - started, 1)
    knowledge = get_knowledge()
    train_if_needed(settings, knowledge)
    started = time.monotonic()
    if not model_is_current(settings, knowledge) or train_if_needed(settings, knowledge):
        raise RuntimeError("the model was trained again although nothing changed")
    figures["reuse_s"] = round(time.monotonic() - started, 2)
    return figures


def cpu_seconds(service: Service) -> float:
    """CPU time (user + system) a service's process has used so far."""
    assert service.process is not None
    fields = Path(f"/proc/{service.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_per_message(stack: Stack, send: Send, concurrency: int) -> dict[str, float]:
    """Where the time goes: CPU milliseconds per message in each process."""
    before = {name: cpu_seconds(service) for name, service in stack.services.items()}
    messages = len(asyncio.run(run_level(send, concurrency)).latencies)
    return {
        name: round((cpu_seconds(service) - before[name]) / messages * 1000, 1)
        for name, service in stack.services.items()
    }


def measure_scaled(base: Settings) -> list[dict[str, Any]] | None:
    """Two Rasa servers behind the gateway on PostgreSQL and Redis, as in "Running at
    scale": throughput on this machine's cores. None when those cannot be started."""
    from tests.scale.services import Unavailable, create_database, postgres_server, redis_server

    var = OUT / "scaled"
    shutil.rmtree(var, ignore_errors=True)
    var.mkdir(parents=True)
    try:
        with postgres_server() as pg, redis_server(var) as redis_url:
            settings = replace(
                base, var_dir=var, database_url=create_database(pg, "signpost"),
                tracker_url=create_database(pg, "tracker"), lock_store_url=redis_url, rasa_servers=2,
                rasa_urls_override=(), gateway_host="127.0.0.1", gateway_port=free_port(),
                rasa_port=free_port_pair(), actions_port=free_port(),
                chat_per_session=100_000, chat_per_address=100_000,  # as in our_stack: the stack, not the limit
            )  # fmt: skip
            prepare_directory(settings, get_knowledge())
            stack = Stack(settings)
            try:
                stack.start()
                stack.wait_healthy(timeout=400)
                send = via_gateway(f"http://127.0.0.1:{settings.gateway_port}")
                asyncio.run(run_level(send, 1))
                return [asyncio.run(run_level(send, n)).summary() for n in LEVELS if n > 1]
            finally:
                stack.stop()
    except Unavailable as err:
        print(f"two Rasa servers not measured: {err}")
        return None


def our_stack(base: Settings, var: Path) -> tuple[Settings, Stack]:
    """Our stack as `make run` starts it, on SQLite in a fresh `var`, on free ports."""
    shutil.rmtree(var, ignore_errors=True)
    settings = replace(
        base, var_dir=var,
        database_url=f"sqlite:///{var / 'signpost.db'}", tracker_url=f"sqlite:///{var / 'tracker.db'}",
        gateway_host="127.0.0.1", gateway_port=free_port(), rasa_port=free_port(), actions_port=free_port(),
        # Simulated claimants, all from 127.0.0.1 and faster than people: the benches measure
        # the stack, not the rate limit (tested in tests/web/test_gateway.py).
        chat_per_session=100_000, chat_per_address=100_000,
        # No standby: these benches measure one server; bench.faults measures the standby.
        rasa_standby=False,
    )  # fmt: skip
    prepare_directory(settings, get_knowledge())
    return settings, Stack(settings)


def _ratios(ours: list[dict[str, Any]], base: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            "concurrency": o["concurrency"],
            "paced": o["paced"],
            "throughput": round(o["messages_per_s"] / b["messages_per_s"], 2) if b["messages_per_s"] else None,
            "p50": round(o["p50_ms"] / b["p50_ms"], 2) if b["p50_ms"] else None,
            "p95": round(o["p95_ms"] / b["p95_ms"], 2) if b["p95_ms"] else None,
        }
        for o, b in zip(ours, base, strict=True)
    ]


def _stock_config_service(settings: Settings, stock_path: Path, port: int, log: Path) -> Service:
    token = settings.rasa_token()
    stock_endpoints = OUT / "stock" / "endpoints.yml"
    # Rasa's own REST channel; our action server still needs the service secret (actions/server.py).
    secret = settings.service_secret()
    stock_endpoints.write_text(
        f"action_endpoint:\n  url: {settings.actions_url}/webhook\n  headers:\n    X-Signpost-Secret: {secret}\n"
    )
    stock_credentials = OUT / "stock" / "credentials.yml"
    stock_credentials.write_text("rest:\n")
    return Service(
        "stock Rasa",
        [str(Path(sys.executable).with_name("rasa")), "run", "--model", str(stock_path), "--enable-api",
         f"--auth-token={token}", "--interface", "127.0.0.1", "--port", str(port),
         "--credentials", str(stock_credentials), "--endpoints", str(stock_endpoints)],
        f"http://127.0.0.1:{port}/status?token={token}",
        # Rasa's own defaults: no thread settings of ours.
        {k: v for k, v in settings.child_env().items() if not k.startswith("TF_INT")},
        log,
    )  # fmt: skip


def run() -> dict[str, Any]:
    from bench.moodbot import mood_bot, mood_bot_service

    base = load_settings()
    cold = os.environ.get("BENCH_COLD_TRAIN", "0" if QUICK else "1") != "0"
    training = measure_training(base, cold)
    mood_path, mood_trained = mood_bot(base.child_env())
    stock_path, stock_trained = (None, None) if QUICK else stock_model(base)
    var = OUT / "stack"
    settings, stack = our_stack(base, var)
    mood = mood_bot_service(mood_path, free_port(), settings.child_env(), var / "logs" / "mood-bot.log")
    stock = (
        None
        if stock_path is None
        else _stock_config_service(settings, stock_path, free_port(), var / "logs" / "stock-rasa.log")
    )
    memory: dict[str, float | None] = {}
    try:
        stack.start()
        stack.wait_healthy(timeout=400)
        send = via_gateway(f"http://127.0.0.1:{settings.gateway_port}")
        scripts = asyncio.run(transcripts(send))
        ours = measure_load(send, scripts)
        cpu = cpu_per_message(stack, send, 10)
        memory.update({name: peak_rss_mb(service) for name, service in stack.services.items()})
        stack.services["gateway"].stop()
        stack.services["rasa"].stop()
        mood.start()
        _wait_healthy(mood)
        empty = measure_load(via_rest(mood.health_url.rstrip("/")), scripts)
        memory["mood bot"] = peak_rss_mb(mood)
        mood.stop()
        stock_rows = None
        if stock is not None:
            stock.start()
            _wait_healthy(stock)
            stock_rows = measure_load(via_rest(stock.health_url.split("/status")[0]), scripts)
            memory["stock configuration"] = peak_rss_mb(stock)
    finally:
        mood.stop()
        if stock is not None:
            stock.stop()
        stack.stop()
    return {
        "mode": "quick" if QUICK else "full",
        "machine": {"cores": os.cpu_count()},
        "turns_per_conversation": {name: len(t) for name, t in scripts.items()},
        "ours": ours,
        "mood_bot": empty,
        "ratios_ours_to_mood_bot": _ratios(ours, empty),
        "stock": stock_rows,
        "ratios_ours_to_stock": _ratios(ours, stock_rows) if stock_rows else None,
        "cpu_ms_per_message_at_10": cpu,
        "two_rasa_servers_postgres_redis": None if QUICK else measure_scaled(base),
        "training": {**training, "stock_cold_s": stock_trained, "mood_bot_init_s": mood_trained},
        "peak_rss_mb": memory,
    }


def markdown(result: dict[str, Any]) -> str:
    head = "| Stack | At once | Paced | Messages | Errors | p50 ms | p95 ms | p99 ms | Messages/s |"
    lines = [
        f"Mode: {result['mode']}; conversations of {sorted(set(result['turns_per_conversation'].values()))} turns",
        "",
        head,
        "|---" * 9 + "|",
    ]
    for name in ("ours", "mood_bot", "stock"):
        for r in result.get(name) or []:
            lines.append(
                f"| {name} | {r['concurrency']} | {'yes' if r['paced'] else 'no'} | {r['messages']} | {r['errors']} "
                f"| {r['p50_ms']} | {r['p95_ms']} | {r['p99_ms']} | {r['messages_per_s']} |"
            )
    for key, title in (
        ("ratios_ours_to_mood_bot", "the mood bot"),
        ("ratios_ours_to_stock", "the stock configuration"),
    ):
        if not result.get(key):
            continue
        lines += ["", f"| At once | Paced | Throughput ours ÷ {title} | p50 ours ÷ it | p95 ours ÷ it |"]
        lines += ["|---|---|---|---|---|"]
        for r in result[key]:
            paced = "yes" if r["paced"] else "no"
            lines.append(f"| {r['concurrency']} | {paced} | {r['throughput']}× | {r['p50']}× | {r['p95']}× |")
    scaled = result.get("two_rasa_servers_postgres_redis")
    if scaled:
        lines += ["", "| Two Rasa servers, PostgreSQL + Redis | At once | p50 ms | p95 ms | Messages/s |"]
        lines += ["|---" * 5 + "|"]
        for r in scaled:
            lines.append(f"| ours ×2 | {r['concurrency']} | {r['p50_ms']} | {r['p95_ms']} | {r['messages_per_s']} |")
    lines += ["", "| Stack | At once | p50 ms at turns 1-5, 6-10, 11-15, 16-20 (unpaced) |", "|---|---|---|"]
    for name in ("ours", "mood_bot", "stock"):
        for r in result.get(name) or []:
            if not r["paced"]:
                lines.append(f"| {name} | {r['concurrency']} | {', '.join(map(str, r['p50_ms_by_five_turns']))} |")
    lines += ["", "| Process | CPU ms per message (10 at once) |", "|---|---|"]
    lines += [f"| {name} | {ms} |" for name, ms in result["cpu_ms_per_message_at_10"].items()]
    t = result["training"]
    lines += ["", "| Training | Seconds |", "|---|---|"]
    lines += [f"| cold (empty cache) | {t['cold_s'] if t['cold_s'] is not None else 'not asked for'} |",
              f"| reuse of an unchanged model | {t['reuse_s']} |"]  # fmt: skip
    lines += [f"| stock baseline, cold | {t['stock_cold_s'] if t['stock_cold_s'] is not None else 'reused'} |"]
    lines += [f"| mood bot, `rasa init` | {t['mood_bot_init_s'] if t['mood_bot_init_s'] is not None else 'reused'} |"]
    lines += ["", "| Process | Peak RSS MB |", "|---|---|"]
    lines += [f"| {name} | {mb} |" for name, mb in result["peak_rss_mb"].items()]
    return "\n".join(lines)


def main() -> None:
    result = run()
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "load.json").write_text(json.dumps(result, indent=2))
    print(markdown(result))


if __name__ == "__main__":
    main()

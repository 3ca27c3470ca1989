"""Where a message's time goes (issue 21): py-spy on every process of our stack while
10 simulated claimants go through the conversations of 20 turns, unpaced.

Run: .venv/bin/python -m bench.profile   (a few minutes; needs the trained model; as
root, or with ptrace allowed, since py-spy reads the processes' memory)

py-spy samples each process (gateway, Rasa, action server) 100 times a second and
writes collapsed stacks (var/bench/profile/<process>.txt; feed one to any flame graph
tool). Each sample is given to a stage: the first frame, from the innermost out, that
names one (the NLU component, the policy, the tracker store's load or save, the action
call...). Only samples of threads doing work count (py-spy leaves out idle ones),
so the shares are of CPU, not of wall time. Writes var/bench/profile.json and prints
the stages of each process with their share and CPU milliseconds per message.
"""

from __future__ import annotations

import asyncio
import json
import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from bench.load import OUT, cpu_seconds, our_stack, run_level, via_gateway
from bot.ops.settings import load_settings

RATE = 100
AT_ONCE = 10
FOLDER = OUT / "profile"

# (stage, pattern on a frame "function (file:line)"), most specific first within a process.
STAGES: dict[str, list[tuple[str, str]]] = {
    "rasa": [
        ("NLU: SpacyNLP (tokenising, the EntityRuler)", r"spacy_utils\.py|/spacy/language\.py"),
        ("NLU: SpacyTokenizer", r"spacy_tokenizer\.py"),
        ("NLU: SpacyEntityExtractor", r"spacy_entity_extractor\.py"),
        ("NLU: LexicalSyntacticFeaturizer", r"lexical_syntactic_featurizer\.py"),
        ("NLU: CountVectorsFeaturizer", r"count_vectors_featurizer\.py"),
        ("NLU: WordLlamaFeaturizer", r"wordllama_featurizer\.py"),
        ("NLU: DIETClassifier", r"diet_classifier\.py"),
        ("NLU: FallbackClassifier", r"fallback_classifier\.py"),
        ("NLU: SentenceNeeds", r"sentence_needs\.py"),
        ("NLU: SafeguardingClassifier", r"safeguarding_classifier\.py"),
        ("policy: TEDPolicy", r"ted_policy\.py"),
        ("policy: MemoizationPolicy", r"memoization\.py"),
        ("policy: RulePolicy", r"rule_policy\.py"),
        ("policy: the ensemble and featurising the history", r"/policies/|/featurizers/tracker_featurizers\.py"),
        (
            "tracker store: load",
            r"tracker_store\.py.*\b(_retrieve|retrieve|get_or_create_tracker)\b|"
            r"\b(retrieve|_retrieve|get_or_create_tracker) \(.*tracker_store\.py",
        ),
        (
            "tracker store: save",
            r"\b(save|_additional_events|stream_events) \(.*tracker_store\.py|"
            r"\bsave \(.*tracker_cache\.py",
        ),
        ("tracker store: load", r"\bretrieve \(.*tracker_cache\.py"),
        ("action call (HTTP to the action server)", r"\brun \(.*rasa/core/actions/action\.py|aiohttp/client"),
        ("the lock store", r"lock_store\.py"),
        ("the graph runner (NLU and policies, not in a component)", r"rasa/engine/"),
        ("reply checks (action events)", r"validate \(.*bot/rasa_ext/server\.py"),
        ("HTTP server (Sanic)", r"/sanic/"),
    ],
    "gateway": [
        ("redaction", r"bot/privacy/"),
        ("safeguarding and replies", r"bot/safeguarding/|bot/core/"),
        ("the HTTP hop to Rasa", r"bot/web/rasa_client\.py|aiohttp/client"),
        ("rate limits", r"bot/web/rate_limits\.py|pyrate_limiter"),
        ("gateway handlers", r"bot/web/"),
        ("HTTP server (aiohttp)", r"aiohttp/"),
    ],
    "actions": [
        ("the directory", r"bot/directory/"),
        ("SQLAlchemy (stores)", r"sqlalchemy/"),
        ("our actions", r"/actions/|bot/"),
        ("rasa_sdk", r"rasa_sdk/"),
        ("HTTP server (Sanic)", r"/sanic/"),
    ],
}
_STACK = re.compile(r"^(?P<frames>.*) (?P<count>\d+)$")


def stage_of(process: str, frames: list[str]) -> str:
    # From the innermost frame out: the nearest stage is the one doing the work (the
    # outermost frames are the server's main loop, which holds everything).
    for frame in reversed(frames):
        for stage, pattern in STAGES.get(process, []):
            if re.search(pattern, frame):
                return stage
    inner = next((f for f in reversed(frames) if "site-packages" in f or "/work/" in f), frames[-1] if frames else "")
    module = re.search(r"\(([^:)]+)", inner)
    return "other: " + (Path(module.group(1)).name if module else inner[:40])


def summarise(process: str, collapsed: str) -> Counter[str]:
    stages: Counter[str] = Counter()
    for line in collapsed.splitlines():
        m = _STACK.match(line.strip())
        if m:
            stages[stage_of(process, m["frames"].split(";"))] += int(m["count"])
    return stages


def main() -> None:
    FOLDER.mkdir(parents=True, exist_ok=True)
    settings, stack = our_stack(load_settings(), OUT / "profile-stack")
    spy = str(Path(sys.executable).with_name("py-spy"))
    result: dict[str, dict[str, float]] = {}
    try:
        stack.start()
        stack.wait_healthy(timeout=400)
        send = via_gateway(f"http://127.0.0.1:{settings.gateway_port}")
        asyncio.run(run_level(send, 1))  # warm-up
        before = {name: cpu_seconds(service) for name, service in stack.services.items()}
        spies = {}
        for name, service in stack.services.items():
            assert service.process is not None
            spies[name] = subprocess.Popen(
                [spy, "record", "--pid", str(service.process.pid), "--rate", str(RATE), "--format", "raw",
                 "--output", str(FOLDER / f"{name}.txt"), "--nonblocking"],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )  # fmt: skip
        time.sleep(2)
        level = asyncio.run(run_level(send, AT_ONCE))
        messages = len(level.latencies)
        cpu = {name: (cpu_seconds(s) - before[name]) * 1000 / messages for name, s in stack.services.items()}
        for process in spies.values():
            process.send_signal(2)  # SIGINT: py-spy writes what it has and stops
        for process in spies.values():
            process.wait(timeout=60)
    finally:
        stack.stop()
    for name in spies:
        path = FOLDER / f"{name}.txt"
        stages = summarise(name, path.read_text() if path.exists() else "")
        total = sum(stages.values()) or 1
        result[name] = {stage: round(cpu[name] * count / total, 1) for stage, count in stages.most_common()} | {
            "(CPU ms per message, all stages)": round(cpu[name], 1)
        }
    found = {"messages": messages, "at_once": AT_ONCE, "stages": result}
    (OUT / "profile.json").write_text(json.dumps(found, indent=2))
    print(f"{messages} messages, {AT_ONCE} at once; CPU ms per message by stage (py-spy, {RATE} Hz)\n")
    for name, stages in result.items():
        print(f"| {name} | ms per message |\n|---|---|")
        for stage, ms in stages.items():
            print(f"| {stage} | {ms} |")
        print()


if __name__ == "__main__":
    main()

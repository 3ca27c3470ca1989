"""p50 for one conversation through the whole stack, and what the pretrained word
features cost per message (issue 14: p50 may grow by no more than 10 ms).

Run: .venv/bin/python -m bench.latency   (make bench runs it; a few minutes, no training)

The stack is ours as `make run` starts it, on the trained model. One claimant goes
through every scripted conversation (bench/conversations.py) ROUNDS times after a
warm-up, unpaced, so the figure is the time one message takes with nothing else
running. The featurizer's cost is the two `embed` calls `WordLlamaFeaturizer.process`
makes for one message (its words, then the whole message), timed on the untouched
real-wording set, so it is what the new features add to each message. Writes
var/bench/latency.json and prints Markdown.
"""

from __future__ import annotations

import asyncio
import json
import re
import statistics
import time
from typing import Any

from bench.load import OUT, our_stack, run_level, via_gateway
from bench.nlu_quality import UNTOUCHED
from bot.ops.settings import load_settings
from bot.rasa_ext.wordllama_featurizer import DEFAULT_CACHE, model_for

ROUNDS = 3
# Close to the spaCy tokenizer's split: the words the featurizer embeds for a message.
WORDS = re.compile(r"\w+|[^\w\s]")


def claimant_messages() -> list[str]:
    from rasa.shared.nlu.training_data.loading import load_data

    return [m.get("text") for m in load_data(str(UNTOUCHED)).intent_examples]


def featurizer_ms_per_message(messages: list[str]) -> dict[str, float]:
    model = model_for(DEFAULT_CACHE)
    model.embed(["warm up"])
    times = []
    for text in messages:
        started = time.perf_counter()
        model.embed(sorted(set(WORDS.findall(text))))
        model.embed([text])
        times.append((time.perf_counter() - started) * 1000)
    return {"messages": len(times), "p50_ms": round(statistics.median(times), 2),
            "max_ms": round(max(times), 2)}  # fmt: skip


def one_conversation_p50() -> dict[str, Any]:
    settings, stack = our_stack(load_settings(), OUT / "latency")
    try:
        stack.start()
        stack.wait_healthy(timeout=400)
        send = via_gateway(f"http://127.0.0.1:{settings.gateway_port}")
        asyncio.run(run_level(send, 1))  # warm-up: first calls load TensorFlow graphs
        latencies: list[float] = []
        errors = 0
        for _ in range(ROUNDS):
            level = asyncio.run(run_level(send, 1))
            latencies += level.latencies
            errors += level.errors
    finally:
        stack.stop()
    return {"messages": len(latencies), "errors": errors, "p50_ms": round(statistics.median(latencies) * 1000, 1)}


def main() -> None:
    result = {"featurizer": featurizer_ms_per_message(claimant_messages()), "one_conversation": one_conversation_p50()}
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "latency.json").write_text(json.dumps(result, indent=2))
    f, c = result["featurizer"], result["one_conversation"]
    print("| Measure | Messages | p50 ms |\n|---|---|---|")
    print(f"| wordllama features for one message (max {f['max_ms']} ms) | {f['messages']} | {f['p50_ms']} |")
    print(f"| one conversation through the stack ({c['errors']} errors) | {c['messages']} | {c['p50_ms']} |")


if __name__ == "__main__":
    main()

"""Conversations that recover (issue 15): of the untouched real-wording messages
(tests/nlu_untouched, never tuned on) that ask for something Signpost does, the
share that reach a useful answer within three turns of their first message.

Run: .venv/bin/python -m bench.repair   (make bench runs it; a few minutes, no training)

Each message opens a new conversation through the gateway of our stack, as `make
run` starts it. The simulated claimant knows what they asked for (the message's
label) and answers as a person would:
- asked for a town: "Leeds";
- offered buttons: taps the one for what they asked for if it is there, else
  "Something else" if offered, else says the message again in the same words;
- anything else: says the message again.
A useful answer is a service's details, a fact (the cap, the Fund, childcare
costs), the urgent contacts, the skills check under way, a private room noted,
or a Work Coach's handoff reference. Writes var/bench/repair.json and prints
the share, with the messages that did not get there.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from typing import Any

import yaml

from actions.repair import SOMETHING_ELSE_PAYLOAD
from actions.responses import menu
from bench.load import OUT, our_stack
from bench.nlu_quality import UNTOUCHED
from bot.core.paths import ROOT
from bot.ops.settings import load_settings
from tests.e2e.http import post

TURNS = 3
TOWN = "Leeds"
PHONE = re.compile(r"\b0\d{3}[ \d]{6,9}\b|\b\d{3} \d{3}\b")
SERVICE = ("You can try", "I don't have a local")
URGENT = ("call 999", "116 123", "0808 2000 247")
HANDOFF = "Your reference is"
MENU_TEXT = "Here is what I can do"


def _any(*marks: str) -> Callable[[str], bool]:
    return lambda text: any(m in text for m in marks)


# What counts as useful for each kind of request; a handoff reference always does.
USEFUL: dict[str, Callable[[str], bool]] = {
    # Every explanation of the cap says "the cap" or "capped"; the list of what
    # Signpost can do also names it, so that one is left out.
    "ask_benefit_cap": lambda text: ("the cap" in text or "capped" in text) and not text.startswith(MENU_TEXT),
    "estimate_benefit_cap": _any("Do you get Universal Credit", "the cap"),
    "ask_flexible_support_fund": _any("Flexible Support Fund"),
    "ask_uc_childcare": _any("85%", "childcare costs"),
    "ask_partner_contact": lambda text: bool(PHONE.search(text)) or "website" in text,
    "ask_for_person": _any("Work Coach"),
    "ask_private_room": _any("private"),
    "safeguarding_concern": _any(*URGENT),
    "start_skills_check": _any("Question 1 of"),
}
NEED = _any(*SERVICE, *URGENT)


def requests() -> list[tuple[str, str]]:
    """(message, intent) for every untouched message that asks for something Signpost does."""
    from rasa.shared.nlu.training_data.loading import load_data

    wanted = {*USEFUL, *(i for i in menu(_domain()) if i.startswith("need_"))}
    examples = load_data(str(UNTOUCHED)).intent_examples
    return [(m.get("text"), m.get("intent")) for m in examples if m.get("intent") in wanted]


def _domain() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "domain.yml").read_text())


def useful(intent: str, texts: list[str]) -> bool:
    test = USEFUL.get(intent, NEED)
    return any(HANDOFF in t or test(t) for t in texts)


def next_message(message: str, intent: str, replies: list[dict[str, Any]]) -> str:
    if any("Which town or council area" in (r.get("text") or "") for r in replies):
        return TOWN
    payloads = [b.get("payload") for r in replies for b in r.get("buttons") or []]
    if f"/{intent}" in payloads:
        return f"/{intent}"
    if SOMETHING_ELSE_PAYLOAD in payloads:
        return SOMETHING_ELSE_PAYLOAD
    return message


def converse(url: str, message: str, intent: str) -> int | None:
    """The turn (1 to TURNS) at which the answer was useful, or None."""
    session = "bench-repair-" + os.urandom(6).hex()
    said = message
    for turn in range(1, TURNS + 1):
        status, data = post(f"{url}/api/chat", {"session": session, "message": said})
        replies = data.get("messages") or [] if status == 200 else []
        if useful(intent, [r.get("text") or "" for r in replies]):
            return turn
        said = next_message(message, intent, replies)
    return None


def main() -> None:
    settings, stack = our_stack(load_settings(), OUT / "repair")
    asked = requests()
    try:
        stack.start()
        stack.wait_healthy(timeout=400)
        url = f"http://127.0.0.1:{settings.gateway_port}"
        reached = {message: converse(url, message, intent) for message, intent in asked}
    finally:
        stack.stop()
    missed = [(m, i) for m, i in asked if reached[m] is None]
    by_turn = {t: sum(1 for v in reached.values() if v == t) for t in range(1, TURNS + 1)}
    result = {"conversations": len(asked), "useful_within_3": len(asked) - len(missed),
              "share": round((len(asked) - len(missed)) / len(asked), 3), "by_turn": by_turn,
              "missed": [{"message": m, "intent": i} for m, i in missed]}  # fmt: skip
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "repair.json").write_text(json.dumps(result, indent=2))
    print(f"Useful answer within {TURNS} turns: {result['useful_within_3']} of {len(asked)} ({result['share']:.1%}); "
          f"by turn {by_turn}")  # fmt: skip
    for m, i in missed:
        print(f"  not reached ({i}): {m[:100]}")


if __name__ == "__main__":
    main()

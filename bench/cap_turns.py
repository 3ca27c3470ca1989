"""Messages from a first request to a benefit cap estimate (issue 15), for claimants
who answer in whole sentences, against the number of facts the rules need for
their household (bot/money_help/benefit_cap/questions.py).

Run: .venv/bin/python -m bench.cap_turns   (make bench runs it; about a minute, no training)

Each household below is invented. Its claimant opens a new conversation through
the gateway of our stack (as `make run` starts it) with their first message, then
answers each question with their sentence for it, the way people write: a whole
sentence that often says more than was asked ("we get housing benefit, it's me,
my husband and our three kids in Leeds"). The sentences were written for this
benchmark on 2026-12-03 together with the readers they test, so they show what
the readers can do, not how well they generalise. Writes var/bench/cap_turns.json.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field

from bench.load import OUT, our_stack
from bot.ops.settings import load_settings
from tests.e2e.http import post

MAX_MESSAGES = 20
OFFER = "offer"
YES_PLEASE = "yes please"
# Which question a reply asks, by words only that question uses.
QUESTIONS = (
    ("cap_scheme", "Do you get Universal Credit"),
    ("cap_exempt", "Do you, your partner, or a child under 18 who lives with you get one of these"),
    ("cap_household", "Who lives with you?"),
    ("cap_london", "Do you live in Greater London?"),
    ("cap_earnings", "How much do you earn each month"),
    ("cap_grace", "In the last "),
    ("cap_total", "How much are your benefits in total"),
    ("cap_confirm", "Here is what you told me"),
    # Asked about the cap rather than for an estimate: the explanation, then this offer.
    (OFFER, "Would you like me to estimate the cap"),
)
RESULT = (
    "over the cap of",
    "under the cap of",
    "exactly at the cap",
    "so the cap does not apply",
    "the cap should not apply",
    "gets a benefit that stops the cap",
)


@dataclass(frozen=True)
class Claimant:
    name: str
    facts: int  # what the rules need for this household: the answers to its questions
    first: str
    says: dict[str, str] = field(default_factory=dict)


CLAIMANTS = (
    Claimant(
        "single parent in Hackney on Universal Credit, working part time, capped",
        7,  # scheme, exempt, household, London (from the area), earnings, grace, total
        "im a single mum in hackney on universal credit, can you work out if the benefit cap hits me",
        {
            "cap_scheme": "I'm on universal credit",
            "cap_exempt": "no, nobody here gets any of them",
            "cap_household": "it's me and my two kids",
            "cap_london": "yes I live in Hackney",
            "cap_earnings": "I get about six hundred a month from my job after tax",
            "cap_grace": "no I haven't stopped work, I've been at the same job for ages",
            "cap_total": "all my benefits come to about 2300 a month in total",
            "cap_confirm": "yes that's all right",
        },
    ),
    Claimant(
        "couple with three children in Leeds on Housing Benefit",
        6,  # scheme, exempt, household, London (from the area), grace, total
        "can you estimate the benefit cap for us",
        {
            "cap_scheme": "we get housing benefit and tax credits, it's me, my husband and our three kids in Leeds",
            "cap_exempt": "no we don't get any of those",
            "cap_household": "me, my husband and the three kids",
            "cap_london": "no, we're in Leeds",
            "cap_grace": "no, neither of us has worked for a couple of years",
            "cap_total": "altogether it's about 500 a week",
            "cap_confirm": "yes",
        },
    ),
    Claimant(
        "single man in Manchester on Universal Credit, not working",
        7,
        "will the benefit cap affect me? I live on my own in Manchester and I'm on universal credit",
        {
            "cap_scheme": "universal credit",
            "cap_exempt": "no I don't get anything like that",
            "cap_household": "just me",
            "cap_london": "no, Manchester",
            "cap_earnings": "nothing, I'm not working at the moment",
            "cap_grace": "no",
            "cap_total": "my universal credit is about 1100 a month",
            "cap_confirm": "yes that's right",
        },
    ),
    Claimant(
        "couple where one gets PIP: not affected",
        2,  # scheme, exempt
        "we're on universal credit and my partner gets PIP, does the benefit cap apply to us",
        {
            "cap_scheme": "universal credit",
            "cap_exempt": "yeah my partner gets PIP",
            "cap_confirm": "yes",
        },
    ),
    Claimant(
        "lone parent who lost her job five months ago: a grace period",
        7,
        "I lost my job in the summer and now I'm on universal credit with my daughter in Bristol. Will the cap hit me?",
        {
            "cap_scheme": "universal credit",
            "cap_exempt": "no",
            "cap_household": "me and my daughter",
            "cap_london": "no, Bristol",
            "cap_earnings": "nothing now, I was made redundant",
            "cap_grace": "yes, I worked there for three years full time before I lost it",
            "cap_total": "about 1900 a month",
            "cap_confirm": "yes",
        },
    ),
    Claimant(
        "couple with one child in Croydon on Universal Credit, earning enough",
        7,
        "we're a couple with one kid in Croydon, on universal credit. can you check the benefit cap for us",
        {
            "cap_scheme": "universal credit",
            "cap_exempt": "no",
            "cap_household": "me, my partner and our son",
            "cap_london": "yes, Croydon",
            "cap_earnings": "between us we earn about 1500 a month after tax",
            "cap_grace": "no",
            "cap_total": "around 2500 a month",
            "cap_confirm": "yes",
        },
    ),
)


def asked(texts: list[str]) -> str | None:
    """The estimate question the latest replies end with."""
    for text in reversed(texts):
        for slot, words in QUESTIONS:
            if words in text:
                return slot
    return None


def converse(url: str, claimant: Claimant) -> dict[str, object]:
    session = "bench-cap-" + os.urandom(6).hex()
    said, sent, questions = claimant.first, 0, []
    while sent < MAX_MESSAGES:
        status, data = post(f"{url}/api/chat", {"session": session, "message": said})
        sent += 1
        texts = [m.get("text") or "" for m in (data.get("messages") or [] if status == 200 else [])]
        if any(r in t for t in texts for r in RESULT):
            return {"claimant": claimant.name, "messages": sent, "facts": claimant.facts, "asked": questions}
        slot = asked(texts)
        if slot == OFFER:
            questions.append(slot)
            said = YES_PLEASE
            continue
        if slot is None or slot not in claimant.says:
            return {"claimant": claimant.name, "messages": None, "facts": claimant.facts, "asked": questions,
                    "stuck_on": texts[-1:] }  # fmt: skip
        questions.append(slot)
        said = claimant.says[slot]
    return {"claimant": claimant.name, "messages": None, "facts": claimant.facts, "asked": questions}


def main() -> None:
    settings, stack = our_stack(load_settings(), OUT / "cap_turns")
    try:
        stack.start()
        stack.wait_healthy(timeout=400)
        url = f"http://127.0.0.1:{settings.gateway_port}"
        runs = [converse(url, c) for c in CLAIMANTS]
    finally:
        stack.stop()
    within = [r for r in runs if r["messages"] is not None and r["messages"] <= r["facts"]]  # type: ignore[operator]
    result = {"claimants": len(runs), "within_facts": len(within), "runs": runs}
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "cap_turns.json").write_text(json.dumps(result, indent=2))
    print(f"Estimates reached in no more messages than facts needed: {len(within)} of {len(runs)}")
    for r in runs:
        print(f"  {r['messages']} messages for {r['facts']} facts: {r['claimant']} (asked {', '.join(r['asked'])})"  # type: ignore[arg-type]
              + (f"; stuck on {r['stuck_on']}" if r.get("stuck_on") else ""))  # fmt: skip


if __name__ == "__main__":
    main()

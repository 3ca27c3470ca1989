"""Scripted, realistic conversations for load: what claimants type and tap.

Each script is a list of turns. A turn is either text (typed, or a button's
payload) or `FIRST_BUTTON`/`SECOND_BUTTON`, meaning "tap that answer button of
the last reply", as someone going through the skills check would. The same
scripts drive the benchmark (bench/load.py) and the scale-out tests.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

FIRST_BUTTON = 0
SECOND_BUTTON = 1

Turn = str | int

SIGNPOSTING: list[Turn] = [
    "hello",
    "I'm behind with my council tax and my gas bill",
    "Leeds",
    "can you also help me find childcare",
    "I need help with my CV and finding work",
    "thank you, that's everything",
]

CAP_ESTIMATE: list[Turn] = [
    "what is the benefit cap",
    "/estimate_benefit_cap",
    "Universal Credit",
    "no",
    "me and my children",
    "no",
    "nothing",
    "no",
    "£2,000 a month",
    "yes",
    "can they pay for my bus fare to an interview",
]

# Fourteen questions, each answered with a tap, then the area, then whether to keep
# the results for next time (issue 19).
ASSESSMENT: list[Turn] = [
    "can you check my online skills",
    *[FIRST_BUTTON if i % 3 else SECOND_BUTTON for i in range(14)],
    "Cardiff",
    "No, thank you",
]

SCRIPTS: dict[str, list[Turn]] = {"signposting": SIGNPOSTING, "cap_estimate": CAP_ESTIMATE, "assessment": ASSESSMENT}

# Twenty different things to say in a row, for the scale-out tests: every one
# distinct, so the tracker shows whether any was lost or came out of order.
TWENTY_TURNS: list[str] = [
    "hello",
    "I need help with debt",
    "Leeds",
    "what is the benefit cap",
    "can I get help with childcare costs",
    "what is the flexible support fund",
    "can they pay for work clothes",
    "I need somewhere to live",
    "I want help with my mental health",
    "where can I learn to use a computer",
    "are you a robot",
    "what can you do",
    "I need benefits advice",
    "can you help me get a job",
    "I have no data on my phone",
    "thanks",
    "I need help with my rent",
    "Bradford",
    "what help is there for carers",
    "goodbye",
]


# Conversations of 20 turns for the load bench (issue 21: claimants' conversations are
# 10 to 25 turns, and the tracker's cost grows with the length): the short scripts
# above run on into more questions in the same conversation.
LONG_SCRIPTS: dict[str, list[Turn]] = {
    "signposting_then_cap": [
        *SIGNPOSTING, *CAP_ESTIMATE, "what is the flexible support fund", "can they pay for work clothes", "goodbye",
    ],
    "assessment_then_rent": [*ASSESSMENT, "I need help with my rent", "Bradford", "thanks"],
    "twenty_questions": list(TWENTY_TURNS),
}  # fmt: skip
assert all(len(script) == 20 for script in LONG_SCRIPTS.values())


# Other ways claimants say the same thing (issue 21). Real claimants do not all type
# the same words: a load bench whose every claimant does flatters anything that keeps
# answers to repeated texts (the NLU cache). Each simulated claimant words each typed
# turn their own way: one of these, cased and ended as phones and people do.
# Every variant is read by the model as the same intent as the original (checked by
# tests/e2e/test_bench_wording_live.py), so the conversations keep to their script:
# wordings the model read otherwise ("just me and my children", "help for carers",
# "2000 a month", "nothing at all") were taken out: this is a load bench, not a
# quality one.
SAID_OTHERWISE: dict[str, tuple[str, ...]] = {
    "hello": ("hi", "hiya", "hello there", "good morning", "hey"),
    "I'm behind with my council tax and my gas bill": (
        "im behind on council tax and the gas bill",
        "I owe council tax and I'm behind on my gas",
        "got arrears on my council tax and gas",
        "behind with council tax and gas bills, can you help",
    ),
    "Leeds": ("Leeds", "I live in Leeds", "in Leeds", "Leeds please"),
    "can you also help me find childcare": (
        "I also need childcare",
        "can you help with childcare too",
        "I need to find childcare as well",
    ),
    "I need help with my CV and finding work": (
        "help with my cv and getting a job",
        "I want help to write a CV and find work",
        "can someone help me with my cv",
    ),
    "thank you, that's everything": ("thanks, that's all", "that's everything thanks", "thank you that is all"),
    "what is the benefit cap": (
        "whats the benefit cap",
        "what's the benefit cap",
        "can you explain the benefit cap",
        "what is the cap on benefits",
    ),
    "Universal Credit": ("universal credit", "UC"),
    "no": ("no", "nope", "no"),
    "me and my children": ("me and the kids", "me and my children"),
    "nothing": ("nothing",),
    "£2,000 a month": ("£2000 a month", "£2,000 per month"),
    "yes": ("yes", "yeah", "yes please", "yep"),
    "can they pay for my bus fare to an interview": (
        "can I get help with my bus fare to an interview",
        "will they pay my bus fare for a job interview",
        "can you help with the bus fare to get to an interview",
    ),
    "what is the flexible support fund": (
        "whats the flexible support fund",
        "tell me about the flexible support fund",
        "what is the FSF",
    ),
    "can they pay for work clothes": (
        "can I get help buying work clothes",
        "will they pay for clothes for work",
        "can the fund pay for work clothes",
    ),
    "goodbye": ("bye", "bye bye", "goodbye", "see you"),
    "can you check my online skills": (
        "check my computer skills",
        "can you test my online skills",
        "I want to check my digital skills",
    ),
    "Cardiff": ("Cardiff", "I'm in Cardiff", "Cardiff please"),
    "No, thank you": ("no thanks", "No thank you", "no thank you"),
    "I need help with my rent": ("help with my rent please", "I can't pay my rent", "I need help paying rent"),
    "Bradford": ("Bradford", "I live in Bradford", "Bradford please"),
    "thanks": ("thank you", "thanks a lot", "cheers", "ta"),
    "I need help with debt": ("I'm in debt", "help with my debts", "I need debt advice", "I owe money and need help"),
    "can I get help with childcare costs": (
        "help paying for childcare",
        "can i get help to pay for childcare",
        "childcare costs help",
    ),
    "I need somewhere to live": ("I need a place to live", "I need housing", "I need a home"),
    "I want help with my mental health": (
        "help with my mental health",
        "I need support with my mental health",
        "I'm struggling with my mental health",
    ),
    "where can I learn to use a computer": (
        "where can I learn computers",
        "I want to learn how to use a computer",
        "computer classes near me",
    ),
    "are you a robot": ("are you a bot", "am I talking to a robot", "is this a real person"),
    "what can you do": ("what can you help with", "what do you do", "how can you help me"),
    "I need benefits advice": ("I need advice about benefits", "benefits advice please", "help with my benefits"),
    "can you help me get a job": ("I need a job", "help me find a job", "I want to find work"),
    "I have no data on my phone": ("no data on my phone", "my phone has no data", "I've run out of data"),
    "what help is there for carers": ("what help is there for carers", "What help is there for carers"),
}
# How phones and people type: the first letter capitalised (most phones do it), as
# typed, or all lower case; and an ending (not "?": a question mark after an answer
# such as "Universal Credit?" is read as not understood, which would take the
# conversation off its script).
_CASES = (lambda s: s[:1].upper() + s[1:], lambda s: s, str.lower)
_ENDINGS = ("", "", ".", "!")


def in_own_words(text: str, rng: random.Random) -> str:
    """A text as a claimant might type it: a button's payload ("/...") as it is; a typed
    text in one of its wordings, cased and ended at random (`rng` is the claimant's, so
    every stack in a run is sent the same texts)."""
    if text.startswith("/"):
        return text
    wording = rng.choice((text, *SAID_OTHERWISE.get(text, ())))
    ending = rng.choice(_ENDINGS) if wording[-1:].isalnum() else ""
    return rng.choice(_CASES)(wording) + ending


def choose(turn: Turn, last_reply: Sequence[dict[str, Any]]) -> str:
    """The text to send for a turn, given the assistant's last messages."""
    if isinstance(turn, str):
        return turn
    buttons = [b for message in last_reply for b in message.get("buttons", [])]
    if not buttons:
        raise ValueError(f"the script wanted button {turn + 1}, but the last reply had none: {last_reply}")
    return buttons[min(turn, len(buttons) - 1)]["payload"]

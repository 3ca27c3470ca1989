"""Scripted, realistic conversations for load: what claimants type and tap.

Each script is a list of turns. A turn is either text (typed, or a button's
payload) or `FIRST_BUTTON`/`SECOND_BUTTON`, meaning "tap that answer button of
the last reply", as someone going through the skills check would. The same
scripts drive the benchmark (bench/load.py) and the scale-out tests.
"""

from __future__ import annotations

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


def choose(turn: Turn, last_reply: Sequence[dict[str, Any]]) -> str:
    """The text to send for a turn, given the assistant's last messages."""
    if isinstance(turn, str):
        return turn
    buttons = [b for message in last_reply for b in message.get("buttons", [])]
    if not buttons:
        raise ValueError(f"the script wanted button {turn + 1}, but the last reply had none: {last_reply}")
    return buttons[min(turn, len(buttons) - 1)]["payload"]

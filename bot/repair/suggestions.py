"""Which needs to offer back when the model is not sure ("Did you mean …?").

Rules, in order:
1. Only what the menu offers can be suggested: a suggestion is a menu button, so
   tapping it does exactly what tapping that button does anywhere else.
2. The model's ranking orders them, most likely first; at most MOST are offered,
   so the choice stays short on a phone.
3. The likeliest must reach LEAD, or nothing is offered: "hmm" scores a tenth for
   work and skills, and asking "Did you mean work and skills?" of it is worse than
   the menu.
4. After the lead, a guess below FLOOR is left out: there the model is guessing.
5. No suggestion at all means the full menu, as before.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

MOST = 3
# The ranking shares one unit of confidence over about 30 intents: a tenth is
# three times an even share, a fifth six times.
LEAD = 0.2
FLOOR = 0.1


@dataclass(frozen=True)
class Choice:
    title: str
    payload: str


def suggest(ranking: Iterable[tuple[str, float]], menu: Mapping[str, str]) -> list[Choice]:
    """`ranking`: (intent, confidence) from the model, any order; `menu`: intent → button title."""
    ordered = sorted(ranking, key=lambda pair: -pair[1])
    chosen: list[Choice] = []
    for intent, confidence in ordered:
        if len(chosen) == MOST or confidence < (FLOOR if chosen else LEAD):
            break
        if intent in menu and all(c.payload != f"/{intent}" for c in chosen):
            chosen.append(Choice(menu[intent], f"/{intent}"))
    return chosen

"""Short answers read against the last question's buttons (issue 15): "the first
one", "2", "the last one", "yes" to a question whose buttons are a yes and a no.

A reply like that means nothing on its own, so the model cannot read it; the
question it answers can. Rules, in order:
1. A button's own title, typed, is that button.
2. A position: "the first one", "number 2", "option two", "2", "the second",
   "the last one". Only whole short messages count: "I have 2 kids" is not a
   position, and a bare number is not one where the question asks for an amount.
3. "Yes" or "no" where exactly one button says yes (or no) in its title.
Anything else is not a reference, and None is returned.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from bot.core.fields import contains_phrase, normalise_answer

Button = Mapping[str, Any]

_ORDINALS = {
    "first": 1, "1st": 1, "one": 1, "1": 1, "top": 1,
    "second": 2, "2nd": 2, "two": 2, "2": 2,
    "third": 3, "3rd": 3, "three": 3, "3": 3,
    "fourth": 4, "4th": 4, "four": 4, "4": 4,
    "fifth": 5, "5th": 5, "five": 5, "5": 5,
    "sixth": 6, "6th": 6, "six": 6, "6": 6,
    "last": -1, "bottom": -1,
}  # fmt: skip
_POSITION = re.compile(
    r"^(?:(?:i want|i ll have|ill have|id like|i choose|i pick|pick|choose|go for|go with|i mean|i meant|"
    r"please|err|um|erm|ok|okay)\s+)*"
    r"(?:(?:the|that|number|option|choice|button)\s+)*"
    r"(?P<word>[a-z0-9]+)"
    r"(?:\s+(?:one|option|choice|button|thing))?(?:\s+please)?$"
)
_YES = ("yes", "yeah", "yep", "yes please", "yh", "ye", "aye", "ok", "okay", "sure", "please", "go on")
_NO = ("no", "nope", "nah", "no thanks", "no thank you", "not really", "no ta")


def _yes_no(text: str) -> str | None:
    if text in _YES:
        return "yes"
    if text in _NO:
        return "no"
    return None


def _says(title: str, word: str) -> bool:
    return contains_phrase(normalise_answer(title), word)


def pick_button(text: str | None, buttons: Sequence[Button], bare_numbers: bool = True) -> Button | None:
    """The button a short reply means, or None if it does not name one.
    `bare_numbers=False` where the question asks for an amount: there "2" is £2."""
    if not buttons:
        return None
    clean = normalise_answer(text or "")
    if not clean:
        return None
    for button in buttons:
        if normalise_answer(str(button.get("title", ""))) == clean:
            return button

    match = _POSITION.match(clean)
    word = match.group("word") if match else None
    # "one" alone is what people say for other things ("have you got one?"): only "the first one".
    if word in _ORDINALS and clean != "one" and not (clean == word and word.isdigit() and not bare_numbers):
        position = _ORDINALS[word]
        index = position - 1 if position > 0 else len(buttons) - 1
        return buttons[index] if 0 <= index < len(buttons) else None

    answer = _yes_no(clean)
    if answer is not None:
        said = [b for b in buttons if _says(str(b.get("title", "")), answer)]
        return said[0] if len(said) == 1 else None
    return None

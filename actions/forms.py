"""A form validator where one method reads many slots of the same kind."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

MAX_REASKS = 2


def ask_again_or_give_up(
    slot: str,
    counter: str,
    unknown: Any,
    tracker: Tracker,
    dispatcher: CollectingDispatcher,
    sorry: str,
    give_up: str,
    may_give_up: bool = True,
) -> dict[str, Any]:
    """An answer we could not read: ask again, at most MAX_REASKS times, then record it
    as unknown. A question that must be answered (may_give_up=False) is asked until it is."""
    reasks = int(tracker.get_slot(counter) or 0) + 1
    if reasks > MAX_REASKS and may_give_up:
        dispatcher.utter_message(text=give_up)
        return {slot: unknown, counter: 0}
    dispatcher.utter_message(text=sorry)
    return {slot: None, counter: reasks}


class ValidatesBySlot:
    """Mix into a FormValidationAction. Rasa SDK looks up `validate_<slot>` by name;
    for every slot that `reads(slot)` accepts, this answers with `read_slot`."""

    def reads(self, slot: str) -> bool:
        raise NotImplementedError

    def read_slot(self, slot: str, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker) -> dict[str, Any]:
        raise NotImplementedError

    def __getattr__(self, name: str) -> Any:
        slot = name.removeprefix("validate_")
        if slot == name or not self.reads(slot):
            raise AttributeError(name)

        async def validate(
            value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
        ) -> dict[str, Any]:
            return self.read_slot(slot, value, dispatcher, tracker)

        return validate

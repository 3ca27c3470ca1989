"""A form validator where one method reads many slots of the same kind."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict


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

"""Form validation shared by the forms: one method reads many slots of the same kind."""

from __future__ import annotations

from abc import abstractmethod
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict
from rasa_sdk.utils import call_potential_coroutine

from bot.repair.references import pick_button

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


def last_buttons(tracker: Tracker) -> list[dict[str, Any]]:
    """The buttons of the last question asked before the latest message."""
    seen_latest = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            if seen_latest:
                return []
            seen_latest = True
        elif event.get("event") == "bot" and seen_latest:
            buttons = (event.get("data") or {}).get("buttons")
            if buttons:
                return list(buttons)
    return []


class SlotReadingForm(FormValidationAction):
    """A form whose answers are read by one method, `read_slot`, for every slot that
    `reads(slot)` accepts; other slots use Rasa SDK's `validate_<slot>` methods as usual.

    This is Rasa SDK's own `get_validation_events` loop with that one lookup added."""

    @abstractmethod
    def name(self) -> str:
        """Abstract, so that the action server registers only the forms built on this."""

    def reads(self, slot: str) -> bool:
        return False

    def read_slot(self, slot: str, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker) -> dict[str, Any]:
        raise NotImplementedError(slot)

    def numbers_are_answers(self, slot: str) -> bool:
        """True where the question asks for an amount, so "2" is not the second button."""
        return False

    def _as_button(self, slot: str, value: Any, tracker: Tracker) -> Any:
        """ "The first one", "2" or "yes" to the question just asked: what its button sends."""
        if not isinstance(value, str) or slot != tracker.get_slot("requested_slot"):
            return value
        button = pick_button(value, last_buttons(tracker), bare_numbers=not self.numbers_are_answers(slot))
        return button.get("payload", value) if button else value

    async def get_validation_events(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        required = await self.required_slots(self.domain_slots(domain), dispatcher, tracker, domain)
        slots: dict[str, Any] = {k: v for k, v in tracker.slots_to_validate().items() if k in required}
        for name, value in list(slots.items()):
            if self.reads(name):
                output: Any = self.read_slot(name, self._as_button(name, value, tracker), dispatcher, tracker)
            else:
                method = getattr(self, f"validate_{name.replace('-', '_')}", None)
                if method is None:
                    continue
                output = await call_potential_coroutine(method(value, dispatcher, tracker, domain))
            if isinstance(output, dict):
                slots.update(output)
                # As Rasa SDK does: later readers see what earlier ones set.
                tracker.slots.update(output)
        return [SlotSet(slot, value) for slot, value in slots.items()]

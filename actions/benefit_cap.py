"""Actions for the benefit cap (explanations and the estimate form), the
Flexible Support Fund and Universal Credit childcare costs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import deps
from actions.area import claimant_area
from actions.forms import ValidatesBySlot, ask_again_or_give_up
from actions.handoff import hand_off
from bot import benefit_cap_talk as talk
from bot import flexible_support_fund as fsf
from bot import uc_childcare
from bot.benefit_cap import (
    LEGACY,
    UC,
    CapFacts,
    CapInput,
    CapInputError,
    earnings_too_high,
    estimate,
    total_too_high,
)
from bot.money import MONTH, Money

CAP_SLOTS = (
    "cap_scheme",
    "cap_exempt",
    "cap_household",
    "cap_london",
    "cap_earnings",
    "cap_grace",
    "cap_total",
    "cap_confirm",
)
YES_NO = [{"title": "Yes", "payload": "yes"}, {"title": "No", "payload": "no"}]
DONT_KNOW = [{"title": "I don't know", "payload": "I don't know"}]


def _today() -> dt.date:
    return dt.date.today()


def _in_london(tracker: Tracker) -> bool | None:
    area = claimant_area(tracker)
    if area is not None:
        return area.greater_london
    answer = tracker.get_slot("cap_london")
    return None if answer in (None, talk.UNKNOWN) else answer == "yes"


def _money(value: Any) -> Money | None:
    if isinstance(value, dict) and "amount" in value:
        return Money(Decimal(str(value["amount"])), value.get("period"))
    return None


# --- Asking -----------------------------------------------------------------


def _question(slot: str, facts: CapFacts, tracker: Tracker) -> tuple[str, list[dict[str, str]]]:
    scheme = tracker.get_slot("cap_scheme")
    if slot == "cap_scheme":
        buttons = [
            {"title": "Universal Credit", "payload": "Universal Credit"},
            {"title": "Housing Benefit and other benefits", "payload": "Housing Benefit"},
            {"title": "Neither", "payload": "neither"},
        ]
        return "Do you get Universal Credit, or Housing Benefit with other benefits?", buttons + DONT_KNOW
    if slot == "cap_exempt":
        listed = ", ".join(facts.exempting_benefits)
        return (
            f"Does anyone in your home get one of these: {listed}? "
            "Or, on Universal Credit, the LCWRA or carer element? Or have you reached State Pension age?",
            YES_NO + DONT_KNOW,
        )
    if slot == "cap_household":
        return "Who lives with you?", [
            {"title": "Just me", "payload": "just me"},
            {"title": "Me and my partner", "payload": "me and my partner"},
            {"title": "Me and my children", "payload": "me and my children"},
            {"title": "My partner, me and children", "payload": "partner and children"},
        ]
    if slot == "cap_london":
        return "Do you live in Greater London?", YES_NO
    if slot == "cap_earnings":
        return (
            "How much do you earn each month, after tax? Add your partner's pay if you have a partner. "
            "Say 'nothing' if you don't work.",
            [{"title": "Nothing", "payload": "nothing"}, *DONT_KNOW],
        )
    if slot == "cap_grace":
        if scheme == UC:
            threshold = facts.threshold_on(_today())
            amount = threshold.text if threshold else "enough"
            text = (
                "In the last 9 months, did you stop work or start earning less, "
                f"after a year of earning at least {amount} a month?"
            )
        else:
            text = "In the last 39 weeks, did you stop work, after working for at least 50 of the 52 weeks before?"
        return text, YES_NO + DONT_KNOW
    if slot == "cap_total":
        if scheme == LEGACY:
            text = (
                "How much are your benefits in total each week? Add your Housing Benefit, any JSA, ESA or "
                "Income Support, Child Benefit and Child Tax Credit."
            )
        else:
            text = (
                "How much are your benefits in total each month, before any deductions? "
                "Add your Universal Credit, Child Benefit and any other benefits."
            )
        return text, DONT_KNOW
    assert slot == "cap_confirm"
    slots = tracker.current_slot_values()
    return talk.summary(slots, _in_london(tracker)), [
        {"title": "Yes, that's right", "payload": "yes"},
        {"title": "Change something", "payload": "no"},
    ]


class _AskCap:
    slot: str

    def name(self) -> str:
        return f"action_ask_{self.slot}"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        text, buttons = _question(self.slot, deps.knowledge().benefit_cap, tracker)
        dispatcher.utter_message(text=text, buttons=buttons)
        return []


for _slot in CAP_SLOTS:
    _cls = type(f"Ask_{_slot}", (_AskCap, Action), {"slot": _slot})
    globals()[_cls.__name__] = _cls


# --- Validating -------------------------------------------------------------

Reader = Callable[[Any], Any]
READERS: dict[str, Reader] = {
    "cap_scheme": talk.read_scheme,
    "cap_exempt": talk.read_yes_no,
    "cap_household": talk.read_household,
    "cap_london": talk.read_yes_no,
    "cap_earnings": talk.read_amount,
    "cap_grace": talk.read_yes_no,
    "cap_total": talk.read_amount,
    "cap_confirm": talk.read_yes_no,
}


class ValidateCapForm(ValidatesBySlot, FormValidationAction):
    def name(self) -> str:
        return "validate_cap_form"

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[str]:
        scheme = tracker.get_slot("cap_scheme")
        if scheme in (talk.NEITHER, talk.UNKNOWN):
            return ["cap_scheme"]
        if tracker.get_slot("cap_exempt") == "yes":
            return ["cap_scheme", "cap_exempt"]
        slots = ["cap_scheme", "cap_exempt", "cap_household"]
        if _in_london(tracker) is None or tracker.get_slot("cap_london") is not None:
            slots.append("cap_london")
        if scheme != LEGACY:
            slots.append("cap_earnings")
        slots += ["cap_grace", "cap_total", "cap_confirm"]
        return slots

    def reads(self, slot: str) -> bool:
        return slot in READERS

    def read_slot(self, slot: str, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker) -> dict[str, Any]:
        answer = READERS[slot](value if isinstance(value, str) else None)
        if slot in ("cap_total", "cap_earnings") and isinstance(answer, dict):
            money = _money(answer)
            assert money is not None
            too_high = total_too_high(money) if slot == "cap_total" else earnings_too_high(money.per(MONTH))
            if too_high:
                dispatcher.utter_message(
                    text="That looks too high. Please check the amount, and say if it is a week or a month."
                )
                return {slot: None}
        if slot == "cap_confirm" and answer == "no":
            dispatcher.utter_message(text="OK, let's go through it again.")
            return dict.fromkeys(CAP_SLOTS) | {"cap_reasks": 0}
        if slot == "cap_confirm" and answer == talk.UNKNOWN:
            answer = None
        if answer is not None:
            return {slot: answer, "cap_reasks": 0}
        return ask_again_or_give_up(
            slot,
            "cap_reasks",
            talk.UNKNOWN,
            tracker,
            dispatcher,
            sorry="Sorry, I didn't understand that. Please choose a button, or type your answer.",
            give_up="Let's leave that one.",
            may_give_up=slot != "cap_confirm",  # the read-back must be confirmed or changed
        )


# --- The estimate -----------------------------------------------------------


class ActionCapEstimate(Action):
    def name(self) -> str:
        return "action_cap_estimate"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        facts = deps.knowledge().benefit_cap
        scheme = tracker.get_slot("cap_scheme")
        clear = [SlotSet(slot, None) for slot in CAP_SLOTS]
        if scheme == talk.NEITHER:
            dispatcher.utter_message(text=facts.applied_neither)
            return [*clear, SlotSet("cap_estimate", {"outcome": "not_affected", "reason": facts.applied_neither})]
        if scheme not in (UC, LEGACY):
            dispatcher.utter_message(
                text="To estimate, I need to know if you get Universal Credit or Housing Benefit. "
                "Your award letter says which. Here is how the cap works."
            )
            for text in talk.explain(facts, "general", _today()):
                dispatcher.utter_message(text=text)
            return clear

        earnings = _money(tracker.get_slot("cap_earnings"))
        inp = CapInput(
            household=tracker.get_slot("cap_household") or "",
            in_london=bool(_in_london(tracker)),
            scheme=scheme,
            on=_today(),
            total=_money(tracker.get_slot("cap_total")),
            earnings_monthly=earnings.per(MONTH) if earnings else None,
            exempt_benefit=tracker.get_slot("cap_exempt") == "yes",
            grace_period=tracker.get_slot("cap_grace") == "yes",
        )
        try:
            result = estimate(facts, inp)
        except CapInputError as err:
            dispatcher.utter_message(text=f"Sorry, I can't estimate that: the {err.field} {err.reason}.")
            return clear
        for text in talk.result_messages(facts, result, scheme, inp.on):
            dispatcher.utter_message(text=text)
        record = {
            "outcome": result.outcome,
            "reason": result.reason,
            "period": result.period,
            "cap": str(result.cap) if result.cap is not None else None,
            "total": str(result.total) if result.total is not None else None,
            "difference": str(result.difference) if result.difference is not None else None,
        }
        events = [*clear, SlotSet("cap_estimate", record)]
        return [*events, *await hand_off(tracker, dispatcher, "Finished a benefit cap estimate", events)]


class ActionExplainBenefitCap(Action):
    def name(self) -> str:
        return "action_explain_benefit_cap"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        topic = talk.cap_topic(tracker.latest_message.get("text"))
        for text in talk.explain(deps.knowledge().benefit_cap, topic, _today()):
            dispatcher.utter_message(text=text)
        return []


class ActionExplainFsf(Action):
    def name(self) -> str:
        return "action_explain_fsf"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        facts = deps.knowledge().fsf
        question = facts.match(tracker.latest_message.get("text"))
        for text in fsf.explain(facts, question):
            dispatcher.utter_message(text=text)
        note = fsf.interest_note(question)
        interest = list(tracker.get_slot("fsf_interest") or [])
        if note not in interest:
            interest.append(note)
        return [SlotSet("fsf_interest", interest)]


class ActionExplainUcChildcare(Action):
    def name(self) -> str:
        return "action_explain_uc_childcare"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        for text in uc_childcare.explain(deps.knowledge().childcare, _today()):
            dispatcher.utter_message(text=text)
        return []

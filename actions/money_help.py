"""Actions for money help: the benefit cap (explanations and the estimate form),
the Flexible Support Fund and Universal Credit childcare costs. Glue only: the
questions, readers and words are in bot/money_help/."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import deps
from actions.area import area_in_message, claimant_area
from actions.forms import SlotReadingForm, ask_again_or_give_up
from actions.handoff import hand_off, user_events
from actions.insight import count
from bot.core.money import MONTH
from bot.insight.rules import FSF
from bot.money_help import replies
from bot.money_help.benefit_cap import answers, questions
from bot.money_help.benefit_cap import replies as cap_replies
from bot.money_help.benefit_cap.estimate import (
    LEGACY,
    UC,
    CapInputError,
    earnings_too_high,
    estimate,
    total_too_high,
)
from bot.money_help.benefit_cap.facts import SINGLE
from bot.money_help.flexible_support_fund import add_interest


def _today() -> dt.date:
    return dt.date.today()


def _in_london(tracker: Tracker) -> bool | None:
    area = claimant_area(tracker)
    if area is not None:
        return area.greater_london
    answer = tracker.get_slot("cap_london")
    return None if answer in (None, answers.UNKNOWN) else answer == "yes"


# --- Asking: Rasa calls action_ask_<slot> by name, so each question has its class.


class AskCapQuestion:
    """Mixed into one Action per question (a mixin, so the action server does not
    register it on its own)."""

    slot: str

    def name(self) -> str:
        return f"action_ask_{self.slot}"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        read_back = ""
        if self.slot == "cap_confirm" and tracker.get_slot("cap_changing"):
            text, buttons = cap_replies.change_question(
                questions.required_slots(tracker.current_slot_values(), _in_london(tracker))
            )
            dispatcher.utter_message(text=text, buttons=buttons)
            return []
        if self.slot == "cap_confirm":
            read_back = cap_replies.summary(tracker.current_slot_values(), _in_london(tracker))
        text, buttons = cap_replies.question(
            self.slot, deps.knowledge().benefit_cap, tracker.get_slot("cap_scheme"), _today(), read_back
        )
        dispatcher.utter_message(text=text, buttons=buttons)
        return []


class AskCapScheme(AskCapQuestion, Action):
    slot = "cap_scheme"


class AskCapExempt(AskCapQuestion, Action):
    slot = "cap_exempt"


class AskCapHousehold(AskCapQuestion, Action):
    slot = "cap_household"


class AskCapLondon(AskCapQuestion, Action):
    slot = "cap_london"


class AskCapEarnings(AskCapQuestion, Action):
    slot = "cap_earnings"


class AskCapGrace(AskCapQuestion, Action):
    slot = "cap_grace"


class AskCapTotal(AskCapQuestion, Action):
    slot = "cap_total"


class AskCapConfirm(AskCapQuestion, Action):
    slot = "cap_confirm"


# --- Validating -------------------------------------------------------------


_AMOUNTS = {"cap_earnings", "cap_total"}


def _implausible(slot: str, answer: Any) -> bool:
    """Earnings no one on the cap has: asked about in turn, never kept out of turn."""
    money = questions.as_money(answer) if slot == "cap_earnings" else None
    return money is not None and earnings_too_high(money.per(MONTH))


class ValidateCapForm(SlotReadingForm):
    def name(self) -> str:
        return "validate_cap_form"

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[str]:
        return questions.required_slots(tracker.current_slot_values(), _in_london(tracker))

    def reads(self, slot: str) -> bool:
        return slot in answers.READERS

    def numbers_are_answers(self, slot: str) -> bool:
        return slot in _AMOUNTS

    def read_slot(self, slot: str, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker) -> dict[str, Any]:
        if slot != "cap_confirm" and (isinstance(value, dict) or value in answers.CODES):
            return {slot: value}  # read already: kept from an earlier message
        text = value if isinstance(value, str) else None
        known = tracker.current_slot_values()
        named = {
            name: answer
            for name, answer in answers.named_answers(text).items()
            if name != slot and not _implausible(name, answer)
        }
        # Answers to questions not yet asked are kept for them, never asked again.
        later = {name: answer for name, answer in named.items() if known.get(name) is None and answer is not None}
        # An answer already given is changed only when the claimant says so, at the read-back,
        # or when an amount names what it is ("I earn 900" when asked for the total).
        changed = {
            name: answer
            for name, answer in named.items()
            if known.get(name) is not None
            and answer != known.get(name)
            and (slot == "cap_confirm" or answers.corrects(text) or {slot, name} <= _AMOUNTS)
            and not (answer is None and known.get(name) == SINGLE)  # "we're not a couple": already so
        }
        if changed:
            dispatcher.utter_message(text=cap_replies.CHANGED)
            return {**later, **changed, slot: None, "cap_changing": False}
        if slot == "cap_confirm" and (tracker.get_slot("cap_changing") or answers.wants_change(text)):
            change = answers.read_change(text)
            if change == "all":
                dispatcher.utter_message(text=cap_replies.START_AGAIN)
                return dict.fromkeys(questions.CAP_SLOTS) | {"cap_reasks": 0, "cap_changing": False}
            if change is not None:
                return {change: None, slot: None, "cap_changing": False}
            if answers.wants_change(text):  # "Change something": which?
                return {slot: None, "cap_changing": True, "cap_reasks": 0}
        said = CollectingDispatcher()  # held back: "sorry" is wrong when the answer was kept
        read = self._read_requested(slot, text, said, tracker)
        if read.get(slot) is None and (later or area_in_message(tracker) is not None):
            # Not an answer to this question, but one to keep: no "sorry", just ask it again.
            dispatcher.utter_message(text=cap_replies.KEPT_FOR_LATER if later else cap_replies.CHANGED)
            return {**later, slot: None}
        dispatcher.messages.extend(said.messages)
        return {**later, **read}

    def _read_requested(
        self, slot: str, text: str | None, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> dict[str, Any]:
        if slot == "cap_total":
            facts = deps.knowledge().benefit_cap
            answer = answers.read_total(text, facts.not_counted_examples, facts.counted_benefits)
            if isinstance(answer, dict) and answer.get("left_out"):
                dispatcher.utter_message(text=cap_replies.left_out(answer["left_out"]))
        else:
            answer = answers.READERS[slot](text)
        if answer == answers.ADULT_HOLDER:  # another adult's benefit: it does not stop the cap
            dispatcher.utter_message(text=cap_replies.ADULT_HOLDER)
            answer = "no"
        if slot in ("cap_total", "cap_earnings") and isinstance(answer, dict):
            money = questions.as_money(answer)
            assert money is not None
            too_high = total_too_high(money) if slot == "cap_total" else earnings_too_high(money.per(MONTH))
            if too_high:
                dispatcher.utter_message(text=cap_replies.TOO_HIGH)
                return {slot: None}
        if slot == "cap_confirm" and answer == "no":
            return {slot: None, "cap_changing": True, "cap_reasks": 0}  # asked which, by action_ask_cap_confirm
        if slot == "cap_confirm" and answer == answers.UNKNOWN:
            answer = None
        if answer is not None:
            return {slot: answer, "cap_reasks": 0}
        return ask_again_or_give_up(
            slot,
            "cap_reasks",
            answers.UNKNOWN,
            tracker,
            dispatcher,
            sorry=cap_replies.GRACE_YES_OR_NO
            if slot == "cap_grace" and answers.says_how_long(text)
            else cap_replies.NOT_UNDERSTOOD,
            give_up=cap_replies.LEAVE_IT,
            may_give_up=slot != "cap_confirm",  # the read-back must be confirmed or changed
        )


class ActionCapIntro(Action):
    """The estimate's opening: what it is, and the answers the request already gave
    ("I'm a single mum on universal credit…"), kept so they are not asked."""

    def name(self) -> str:
        return "action_cap_intro"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        dispatcher.utter_message(response="utter_cap_intro")
        given: dict[str, Any] = {}
        # The request, and the cap question before it when this is a "yes" to the offer.
        for said in _since_cap_question(tracker):
            given |= answers.read_out_of_turn(said)
        return [SlotSet(slot, answer) for slot, answer in given.items() if not _implausible(slot, answer)]


def _since_cap_question(tracker: Tracker) -> list[str]:
    """The texts from the last question about the cap to now, oldest first (at most two)."""
    said = [e for e in user_events(tracker)[-2:] if e.get("text")]
    asked = [
        i for i, e in enumerate(said) if (e.get("parse_data") or {}).get("intent", {}).get("name") == "ask_benefit_cap"
    ]
    return [e["text"] for e in said[asked[-1] :]] if asked else [e["text"] for e in said[-1:]]


# --- The estimate -----------------------------------------------------------


class ActionCapEstimate(Action):
    def name(self) -> str:
        return "action_cap_estimate"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        facts = deps.knowledge().benefit_cap
        scheme = tracker.get_slot("cap_scheme")
        clear = [SlotSet(slot, None) for slot in (*questions.CAP_SLOTS, "cap_changing")]
        if scheme == answers.NEITHER:
            dispatcher.utter_message(text=facts.applied_neither)
            return [*clear, SlotSet("cap_estimate", {"outcome": "not_affected", "reason": facts.applied_neither})]
        if scheme not in (UC, LEGACY):
            dispatcher.utter_message(text=cap_replies.NEED_SCHEME)
            for text in cap_replies.explain(facts, "general", _today()):
                dispatcher.utter_message(text=text)
            return clear

        inp = questions.cap_input(tracker.current_slot_values(), bool(_in_london(tracker)), _today())
        try:
            result = estimate(facts, inp)
        except CapInputError as err:
            dispatcher.utter_message(text=cap_replies.cannot_estimate(err.field, err.reason))
            return clear
        for text in cap_replies.result_messages(facts, result, scheme, inp.on):
            dispatcher.utter_message(text=text)
        record = {
            "outcome": result.outcome,
            "reason": cap_replies.reason(result),
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
        topic = answers.cap_topic(tracker.latest_message.get("text"))
        for text in cap_replies.explain(deps.knowledge().benefit_cap, topic, _today()):
            dispatcher.utter_message(text=text)
        return []


class ActionExplainFsf(Action):
    def name(self) -> str:
        return "action_explain_fsf"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        facts = deps.knowledge().fsf
        question = facts.match(tracker.latest_message.get("text"))
        for text in replies.explain_fsf(facts, question):
            dispatcher.utter_message(text=text)
        await count(tracker, [(FSF, question.id if question else "")])
        return [SlotSet("fsf_interest", add_interest(tracker.get_slot("fsf_interest"), question))]


class ActionExplainUcChildcare(Action):
    def name(self) -> str:
        return "action_explain_uc_childcare"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        for text in replies.explain_uc_childcare(deps.knowledge().childcare, _today()):
            dispatcher.utter_message(text=text)
        return []

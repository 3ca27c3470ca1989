"""Every sentence a claimant can read, from one function, so that all of them can be
checked at once (reading age, a translation) and none hides in code.

It gathers: the responses in domain.yml; every fixed sentence and button title in
each feature's replies.py; each replies function rendered over every entry of the
real knowledge it words (each partner, question, category, topic and outcome); and
the gateway's own messages. Texts from knowledge/ (the facts in words) come in
through the replies that show them.
"""

from __future__ import annotations

import ast
import datetime as dt
import inspect
import types
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

import yaml

from bot.core.money import MONTH, WEEK, Money
from bot.core.paths import ROOT
from bot.digital_skills import replies as skills_replies
from bot.digital_skills.progress import Change
from bot.digital_skills.scoring import ALONE, NOT_YET, WITH_HELP, assess
from bot.digital_skills.scoring import CONFIDENT as ALONE_LEVEL
from bot.digital_skills.scoring import FULL_SUPPORT as FULL_LEVEL
from bot.digital_skills.scoring import SOME_HELP as SOME_LEVEL
from bot.directory.ranking import rank
from bot.handoff import replies as handoff_replies
from bot.knowledge import Knowledge
from bot.money_help import replies as money_replies
from bot.money_help.benefit_cap import replies as cap_replies
from bot.money_help.benefit_cap.answers import TOPICS
from bot.money_help.benefit_cap.estimate import LEGACY, UC, CapInput, estimate
from bot.money_help.benefit_cap.facts import COUPLE_OR_LONE_PARENT, SINGLE
from bot.money_help.benefit_cap.questions import CAP_SLOTS
from bot.privacy import replies as privacy_replies
from bot.privacy.redact import Redacted
from bot.repair import replies as repair_replies
from bot.safeguarding import replies as safeguarding_replies
from bot.signposting import replies as signposting_replies
from bot.triage.rules import digital_flags
from bot.web.messages import ERRORS

REPLY_MODULES: tuple[types.ModuleType, ...] = (
    signposting_replies, skills_replies, cap_replies, money_replies, safeguarding_replies, handoff_replies,
    privacy_replies, repair_replies,
)  # fmt: skip
SAMPLE_REFERENCE = "SGN-4K7QM2PX"


@dataclass(frozen=True)
class Wording:
    where: str  # the module, response or function that says it
    text: str


def _own_names(module: types.ModuleType) -> list[str]:
    """The UPPER_CASE names a module assigns itself (not the codes it imports)."""
    tree = ast.parse(inspect.getsource(module))
    names = []
    for node in tree.body:
        targets = (
            node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        )
        names += [t.id for t in targets if isinstance(t, ast.Name) and t.id.isupper()]
    return names


def _fixed(module: types.ModuleType) -> Iterator[Wording]:
    """A module's fixed sentences (UPPER_CASE strings) and button titles (lists of buttons)."""
    for name in _own_names(module):
        value = getattr(module, name)
        where = f"{module.__name__}.{name}"
        if isinstance(value, str):
            yield Wording(where, value)
        elif isinstance(value, list) and all(isinstance(b, dict) and "title" in b for b in value):
            yield from (Wording(where, b["title"]) for b in value)
        elif isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
            yield from (Wording(f"{where}[{k}]", v) for k, v in value.items())


def _domain_responses() -> Iterator[Wording]:
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    for name, variants in domain["responses"].items():
        for variant in variants:
            if variant.get("text"):
                yield Wording(f"domain.yml {name}", variant["text"])
            yield from (Wording(f"domain.yml {name} button", b["title"]) for b in variant.get("buttons") or [])


def _many(where: str, texts: list[str]) -> Iterator[Wording]:
    return (Wording(where, t) for t in texts)


def _signposting(know: Knowledge) -> Iterator[Wording]:
    where = "bot.signposting.replies"
    for partner in know.partners:
        yield Wording(f"{where}.describe_partner({partner.id})", signposting_replies.describe_partner(partner))
        yield Wording(f"{where}.contact_line({partner.id})", safeguarding_replies.contact_line(partner))
    leeds = know.areas.resolve("Leeds")
    for need in know.needs:
        for area, text in ((leeds, None), (None, None), (None, "Atlantis")):
            matches = rank(list(know.partners), need.id, need.label, area)
            yield from _many(
                f"{where}.signpost_messages({need.id})",
                signposting_replies.signpost_messages(matches, need.label, area, text),
            )
    yield from _many(f"{where}.signpost_messages(none)", signposting_replies.signpost_messages([], "debt", None, None))
    yield Wording(f"{where}.contact_person_message", signposting_replies.contact_person_message(know))
    yield Wording(f"{where}.contact_person_message(today)", signposting_replies.contact_person_message(know, True))
    text, buttons = signposting_replies.fsf_mention(know.fsf)
    yield Wording(f"{where}.fsf_mention", text)
    yield from (Wording(f"{where}.fsf_mention button", b["title"]) for b in buttons)


def _digital_skills(know: Knowledge) -> Iterator[Wording]:
    where = "bot.digital_skills.replies"
    bank = know.skills
    asked = bank.to_ask({})
    for question in bank.questions:
        text, buttons = skills_replies.question(bank, question, asked)
        yield Wording(f"{where}.question({question.id})", text)
        yield from (Wording(f"{where}.question({question.id}) button", b["title"]) for b in buttons)
    schemes = [p for p in map(know.partner, bank.access_schemes) if p]
    learning = [p for p in map(know.partner, bank.online_learning) if p]
    everything = {c.id for q in bank.questions for c in q.choices}
    for answer in (ALONE, WITH_HELP, NOT_YET, None):
        slots = {
            q.slot: (answer if q.is_skill else [c.id for c in q.choices if c.id in everything]) for q in bank.questions
        }
        if answer is None:
            slots = {}
        assessment = assess(bank, slots)
        messages, _ = skills_replies.result_messages(
            assessment, digital_flags(bank, assessment), [], schemes, learning, stopped_early=answer is None
        )
        yield from _many(f"{where}.result_messages({answer})", messages)
    # Coming back (issue 19): every change an area can show.
    levels = (ALONE_LEVEL, SOME_LEVEL, FULL_LEVEL)
    changes = [Change(a.id, before, now) for a in bank.areas[:1] for before in levels for now in levels]
    yield Wording(f"{where}.progress_message", skills_replies.progress_message(bank, changes, "2026-03-02") or "")
    yield Wording(f"{where}.previous_found", skills_replies.previous_found("2026-03-02"))
    yield Wording(f"{where}.kept_until", skills_replies.kept_until(SAMPLE_REFERENCE, "2027-12-03"))


def _benefit_cap(know: Knowledge, on: dt.date) -> Iterator[Wording]:
    where = "bot.money_help.benefit_cap.replies"
    facts = know.benefit_cap
    for topic in (*(t for t, _ in TOPICS), "general"):
        yield from _many(f"{where}.explain({topic})", cap_replies.explain(facts, topic, on))
    for scheme in (UC, LEGACY):
        slots = {"cap_scheme": scheme, "cap_household": SINGLE, "cap_total": {"amount": "2000", "period": None}}
        read_back = cap_replies.summary(slots, in_london=False)
        for slot in CAP_SLOTS:
            text, buttons = cap_replies.question(slot, facts, scheme, on, read_back)
            yield Wording(f"{where}.question({slot}, {scheme})", text)
            yield from (Wording(f"{where}.question({slot}) button", b["title"]) for b in buttons)
    inputs = [
        CapInput(SINGLE, False, UC, on, Money(Decimal(2000), MONTH)),
        CapInput(COUPLE_OR_LONE_PARENT, True, LEGACY, on, Money(Decimal(100), WEEK)),
        CapInput(SINGLE, False, UC, on, Money(Decimal(2000)), earnings_monthly=Decimal(10)),
        CapInput(SINGLE, False, UC, on, earnings_monthly=Decimal(5000)),
        CapInput(SINGLE, False, UC, on, grace_period=True),
        CapInput(SINGLE, False, UC, on),
        CapInput(SINGLE, False, UC, on, exempt_benefit=True),
        CapInput(SINGLE, False, UC, on, over_pension_age=True),
        CapInput(SINGLE, False, UC, dt.date(1990, 1, 1)),
    ]
    for inp in inputs:
        result = estimate(facts, inp)
        yield from _many(
            f"{where}.result_messages({result.reason})", cap_replies.result_messages(facts, result, inp.scheme, on)
        )
    yield Wording(f"{where}.cannot_estimate", cap_replies.cannot_estimate("total", "looks too high"))


def _money_help(know: Knowledge, on: dt.date) -> Iterator[Wording]:
    where = "bot.money_help.replies"
    for question in (*know.fsf.questions, None):
        yield from _many(
            f"{where}.explain_fsf({question.id if question else ''})", money_replies.explain_fsf(know.fsf, question)
        )
    yield from _many(f"{where}.explain_uc_childcare", money_replies.explain_uc_childcare(know.childcare, on))


def _safeguarding(know: Knowledge) -> Iterator[Wording]:
    where = "bot.safeguarding.replies"
    facts = know.safeguarding
    for category in (*facts.urgent, facts.when_unsure):
        yield Wording(
            f"{where}.urgent_reply({category.id})",
            safeguarding_replies.urgent_reply(facts, [category], know.partner, None),
        )
    yield Wording(f"{where}.health_intro", safeguarding_replies.health_intro(facts))
    for need in know.needs:
        for button in safeguarding_replies.next_step_buttons(need):
            yield Wording(f"{where}.next_step_buttons({need.id})", button["title"])
    for name in ("work_coach_today", "work_coach_noted", "carry_on", "private_room_reply"):
        yield Wording(f"knowledge/safeguarding.yml {name}", getattr(facts, name))
    yield Wording("knowledge/safeguarding.yml health.noted", facts.health.noted)


def _handoff_and_privacy(retention_days: int) -> Iterator[Wording]:
    for new in (True, False):
        yield Wording(
            f"bot.handoff.replies.handoff_message(new={new})", handoff_replies.handoff_message(SAMPLE_REFERENCE, new)
        )
    yield Wording("bot.privacy.replies.privacy_notice", privacy_replies.privacy_notice(retention_days))
    kinds = tuple(privacy_replies.NAMES)
    for removed in (*((k,) for k in kinds), kinds):
        notice = privacy_replies.removed_notice(Redacted(text="", removed=removed))
        if notice:
            yield Wording(f"bot.privacy.replies.removed_notice({', '.join(removed)})", notice)


def claimant_texts(know: Knowledge, on: dt.date | None = None, retention_days: int = 30) -> list[Wording]:
    """Every claimant-facing text, each with where it comes from, without repeats."""
    on = on or dt.date.today()
    found = [
        *_domain_responses(),
        *(w for module in REPLY_MODULES for w in _fixed(module)),
        *_signposting(know),
        *_digital_skills(know),
        *_benefit_cap(know, on),
        *_money_help(know, on),
        *_safeguarding(know),
        *_handoff_and_privacy(retention_days),
        *(Wording(f"bot.web.messages.ERRORS[{name}]", message) for name, (_, message, _) in ERRORS.items()),
    ]
    seen: set[str] = set()
    unique = []
    for wording in found:
        if wording.text not in seen:
            seen.add(wording.text)
            unique.append(wording)
    return unique

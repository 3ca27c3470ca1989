"""Signposting decisions, with no words: which partners to leave out, when to
bring up the Flexible Support Fund, when to stop asking for the area, and which
services a message names."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from bot.core.areas import Area
from bot.directory.ranking import serves
from bot.directory.records import PartnerRecord

UNKNOWN_AREA = "unknown"
# A service checked longer ago than this is shown with "please check before you go" (issue 20).
STALE_AFTER = dt.timedelta(days=365)
# Asked twice for a place we could not find: carry on with national services
# rather than trap the claimant.
MAX_AREA_ATTEMPTS = 2
# Needs where a cost often stands between the claimant and work.
COST_BARRIER_NEEDS = frozenset({"childcare", "employment_skills"})
# Services named in one message that are shown: more is a list, not an answer.
MAX_NAMED = 3


def mentions_fsf(need_id: str) -> bool:
    """The Committee found the Fund "underused and under-publicised": say so unprompted."""
    return need_id in COST_BARRIER_NEEDS


def left_out(health_disclosed: bool, disclosures: Iterable[str], work_only_partner: str) -> tuple[str, ...]:
    """Partners not to show. Asking for health help offers Access to Work only when
    the message was about work."""
    if health_disclosed and "about_work" not in disclosures:
        return (work_only_partner,)
    return ()


def give_up_on_area(attempts: int) -> bool:
    return attempts >= MAX_AREA_ATTEMPTS


def _squash(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.lower())


# "Never mind" is not the charity.
_NOT_A_NAME = re.compile(r"\bnever\s+mind\b", re.IGNORECASE)


def partner_names(partner: PartnerRecord) -> tuple[str, ...]:
    """The names a claimant would use: the name without what is in brackets."""
    return (re.sub(r"\s*\(.*?\)", "", partner.name).strip(),)


def named_partners(text: str, partners: Iterable[PartnerRecord], area: Area | None) -> list[PartnerRecord]:
    """The services a message names ("the samaritans number", "step change"), among
    those that serve the claimant's area. A name matches a run of whole words in any
    case, with or without its spaces; a name found inside a longer one that matched
    ("Citizens Advice" in "Citizens Advice Help to Claim") does not count."""
    words = re.findall(r"[a-z0-9]+", _NOT_A_NAME.sub(" ", text.lower()))
    runs = {(i, j): "".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, min(i + 7, len(words) + 1))}
    spans: list[tuple[int, int, PartnerRecord]] = []
    for partner in partners:
        names = {_squash(n) for n in partner_names(partner)}
        hit = next((span for span, run in runs.items() if run in names), None)
        if hit is not None and serves(partner, area):
            spans.append((*hit, partner))
    inside = lambda a, b: b[0] <= a[0] and a[1] <= b[1] and (a[1] - a[0]) < (b[1] - b[0])  # noqa: E731
    return [p for i, j, p in spans if not any(inside((i, j), (k, m)) for k, m, _ in spans)]


# The order needs are answered in when a message names several: what cannot wait first.
NEED_ORDER = (
    "crisis", "housing", "debt", "mental_health", "health", "childcare", "advice", "employment_skills",
    "digital_inclusion",
)  # fmt: skip
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+|;\s*|\s+(?:and also|but also|also|plus)\s+", re.IGNORECASE)
MIN_SENTENCE_WORDS = 3
# The entity the NLU sets for each need a long message names (bot/rasa_ext/sentence_needs.py).
ALSO_NEED = "also_need"


def split_sentences(text: str) -> list[str]:
    """A message cut into its sentences (and "also ..." clauses), dropping scraps too
    short to say a need ("thanks.", "hi!")."""
    parts = [p.strip() for p in _SENTENCE_END.split(text or "") if p and p.strip()]
    return [p for p in parts if len(re.findall(r"[A-Za-z0-9']+", p)) >= MIN_SENTENCE_WORDS]


def in_order(needs: Iterable[str]) -> list[str]:
    """Needs without repeats, the most urgent first."""
    unique = list(dict.fromkeys(needs))
    return sorted(unique, key=lambda n: NEED_ORDER.index(n) if n in NEED_ORDER else len(NEED_ORDER))

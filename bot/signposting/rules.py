"""Signposting decisions, with no words: which partners to leave out, when to
bring up the Flexible Support Fund, and when to stop asking for the area."""

from __future__ import annotations

from collections.abc import Iterable

UNKNOWN_AREA = "unknown"
# Asked twice for a place we could not find: carry on with national services
# rather than trap the claimant.
MAX_AREA_ATTEMPTS = 2
# Needs where a cost often stands between the claimant and work.
COST_BARRIER_NEEDS = frozenset({"childcare", "employment_skills"})


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

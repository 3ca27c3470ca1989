"""What is counted, and how a count is shown. No I/O.

Disclosure control: a count of 1 to 4 is shown as "fewer than 5" (in the page, its
charts and its CSV), the small-number rule DWP and NHS England use for their
published statistics. A total is shown only when it is 5 or more too. Counts are not
rounded, and there is no secondary suppression: a suppressed cell could be worked out
from a total and the other cells in a few tables (the README says so).
"""

from __future__ import annotations

import datetime as dt

from bot.digital_skills.progress import BETTER, SAME, WORSE  # noqa: F401 (a progress key's second part)

# metric: what happened (the key says which)
CONVERSATION = "conversation"  # a conversation started
NEED = "need"  # a need asked about: need id
SERVICE = "service"  # a service given: partner id
GAP = "gap"  # a need asked in an area with no local service: "area id|need id"
FLAG = "flag"  # a flag raised: flag code
SKILL = "skill"  # a skills check finished: "skill area id|level"
FSF = "fsf"  # interest in the Flexible Support Fund: the purpose asked about
PRIVATE_ROOM = "private_room"  # asked to talk in private
HANDOFF = "handoff"  # a handoff raised
REVIEWED = "reviewed"  # a handoff first reviewed: how long it waited (a REVIEW_BUCKETS label)
PROGRESS = "progress"  # a second skills check: "skill area id|better, same or worse"
METRICS = (CONVERSATION, NEED, SERVICE, GAP, FLAG, SKILL, FSF, PRIVATE_ROOM, HANDOFF, REVIEWED, PROGRESS)

SMALL = 5
FEWER_THAN = "fewer than 5"

# How long a handoff waited for its first review, as the page shows it.
REVIEW_BUCKETS = (
    (dt.timedelta(hours=1), "within an hour"),
    (dt.timedelta(hours=4), "1 to 4 hours"),
    (dt.timedelta(days=1), "4 to 24 hours"),
    (dt.timedelta(days=7), "1 to 7 days"),
)
REVIEW_LONGEST = "over a week"


def shown(count: int | None) -> str:
    """A count as published: small ones suppressed."""
    if count is None:
        return "0"
    return FEWER_THAN if 0 < count < SMALL else f"{count:,}"


def charted(count: int | None) -> int | None:
    """A count as a chart may draw it: None (no bar, "fewer than 5") when it is small."""
    if count is None:
        return 0
    return None if 0 < count < SMALL else count


def review_bucket(waited: dt.timedelta) -> str:
    for limit, label in REVIEW_BUCKETS:
        if waited <= limit:
            return label
    return REVIEW_LONGEST


def week_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def month_of(day: dt.date) -> dt.date:
    return day.replace(day=1)


def pair(first: str, second: str) -> str:
    """Two ids in one key ("leeds|debt")."""
    return f"{first}|{second}"


def split(key: str) -> tuple[str, str]:
    first, _, second = key.partition("|")
    return first, second

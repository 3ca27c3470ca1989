"""Distance travelled (issue 19): the comparison per area, and the profiles kept for
it, with the look-up throttle that stops anyone walking the reference space."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import inspect

from bot.digital_skills import store as profiles
from bot.digital_skills.progress import BETTER, SAME, WORSE, compare
from bot.digital_skills.scoring import CONFIDENT, FULL_SUPPORT, NOT_ASSESSED, SOME_HELP
from bot.digital_skills.store import ProfileStore, Throttled
from bot.handoff.reference import ALPHABET, LENGTH, PATTERN, new_reference

AREAS = ("foundation", "communicating", "safety", "transacting")


@pytest.mark.parametrize(
    "before, now, expected",
    [
        (FULL_SUPPORT, SOME_HELP, BETTER),
        (SOME_HELP, CONFIDENT, BETTER),
        (FULL_SUPPORT, CONFIDENT, BETTER),
        (CONFIDENT, CONFIDENT, SAME),
        (CONFIDENT, SOME_HELP, WORSE),
    ],
)
def test_each_area_changes_up_down_or_not(before, now, expected):
    [change] = compare({"communicating": before}, {"communicating": now}, AREAS)
    assert change.direction == expected


def test_areas_not_assessed_either_time_are_left_out_in_the_banks_order():
    before = {"safety": SOME_HELP, "communicating": FULL_SUPPORT, "foundation": NOT_ASSESSED}
    now = {"safety": CONFIDENT, "communicating": SOME_HELP, "foundation": CONFIDENT, "transacting": CONFIDENT}
    assert [c.area for c in compare(before, now, AREAS)] == ["communicating", "safety"]


def test_the_reference_space_is_too_big_to_walk():
    assert LENGTH == 8 and len(ALPHABET) ** LENGTH > 10**11
    assert PATTERN.match(new_reference())
    assert len({new_reference() for _ in range(2000)}) == 2000


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime(2026, 12, 3, 10, 0)

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def store() -> ProfileStore:
    s = ProfileStore.from_url("sqlite://")
    s._now = Clock()
    s.create_schema()
    return s


def test_only_levels_and_dates_are_kept(store):
    columns = {c["name"] for c in inspect(store.engine).get_columns("skills_profiles")}
    assert columns == {"id", "reference", "levels", "checked_on", "expires_at"}


def test_a_kept_profile_is_found_by_its_reference_as_typed_until_it_expires(store):
    store.keep("SGN-4K7QM2PX", {"safety": SOME_HELP}, days=365)
    kept = store.find("sgn 4k7q m2px", client="a")
    assert kept is not None and kept.levels == {"safety": SOME_HELP} and kept.checked_on == dt.date(2026, 12, 3)
    store._now.now += dt.timedelta(days=366)
    assert store.find("SGN-4K7QM2PX", client="b") is None
    assert store.purge()[0] == 1


def test_the_newest_check_under_a_reference_is_the_one_compared(store):
    store.keep("SGN-4K7QM2PX", {"safety": FULL_SUPPORT}, days=365)
    store._now.now += dt.timedelta(days=30)
    store.keep("SGN-4K7QM2PX", {"safety": SOME_HELP}, days=365)
    assert store.find("SGN-4K7QM2PX", client="a").levels == {"safety": SOME_HELP}


def test_look_ups_that_find_nothing_are_throttled_per_client_and_in_all(store, monkeypatch):
    store.keep("SGN-4K7QM2PX", {"safety": SOME_HELP}, days=365)
    for guess in range(profiles.FAILURES_PER_CLIENT):
        assert store.find(f"SGN-AAAA{ALPHABET[guess]}AAA", client="walker") is None
    with pytest.raises(Throttled):
        store.find("SGN-4K7QM2PX", client="walker")  # even the right one, this hour
    assert store.find("SGN-4K7QM2PX", client="someone else") is not None
    store._now.now += profiles.WINDOW + dt.timedelta(seconds=1)
    assert store.find("SGN-4K7QM2PX", client="walker") is not None
    # Many clients at once: everyone waits.
    monkeypatch.setattr(profiles, "FAILURES_IN_ALL", 3)
    for n in range(3):
        store.find("SGN-BBBBBBBB", client=f"bot-{n}")
    with pytest.raises(Throttled):
        store.find("SGN-4K7QM2PX", client="a new one")
    assert store.purge()[1] >= 0

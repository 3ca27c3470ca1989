"""What a claimant must know before they go (issue 20): a service not taking new people
is offered last and says so; one last checked over a year ago says when, and asks them
to check. Advisers see both beside the name."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from bot.directory.ranking import rank
from bot.signposting.replies import (
    NOT_TAKING_NEW,
    adviser_label,
    caveats,
    checked_line,
    describe_partner,
    service_card,
)
from tests.unit.signposting.test_service_card import BASE

TODAY = dt.date(2026, 12, 3)


@pytest.mark.parametrize(
    "changes, expected",
    [
        ({"last_verified": dt.date(2026, 1, 10)}, []),
        ({"last_verified": dt.date(2025, 12, 3)}, []),  # exactly a year: still fresh
        ({"last_verified": dt.date(2025, 12, 2)}, ["This was last checked in December 2025. Please check before you go."]),
        ({"last_verified": dt.date(2025, 3, 14)}, ["This was last checked in March 2025. Please check before you go."]),
        ({"not_taking_new": True, "last_verified": TODAY}, [NOT_TAKING_NEW]),
        ({"not_taking_new": True, "last_verified": dt.date(2024, 5, 1)},
         [NOT_TAKING_NEW, "This was last checked in May 2024. Please check before you go."]),
    ],
)  # fmt: skip
def test_caveats(changes, expected):
    partner = replace(BASE, **changes)
    assert caveats(partner, TODAY) == expected
    words = describe_partner(partner, today=TODAY)
    assert all(c in words for c in expected)
    assert adviser_label(partner, TODAY) == (f"Test Advice ({' '.join(expected)})" if expected else "Test Advice")


def test_a_service_not_taking_new_people_is_offered_last():
    local_full = replace(
        BASE, id="a-local", name="A local", areas=("leeds",), categories=("debt",), not_taking_new=True
    )
    local = replace(BASE, id="b-local", name="B local", areas=("leeds",), categories=("debt",))
    national = replace(BASE, id="c-national", name="C national", categories=("debt",))
    from bot.core.areas import Area

    leeds = Area(id="leeds", name="Leeds", nation="england")
    order = [m.partner.id for m in rank([local_full, local, national], "debt", "debt", leeds)]
    assert order == ["b-local", "c-national", "a-local"]


def test_the_printed_card_carries_the_caveats():
    card = service_card(replace(BASE, not_taking_new=True, last_verified=dt.date(2020, 1, 1)))
    assert card["note"].startswith(NOT_TAKING_NEW) and "January 2020" in card["note"]


@pytest.mark.parametrize(
    "changes, expected",
    [
        ({"last_verified": dt.date(2025, 3, 4)}, "Details last checked on 4 March 2025."),
        ({"last_verified": dt.date(2026, 11, 30), "assurer_email": "checks@example.org"},
         "Details last checked on 30 November 2026 by checks@example.org."),
    ],
)  # fmt: skip
def test_staff_see_when_and_by_whom_details_were_checked(changes, expected):
    partner = replace(BASE, **changes)
    assert checked_line(partner) == expected
    # Who checked it is for staff: never in what a claimant reads.
    if partner.assurer_email:
        assert partner.assurer_email not in describe_partner(partner, today=TODAY)

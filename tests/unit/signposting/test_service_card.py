"""A service as data for "Print or save these" (issue 18): the same words as the message."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from bot.directory.records import PartnerRecord
from bot.signposting.replies import describe_partner, service_card

BASE = PartnerRecord(
    id="test", name="Test Advice", summary="Free advice.", categories=("advice",), areas=(), nations=(),
    phone=None, unconfirmed=False, email=None, website=None, address=None, opening_hours=None, languages=(),
    accessibility=None, how_to_refer=None, source="test", last_verified=dt.date(2026, 1, 1),
)  # fmt: skip


@pytest.mark.parametrize(
    "changes, reason, expected",
    [
        ({}, None, {"name": "Test Advice", "summary": "Free advice."}),
        ({"phone": "0113 496 0000"}, "It is local.", {"phone": "0113 496 0000", "why": "It is local."}),
        ({"phone": "0113 496 0000", "unconfirmed": True}, None, {"phone": "0113 496 0000 (please check this number on their website)"}),
        ({"website": "https://example.org", "opening_hours": "Mon to Fri, 9am to 5pm"}, None, {"website": "https://example.org", "hours": "Mon to Fri, 9am to 5pm"}),
        ({"how_to_refer": "Call them.", "email": "a@example.org", "address": "1 Test Street"}, None, {"how": "Call them.", "email": "a@example.org", "address": "1 Test Street"}),
    ],
)  # fmt: skip
def test_a_card_holds_what_the_message_says(changes, reason, expected):
    partner = replace(BASE, **changes)
    card = service_card(partner, reason)
    assert card == {"name": "Test Advice", "summary": "Free advice.", **expected}
    words = describe_partner(partner, reason)
    assert all(value in words for value in card.values())

"""Kiosk keys (issue 16: anyone could name a site and make "kiosk" handoffs)."""

from __future__ import annotations

import pytest

from bot.kiosk.keys import is_kiosk, key_for


def test_a_key_is_stable_url_safe_and_per_site():
    key = key_for("secret", "example-leeds")
    assert key == key_for("secret", "example-leeds") and len(key) == 43
    assert key.replace("-", "").replace("_", "").isalnum()
    assert key != key_for("secret", "example-hackney") and key != key_for("other secret", "example-leeds")


@pytest.mark.parametrize(
    ("secret", "site", "key", "expected"),
    [
        ("secret", "example-leeds", key_for("secret", "example-leeds"), True),
        ("secret", "example-leeds", key_for("secret", "example-hackney"), False),
        ("secret", "example-leeds", key_for("secret", "example-leeds")[:-1], False),
        ("secret", "example-leeds", None, False),
        ("secret", "example-leeds", "", False),
        ("", "example-leeds", key_for("", "example-leeds"), False),  # no secret: no kiosk at all
    ],
)
def test_is_kiosk(secret, site, key, expected):
    assert is_kiosk(secret, site, key) is expected

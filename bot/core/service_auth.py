"""How the gateway, Rasa's channel and the action server recognise each other (issue 16):
one shared secret in one header, checked in constant time. Beyond loopback a service
without a secret refuses to start."""

from __future__ import annotations

import hmac

SECRET_HEADER = "X-Signpost-Secret"
# Rasa's channel marks a turn a crashed custom action cut short.
INCOMPLETE_HEADER = "X-Signpost-Incomplete"
LOOPBACK = ("127.0.0.1", "::1", "localhost")


def secret_matches(given: str | None, secret: str) -> bool:
    """True when no secret is set (loopback only) or the given one is the same."""
    if not secret:
        return True
    return given is not None and hmac.compare_digest(given.encode(), secret.encode())

"""Reference codes a claimant can read out or copy: SGN- and four characters.

No 0/O, 1/I/L or U/V: nothing that is easy to mistake when read aloud or
written down. 29 characters, so 707,281 codes; the store retries on a clash.
"""

from __future__ import annotations

import re
import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ"
PREFIX = "SGN-"
LENGTH = 4
PATTERN = re.compile(rf"^{PREFIX}[{ALPHABET}]{{{LENGTH}}}$")


def new_reference() -> str:
    return PREFIX + "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise_reference(typed: str) -> str | None:
    """A typed reference as stored ("sgn 4k7q" -> "SGN-4K7Q"), or None if it cannot be one."""
    clean = re.sub(r"[^A-Z0-9]", "", typed.upper())
    clean = clean.removeprefix("SGN")
    candidate = PREFIX + clean
    return candidate if PATTERN.match(candidate) else None

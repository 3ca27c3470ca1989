"""Reference codes a claimant can read out or copy: SGN- and eight characters.

No 0/O, 1/I/L or U/V: nothing that is easy to mistake when read aloud or
written down. 29 characters to the power 8 is about 5 x 10^11 codes, so a
reference cannot be guessed (issue 19: it finds a claimant's kept skills
profile; look-ups are throttled too); the store retries on a clash. Older
handoffs have four characters (707,281 codes), and still read.
"""

from __future__ import annotations

import re
import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ"
PREFIX = "SGN-"
LENGTH = 8
LEGACY_LENGTH = 4
PATTERN = re.compile(rf"^{PREFIX}(?:[{ALPHABET}]{{{LENGTH}}}|[{ALPHABET}]{{{LEGACY_LENGTH}}})$")


def new_reference() -> str:
    return PREFIX + "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise_reference(typed: str) -> str | None:
    """A typed reference as stored ("sgn 4k7q" -> "SGN-4K7Q"), or None if it cannot be one."""
    clean = re.sub(r"[^A-Z0-9]", "", typed.upper())
    clean = clean.removeprefix("SGN")
    candidate = PREFIX + clean
    return candidate if PATTERN.match(candidate) else None


# A reference inside a sentence ("my ref is sgn 4k7q m2px"): SGN, then eight (or, for
# an old one, four) of the alphabet's characters, in groups with spaces or hyphens.
_IN_TEXT = re.compile(
    rf"\bsgn[\s:#-]*((?:[{ALPHABET}][\s-]?){{{LENGTH}}}|(?:[{ALPHABET}][\s-]?){{{LEGACY_LENGTH}}})(?![A-Z0-9])",
    re.IGNORECASE,
)


def reference_in(text: str) -> str | None:
    """The reference a claimant typed among other words, as stored, or None."""
    match = _IN_TEXT.search(text or "")
    return normalise_reference(match.group(1)) if match else None

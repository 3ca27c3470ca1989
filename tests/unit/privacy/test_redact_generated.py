"""Redaction measured on a generated set (issue 16): at least 1,000 identifiers in
sentences and 300 look-alikes, seeded (tests/unit/privacy/generated.py).
Targets: recall ≥ 99.5%, precision ≥ 99%."""

from __future__ import annotations

from bot.privacy.redact import digits, normalise, redact
from tests.report import LINES
from tests.unit.privacy.generated import identifiers, look_alikes

HELPLINES = ("116 123", "0808 2000 247", "999", "111")


def _leaked(value: str, stored: str) -> bool:
    """Is the identifier, or all of its digits in a row, still in what is stored?"""
    clean = normalise(value)
    if clean.lower() in stored.lower():
        return True
    run = digits(clean)
    return len(run) >= 6 and run in digits(stored)


def test_recall_and_precision_on_the_generated_set():
    found = identifiers()
    assert len(found) >= 1000
    missed = [(k, v, s) for k, v, s in found if _leaked(v, redact(s, keep=HELPLINES).text)]
    alikes = look_alikes()
    assert len(alikes) >= 300
    false_alarms = [s for s in alikes if redact(s, keep=HELPLINES).changed]
    recall = 1 - len(missed) / len(found)
    precision = (len(found) - len(missed)) / (len(found) - len(missed) + len(false_alarms))
    LINES.append(
        f"redaction, generated set: recall {recall:.4f} ({len(found) - len(missed)}/{len(found)}), "
        f"precision {precision:.4f} ({len(false_alarms)} look-alikes changed of {len(alikes)})"
    )
    assert recall >= 0.995, missed[:20]
    assert precision >= 0.99, false_alarms[:20]

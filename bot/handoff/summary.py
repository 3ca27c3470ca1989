"""The structured summary a Work Coach reads first: built from what the
conversation kept (slots), never from the claimant's own words.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from bot.digital_skills.scoring import LEVEL_LABELS
from bot.triage.flags import ACCESSIBILITY, FLAG_LABELS, URGENT


def _flags(raw: Any) -> list[dict[str, Any]]:
    """Flags grouped by code (one flag can come from the skills check and the
    conversation), most important first, each with every reason."""
    grouped: dict[str, list[str]] = {}
    for flag in raw or []:
        if not isinstance(flag, Mapping) or flag.get("code") not in FLAG_LABELS:
            continue
        reasons = grouped.setdefault(str(flag["code"]), [])
        reasons += [str(r) for r in flag.get("reasons") or [] if str(r) not in reasons]
    order = list(FLAG_LABELS)
    return [
        {"code": code, "label": FLAG_LABELS[code], "reasons": grouped[code]}
        for code in sorted(grouped, key=order.index)
    ]


def build_summary(
    slots: Mapping[str, Any],
    needs: Iterable[str],
    partner_name: Callable[[str], str | None],
    area_name: Callable[[str], str | None],
    skill_area_label: Callable[[str], str | None],
) -> dict[str, Any]:
    """The handoff summary from the conversation's slots and the needs asked about.
    The lookups turn stored ids into names a person reads."""
    flags = _flags(slots.get("flags"))
    profile = slots.get("digital_profile") if isinstance(slots.get("digital_profile"), Mapping) else {}
    given = [pid for pid in slots.get("signposts_given") or [] if isinstance(pid, str)]
    accessibility = next((f["reasons"] for f in flags if f["code"] == ACCESSIBILITY), [])
    cap = slots.get("cap_estimate") if isinstance(slots.get("cap_estimate"), Mapping) else None
    # The last check's levels, when the claimant gave their reference (issue 19).
    previous = slots.get("ds_previous") if isinstance(slots.get("ds_previous"), Mapping) else {}
    before = previous.get("levels") if isinstance(previous.get("levels"), Mapping) else {}
    return {
        "urgent": any(f["code"] == URGENT for f in flags),
        "flags": flags,
        "area": area_name(slots.get("area_id") or "") or None,
        "skills": {
            "overall": LEVEL_LABELS.get(slots.get("digital_overall") or "", slots.get("digital_overall")),
            "profile": [
                {
                    "area": skill_area_label(a) or a,
                    "level": LEVEL_LABELS.get(level, level),
                    "before": LEVEL_LABELS.get(before.get(a), before.get(a)) if before else None,
                }
                for a, level in profile.items()
                if isinstance(a, str)
            ],
            "before_on": str(previous["checked_on"]) if before and previous.get("checked_on") else None,
        },
        "cap_estimate": dict(cap) if cap else None,
        "fsf_interest": [str(x) for x in slots.get("fsf_interest") or []],
        "needs": list(dict.fromkeys(needs)),
        "signposts": [partner_name(pid) or pid for pid in given],
        "accessibility": accessibility,
        "private_room": bool(slots.get("private_room")),
    }

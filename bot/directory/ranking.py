"""Ranking partners for a claimant, and the plain reason each one fits.

Pure functions: the repository finds candidates, this decides their order.

Order, most important first:
0. services taking new people before those that are not (those come last, and say so);
1. local services for the claimant's area before national ones;
2. services that offer the claimant's language before those that do not;
3. national services for the claimant's nation before ones for all of Great Britain
   (with no known area, the other way round: we cannot tell which nation fits);
4. confirmed contact details before unconfirmed ones;
5. name, so that the order is stable.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.areas import Area
from bot.directory.records import PartnerRecord


@dataclass(frozen=True)
class Match:
    partner: PartnerRecord
    local: bool
    speaks_language: bool
    need_label: str
    local_to: str | None = None
    language: str | None = None


def serves(partner: PartnerRecord, area: Area | None) -> bool:
    """Whether a partner serves the area. With no known area, only national services count."""
    if partner.is_local:
        return area is not None and area.id in partner.areas
    return area is None or not partner.nations or area.nation in partner.nations


def rank(
    candidates: list[PartnerRecord],
    need: str,
    need_label: str,
    area: Area | None,
    language: str | None = None,
    limit: int = 3,
) -> list[Match]:
    """The best `limit` partners for a need, in the order above."""
    fitting = [p for p in candidates if need in p.categories and serves(p, area)]

    def key(p: PartnerRecord) -> tuple[bool, bool, bool, bool, bool, str]:
        speaks = language is None or language in p.languages
        nation_specific = bool(p.nations)
        closer = nation_specific if area is not None else not nation_specific
        return (p.not_taking_new, not p.is_local, not speaks, not closer, p.unconfirmed, p.name.lower())

    ordered = sorted(fitting, key=key)[: max(limit, 0)]
    return [
        Match(
            partner=p,
            local=p.is_local,
            speaks_language=language is None or language in p.languages,
            need_label=need_label,
            # Where it is local, and the claimant's language if it offers it: signposting/replies.py words them.
            local_to=area.name if p.is_local and area is not None else None,
            language=language if language and language != "English" and language in p.languages else None,
        )
        for p in ordered
    ]

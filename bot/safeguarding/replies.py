"""What the assistant says when safeguarding fires, and about health.

Calm, plain and short: what to do now first, then who to contact. Contacts come
from knowledge (partners.yml and the emergency line in safeguarding.yml), so a
number has one home.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from bot.core.areas import Area
from bot.directory.ranking import serves
from bot.directory.records import PartnerRecord
from bot.safeguarding.facts import SafeguardingFacts
from bot.safeguarding.reader import Category
from bot.signposting.facts import Need
from bot.signposting.replies import caveats


def contact_line(p: PartnerRecord) -> str:
    """One service on one line: what it is and how to reach it."""
    line = f"{p.name}: {p.summary}"
    if p.phone and p.phone not in p.summary:
        how = p.how_to_refer if p.how_to_refer and p.phone in p.how_to_refer else f"Call {p.phone}."
        line += f" {how}"
        if p.unconfirmed:
            line += " Please check this number on their website."
    elif not p.phone and p.how_to_refer:
        line += f" {p.how_to_refer}"
    if p.email and p.email not in line:
        line += f" Email {p.email}."
    if p.website and (not p.phone or p.unconfirmed):
        line += f" Website: {p.website}"
    notes = caveats(p)
    return f"{line} {' '.join(notes)}" if notes else line


def urgent_reply(
    facts: SafeguardingFacts,
    found: Iterable[Category],
    partner: Callable[[str], PartnerRecord | None],
    area: Area | None,
) -> str:
    """The first reply: the lead category's words, then every contact, most urgent first."""
    categories = list(found) or [facts.when_unsure]
    emergency = {e.id: e for e in facts.emergency}
    lines = [categories[0].opening]
    for contact in urgent_contacts(categories, partner, area, set(emergency)):
        lines.append("- " + (emergency[contact].line if isinstance(contact, str) else contact_line(contact)))
    return "\n".join(lines)


def urgent_contacts(
    categories: Iterable[Category],
    partner: Callable[[str], PartnerRecord | None],
    area: Area | None,
    emergency: set[str],
) -> list[str | PartnerRecord]:
    """The contacts of an urgent reply, in order, once each: an emergency line's id, or
    the service (only those that serve the area)."""
    contacts: list[str | PartnerRecord] = []
    seen: set[str] = set()
    for category in categories:
        for contact in category.contacts:
            if contact in seen:
                continue
            seen.add(contact)
            if contact in emergency:
                contacts.append(contact)
                continue
            record = partner(contact)
            if record is not None and serves(record, area):
                contacts.append(record)
    return contacts


def urgent_services(
    facts: SafeguardingFacts,
    found: Iterable[Category],
    partner: Callable[[str], PartnerRecord | None],
    area: Area | None,
) -> list[PartnerRecord]:
    """The services an urgent reply names (not the emergency lines), for printing."""
    categories = list(found) or [facts.when_unsure]
    emergency = {e.id for e in facts.emergency}
    return [c for c in urgent_contacts(categories, partner, area, emergency) if isinstance(c, PartnerRecord)]


def health_intro(facts: SafeguardingFacts) -> str:
    """Before health services: thanks, no questions about the condition, the GP, and 111 or 999."""
    words = facts.health
    return f"{words.opening} {words.gp} {words.urgent}"


def next_step_buttons(need: Need | None) -> list[dict[str, str]]:
    """After the urgent reply: tell a Work Coach today, and local help for `need` (outside a form)."""
    buttons = [{"title": "Tell a Work Coach today", "payload": "/ask_for_person"}]
    if need is not None:
        buttons.append({"title": f"Find {need.short} help near me", "payload": f"/need_{need.id}"})
    return buttons

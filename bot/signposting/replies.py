"""Every sentence the claimant reads when Signpost signposts: plain English, short sentences."""

from __future__ import annotations

import datetime as dt

from bot.core.areas import Area
from bot.core.fields import and_list
from bot.directory.ranking import Match
from bot.directory.records import PartnerRecord
from bot.knowledge import Knowledge
from bot.money_help.flexible_support_fund import FsfFacts
from bot.signposting.facts import Need
from bot.signposting.rules import STALE_AFTER, UNKNOWN_AREA


def why(match: Match) -> str:
    """Why a service fits: where it works, what it gives, and the claimant's language."""
    if match.local_to is not None:
        where = f"It is local to {match.local_to}"
    elif match.partner.nations:
        where = "It covers " + and_list([n.title() for n in match.partner.nations])
    else:
        where = "It is a national service"
    reason = f"{where}, and gives {match.need_label}."
    if match.language:
        reason += f" It offers help in {match.language}."
    return reason


NOT_TAKING_NEW = "They are not taking new people at the moment."


def caveats(p: PartnerRecord, today: dt.date | None = None) -> list[str]:
    """What a claimant must know before they go (issue 20): not taking new people, and
    details last checked more than STALE_AFTER ago."""
    today = today or dt.date.today()
    words = [NOT_TAKING_NEW] if p.not_taking_new else []
    if today - p.last_verified > STALE_AFTER:
        words.append(f"This was last checked in {p.last_verified:%B %Y}. Please check before you go.")
    return words


def adviser_label(p: PartnerRecord, today: dt.date | None = None) -> str:
    """A service's name as an adviser reads it in a handoff, with its caveats."""
    notes = caveats(p, today)
    return f"{p.name} ({' '.join(notes)})" if notes else p.name


def checked_line(p: PartnerRecord) -> str:
    """When a service's details were last checked, and by whom when the publisher says:
    for staff (`signpost directory search`), never in a claimant's reply."""
    by = f" by {p.assurer_email}" if p.assurer_email else ""
    return f"Details last checked on {p.last_verified:%-d %B %Y}{by}."


def describe_partner(p: PartnerRecord, reason: str | None = None, today: dt.date | None = None) -> str:
    """A service as the claimant reads it; `reason` says why it fits, when there is one."""
    lines = [p.name, p.summary, *caveats(p, today), *([f"Why: {reason}"] if reason else [])]
    if p.phone:
        check = " (please check this number on their website)" if p.unconfirmed else ""
        lines.append(f"Phone: {p.phone}{check}")
    if p.email:
        lines.append(f"Email: {p.email}")
    if p.website:
        lines.append(f"Website: {p.website}")
    if p.address:
        lines.append(f"Address: {p.address}")
    if p.opening_hours:
        lines.append(f"Open: {p.opening_hours}")
    if p.how_to_refer:
        lines.append(f"How to get help: {p.how_to_refer}")
    return "\n".join(lines)


def service_card(p: PartnerRecord, reason: str | None = None) -> dict[str, str]:
    """A service as data, for "Print or save these" (issue 18): the words of
    describe_partner, field by field, with empty fields left out."""
    phone = None
    if p.phone:
        phone = p.phone + (" (please check this number on their website)" if p.unconfirmed else "")
    card = {
        "name": p.name,
        "summary": p.summary,
        "note": " ".join(caveats(p)),
        "why": reason,
        "phone": phone,
        "email": p.email,
        "website": p.website,
        "address": p.address,
        "hours": p.opening_hours,
        "how": p.how_to_refer,
    }
    return {key: value for key, value in card.items() if value}


def signpost_intro(matches: list[Match], need_label: str, area: Area | None, area_text: str | None) -> str:
    if not matches:
        return (
            f"Sorry, I could not find a service for {need_label} that I can recommend. "
            "Your Work Coach can help you find one."
        )
    count = "this place" if len(matches) == 1 else f"these {len(matches)} places"
    if area is None:
        if area_text and area_text != UNKNOWN_AREA:
            return (
                f"I don't know the area \"{area_text}\", so I can't find local services. "
                f"You can try {count} for {need_label}:"
            )
        return f"You can try {count} for {need_label}:"
    if any(m.local for m in matches):
        return f"You can try {count} for {need_label} in {area.name}:"
    return f"I don't have a local service in {area.name} for this yet. You can try {count} for {need_label}:"


def signpost_messages(matches: list[Match], need_label: str, area: Area | None, area_text: str | None) -> list[str]:
    """The intro, then one message per service in the order of `matches`, so each can
    be read on its own."""
    return [
        signpost_intro(matches, need_label, area, area_text),
        *(describe_partner(m.partner, why(m)) for m in matches),
    ]


def contact_person_message(knowledge: Knowledge, today: bool = False) -> str:
    """How to reach a person. `today`: after an urgent reply, when the claimant asked
    for a Work Coach to know today."""
    helpline: PartnerRecord | None = knowledge.partner("dwp-universal-credit-helpline")
    if today:
        text = knowledge.safeguarding.work_coach_noted
    else:
        text = (
            "I can't put you through to a person from here. "
            "You can speak to your Work Coach at your next appointment, or ask at the Jobcentre desk."
        )
    if helpline and helpline.phone:
        text += f" For questions about your Universal Credit claim, call {helpline.name} on {helpline.phone}."
    return text


UNKNOWN_PLACE = "Sorry, I don't know that place. Please type the name of your town or council, like Leeds or Cardiff."


def fsf_mention(fsf: FsfFacts) -> tuple[str, list[dict[str, str]]]:
    """The Flexible Support Fund, said unprompted where a cost often stands in the way of work."""
    return f"{fsf.what_it_is} {fsf.decides}", [
        {"title": "Tell me about the Flexible Support Fund", "payload": "/ask_flexible_support_fund"}
    ]


NAMED_SERVICE_UNKNOWN = (
    "I don't have that service in my list, so I can't give you its details. "
    "Tell me what you need help with, and I will find a service that can help."
)


def named_services(partners: list[PartnerRecord]) -> list[str]:
    """The services a claimant asked for by name: the same details and caveats as signposting."""
    if not partners:
        return [NAMED_SERVICE_UNKNOWN]
    # The intro, then one message per partner, in order.
    intro = "Here are the details:" if len(partners) == 1 else "Here are their details:"
    return [intro, *(describe_partner(p) for p in partners)]


def also_mentioned(needs: list[Need]) -> tuple[str, list[dict[str, str]]]:
    """After one need is answered, the others the same message named, as offers."""
    names = [n.short for n in needs]
    text = f"You also mentioned {and_list(names)}. Shall I find help with {'that' if len(names) == 1 else 'those'} too?"
    return text, [{"title": f"Yes, help with {n.short}", "payload": f"/need_{n.id}"} for n in needs]


def area_changed(area: Area) -> str:
    """A town given after a need was asked about: that need is answered for it."""
    return f"Thank you. Here is help near {area.name}."


def area_noted(area: Area | None) -> str:
    """A town given when no question was waiting for it: kept, and the need asked."""
    if area is None:
        return "Thank you. What do you need help with?"
    return f"Thank you. I'll look for help near {area.name}. What do you need help with?"

"""Directory search: SQL candidates plus ranking, table-driven."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.core.areas import Area
from bot.directory.ranking import rank, serves
from bot.directory.records import PartnerRecord
from bot.signposting.replies import why

# (need, area, language) -> the ids offered, in order
SEARCHES = [
    # Local first, then national services for the area's nation.
    ("debt", "Leeds", None, ["test-leeds-debt", "citizens-advice-england", "national-debtline"]),
    # Wales: Advicelink Wales, not Adviceline England.
    ("debt", "Cardiff", None, ["citizens-advice-wales", "national-debtline", "stepchange"]),
    ("housing", "Cardiff", None, ["test-cardiff-housing", "citizens-advice-wales"]),
    # Scotland gets neither English nor Welsh Citizens Advice lines.
    ("advice", "Glasgow", None, ["dwp-universal-credit-helpline", "turn2us", "moneyhelper"]),
    # A local service in a second area it serves.
    ("advice", "Islington", None, ["test-hackney-advice", "citizens-advice-england", "help-to-claim-england"]),
    # Language: within the local tier, a service in the claimant's language comes first.
    ("advice", "Leeds", "Urdu", ["test-leeds-advice-urdu", "citizens-advice-england", "help-to-claim-england"]),
    # No local service for the need: national only.
    ("childcare", "Cardiff", None, ["childcare-choices", "family-information-service"]),
    ("childcare", "Leeds", None, ["test-leeds-childcare", "childcare-choices", "family-information-service"]),
    # No area: national services for all of Great Britain come before nation-only ones.
    # MoneyHelper's number is unconfirmed, so StepChange comes first.
    ("debt", None, None, ["stepchange", "moneyhelper", "citizens-advice-england"]),
    ("digital_inclusion", None, None, ["learn-my-way", "national-databank", "national-device-bank"]),
]


@pytest.mark.parametrize(("need", "area_name", "language", "expected"), SEARCHES)
def test_find(directory, knowledge, need, area_name, language, expected):
    area = knowledge.areas.resolve(area_name) if area_name else None
    matches = directory.find(need, knowledge.need(need).label, area, language)
    assert [m.partner.id for m in matches] == expected


def test_unconfirmed_numbers_rank_after_confirmed(directory, knowledge):
    # Shelter's number is unconfirmed; Citizens Advice's is confirmed: both cover England.
    matches = directory.find("housing", "housing", knowledge.areas.resolve("Leeds"), limit=5)
    ids = [m.partner.id for m in matches]
    assert ids.index("citizens-advice-england") < ids.index("shelter")


def test_reasons_are_plain_and_specific(directory, knowledge):
    leeds = knowledge.areas.resolve("Leeds")
    matches = directory.find("debt", "help with debt", leeds, "Polish")
    assert why(matches[0]) == "It is local to Leeds, and gives help with debt. It offers help in Polish."
    assert why(matches[1]) == "It covers England, and gives help with debt."
    assert why(matches[2]) == "It covers England, Scotland and Wales, and gives help with debt."


def test_limit_and_unknown_need(directory, knowledge):
    assert [m.partner.id for m in directory.find("debt", "debt", None, limit=1)] == ["stepchange"]
    assert directory.find("astrology", "x", None) == []
    assert directory.find("debt", "debt", None, limit=0) == []


def _partner(pid: str, **kw) -> PartnerRecord:
    base = dict(
        id=pid, name=pid, summary="s", categories=("debt",), areas=(), nations=(), phone="111",
        unconfirmed=False, email=None, website=None, address=None, opening_hours=None,
        languages=("English",), accessibility=None, how_to_refer=None, source="t",
        last_verified=dt.date(2026, 1, 1),
    )  # fmt: skip
    base.update(kw)
    return PartnerRecord(**base)


LEEDS = Area("leeds", "Leeds", "england")
CARDIFF = Area("cardiff", "Cardiff", "wales")

SERVES = [
    (_partner("l", areas=("leeds",)), LEEDS, True),
    (_partner("l", areas=("leeds",)), CARDIFF, False),
    (_partner("l", areas=("leeds",)), None, False),
    (_partner("n"), CARDIFF, True),
    (_partner("n", nations=("england",)), CARDIFF, False),
    (_partner("n", nations=("england", "wales")), CARDIFF, True),
    (_partner("n", nations=("england",)), None, True),
]


@pytest.mark.parametrize(("partner", "area", "expected"), SERVES)
def test_serves(partner, area, expected):
    assert serves(partner, area) is expected


RANKS = [
    # local beats national even when the national one speaks the language
    (
        [_partner("a-nat", languages=("Polish",)), _partner("z-loc", areas=("leeds",))],
        LEEDS,
        "Polish",
        ["z-loc", "a-nat"],
    ),
    # within a tier, the language wins over the name
    (
        [_partner("a", areas=("leeds",)), _partner("b", areas=("leeds",), languages=("Polish",))],
        LEEDS,
        "Polish",
        ["b", "a"],
    ),
    # nation-specific before all-GB when the area is known ...
    ([_partner("a"), _partner("b", nations=("england",))], LEEDS, None, ["b", "a"]),
    # ... and after it when the area is unknown
    ([_partner("a"), _partner("b", nations=("england",))], None, None, ["a", "b"]),
    # confirmed before unconfirmed
    ([_partner("a", unconfirmed=True), _partner("b")], LEEDS, None, ["b", "a"]),
    # partners without the need never appear
    ([_partner("a", categories=("housing",)), _partner("b")], LEEDS, None, ["b"]),
]


@pytest.mark.parametrize(("partners", "area", "language", "expected"), RANKS)
def test_rank_order(partners, area, language, expected):
    assert [m.partner.id for m in rank(partners, "debt", "debt", area, language, limit=5)] == expected


def test_reading_more_partners_than_one_batch_keeps_every_link(knowledge):
    from bench.directory_query import synthetic
    from bot.directory.repository import Directory

    directory = Directory.from_url("sqlite://")
    directory.create_schema()
    made = synthetic(700)
    directory.upsert(made)
    read = {r.id: r for r in directory.all()}
    assert len(read) == 700
    for record in made:
        got = read[record.id]
        assert (got.categories, got.areas, got.languages) == (
            tuple(sorted(record.categories)),
            tuple(sorted(record.areas)),
            tuple(sorted(record.languages)),
        )

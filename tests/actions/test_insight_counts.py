"""Counts after scripted conversations (issue 19): each action adds what happened, with
its channel and site and nothing else."""

from __future__ import annotations

import datetime as dt

from rasa_sdk.executor import CollectingDispatcher

from actions.money_help import ActionExplainFsf
from actions.privacy import ActionSessionStart
from actions.safeguarding import ActionPrivateRoom, ActionSafeguarding
from actions.signposting import ActionSignpost
from bot.insight import rules as r
from bot.insight.store import Scope
from tests.actions.trackers import found, make_tracker

ALL = Scope(dt.date(2000, 1, 1), dt.date(2100, 1, 1))
KIOSK = {"channel": "kiosk", "site": "example-leeds"}


async def _run(action, tracker, domain):
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, tracker, domain)
    return dispatcher.messages, events


def _counts(store, scope=ALL) -> dict[tuple[str, str], int]:
    return {(c.metric, c.key): c.count for c in store.sums(scope, r.METRICS)}


async def test_a_signposting_conversation_at_a_kiosk(domain, insight_store):
    tracker = make_tracker({"need": "debt", "area": "Leeds", "area_id": "leeds"}, metadata=KIOSK)
    await _run(ActionSignpost(), tracker, domain)
    counts = _counts(insight_store, Scope(ALL.since, ALL.until, site="example-leeds", channel="kiosk"))
    # A local service was found, so no gap.
    assert counts == {
        (r.NEED, "debt"): 1,
        (r.SERVICE, "test-leeds-debt"): 1, (r.SERVICE, "citizens-advice-england"): 1, (r.SERVICE, "national-debtline"): 1,
    }  # fmt: skip


async def test_a_need_with_no_local_service_is_a_gap_in_that_area(domain, insight_store):
    tracker = make_tracker({"need": "housing", "area": "Bradford", "area_id": "bradford"})
    await _run(ActionSignpost(), tracker, domain)
    counts = _counts(insight_store, Scope(ALL.since, ALL.until, channel="web"))
    assert counts[(r.GAP, "bradford|housing")] == 1 and counts[(r.NEED, "housing")] == 1


async def test_urgent_help_counts_its_services_the_handoff_and_the_flag(domain, insight_store, handoff_store):
    tracker = make_tracker(text="(made-up message)", intent="safeguarding_concern", entities=found("urgent", "no_food"))
    await _run(ActionSafeguarding(), tracker, domain)
    counts = _counts(insight_store)
    assert counts[(r.HANDOFF, "")] == 1 and counts[(r.FLAG, "urgent")] == 1
    assert counts[(r.SERVICE, "trussell")] == 1


async def test_the_fund_private_rooms_and_conversations_are_counted(domain, insight_store, handoff_store):
    await _run(ActionExplainFsf(), make_tracker(text="can it help with bus fares to an interview"), domain)
    await _run(ActionPrivateRoom(), make_tracker(text="can we talk somewhere private"), domain)
    await _run(ActionSessionStart(), make_tracker({"session_started_metadata": KIOSK}), domain)
    counts = _counts(insight_store)
    assert counts[(r.FSF, "travel")] == 1 and counts[(r.PRIVATE_ROOM, "")] == 1
    kiosk = _counts(insight_store, Scope(ALL.since, ALL.until, site="example-leeds"))
    assert kiosk == {(r.CONVERSATION, ""): 1}


async def test_no_count_holds_a_conversation_or_its_words(domain, insight_store, handoff_store):
    tracker = make_tracker(
        text="my name is Ada and I owe 900", intent="safeguarding_concern", entities=found("urgent", "no_food")
    )
    await _run(ActionSafeguarding(), tracker, domain)
    rows = insight_store.engine.connect().exec_driver_sql("select * from insight_counts").fetchall()
    flat = " ".join(str(v) for row in rows for v in row)
    assert rows and tracker.sender_id not in flat and "Ada" not in flat and "900" not in flat

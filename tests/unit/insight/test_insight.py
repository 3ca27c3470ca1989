"""Anonymous counts (issue 19): how a count is shown, how counts are kept and summed,
and the tables made from them, small counts suppressed everywhere."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import inspect

from bot.insight import rules as r
from bot.insight.figures import Names, build_tables
from bot.insight.store import Event, InsightStore, Scope

DAY = dt.date(2026, 11, 25)  # a Wednesday
YEAR = Scope(dt.date(2026, 1, 1), dt.date(2026, 12, 31))


@pytest.mark.parametrize(
    "count, shown, charted",
    [(None, "0", 0), (1, "fewer than 5", None), (4, "fewer than 5", None), (5, "5", 5), (1234, "1,234", 1234)],
)
def test_small_counts_are_suppressed_in_words_and_in_charts(count, shown, charted):
    assert r.shown(count) == shown and r.charted(count) == charted


@pytest.mark.parametrize(
    "waited, bucket",
    [
        (dt.timedelta(minutes=5), "within an hour"),
        (dt.timedelta(hours=1), "within an hour"),
        (dt.timedelta(hours=3), "1 to 4 hours"),
        (dt.timedelta(hours=20), "4 to 24 hours"),
        (dt.timedelta(days=3), "1 to 7 days"),
        (dt.timedelta(days=30), "over a week"),
    ],
)
def test_review_waits_fall_in_buckets(waited, bucket):
    assert r.review_bucket(waited) == bucket


def test_weeks_start_on_monday_and_months_on_the_first():
    assert r.week_of(DAY) == dt.date(2026, 11, 23) and r.month_of(DAY) == dt.date(2026, 11, 1)
    assert r.split(r.pair("leeds", "debt")) == ("leeds", "debt")


@pytest.fixture
def store() -> InsightStore:
    s = InsightStore.from_url("sqlite://")
    s.create_schema()
    return s


def test_each_event_adds_one_to_its_days_cell(store):
    store.record([Event(r.NEED, "debt", "example-leeds", "kiosk")] * 3, on=DAY)
    store.record([Event(r.NEED, "debt", "example-leeds", "kiosk"), Event(r.NEED, "debt")], on=DAY)
    store.record([Event(r.NEED, "debt", "example-leeds", "kiosk")], on=dt.date(2026, 12, 1))  # next week and month
    cells = store.sums(YEAR, [r.NEED])
    assert [(c.key, c.count) for c in cells] == [("debt", 6)]
    assert store.sums(YEAR, [r.NEED], "week") == cells  # the same counts, kept by week too
    kiosk = store.sums(Scope(YEAR.since, YEAR.until, site="example-leeds", channel="kiosk"), [r.NEED])
    assert kiosk[0].count == 5
    assert store.sums(Scope(YEAR.since, YEAR.until, channel="web"), [r.NEED])[0].count == 1
    # A scope takes the whole weeks or months its days fall in.
    assert store.sums(Scope(DAY, DAY), [r.NEED], "week")[0].count == 5
    assert store.sums(Scope(dt.date(2026, 11, 30), dt.date(2026, 11, 30)), [r.NEED], "week")[0].count == 1
    assert store.sums(Scope(DAY, DAY), [r.NEED], "month")[0].count == 5
    assert store.sites() == ["", "example-leeds"]


def test_the_table_holds_no_claimant_data(store):
    columns = {c["name"] for c in inspect(store.engine).get_columns("insight_counts")}
    assert columns == {"id", "period", "start", "site", "channel", "metric", "key", "count"}
    with pytest.raises(ValueError, match="unknown metric"):
        store.record([Event("what_they_said", "I owe £900")])


def test_counts_by_week_and_month(store):
    store.record([Event(r.CONVERSATION)] * 2, on=dt.date(2026, 11, 30))  # a Monday
    store.record([Event(r.CONVERSATION)], on=dt.date(2026, 12, 1))
    store.record([Event(r.CONVERSATION)], on=dt.date(2026, 11, 29))
    weeks = {c.period: c.count for c in store.sums(YEAR, [r.CONVERSATION], "week", by_period=True)}
    assert weeks == {dt.date(2026, 11, 30): 3, dt.date(2026, 11, 23): 1}
    months = {c.period: c.count for c in store.sums(YEAR, [r.CONVERSATION], "month", by_period=True)}
    assert months == {dt.date(2026, 11, 1): 3, dt.date(2026, 12, 1): 1}


def test_writers_at_once_lose_no_count(tmp_path):
    store = InsightStore.from_url(f"sqlite:///{tmp_path / 'counts.db'}")
    store.create_schema()

    def write() -> None:
        for _ in range(20):
            store.record([Event(r.SERVICE, "shelter")], on=DAY)

    threads = [threading.Thread(target=write) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert store.sums(YEAR, [r.SERVICE])[0].count == 80


NAMES = Names(*(lambda key: key.title() for _ in range(7)))


def _tables(store, period="week"):
    totals = store.sums(YEAR, [m for m in r.METRICS if m != r.CONVERSATION])
    weeks = Scope(dt.date(2026, 11, 2), dt.date(2026, 11, 29))
    by_period = store.sums(weeks, [r.CONVERSATION, r.HANDOFF], period, by_period=True)
    return {
        t.id: t for t in build_tables(totals, by_period, period, dt.date(2026, 11, 2), dt.date(2026, 11, 29), NAMES)
    }


def test_tables_suppress_small_counts_and_list_them_last_by_name(store):
    store.record([Event(r.NEED, "debt")] * 9 + [Event(r.NEED, "zebra")] * 2 + [Event(r.NEED, "apple")] * 3, on=DAY)
    needs = _tables(store)["needs"]
    assert needs.rows == (("Debt", "9"), ("Apple", "fewer than 5"), ("Zebra", "fewer than 5"))
    assert needs.chart.values == (9, None, None)  # no bar drawn for a small count
    assert needs.summary == "Debt came first, 9 times, of 3 in all."
    text = repr(_tables(store))
    assert "'3'" not in text and "'2'" not in text  # the small numbers appear nowhere


def test_the_gap_list_ranks_needs_without_a_local_service(store):
    store.record(
        [Event(r.GAP, r.pair("leeds", "housing"))] * 7 + [Event(r.GAP, r.pair("hackney", "childcare"))] * 12, on=DAY
    )
    store.record([Event(r.GAP, r.pair("cardiff", "debt"))], on=DAY)
    gaps = _tables(store)["gaps"]
    assert gaps.rows == (
        ("1", "Hackney", "Childcare", "12"), ("2", "Leeds", "Housing", "7"), ("3", "Cardiff", "Debt", "fewer than 5"),
    )  # fmt: skip
    assert gaps.summary.startswith("The biggest gap: Childcare in Hackney, asked 12 times")


def test_every_week_in_the_range_has_a_row(store):
    store.record([Event(r.CONVERSATION)] * 6 + [Event(r.HANDOFF)], on=DAY)
    conversations = _tables(store)["conversations"]
    assert [row[0] for row in conversations.rows] == ["2 Nov 2026", "9 Nov 2026", "16 Nov 2026", "23 Nov 2026"]
    assert conversations.rows[-1] == ("23 Nov 2026", "6", "fewer than 5")
    assert conversations.chart.values == (0, 0, 0, 6)


def test_progress_and_skills_tables_by_area(store):
    store.record([Event(r.PROGRESS, r.pair("communicating", r.BETTER))] * 5, on=DAY)
    store.record([Event(r.SKILL, r.pair("safety", "some_help"))] * 6, on=DAY)
    tables = _tables(store)
    assert tables["progress"].rows == (("Communicating", "5", "0", "0"),)
    assert tables["progress"].columns == ("Skill area", "Better", "Same", "Worse")
    assert tables["skills"].rows == (("Safety", "0", "6", "0", "0"),)

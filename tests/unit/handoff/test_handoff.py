"""Handoff records, references, the summary, and retention."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
from sqlalchemy import Column, Float, Integer, MetaData, String, Table, Text, func, insert, select
from sqlalchemy.orm import Session

from bot.core.db import make_engine
from bot.core.paths import ROOT
from bot.handoff.reference import ALPHABET, new_reference, normalise_reference
from bot.handoff.store import HandoffStore, QueueFilter
from bot.handoff.summary import build_summary
from bot.privacy.retention import parse_period, purge


def test_references_have_no_confusable_characters():
    assert not set("0O1ILUV") & set(ALPHABET)
    refs = {new_reference() for _ in range(2000)}
    assert all(r.startswith("SGN-") and len(r) == 12 and set(r[4:]) <= set(ALPHABET) for r in refs)
    assert len(refs) == 2000  # random, not a counter


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("SGN-4K7Q", "SGN-4K7Q"), ("sgn 4k7q", "SGN-4K7Q"), ("4K7Q", "SGN-4K7Q"), (" sgn-4k7q ", "SGN-4K7Q"),
     ("SGN-4K7O", None), ("SGN-12", None), ("'; DROP TABLE handoffs; --", None), ("", None),
     # New references have eight characters (issue 19), read out in two fours.
     ("SGN-4K7QM2PX", "SGN-4K7QM2PX"), ("sgn 4k7q m2px", "SGN-4K7QM2PX"), ("SGN-4K7QM2P", None), ("SGN-4K7QM2PXA", None)],
)  # fmt: skip
def test_typed_references_are_normalised(typed, stored):
    assert normalise_reference(typed) == stored


def _summary(urgent=False, codes=()):
    return {"urgent": urgent, "flags": [{"code": c, "label": c, "reasons": []} for c in codes]}


def test_one_handoff_per_conversation_gathers_triggers_and_reopens(handoff_store: HandoffStore):
    first = handoff_store.raise_handoff("conv", "Asked for a person", _summary(), "kiosk", "leeds-city")
    assert first.new
    handoff_store.set_status(first.reference, "closed", "alex")
    again = handoff_store.raise_handoff("conv", "Safeguarding: domestic abuse", _summary(True, ("urgent",)))
    assert again.reference == first.reference and not again.new
    view = handoff_store.get(first.reference)
    assert view.triggers == ("Asked for a person", "Safeguarding: domestic abuse")
    assert view.status == "new" and view.urgent and view.flag_codes == ("urgent",)
    assert view.channel == "kiosk" and view.site == "leeds-city"


def test_notes_are_redacted_too(handoff_store: HandoffStore):
    raised = handoff_store.raise_handoff("c", "x", _summary())
    handoff_store.add_note(raised.reference, "Rang them on 07700 900123, NI AB123456C", "alex")
    assert handoff_store.get(raised.reference).notes[0].text == "Rang them on [phone number], NI [NI number]"


def test_unknown_channel_is_web_and_bad_status_is_refused(handoff_store: HandoffStore):
    raised = handoff_store.raise_handoff("c", "x", _summary(), channel="<script>")
    assert handoff_store.get(raised.reference).channel == "web"
    with pytest.raises(ValueError):
        handoff_store.set_status(raised.reference, "gone", "alex")
    assert handoff_store.queue(QueueFilter(reference="not a reference")) == []


def test_summary_is_built_from_slots_with_names_not_ids():
    slots = {
        "flags": [
            {"code": "longer_appointment", "reasons": ["Cannot yet use email"], "source": "skills_check"},
            {"code": "longer_appointment", "reasons": ["Mentioned their mental health"], "source": "conversation"},
            {"code": "urgent", "reasons": ["Disclosed domestic abuse"], "source": "conversation"},
            {"code": "accessibility_adjustments", "reasons": ["Finds reading hard"]},
            {"code": "made_up", "reasons": ["ignored"]},
            "junk",
        ],
        "digital_profile": {"communicating": "some_help"},
        "digital_overall": "some_help",
        "signposts_given": ["samaritans", "gone-partner"],
        "area_id": "leeds",
        "cap_estimate": {"outcome": "capped"},
        "fsf_interest": ["Flexible Support Fund: travel to interviews"],
        "private_room": True,
    }
    summary = build_summary(
        slots, ["debt", "debt", "housing"], {"samaritans": "Samaritans"}.get, {"leeds": "Leeds"}.get,
        {"communicating": "Communicating"}.get,
    )  # fmt: skip
    assert summary["urgent"] is True
    assert [f["code"] for f in summary["flags"]] == ["urgent", "longer_appointment", "accessibility_adjustments"]
    assert summary["flags"][1]["reasons"] == ["Cannot yet use email", "Mentioned their mental health"]
    assert summary["accessibility"] == ["Finds reading hard"]
    assert summary["signposts"] == ["Samaritans", "gone-partner"]
    assert summary["needs"] == ["debt", "housing"] and summary["area"] == "Leeds"
    assert summary["skills"] == {
        "overall": "needs some help",
        "profile": [{"area": "Communicating", "level": "needs some help", "before": None}],
        "before_on": None,  # no earlier check given (issue 19)
    }
    assert summary["private_room"] is True and summary["cap_estimate"] == {"outcome": "capped"}


@pytest.mark.parametrize(("text", "days"), [("30d", 30), ("30", 30), ("7 days", 7), (" 1d ", 1)])
def test_periods(text, days):
    assert parse_period(text) == dt.timedelta(days=days)


@pytest.mark.parametrize("text", ["", "0d", "-3d", "30w", "thirty", "30d; rm -rf /"])
def test_bad_periods_are_refused(text):
    with pytest.raises(ValueError):
        parse_period(text)


def _tracker_store(tmp_path):
    """A tracker store table shaped like Rasa's SQLTrackerStore `events`."""
    engine = make_engine(f"sqlite:///{tmp_path / 'tracker.db'}")
    events = Table(
        "events", MetaData(),
        Column("id", Integer, primary_key=True), Column("sender_id", String(255)), Column("type_name", String(255)),
        Column("timestamp", Float), Column("intent_name", String(255)), Column("action_name", String(255)),
        Column("data", Text),
    )  # fmt: skip
    events.metadata.create_all(engine)
    return engine, events


def test_purge_deletes_whole_old_conversations_and_old_handoffs(tmp_path, handoff_store: HandoffStore):
    engine, events = _tracker_store(tmp_path)
    now = dt.datetime(2026, 11, 23, 12, 0)
    ts = lambda days: (now - dt.timedelta(days=days)).replace(tzinfo=dt.timezone.utc).timestamp()  # noqa: E731
    with engine.begin() as conn:
        conn.execute(insert(events), [
            {"sender_id": "old", "type_name": "user", "timestamp": ts(40)},
            {"sender_id": "old", "type_name": "bot", "timestamp": ts(39)},
            {"sender_id": "spans", "type_name": "user", "timestamp": ts(45)},  # started long ago, still active
            {"sender_id": "spans", "type_name": "user", "timestamp": ts(2)},
            {"sender_id": "new", "type_name": "user", "timestamp": ts(1)},
        ])  # fmt: skip
    handoff_store._now = lambda: now - dt.timedelta(days=31)
    old = handoff_store.raise_handoff("old", "x", _summary())
    handoff_store.add_note(old.reference, "called back", "alex")
    handoff_store._now = lambda: now - dt.timedelta(days=3)
    recent = handoff_store.raise_handoff("new", "x", _summary())

    done = purge(handoff_store, engine, dt.timedelta(days=30), now=now)
    assert (done.conversations, done.events, done.handoffs) == (1, 2, 1)
    with engine.connect() as conn:
        left = dict(conn.execute(select(events.c.sender_id, func.count()).group_by(events.c.sender_id)).all())
    assert left == {"spans": 2, "new": 1}
    assert handoff_store.get(old.reference) is None and handoff_store.get(recent.reference) is not None


def test_purge_without_a_tracker_store_yet(tmp_path, handoff_store: HandoffStore):
    done = purge(handoff_store, make_engine(f"sqlite:///{tmp_path / 'empty.db'}"), dt.timedelta(days=30))
    assert done.conversations == 0 and done.handoffs == 0


def _cli(tmp_path, *args, stdin=""):
    env = {"SIGNPOST_VAR_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    return subprocess.run(
        [sys.executable, "-m", "bot.ops.cli", *args], cwd=ROOT, env=env, input=stdin, capture_output=True, text=True
    )


def test_cli_adds_advisers_and_purges(tmp_path):
    added = _cli(tmp_path, "adviser", "add", "Sam.Coach", "--password-stdin", stdin="a long enough password\n")
    assert added.returncode == 0 and "adviser sam.coach can now sign in" in added.stdout
    short = _cli(tmp_path, "adviser", "add", "sam.coach", "--password-stdin", stdin="short\n")
    assert short.returncode == 2 and "12 to 256 characters" in short.stderr
    bad_name = _cli(tmp_path, "adviser", "add", "<b>", "--password-stdin", stdin="a long enough password\n")
    assert bad_name.returncode == 2
    purged = _cli(tmp_path, "purge", "--older-than", "30d")
    assert (
        purged.returncode == 0
        and "deleted 0 conversations (0 events) and 0 handoffs older than 30 days" in purged.stdout
    )
    assert _cli(tmp_path, "purge", "--older-than", "soon").returncode == 2


def test_purge_also_prunes_sign_in_records_and_the_old_audit_log(tmp_path, handoff_store: HandoffStore):
    # Issue 16: failed-login, session and audit rows grew without limit.
    from bot.advisers.accounts import Advisers
    from bot.advisers.models import LoginFailure

    now = dt.datetime(2026, 12, 3, 12, 0)
    advisers = Advisers(handoff_store.engine, now=lambda: now - dt.timedelta(days=2))
    advisers.add("sam.coach", "a long enough password")
    advisers.sign_in("sam.coach", "wrong password here", "10.0.0.1")  # an old failure
    assert advisers.sign_in("sam.coach", "a long enough password", "10.0.0.2") is not None  # an 8-hour session
    handoff_store._now = lambda: now - dt.timedelta(days=400)
    handoff_store.audit("sam.coach", "viewed", None)
    handoff_store._now = lambda: now - dt.timedelta(days=3)
    handoff_store.audit("sam.coach", "viewed", None)
    done = purge(handoff_store, make_engine(f"sqlite:///{tmp_path / 'empty.db'}"), dt.timedelta(days=30), now=now)
    assert (done.login_failures, done.adviser_sessions, done.audit_rows) == (1, 1, 1)
    with Session(handoff_store.engine) as session:
        assert session.execute(select(func.count()).select_from(LoginFailure)).scalar_one() == 0
    assert len(handoff_store.audit_log()) == 1  # the recent one stays


def test_only_a_handoffs_first_review_reports_its_wait(handoff_store):
    raised = handoff_store.raise_handoff("c-wait", "Asked for a person", build_summary({}, [], *(lambda x: x,) * 3))
    first = handoff_store.set_status(raised.reference, "reviewed", "alex")
    assert first is not None and first.first_review_wait is not None and first.channel == "web"
    assert handoff_store.set_status(raised.reference, "new", "alex").first_review_wait is None
    assert handoff_store.set_status(raised.reference, "reviewed", "alex").first_review_wait is None
    assert handoff_store.set_status("SGN-22222222", "reviewed", "alex") is None

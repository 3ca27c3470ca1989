"""Issue 20 end to end: a council's Open Referral UK feed imports with the command a
Jobcentre would run, and the next conversation in that council signposts its local
services first."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from bot.core.paths import ROOT
from tests.e2e.http import post
from tests.fixtures.oruk_feed import feed

pytestmark = [pytest.mark.slow, pytest.mark.e2e]


@pytest.fixture
def imported_then_removed(stack):
    """The stack is shared: what this test imports goes again after it, so the other
    tests see the directory they expect."""
    yield
    from sqlalchemy import delete

    from bot.directory.models import Partner
    from bot.directory.repository import Directory

    directory = Directory.from_url(stack.settings.database_url)
    with directory.engine.begin() as conn:
        conn.execute(delete(Partner).where(Partner.id.like("oruk-%")))
    directory.engine.dispose()


def test_an_imported_feed_is_signposted_first_in_its_council(stack, tmp_path, imported_then_removed):
    settings = stack.settings
    doc = feed(60)
    doc["contents"][5]["attributes"][0]["taxonomy_term"]["name"] = "Debt advice"  # service 5 is in Kirklees
    path = tmp_path / "kirklees-services.json"
    path.write_text(json.dumps(doc))
    done = subprocess.run(
        [sys.executable, "-m", "bot.ops.cli", "directory", "import", str(path), "--format", "oruk"],
        cwd=ROOT, env=settings.child_env(), capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "imported 60 new" in done.stdout
    assert "note: taxonomy term not mapped to a need" in done.stderr  # the feed's "Dog grooming"

    # A Kirklees service filed under debt, from the feed.
    kirklees_debt = [
        s["name"] for n, s in enumerate(doc["contents"])
        if n % 6 == 5 and s["attributes"][0]["taxonomy_term"]["name"] == "Debt advice"
    ]  # fmt: skip
    url = f"http://127.0.0.1:{settings.gateway_port}/api/chat"
    session = "oruk" + os.urandom(6).hex()
    post(url, {"session": session, "message": "I need help with debt"})
    status, data = post(url, {"session": session, "message": "Kirklees"})
    assert status == 200
    texts = [m["text"] for m in data["messages"]]
    intro = next(i for i, t in enumerate(texts) if t.startswith("You can try"))
    assert "in Kirklees" in texts[intro], texts
    first_service = texts[intro + 1]
    assert any(first_service.startswith(name) for name in kirklees_debt), texts
    assert "Why: It is local to Kirklees" in first_service

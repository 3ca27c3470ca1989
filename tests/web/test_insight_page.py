"""/adviser/insight (issue 19): only for managers; the figures after scripted counts,
small counts suppressed in the page, its charts and its CSV; bad choices are named
400s; and the page passes axe-core in Chromium."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from axe_playwright_python.async_playwright import Axe
from playwright.async_api import async_playwright

from bot.advisers.accounts import MANAGER, Advisers
from bot.core.paths import ROOT
from bot.insight import rules as r
from bot.insight.store import Event, Scope
from bot.web.adviser import SESSION_COOKIE, STORE
from bot.web.insight import INSIGHT
from tests.browser import launch_options
from tests.web.test_adviser import PASSWORD, _sign_in

SCREENSHOTS = ROOT / "var" / "screenshots"
TODAY = dt.datetime.now(dt.timezone.utc).date()


@pytest.fixture
def counts(gateway_app):
    """What scripted conversations at a Leeds kiosk and on the web would have written."""
    store = gateway_app[INSIGHT]
    leeds = dict(site="example-leeds", channel="kiosk")
    store.record(
        [Event(r.CONVERSATION, **leeds)] * 12 + [Event(r.CONVERSATION)] * 3
        + [Event(r.NEED, "debt", **leeds)] * 8 + [Event(r.NEED, "housing", **leeds)] * 3
        + [Event(r.SERVICE, "shelter", **leeds)] * 6
        + [Event(r.GAP, r.pair("leeds", "housing"), **leeds)] * 5 + [Event(r.GAP, r.pair("leeds", "childcare"), **leeds)]
        + [Event(r.FLAG, "longer_appointment", **leeds)] * 7
        + [Event(r.SKILL, r.pair("communicating", "some_help"), **leeds)] * 5
        + [Event(r.PROGRESS, r.pair("communicating", r.BETTER), **leeds)] * 5
        + [Event(r.FSF, "travel", **leeds)] * 2
        + [Event(r.HANDOFF, **leeds)] * 9 + [Event(r.REVIEWED, "within an hour", **leeds)] * 6,
        on=TODAY,
    )  # fmt: skip
    return store


async def _signed_in(client, gateway_app, role: str) -> dict[str, str]:
    Advisers(gateway_app[STORE].engine).add(f"sam.{role}", PASSWORD, role=role)
    response = await _sign_in(client, f"sam.{role}")
    return {"Cookie": f"{SESSION_COOKIE}={response.cookies[SESSION_COOKIE].value}"}


@pytest.mark.parametrize("path", ["/adviser/insight", "/adviser/insight.csv?table=needs"])
async def test_insight_needs_the_manager_role(client, gateway_app, counts, path):
    anonymous = await client.get(path, allow_redirects=False)
    assert anonymous.status == 303 and anonymous.headers["Location"] == "/adviser/login"
    adviser = await client.get(path, headers=await _signed_in(client, gateway_app, "adviser"), allow_redirects=False)
    assert adviser.status == 403 and "Debt" not in await adviser.text()
    manager = await client.get(path, headers=await _signed_in(client, gateway_app, MANAGER))
    assert manager.status == 200


async def test_the_page_shows_the_counts_for_a_site_with_small_ones_suppressed(client, gateway_app, counts):
    headers = await _signed_in(client, gateway_app, MANAGER)
    html = await (await client.get("/adviser/insight?site=example-leeds&period=month", headers=headers)).text()
    assert re.search(r"<th scope=\"row\">Debt, arrears and bills|<th scope=\"row\">Debt", html)
    assert "<td>8</td>" in html and "<td>6</td>" in html  # debt asked, Shelter given
    assert html.count("fewer than 5") >= 3  # housing asked 3, childcare gap 1, Fund interest 2
    assert not re.search(r"<td>[1-4]</td>", html)  # no small count, anywhere
    assert "The biggest gap:" in html and "Leeds" in html
    # The charts carry only published figures.
    charts = [
        json.loads(c.replace("&#34;", '"').replace("&amp;", "&")) for c in re.findall(r'data-chart="([^"]+)"', html)
    ]
    needs = next(c for c in charts if c["labels"] and "Housing" in " ".join(c["labels"]))
    assert None in needs["values"] and 3 not in needs["values"]
    web_only = await (await client.get("/adviser/insight?channel=web", headers=headers)).text()
    assert "<td>8</td>" not in web_only


async def test_every_table_downloads_as_csv_as_published(client, gateway_app, counts):
    headers = await _signed_in(client, gateway_app, MANAGER)
    for table in ("conversations", "needs", "services", "flags", "skills", "fsf", "support", "gaps", "progress"):
        response = await client.get(f"/adviser/insight.csv?table={table}&site=example-leeds", headers=headers)
        assert response.status == 200 and response.content_type == "text/csv", table
        assert f"signpost-{table}-" in response.headers["Content-Disposition"]
    gaps = await (await client.get("/adviser/insight.csv?table=gaps", headers=headers)).text()
    assert gaps.splitlines() == ["Rank,Area,Need,Times asked", "1,Leeds,Housing,5", "2,Leeds,Childcare,fewer than 5"]
    fsf = await (await client.get("/adviser/insight.csv?table=fsf", headers=headers)).text()
    assert "fewer than 5" in fsf and ",2" not in fsf


@pytest.mark.parametrize(
    "query, status",
    [
        ("table=nope", 404),
        ("table=needs&since=yesterday", 400),
        ("table=needs&since=2026-12-01&until=2026-01-01", 400),
        ("table=needs&since=2001-01-01&until=2026-01-01", 400),
        ("table=needs&channel=fax", 400),
        ("table=needs&period=decade", 400),
        ("table=needs&site=%3Cscript%3E", 400),
        ("table=needs&site=' OR 1=1 --", 400),
    ],
)
async def test_bad_choices_are_named_errors(client, gateway_app, counts, query, status):
    headers = await _signed_in(client, gateway_app, MANAGER)
    response = await client.get(f"/adviser/insight.csv?{query}", headers=headers)
    assert response.status == status, await response.text()


async def test_the_insight_page_passes_axe_with_its_charts(aiohttp_server, gateway_app, counts):
    Advisers(gateway_app[STORE].engine).add("sam.manager", PASSWORD, role=MANAGER)
    server = await aiohttp_server(gateway_app)
    async with async_playwright() as p:
        browser = await p.chromium.launch(**launch_options())
        page = await (await browser.new_context(viewport={"width": 1280, "height": 900})).new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("response", lambda r: errors.append(r.url) if r.status >= 400 and "favicon" not in r.url else None)
        base = f"http://localhost:{server.port}"
        await page.goto(f"{base}/adviser/login")
        await page.fill("#username", "sam.manager")
        await page.fill("#password", PASSWORD)
        await page.click("button[type=submit]")
        await page.goto(f"{base}/adviser/insight?site=example-leeds")
        await page.wait_for_selector("#needs canvas")
        # Chart.js drew something on the canvas (it has pixels that are not blank).
        drawn = await page.evaluate(
            "(() => { const c = document.querySelector('#needs canvas'); const d = c.getContext('2d')"
            ".getImageData(0, 0, c.width, c.height).data; return d.some(v => v !== 0); })()"
        )
        assert drawn and not errors, errors
        results = await Axe().run(page)
        assert results.violations_count == 0, results.generate_report()
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        await page.screenshot(path=str(SCREENSHOTS / "insight.png"), full_page=True)
        await browser.close()


async def test_a_first_review_counts_how_long_the_handoff_waited(client, gateway_app):
    from tests.web.test_adviser import _session, _summary

    store = gateway_app[STORE]
    Advisers(store.engine).add("alex.adviser", PASSWORD)
    raised = store.raise_handoff("c-review", "Asked for a person", _summary(), "kiosk", "example-leeds")
    headers, csrf = await _session(client)
    url = f"/adviser/handoffs/{raised.reference}/status"
    for status in ("reviewed", "new", "reviewed", "closed"):  # only the first review counts
        response = await client.post(url, data={"csrf": csrf, "status": status}, headers=headers, allow_redirects=False)
        assert response.status == 303
    cells = gateway_app[INSIGHT].sums(
        Scope(TODAY - dt.timedelta(days=40), TODAY, site="example-leeds", channel="kiosk"), [r.REVIEWED]
    )
    assert [(c.key, c.count) for c in cells] == [("within an hour", 1)]

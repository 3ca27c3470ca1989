"""The adviser console in headless Chromium: sign in with the keyboard, then axe-core
finds no violations on the sign-in page, the queue or a handoff."""

from __future__ import annotations

import pytest
from axe_playwright_python.async_playwright import Axe
from playwright.async_api import async_playwright

from bot.advisers.accounts import Advisers
from bot.core.paths import ROOT
from bot.web.adviser import STORE
from tests.browser import launch_options

SCREENSHOTS = ROOT / "var" / "screenshots"
PASSWORD = "correct horse battery staple"


@pytest.fixture
async def console(aiohttp_server, gateway_app):
    store = gateway_app[STORE]
    Advisers(store.engine).add("alex.adviser", PASSWORD)
    summary = {
        "urgent": True,
        "flags": [{"code": "urgent", "label": "Urgent", "reasons": ["Disclosed domestic abuse"]}],
        "area": "Leeds", "skills": {"overall": "some_help", "profile": [{"area": "Communicating", "level": "some_help"}]},
        "cap_estimate": {"outcome": "capped", "reason": "Over the cap", "cap": "1835.00", "total": "2000.00", "period": "month"},
        "fsf_interest": ["Flexible Support Fund: travel to interviews"], "needs": ["debt"],
        "signposts": ["Citizens Advice (Adviceline)"], "accessibility": ["Finds reading hard"], "private_room": True,
    }  # fmt: skip
    raised = store.raise_handoff("conv-page", "Safeguarding: domestic abuse", summary, "kiosk", "leeds-city")
    server = await aiohttp_server(gateway_app)
    async with async_playwright() as p:
        browser = await p.chromium.launch(**launch_options())
        page = await (await browser.new_context()).new_page()
        page.base = f"http://localhost:{server.port}"
        page.reference = raised.reference
        yield page
        await browser.close()


async def _axe(page, name: str) -> None:
    results = await Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=str(SCREENSHOTS / f"adviser-{name}.png"), full_page=True)


async def test_sign_in_by_keyboard_and_every_page_passes_axe(console):
    page = console
    await page.goto(f"{page.base}/adviser/handoffs/{page.reference}")
    assert page.url.endswith("/adviser/login")  # not without signing in
    await _axe(page, "login")
    await page.focus("#username")
    await page.keyboard.type("alex.adviser")
    await page.keyboard.press("Tab")
    await page.keyboard.type(PASSWORD)
    await page.keyboard.press("Enter")
    await page.wait_for_selector("h1 >> text=Handoffs")
    await _axe(page, "queue")
    await page.click(f"text={page.reference}")
    await page.wait_for_selector("h2 >> text=Transcript")
    assert await page.locator("text=Disclosed domestic abuse").count() == 1
    await _axe(page, "handoff")

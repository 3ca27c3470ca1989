"""The kiosk in headless Chromium (Debian's), against a fake Rasa: touch-sized
controls, axe-core, a conversation by touch, the idle warning and the reset that
leaves nothing behind, safe rendering, and the handoff ticket."""

from __future__ import annotations

import pytest
from axe_playwright_python.async_playwright import Axe
from playwright.async_api import async_playwright

from bot.core.paths import ROOT
from bot.web.app import SETTINGS
from tests.browser import kiosk_path, launch_options

SCREENSHOTS = ROOT / "var" / "screenshots"


@pytest.fixture
async def kiosk(aiohttp_server, gateway_app):
    server = await aiohttp_server(gateway_app)
    async with async_playwright() as p:
        browser = await p.chromium.launch(**launch_options())
        page = await (await browser.new_context(viewport={"width": 1080, "height": 1920})).new_page()
        page.base = f"http://localhost:{server.port}"
        page.kiosk = kiosk_path(gateway_app[SETTINGS])
        yield page
        await browser.close()


async def _open(page, query: str = "") -> None:
    await page.goto(f"{page.base}{page.kiosk}{'&' if query else ''}{query}")
    await page.wait_for_selector(".kiosk-msg.bot")


async def test_kiosk_passes_axe_with_touch_sized_controls(kiosk):
    await _open(kiosk)
    # GOV.UK Frontend is installed and served: its visually-hidden class hides the heading.
    assert await kiosk.is_hidden("h1") or (await kiosk.locator("h1").bounding_box())["width"] <= 1
    results = await Axe().run(kiosk)
    assert results.violations_count == 0, results.generate_report()
    for button in await kiosk.locator("button:visible").all():
        box = await button.bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44, (await button.text_content(), box)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    await kiosk.screenshot(path=str(SCREENSHOTS / "kiosk.png"), full_page=True)


async def test_a_conversation_by_touch_sends_the_site(kiosk, fake_rasa):
    await _open(kiosk)
    await kiosk.click("button.kiosk-choice >> text=Debt")
    await kiosk.wait_for_selector(".kiosk-msg.bot >> text=echo: /need_debt")
    assert [r["metadata"] for r in fake_rasa.received] == [{"channel": "kiosk", "site": "example-leeds"}] * 2
    await kiosk.click("text=A++")
    assert await kiosk.evaluate("document.documentElement.dataset.textSize") == "3"


async def test_typing_on_the_screen_keyboard_and_html_stays_text(kiosk):
    await _open(kiosk)
    await kiosk.click("#show-keyboard")
    for key in "hi":
        await kiosk.click(f".kiosk-key >> text='{key}'")
    assert await kiosk.input_value("#message") == "hi"
    await kiosk.fill("#message", "<img src=x onerror=alert(1)>")
    await kiosk.click("button[type=submit]")
    await kiosk.wait_for_selector(".kiosk-msg.bot >> text=echo: <img src=x onerror=alert(1)>")
    assert await kiosk.locator(".kiosk-log img").count() == 0


async def test_idle_warns_more_time_helps_then_it_clears_and_keeps_nothing(kiosk, fake_rasa):
    await _open(kiosk, "idle=5&warning=5")
    await kiosk.click("button.kiosk-choice >> text=Debt")
    await kiosk.wait_for_selector("#timeout", state="visible", timeout=15000)
    assert await kiosk.evaluate("document.activeElement.id") == "more-time"
    await kiosk.click("#more-time")
    assert await kiosk.is_hidden("#timeout")
    assert await kiosk.locator(".kiosk-msg >> text=echo: /need_debt").count() == 1  # still there
    await kiosk.wait_for_selector("#timeout", state="visible", timeout=15000)
    # No touch now: the screen clears and a new conversation starts.
    await kiosk.locator(".kiosk-msg >> text=echo: /need_debt").wait_for(state="detached", timeout=15000)
    await kiosk.wait_for_selector(".kiosk-msg.bot")
    sessions = {r["sender"] for r in fake_rasa.received}
    assert len(sessions) == 2
    assert await kiosk.evaluate("[localStorage.length, sessionStorage.length, document.cookie]") == [0, 0, ""]
    context_cookies = await kiosk.context.cookies()
    assert context_cookies == []


async def test_a_reference_shows_the_ticket(kiosk):
    await _open(kiosk)
    await kiosk.fill("#message", "ticket please")
    await kiosk.click("button[type=submit]")
    await kiosk.wait_for_selector("#ticket", state="visible")
    assert await kiosk.text_content("#ticket-ref") == "SGN-4K7Q"
    results = await Axe().run(kiosk)
    assert results.violations_count == 0, results.generate_report()
    await kiosk.screenshot(path=str(SCREENSHOTS / "kiosk-ticket.png"))


async def test_an_unknown_site_is_a_clear_page(kiosk):
    response = await kiosk.goto(f"{kiosk.base}/kiosk?site=nowhere")
    assert response.status == 404
    assert "This kiosk is not set up" in await kiosk.text_content("h1")


@pytest.mark.parametrize("key", ["", "&key=" + "A" * 43], ids=["no key", "wrong key"])
async def test_a_kiosk_without_its_key_is_not_a_kiosk(kiosk, key):
    response = await kiosk.goto(f"{kiosk.base}/kiosk?site=example-leeds{key}")
    assert response.status == 403
    assert "This kiosk is not set up" in await kiosk.text_content("h1")
    assert "signpost kiosk key" in await kiosk.text_content("main")

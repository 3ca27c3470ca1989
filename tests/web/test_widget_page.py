"""The embeddable widget on the demo host page, in headless Chromium, against a
fake Rasa: axe-core, a conversation by clicks, a keyboard-only path, resume after
a reload from sessionStorage (never localStorage), start again, safe text."""

from __future__ import annotations

import pytest
from axe_playwright_python.async_playwright import Axe
from playwright.async_api import async_playwright

from bot.core.paths import ROOT
from bot.web.app import SETTINGS
from tests.browser import kiosk_path, launch_options

SCREENSHOTS = ROOT / "var" / "screenshots"


@pytest.fixture
async def demo(aiohttp_server, gateway_app):
    server = await aiohttp_server(gateway_app)
    async with async_playwright() as p:
        browser = await p.chromium.launch(**launch_options())
        page = await (await browser.new_context()).new_page()
        await page.goto(f"http://localhost:{server.port}/demo")
        await page.wait_for_selector(".sgn-launcher")
        yield page
        await browser.close()


async def test_widget_by_clicks_passes_axe_and_resumes_after_reload(demo, fake_rasa):
    await demo.click(".sgn-launcher")
    await demo.wait_for_selector(".sgn-msg.sgn-bot >> text=Hello. What do you need help with?")
    await demo.click(".sgn-choice >> text=Debt")
    await demo.wait_for_selector(".sgn-msg.sgn-bot >> text=echo: /need_debt")
    results = await Axe().run(demo)
    assert results.violations_count == 0, results.generate_report()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    await demo.screenshot(path=str(SCREENSHOTS / "widget.png"))

    await demo.reload()
    await demo.wait_for_selector(".sgn-msg.sgn-bot >> text=echo: /need_debt")  # resumed, not asked again
    assert [r["message"] for r in fake_rasa.received] == ["/greet", "/need_debt"]
    stored = await demo.evaluate("[sessionStorage.length, localStorage.length, document.cookie]")
    assert stored == [1, 0, ""]

    await demo.click("text=Start again")
    await demo.wait_for_selector(".sgn-msg.sgn-bot")
    assert len({r["sender"] for r in fake_rasa.received}) == 2
    assert await demo.locator(".sgn-msg >> text=echo: /need_debt").count() == 0


async def test_widget_by_keyboard_alone(demo, fake_rasa):
    await demo.focus(".sgn-launcher")
    await demo.keyboard.press("Enter")
    await demo.wait_for_selector(".sgn-msg.sgn-bot")
    assert await demo.evaluate("document.activeElement.id") == "sgn-message"  # focus goes where the user types
    await demo.keyboard.type("I live in Leeds")
    await demo.keyboard.press("Enter")
    await demo.wait_for_selector(".sgn-msg.sgn-bot >> text=echo: I live in Leeds")
    assert await demo.evaluate("document.activeElement.id") == "sgn-message"  # not moved by new messages
    # Back from the box: the last message's choice (each message also has Listen, issue 18).
    await demo.keyboard.press("Shift+Tab")
    assert await demo.evaluate("document.activeElement.textContent") == "Debt"
    await demo.keyboard.press("Shift+Tab")
    assert await demo.evaluate("document.activeElement.textContent") == "Listen"
    await demo.keyboard.press("Tab")
    await demo.keyboard.press("Enter")
    await demo.wait_for_selector(".sgn-msg.sgn-bot >> text=echo: /need_debt")
    outline = await demo.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    await demo.keyboard.press("Escape")
    assert "sgn-launcher" in await demo.evaluate("document.activeElement.className")


async def test_messages_render_as_text(demo):
    await demo.click(".sgn-launcher")
    await demo.wait_for_selector(".sgn-msg.sgn-bot")
    await demo.fill("#sgn-message", "<img src=x onerror=alert(1)> see https://example.org/help")
    await demo.keyboard.press("Enter")
    await demo.wait_for_selector(".sgn-msg.sgn-bot >> text=echo: <img src=x onerror=alert(1)>")
    assert await demo.locator(".sgn-log img").count() == 0
    link = demo.locator(".sgn-bot a").first
    assert await link.get_attribute("href") == "https://example.org/help"


@pytest.mark.parametrize("path", ["/demo", "/kiosk"])
async def test_zoom_to_200_percent_loses_nothing(aiohttp_server, gateway_app, path):
    """A 1280 x 720 screen at 200% zoom is a 640 x 360 viewport: no sideways scrolling,
    and the message box and send button are still reachable."""
    server = await aiohttp_server(gateway_app)
    async with async_playwright() as p:
        browser = await p.chromium.launch(**launch_options())
        page = await (await browser.new_context(viewport={"width": 640, "height": 360})).new_page()
        address = kiosk_path(gateway_app[SETTINGS]) if path == "/kiosk" else path
        await page.goto(f"http://localhost:{server.port}{address}")
        if path == "/demo":
            await page.click(".sgn-launcher")
        await page.wait_for_selector(".sgn-msg, .kiosk-msg")
        assert await page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        box = "#sgn-message" if path == "/demo" else "#message"
        await page.locator(box).scroll_into_view_if_needed()
        assert await page.locator(box).is_visible()
        await browser.close()


async def test_the_widget_keeps_only_what_the_gateway_stored(demo, fake_rasa):
    # Issue 16: the host page's sessionStorage never holds a typed identifier.
    await demo.click(".sgn-launcher")
    await demo.wait_for_selector(".sgn-msg.sgn-bot")
    await demo.fill("#sgn-message", "my NI is AB 123 456 C and my mobile is 07700.900.582")
    await demo.keyboard.press("Enter")
    await demo.wait_for_selector(".sgn-msg.sgn-bot >> text=echo: my NI is [NI number]")
    stored = await demo.evaluate("JSON.stringify(sessionStorage)")
    assert "AB 123 456 C" not in stored and "900.582" not in stored
    assert "my NI is [NI number] and my mobile is [phone number]" in stored
    await demo.reload()
    await demo.wait_for_selector(".sgn-msg.sgn-user >> text=my NI is [NI number]")  # resumed as stored

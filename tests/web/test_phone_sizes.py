"""The widget and the chat page on phones (issue 18): at 320×568, 360×640 and 390×844
the message box is full width and at least 44 px tall, the header controls are
compact, nothing scrolls sideways, and axe-core finds nothing. Screenshots go to
var/screenshots/."""

from __future__ import annotations

import pytest
from axe_playwright_python.async_playwright import Axe
from playwright.async_api import async_playwright

from bot.core.paths import ROOT
from tests.browser import launch_options

SCREENSHOTS = ROOT / "var" / "screenshots"
PHONES = [(320, 568), (360, 640), (390, 844)]


@pytest.fixture(params=PHONES, ids=[f"{w}x{h}" for w, h in PHONES])
async def phone(request, aiohttp_server, gateway_app):
    """A page on a phone-sized touch screen, at the gateway's address (`page.base`)."""
    width, height = request.param
    server = await aiohttp_server(gateway_app)
    async with async_playwright() as p:
        browser = await p.chromium.launch(**launch_options())
        context = await browser.new_context(viewport={"width": width, "height": height}, is_mobile=True, has_touch=True)
        page = await context.new_page()
        page.base = f"http://localhost:{server.port}"
        yield page, width, height
        await browser.close()


async def test_the_widget_on_a_phone(phone):
    page, width, height = phone
    await page.goto(f"{page.base}/demo")
    await page.click(".sgn-launcher")
    await page.wait_for_selector(".sgn-msg")
    box = await page.locator("#sgn-message").bounding_box()
    send = await page.locator(".sgn-send").bounding_box()
    panel = await page.locator("#sgn-panel").bounding_box()
    # The box takes the row beside "Send": more than half the width, never a sliver.
    assert box["width"] >= 0.5 * panel["width"], (box, panel)
    assert box["height"] >= 44 and send["height"] >= 44
    assert abs(box["y"] - send["y"]) < 2  # side by side, on one row
    # "Start again" and "Close chat" share one compact row with the title.
    head = await page.locator(".sgn-head").bounding_box()
    assert head["height"] <= 0.15 * height, head
    for control in (".sgn-small >> nth=0", ".sgn-small >> nth=1"):
        target = await page.locator(control).bounding_box()
        assert target["height"] >= 44 and target["width"] >= 44, (control, target)
    assert await page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    # The box and "Send" are on the screen, not under it.
    assert box["y"] + box["height"] <= height and send["x"] + send["width"] <= width
    results = await Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=str(SCREENSHOTS / f"widget-{width}x{height}.png"))


async def test_the_chat_page_on_a_phone(phone):
    page, width, height = phone
    await page.goto(f"{page.base}/")
    await page.wait_for_selector(".msg.bot")
    box = await page.locator("#message").bounding_box()
    assert box["width"] >= 0.5 * width and box["height"] >= 44, box
    assert await page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    results = await Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=str(SCREENSHOTS / f"chat-{width}x{height}.png"), full_page=True)

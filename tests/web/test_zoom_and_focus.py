"""Reflow and focus (issue 18): the widget and the chat page at 200% and 400% zoom
(WCAG 1.4.10: a 1280 x 1024 screen at 400% is a 320 x 256 viewport; at 200%, 640 x 512),
and with the on-screen keyboard up (the viewport shortened under a focused box). Nothing
scrolls sideways, the message box is at least 44 px tall and can be reached, and no
control that takes focus is hidden behind anything (WCAG 2.4.11). Screenshots go to
var/screenshots/.

The on-screen keyboard is imitated by shortening the viewport, as Chromium does when
`interactive-widget=resizes-content`; a real phone's keyboard is not tested here."""

from __future__ import annotations

import pytest
from playwright.async_api import async_playwright

from bot.core.paths import ROOT
from tests.browser import launch_options

SCREENSHOTS = ROOT / "var" / "screenshots"
ZOOMS = {"200": (640, 512), "400": (320, 256)}

# Is the focused element on screen, and is its middle not covered by something else?
FOCUS_SEEN = """() => {
  const e = document.activeElement;
  const r = e.getBoundingClientRect();
  const x = r.left + r.width / 2, y = r.top + r.height / 2;
  const onScreen = r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth;
  const top = document.elementFromPoint(Math.min(Math.max(x, 0), innerWidth - 1), Math.min(Math.max(y, 0), innerHeight - 1));
  return { onScreen, covered: !(top && (top === e || e.contains(top) || top.contains(e))), what: e.textContent || e.id };
}"""


async def _open(page, base: str, where: str) -> str:
    """Open the widget or the chat page with a reply on screen; the message box's selector."""
    if where == "widget":
        await page.goto(f"{base}/demo")
        await page.click(".sgn-launcher")
        await page.wait_for_selector(".sgn-msg")
        return "#sgn-message"
    await page.goto(f"{base}/")
    await page.wait_for_selector(".msg.bot")
    return "#message"


@pytest.fixture
async def browser(aiohttp_server, gateway_app):
    server = await aiohttp_server(gateway_app)
    async with async_playwright() as p:
        chromium = await p.chromium.launch(**launch_options())
        chromium.base = f"http://localhost:{server.port}"
        yield chromium
        await chromium.close()


@pytest.mark.parametrize("zoom", ZOOMS)
@pytest.mark.parametrize("where", ["widget", "chat"])
async def test_zoomed_nothing_scrolls_sideways_and_focus_is_never_hidden(browser, where, zoom):
    width, height = ZOOMS[zoom]
    page = await (await browser.new_context(viewport={"width": width, "height": height})).new_page()
    box = await _open(page, browser.base, where)
    await page.fill(box, "hello")
    await page.keyboard.press("Enter")
    await page.wait_for_selector("text=echo: hello")
    # The start of the answer is on screen without scrolling back for it.
    answer = await page.locator(".sgn-bot, .msg.bot", has_text="echo: hello").bounding_box()
    assert 0 <= answer["y"] < height, answer
    assert await page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    # Every control, reached by Tab, is on screen and not covered when it has focus.
    await page.focus(box)
    seen = []
    for _ in range(12):
        await page.keyboard.press("Shift+Tab")
        state = await page.evaluate(FOCUS_SEEN)
        assert state["onScreen"] and not state["covered"], (where, zoom, state)
        seen.append(state["what"])
    assert "Listen" in seen and "Debt" in seen
    await page.focus(box)
    size = await page.locator(box).bounding_box()
    assert size["height"] >= 44 and size["y"] >= 0 and size["y"] + size["height"] <= height, size
    assert not (await page.evaluate(FOCUS_SEEN))["covered"]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=str(SCREENSHOTS / f"{where}-zoom-{zoom}.png"))


@pytest.mark.parametrize("where", ["widget", "chat"])
async def test_the_on_screen_keyboard_does_not_hide_the_message_box(browser, where):
    page = await (
        await browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    ).new_page()
    box = await _open(page, browser.base, where)
    await page.focus(box)
    # The keyboard takes the lower half of the screen.
    await page.set_viewport_size({"width": 390, "height": 420})
    await page.wait_for_timeout(100)
    size = await page.locator(box).bounding_box()
    # Within the screen that is left (1 px for sub-pixel layout: the box is 45.3 px tall).
    assert size["y"] >= 0 and size["y"] + size["height"] <= 421, size
    assert not (await page.evaluate(FOCUS_SEEN))["covered"]
    send = await page.locator(".sgn-send" if where == "widget" else "button[type=submit]").bounding_box()
    assert send["y"] + send["height"] <= 421

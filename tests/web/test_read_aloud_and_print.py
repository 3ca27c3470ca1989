"""Listen, read every message aloud, and "Print or save these" (issue 18), in Debian's
Chromium against a fake Rasa. The browser's speech synthesis is replaced by a recorder
(headless Chromium has no voices), so the tests check what would be spoken, in which
language, and that it stops; window.print is replaced by a counter, and the print
stylesheet is checked with print media emulated."""

from __future__ import annotations

import pytest
from axe_playwright_python.async_playwright import Axe
from playwright.async_api import async_playwright, expect

from bot.web.app import SETTINGS
from tests.browser import kiosk_path, launch_options

# Records each utterance; cancel() ends the current one as a browser does (onend).
FAKE_SPEECH = """
window.__spoken = []; window.__cancels = 0; window.__printed = 0;
window.SpeechSynthesisUtterance = function (text) { this.text = text; this.lang = ""; };
Object.defineProperty(window, "speechSynthesis", { configurable: true, value: {
  speak: function (u) { window.__spoken.push({ text: u.text, lang: u.lang }); window.__current = u; },
  cancel: function () {
    window.__cancels += 1; var u = window.__current; window.__current = null;
    if (u && u.onend) { u.onend(); }
  },
  getVoices: function () { return []; }
}});
window.__finish = function () { var u = window.__current; window.__current = null; if (u && u.onend) { u.onend(); } };
window.print = function () { window.__printed += 1; };
"""


@pytest.fixture
async def browser_page(aiohttp_server, gateway_app):
    server = await aiohttp_server(gateway_app)
    async with async_playwright() as p:
        browser = await p.chromium.launch(**launch_options())
        context = await browser.new_context(viewport={"width": 390, "height": 844})
        await context.add_init_script(FAKE_SPEECH)
        page = await context.new_page()
        page.base = f"http://localhost:{server.port}"
        page.settings = gateway_app[SETTINGS]
        yield page
        await browser.close()


async def test_listen_reads_the_message_and_its_choices_then_stops(browser_page):
    page = browser_page
    await page.goto(page.base + "/")
    listen = page.locator(".msg.bot .listen").first
    await expect(listen).to_have_text("Listen")
    await listen.click()
    spoken = await page.evaluate("window.__spoken")
    assert spoken == [{"text": "Hello. What do you need help with? Choices: Debt.", "lang": "en-GB"}]
    await expect(listen).to_have_text("Stop")
    await expect(listen).to_have_attribute("aria-pressed", "true")
    await listen.click()
    assert await page.evaluate("window.__cancels") >= 1
    await expect(listen).to_have_text("Listen")
    await expect(listen).to_have_attribute("aria-pressed", "false")


async def test_listen_works_from_the_keyboard_and_one_message_at_a_time(browser_page):
    page = browser_page
    await page.goto(page.base + "/")
    await page.fill("#message", "hello there")
    await page.keyboard.press("Enter")
    await expect(page.locator(".msg.bot", has_text="echo: hello there")).to_be_visible()
    first, echo = page.locator(".msg.bot .listen").nth(0), page.locator(".msg.bot .listen").nth(1)
    await first.focus()
    await page.keyboard.press("Enter")
    await echo.focus()
    await page.keyboard.press("Space")
    spoken = [s["text"] for s in await page.evaluate("window.__spoken")]
    assert spoken == ["Hello. What do you need help with? Choices: Debt.", "echo: hello there"]
    # Starting the second stopped the first.
    await expect(first).to_have_text("Listen")
    await expect(echo).to_have_text("Stop")
    await page.evaluate("window.__finish()")  # it finished on its own
    await expect(echo).to_have_text("Listen")


async def test_the_widget_reads_aloud_in_english_and_stops_when_closed(browser_page):
    page = browser_page
    await page.goto(page.base + "/demo")
    await page.click(".sgn-launcher")
    listen = page.locator(".sgn-bot .sgn-listen").first
    await listen.click()
    assert (await page.evaluate("window.__spoken"))[0]["lang"] == "en-GB"
    cancels = await page.evaluate("window.__cancels")
    await page.click("text=Close chat")
    assert await page.evaluate("window.__cancels") > cancels
    box = await page.locator(".sgn-launcher").bounding_box()
    assert box["height"] >= 44


async def test_the_kiosk_can_read_every_new_message_aloud(browser_page, fake_rasa):
    page = browser_page
    await page.goto(page.base + kiosk_path(page.settings))
    await page.wait_for_selector(".kiosk-msg.bot")
    toggle = page.locator("#read-aloud")
    await toggle.click()
    await expect(toggle).to_have_attribute("aria-pressed", "true")
    await page.click("button.kiosk-choice >> text=Debt")
    await expect(page.locator(".kiosk-msg.bot", has_text="echo: /need_debt")).to_be_visible()
    spoken = [s["text"] for s in await page.evaluate("window.__spoken")]
    assert spoken == ["echo: /need_debt", "Pick one Choices: Debt."]
    await toggle.click()
    await expect(toggle).to_have_attribute("aria-pressed", "false")
    assert await page.evaluate("window.__cancels") >= 1
    for button in await page.locator(".kiosk-listen").all():
        assert (await button.bounding_box())["height"] >= 44


async def _print_view(page) -> None:
    """What the print dialog would show: print media, while the page asked to print."""
    await page.emulate_media(media="print")


async def test_the_chat_page_prints_the_services_in_large_print(browser_page):
    page = browser_page
    await page.goto(page.base + "/")
    await expect(page.locator("#print")).to_be_hidden()  # nothing to print yet
    await page.fill("#message", "services please")
    await page.keyboard.press("Enter")
    button = page.locator("#print")
    await expect(button).to_be_visible()
    await button.click()
    assert await page.evaluate("window.__printed") == 1
    await _print_view(page)
    sheet = page.locator("#print-sheet")
    await expect(sheet).to_be_visible()
    await expect(page.locator("#log")).to_be_hidden()
    for part in ("Leeds Test Money Project", "0113 496 0001", "https://example.org/money", "Monday to Friday",
                 "It is local to Leeds", "Call them.", "What to do next"):  # fmt: skip
        await expect(sheet).to_contain_text(part)
    size = await sheet.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert size >= 24  # 18pt: large print
    # After the dialog, the page is as it was, and printing it normally prints the page.
    await page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    await expect(page.locator("#log")).to_be_visible()
    await expect(sheet).to_be_hidden()


async def test_the_widget_prints_only_itself_and_leaves_the_host_page_alone(browser_page):
    page = browser_page
    await page.goto(page.base + "/demo")
    await page.click(".sgn-launcher")
    await page.fill("#sgn-message", "ticket please")
    await page.keyboard.press("Enter")
    await page.fill("#sgn-message", "services please")
    await page.keyboard.press("Enter")
    await expect(page.locator(".sgn-bot", has_text="Free debt advice")).to_be_visible()
    await page.click("text=Print or save these")
    await _print_view(page)
    sheet = page.locator(".sgn-print")
    await expect(sheet).to_contain_text("SGN-4K7Q")
    await expect(sheet).to_contain_text("Leeds Test Money Project")
    await expect(page.locator("#sgn-panel")).to_be_hidden()
    await expect(page.locator("body > main, body > h1, body > p").first).to_be_hidden()
    await page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    # The host page prints as it always has once the widget's dialog is done.
    await expect(page.locator("#sgn-panel")).to_be_visible()
    await expect(sheet).to_be_hidden()
    # What the widget keeps for a reload includes what it would print, and no more.
    kept = await page.evaluate("JSON.parse(sessionStorage.getItem('signpost.widget'))")
    assert [s["name"] for s in kept["services"]] == ["Leeds Test Money Project"] and kept["reference"] == "SGN-4K7Q"


async def test_the_kiosk_prints_only_where_the_site_has_a_printer(browser_page):
    page = browser_page
    await page.goto(page.base + kiosk_path(page.settings, "example-cardiff"))
    await page.wait_for_selector(".kiosk-msg.bot")
    await page.fill("#message", "services please")
    await page.click("button[type=submit]")
    await expect(page.locator(".kiosk-msg.bot", has_text="Free debt advice")).to_be_visible()
    await expect(page.locator("#print")).to_be_hidden()  # no printer at this site
    await page.goto(page.base + kiosk_path(page.settings))
    await page.wait_for_selector(".kiosk-msg.bot")
    await page.fill("#message", "services please")
    await page.click("button[type=submit]")
    await page.click("#print")
    assert await page.evaluate("window.__printed") == 1
    await _print_view(page)
    await expect(page.locator("#print-sheet")).to_contain_text("Leeds Test Money Project")
    await page.emulate_media(media="screen")
    results = await Axe().run(page)
    assert results.violations_count == 0, results.generate_report()

"""The chat page in headless Chromium (Debian's), with axe-core checks."""

from __future__ import annotations

import asyncio

import pytest
from axe_playwright_python.async_playwright import Axe
from playwright.async_api import async_playwright, expect

from bot.core.paths import ROOT
from tests.browser import launch_options

SCREENSHOTS = ROOT / "var" / "screenshots"


@pytest.fixture
async def page(aiohttp_server, gateway_app):
    server = await aiohttp_server(gateway_app)
    async with async_playwright() as p:
        browser = await p.chromium.launch(**launch_options())
        context = await browser.new_context()
        page = await context.new_page()
        page.base_url = str(server.make_url("/"))
        yield page
        await browser.close()


async def _open(page) -> None:
    await page.goto(page.base_url)
    await page.wait_for_selector(".msg.bot")


async def test_axe_finds_no_violations(page):
    await _open(page)
    results = await Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=str(SCREENSHOTS / "chat-page.png"), full_page=True)


async def test_keyboard_only_conversation(page, fake_rasa):
    await _open(page)
    # Tab from the top reaches the conversation log, then the message's Listen (issue 18),
    # then the choice in it, then the input.
    await page.keyboard.press("Tab")
    assert await page.evaluate("document.activeElement.id") == "log"
    await page.keyboard.press("Tab")
    assert await page.evaluate("document.activeElement.textContent") == "Listen"
    await page.keyboard.press("Tab")
    assert await page.evaluate("document.activeElement.textContent") == "Debt"
    await page.keyboard.press("Enter")
    await page.wait_for_selector(".msg.bot >> text=echo: /need_debt")
    await page.focus("#message")
    await page.keyboard.type("I live in Leeds")
    await page.keyboard.press("Enter")
    await page.wait_for_selector(".msg.bot >> text=echo: I live in Leeds")
    sent = [r["message"] for r in fake_rasa.received]
    assert sent == ["/greet", "/need_debt", "I live in Leeds"]
    # A visible focus style: the outline changes when focused.
    outline = await page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


async def test_a_message_sent_again_keeps_its_id(page, fake_rasa):
    # Issue 16: a retry after a failure must not be a new message, or it is answered twice.
    await _open(page)
    await page.fill("#message", "crash please")
    await page.keyboard.press("Enter")
    await expect(page.locator("#message")).to_have_value("crash please")  # given back after the failure
    await page.keyboard.press("Enter")  # send it again
    for _ in range(100):
        if len(fake_rasa.received) == 3:
            break
        await asyncio.sleep(0.05)
    await expect(page.locator("#message")).to_have_value("crash please")
    await page.fill("#message", "something new")
    await page.keyboard.press("Enter")
    await page.wait_for_selector(".msg.bot >> text=echo: something new")
    sent = [r["message"] for r in fake_rasa.received]
    assert sent[1:] == ["crash please", "crash please", "something new"]
    assert fake_rasa.ids[1] == fake_rasa.ids[2] != fake_rasa.ids[3]
    assert len(set(fake_rasa.ids)) == 3


async def test_messages_render_as_text_never_html(page):
    await _open(page)
    await page.fill("#message", '<img src=x onerror="window.hacked=1">')
    await page.keyboard.press("Enter")
    await page.wait_for_selector(".msg.bot >> text=echo: <img src=x")
    assert await page.evaluate("window.hacked") is None
    assert await page.locator(".log img").count() == 0


async def test_session_in_session_storage_only(page):
    await _open(page)
    session = await page.evaluate("sessionStorage.getItem('signpost.session')")
    assert session and len(session) == 32
    assert await page.evaluate("localStorage.length") == 0


async def test_a_failed_send_keeps_the_text_and_says_why(page):
    await _open(page)
    await page.fill("#message", "crash please")
    await page.keyboard.press("Enter")
    await page.wait_for_selector("#status:has-text('not sent')")
    assert await page.input_value("#message") == "crash please"

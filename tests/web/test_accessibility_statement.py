"""The accessibility statement (issue 18): published, linked from every claimant page,
and itself free of axe-core violations; and the page says when an answer is slow."""

from __future__ import annotations

import pytest
from axe_playwright_python.async_playwright import Axe
from playwright.async_api import async_playwright, expect

from bot.web.app import SETTINGS
from tests.browser import kiosk_path, launch_options


@pytest.fixture
async def browser_page(aiohttp_server, gateway_app):
    server = await aiohttp_server(gateway_app)
    async with async_playwright() as p:
        browser = await p.chromium.launch(**launch_options())
        page = await (await browser.new_context()).new_page()
        page.base = f"http://localhost:{server.port}"
        page.kiosk = kiosk_path(gateway_app[SETTINGS])
        yield page
        await browser.close()


async def test_the_statement_is_published_and_passes_axe(browser_page):
    page = browser_page
    response = await page.goto(f"{page.base}/accessibility")
    assert response.status == 200
    assert await page.text_content("h1") == "Accessibility statement for Jobcentre Signpost"
    for heading in ("How we tested it", "What we know does not work well yet", "Tell us about a problem"):
        assert await page.locator("h2", has_text=heading).count() == 1, heading
    results = await Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("where", ["/", "/demo", "kiosk"])
async def test_every_claimant_page_links_to_it(browser_page, where):
    page = browser_page
    await page.goto(f"{page.base}{page.kiosk if where == 'kiosk' else where}")
    if where == "/demo":
        await page.click(".sgn-launcher")
    link = page.get_by_role("link", name="Accessibility statement")
    await expect(link).to_be_visible()
    assert (await link.get_attribute("href")).endswith("/accessibility")


async def test_a_slow_answer_is_said_and_the_message_kept(browser_page, fake_rasa):
    # The fake Rasa takes a second over "slow please"; the page is told to call that slow.
    page = browser_page
    await page.add_init_script("window.SIGNPOST_SLOW_MS = 300;")
    await page.goto(f"{page.base}/")
    await page.wait_for_selector(".msg.bot")
    await page.fill("#message", "slow please")
    await page.keyboard.press("Enter")
    await expect(page.locator("#typing")).to_be_visible()
    # Said politely: a status region that was there before the words came.
    assert await page.get_attribute("#typing", "role") == "status"
    await expect(page.locator("#typing")).to_have_text("Signpost is writing…")
    await expect(page.locator("#status")).to_have_text(
        "This is taking longer than usual. Your message is safe. Please wait."
    )
    await page.wait_for_selector(".msg.bot >> text=echo: slow please")
    await expect(page.locator("#status")).to_have_text("")
    await expect(page.locator("#typing")).to_have_text("")

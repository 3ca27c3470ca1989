"""The chat page at / against the real stack: the digital-skills check by
buttons alone, and by typing alone."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, sync_playwright

from bot.core.paths import ROOT
from tests.browser import launch_options

pytestmark = [pytest.mark.slow, pytest.mark.e2e]
SCREENSHOTS = ROOT / "var" / "screenshots"

BUTTONS = [
    "A smartphone", "Shared or borrowed", "Mobile data only", "Yes, often", "Family or friends",
    "With some help", "Not yet", "Not yet", "Not yet", "With some help", "Skip", "Not yet", "Not yet",
    "My reading or writing", "I'd rather not say", "No, thank you",
]  # fmt: skip
TYPED = [
    "can you check my computer skills", "only on my phone", "it's mine", "we've got wifi", "no", "the library",
    "yes easily", "yeah I'm fine with that", "yes", "no problem", "yes", "yes", "yes", "yes", "none", "Leeds", "no",
]  # fmt: skip


@pytest.fixture
def page(stack):
    with sync_playwright() as p:
        browser = p.chromium.launch(**launch_options())
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{stack.settings.gateway_port}/")
        page.wait_for_selector(".msg.bot")
        yield page
        browser.close()


def _bot_messages(page: Page) -> int:
    return page.locator(".msg.bot").count()


def _wait_for_reply(page: Page, before: int) -> None:
    # Locators, not wait_for_function: the page's CSP rightly forbids eval.
    page.locator(".msg.bot").nth(before).wait_for(timeout=30000)
    page.locator("button[type=submit]:not([disabled])").wait_for(timeout=30000)


def _click(page: Page, title: str) -> None:
    before = _bot_messages(page)
    page.get_by_role("button", name=title, exact=True).last.click()
    _wait_for_reply(page, before)


def _type(page: Page, text: str) -> None:
    before = _bot_messages(page)
    page.fill("#message", text)
    page.keyboard.press("Enter")
    _wait_for_reply(page, before)


def _log(page: Page) -> str:
    return page.inner_text("#log")


def test_skills_check_by_buttons_alone(page):
    _click(page, "Check my online skills")
    for title in BUTTONS:
        _click(page, title)
    page.wait_for_selector("text=Can I help with anything else?")
    log = _log(page)
    assert "I'll suggest to your Work Coach that you have a longer appointment" in log
    assert "National Databank" in log
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "skills-check-buttons.png"), full_page=True)


def test_skills_check_by_typing_alone(page):
    for text in TYPED:
        _type(page, text)
    page.wait_for_selector("text=Can I help with anything else?")
    log = _log(page)
    assert "You can already:" in log
    assert "longer appointment" not in log

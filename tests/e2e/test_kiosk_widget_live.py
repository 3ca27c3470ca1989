"""The kiosk and the widget against the real stack: in each, a whole digital-skills
check and a signposting conversation by touch or click alone."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, sync_playwright

from bot.core.paths import ROOT
from tests.browser import kiosk_path, launch_options

pytestmark = [pytest.mark.slow, pytest.mark.e2e]
SCREENSHOTS = ROOT / "var" / "screenshots"

# The kiosk knows its area, so the check never asks for one.
SKILLS_BY_TOUCH = [
    "A smartphone", "Shared or borrowed", "Mobile data only", "Yes, often", "Family or friends",
    "With some help", "Not yet", "Not yet", "Not yet", "With some help", "Skip", "Not yet", "Not yet",
    "My reading or writing", "No, thank you",
]  # fmt: skip


class Chat:
    """Clicks a choice and waits for the reply, in the kiosk or the widget."""

    def __init__(self, page: Page, bot: str, choice: str) -> None:
        self.page, self.bot, self.choice = page, bot, choice

    def count(self) -> int:
        return self.page.locator(self.bot).count()

    def click(self, title: str) -> None:
        before = self.count()
        self.page.locator(self.choice, has_text=re.compile(rf"^{re.escape(title)}$")).last.click()
        self.page.locator(self.bot).nth(before).wait_for(timeout=30000)
        self.page.wait_for_timeout(150)  # let a reply of several messages finish drawing

    def text(self) -> str:
        return "\n".join(self.page.locator(self.bot).all_inner_texts())


@pytest.fixture
def browser_page(stack):
    with sync_playwright() as p:
        browser = p.chromium.launch(**launch_options())
        page = browser.new_page(viewport={"width": 1080, "height": 1600})
        page.base = f"http://localhost:{stack.settings.gateway_port}"
        page.kiosk = kiosk_path(stack.settings)
        yield page
        browser.close()


def test_kiosk_skills_check_and_signposting_by_touch(browser_page):
    page = browser_page
    page.goto(f"{page.base}{page.kiosk}")
    page.wait_for_selector(".kiosk-msg.bot >> text=What do you need help with?")
    chat = Chat(page, ".kiosk-msg.bot", "button.kiosk-choice")
    chat.click("Check my online skills")
    for title in SKILLS_BY_TOUCH:
        chat.click(title)
    page.wait_for_selector("#ticket", state="visible", timeout=30000)  # the check ends with a handoff
    reference = page.text_content("#ticket-ref")
    assert re.fullmatch(r"SGN-[A-Z0-9]{8}", reference)
    page.screenshot(path=str(SCREENSHOTS / "kiosk-live-ticket.png"))
    page.click("#ticket-back")
    assert "Which town" not in chat.text()  # the site's area was used, never asked
    assert "longer appointment" in chat.text()

    page.click("#restart")
    page.wait_for_selector(".kiosk-msg.bot >> text=What do you need help with?")
    chat.click("Debt and bills")
    page.wait_for_selector(".kiosk-msg.bot >> text=in Leeds:")
    assert "Which town" not in chat.text()
    assert page.evaluate("[localStorage.length, sessionStorage.length, document.cookie]") == [0, 0, ""]


def test_widget_skills_check_and_signposting_by_clicks(browser_page):
    page = browser_page
    page.goto(f"{page.base}/demo")
    page.click(".sgn-launcher")
    page.wait_for_selector(".sgn-msg.sgn-bot >> text=What do you need help with?")
    chat = Chat(page, ".sgn-msg.sgn-bot", "button.sgn-choice")
    chat.click("Check my online skills")
    for title in [*SKILLS_BY_TOUCH[:-1], "I'd rather not say", SKILLS_BY_TOUCH[-1]]:
        chat.click(title)
    page.wait_for_selector(".sgn-msg.sgn-bot >> text=Can I help with anything else?")
    assert "longer appointment" in chat.text() and re.search(r"Your reference is SGN-[A-Z0-9]{8}", chat.text())
    page.screenshot(path=str(SCREENSHOTS / "widget-live.png"))

    chat.click("Yes, something else")
    chat.click("Debt and bills")
    # The area was not given in the check ("I'd rather not say"), so national services come, not a question.
    page.wait_for_selector(".sgn-msg.sgn-bot >> text=You can try these 3 places for help with debt, arrears and bills:")
    assert page.evaluate("localStorage.length") == 0 and page.evaluate("sessionStorage.length") == 1


def test_the_kiosk_prints_the_services_it_gave(browser_page):
    # Issue 18: the services come from the real actions as data beside their words.
    page = browser_page
    page.add_init_script("window.print = function () { window.__printed = (window.__printed || 0) + 1; };")
    page.goto(f"{page.base}{page.kiosk}")  # example-leeds has a printer
    page.wait_for_selector(".kiosk-msg.bot >> text=What do you need help with?")
    assert page.locator("#print").is_hidden()  # nothing given yet
    chat = Chat(page, ".kiosk-msg.bot", "button.kiosk-choice")
    chat.click("Debt and bills")
    page.wait_for_selector(".kiosk-msg.bot >> text=in Leeds:")
    page.wait_for_timeout(300)
    page.click("#print")
    assert page.evaluate("window.__printed") == 1
    page.emulate_media(media="print")
    sheet = page.locator("#print-sheet")
    assert sheet.is_visible() and page.locator("#log").is_hidden()
    names = sheet.locator("h3").all_inner_texts()
    assert len(names) == 3 and all(name in chat.text() for name in names), names
    assert sheet.locator("dt", has_text="Why").count() == 3
    assert "Phone" in sheet.inner_text() and "What to do next" in sheet.inner_text()

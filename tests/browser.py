"""Launching Debian's Chromium for Playwright: its own browser download cannot work here."""

from __future__ import annotations

import shutil
from typing import Any

import pytest

CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-gpu"]


def launch_options() -> dict[str, Any]:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.fail("Debian's chromium is not installed: `make test` installs it (apt-get install chromium)")
    return {"executable_path": path, "args": CHROMIUM_ARGS}


def kiosk_path(settings: Any, site: str = "example-leeds") -> str:
    """The address a configured kiosk opens: its site and the site's key (bot/kiosk/keys.py)."""
    from bot.kiosk.keys import key_for

    return f"/kiosk?site={site}&key={key_for(settings.kiosk_secret(), site)}"

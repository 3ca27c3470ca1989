"""Responses in domain.yml that actions reuse: their buttons, and the need menu."""

from __future__ import annotations

from typing import Any

from rasa_sdk.types import DomainDict

MENU_RESPONSE = "utter_please_rephrase"


def response_buttons(domain: DomainDict, response: str) -> list[dict[str, Any]]:
    """The buttons of a response in domain.yml, for a reply an action words itself."""
    return ((domain.get("responses") or {}).get(response) or [{}])[0].get("buttons") or []


def menu(domain: DomainDict) -> dict[str, str]:
    """intent → button title, from the menu in domain.yml, so each title has one home."""
    buttons = response_buttons(domain, MENU_RESPONSE)
    return {b["payload"].removeprefix("/"): b["title"] for b in buttons if str(b.get("payload", "")).startswith("/")}

"""Checks on what browsers send to the gateway. Every rejection has a named reason."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from bot.web.limits import MAX_BODY_BYTES, MAX_MESSAGE_CHARS
from bot.web.messages import ERRORS

_SESSION = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
# C0 and C1 control characters, except tab and newline which people do paste.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Buttons send '/intent'. A '/' command with data ('/intent{"slot": ...}') would
# let anyone set slots directly, so only the bare form is allowed.
_COMMAND = re.compile(r"^/[a-z_]{1,60}$")


MAX_JSON_DEPTH = 4  # a chat request is one object of strings
MAX_INT_DIGITS = 18


def _depth(raw: str) -> int:
    """How deeply arrays and objects nest, outside strings, without parsing."""
    depth = deepest = 0
    in_string = escaped = False
    for char in raw:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
            continue
        if char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def _small_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise RequestError.named("number_too_large")
    return int(text)


class RequestError(ValueError):
    def __init__(self, code: str, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.code, self.message, self.status = code, message, status

    @classmethod
    def named(cls, name: str) -> RequestError:
        """The error from the gateway's message table (bot/web/messages.py)."""
        return cls(*ERRORS[name])

    def as_json(self) -> dict[str, Any]:
        return {"error": {"code": self.code, "message": self.message}}


_SITE = re.compile(r"^[a-z0-9][a-z0-9-]{1,59}$")
_KIOSK_KEY = re.compile(r"^[A-Za-z0-9_-]{16,128}$")


@dataclass(frozen=True)
class ChatRequest:
    session: str
    message: str
    # A kiosk says which Jobcentre site it stands in, and proves it with the
    # site's key (bot/kiosk/keys.py); the web widget sends neither.
    site: str | None = None
    kiosk_key: str | None = None
    # The page's id for this message, the same each time it sends it again;
    # `resend` says it has sent it before (issue 16: never answered twice).
    message_id: str | None = None
    resend: bool = False


def parse_chat_request(body: bytes) -> ChatRequest:
    if not body.strip():
        raise RequestError.named("empty_body")
    if len(body) > MAX_BODY_BYTES:
        raise RequestError.named("body_too_large")
    try:
        raw = body.decode("utf-8")
    except UnicodeDecodeError:
        raise RequestError.named("invalid_json") from None
    if _depth(raw) > MAX_JSON_DEPTH:
        raise RequestError.named("json_too_deep")  # before parsing: deep nesting overflows the parser's stack
    try:
        data = json.loads(raw, parse_int=_small_int)
    except json.JSONDecodeError:
        raise RequestError.named("invalid_json") from None
    if not isinstance(data, dict):
        raise RequestError.named("not_an_object")

    session = data.get("session")
    if not isinstance(session, str):
        raise RequestError.named("session_not_text")
    if not _SESSION.fullmatch(session):  # "$" would let a trailing new line through
        raise RequestError.named("invalid_session")

    message = data.get("message")
    if not isinstance(message, str):
        raise RequestError.named("message_not_text")
    try:
        message.encode("utf-8")
    except UnicodeEncodeError:
        raise RequestError.named("invalid_message") from None
    message = unicodedata.normalize("NFC", message).strip()
    if not message:
        raise RequestError.named("empty_message")
    if len(message) > MAX_MESSAGE_CHARS:
        raise RequestError.named("message_too_long")
    if _CONTROL.search(message):
        raise RequestError.named("control_characters")
    if message.startswith("/") and not _COMMAND.match(message):
        raise RequestError.named("invalid_command")
    site = data.get("site")
    if site is not None and (not isinstance(site, str) or not _SITE.fullmatch(site)):
        raise RequestError.named("invalid_site")
    kiosk_key = data.get("kiosk_key")
    if kiosk_key is not None and (not isinstance(kiosk_key, str) or not _KIOSK_KEY.fullmatch(kiosk_key)):
        raise RequestError.named("invalid_kiosk_key")
    message_id = data.get("id")
    if message_id is not None and (not isinstance(message_id, str) or not _SESSION.fullmatch(message_id)):
        raise RequestError.named("invalid_message_id")
    resend = data.get("resend", False)
    if not isinstance(resend, bool):
        raise RequestError.named("invalid_resend")
    return ChatRequest(session, message, site, kiosk_key, message_id, resend)


# Buttons that actions word themselves (not in domain.yml's responses), and the
# widget's opening "/greet". An urgent intent is never a button: a bare
# "/safeguarding_concern" would put a false alarm at the top of the queue.
ACTION_PAYLOADS = frozenset(
    {"/greet", "/what_can_you_do", "/ask_flexible_support_fund", "/ask_for_person", "/estimate_benefit_cap"}
)


def allowed_payloads(domain: dict[str, Any]) -> frozenset[str]:
    """Every '/intent' a button of the assistant's can send: the domain's response buttons,
    a need for each need intent, and ACTION_PAYLOADS."""
    found = {
        str(button.get("payload"))
        for variants in (domain.get("responses") or {}).values()
        for variant in variants or []
        for button in variant.get("buttons") or []
        if str(button.get("payload", "")).startswith("/")
    }
    intents = [i for i in domain.get("intents") or [] if isinstance(i, str)]
    needs = {f"/{intent}" for intent in intents if intent.startswith("need_")}
    return frozenset(found | needs | ACTION_PAYLOADS)

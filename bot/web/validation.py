"""Checks on what browsers send to the gateway. Every rejection has a named reason."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

MAX_MESSAGE_CHARS = 1000
MAX_BODY_BYTES = 16 * 1024

_SESSION = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
# C0 and C1 control characters, except tab and newline which people do paste.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Buttons send '/intent'. A '/' command with data ('/intent{"slot": ...}') would
# let anyone set slots directly, so only the bare form is allowed.
_COMMAND = re.compile(r"^/[a-z_]{1,60}$")


class RequestError(ValueError):
    def __init__(self, code: str, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.code, self.message, self.status = code, message, status

    def as_json(self) -> dict[str, Any]:
        return {"error": {"code": self.code, "message": self.message}}


_SITE = re.compile(r"^[a-z0-9][a-z0-9-]{1,59}$")


@dataclass(frozen=True)
class ChatRequest:
    session: str
    message: str
    # A kiosk says which Jobcentre site it stands in; the web widget sends none.
    site: str | None = None


def parse_chat_request(body: bytes) -> ChatRequest:
    if not body.strip():
        raise RequestError("empty_body", 'Send a JSON object like {"session": "...", "message": "..."}.')
    if len(body) > MAX_BODY_BYTES:
        raise RequestError("body_too_large", f"The request is larger than {MAX_BODY_BYTES} bytes.", 413)
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise RequestError("invalid_json", "The request body is not valid JSON.") from None
    if not isinstance(data, dict):
        raise RequestError("invalid_json", "The request body must be a JSON object.")

    session = data.get("session")
    if not isinstance(session, str):
        raise RequestError("invalid_session", "'session' must be a string.")
    if not _SESSION.match(session):
        raise RequestError("invalid_session", "'session' must be 8 to 64 letters, digits, hyphens or underscores.")

    message = data.get("message")
    if not isinstance(message, str):
        raise RequestError("invalid_message", "'message' must be a string.")
    try:
        message.encode("utf-8")
    except UnicodeEncodeError:
        raise RequestError("invalid_message", "The message has characters that are not valid text.") from None
    message = unicodedata.normalize("NFC", message).strip()
    if not message:
        raise RequestError("empty_message", "The message is empty. Please type something.")
    if len(message) > MAX_MESSAGE_CHARS:
        raise RequestError(
            "message_too_long", f"The message is too long. Please keep it under {MAX_MESSAGE_CHARS} characters.", 413
        )
    if _CONTROL.search(message):
        raise RequestError("control_characters", "The message has hidden control characters. Please retype it.")
    if message.startswith("/") and not _COMMAND.match(message):
        raise RequestError("invalid_command", "Messages that start with '/' must be a plain button command.")
    site = data.get("site")
    if site is not None and (not isinstance(site, str) or not _SITE.match(site)):
        raise RequestError("invalid_site", "'site' must be a site id, like example-leeds.")
    return ChatRequest(session=session, message=message, site=site)

"""Every message the gateway itself shows a claimant: its errors, by code, with the HTTP status.

The chat page, the widget and the kiosk show `message` as it is.
"""

from __future__ import annotations

from bot.web.limits import MAX_BODY_BYTES, MAX_MESSAGE_CHARS

# name: (code the API returns, message, HTTP status). Several names may share a code.
ERRORS: dict[str, tuple[str, str, int]] = {
    "empty_body": ("empty_body", 'Send a JSON object like {"session": "...", "message": "..."}.', 400),
    "body_too_large": ("body_too_large", f"The request is larger than {MAX_BODY_BYTES} bytes.", 413),
    "invalid_json": ("invalid_json", "The request body is not valid JSON.", 400),
    "not_an_object": ("invalid_json", "The request body must be a JSON object.", 400),
    "json_too_deep": ("json_too_deep", "The request body is nested too deeply.", 400),
    "number_too_large": ("number_too_large", "A number in the request body is too large.", 400),
    "session_not_text": ("invalid_session", "'session' must be a string.", 400),
    "invalid_session": ("invalid_session", "'session' must be 8 to 64 letters, numbers, - or _.", 400),
    "message_not_text": ("invalid_message", "'message' must be a string.", 400),
    "invalid_message": ("invalid_message", "The message has characters that are not valid text.", 400),
    "empty_message": ("empty_message", "The message is empty. Please type something.", 400),
    "message_too_long": (
        "message_too_long",
        f"The message is too long. Please keep it under {MAX_MESSAGE_CHARS} characters.",
        413,
    ),
    "control_characters": (
        "control_characters",
        "Your message has hidden characters in it. Please type it again.",
        400,
    ),
    "invalid_command": ("invalid_command", "Messages that start with '/' must be a plain button command.", 400),
    "too_many_messages": (
        "too_many_messages",
        "You are sending messages very fast. Please wait a minute, then send your message again.",
        429,
    ),
    "payload_not_allowed": (
        "payload_not_allowed",
        "Messages that start with '/' must be one of the assistant's own buttons.",
        400,
    ),
    "invalid_site": ("invalid_site", "'site' must be a site id, like example-leeds.", 400),
    "invalid_kiosk_key": ("invalid_kiosk_key", "'kiosk_key' must be the key `signpost kiosk key` printed.", 400),
    "invalid_message_id": ("invalid_message_id", "'id' must be 8 to 64 letters, numbers, - or _.", 400),
    "invalid_resend": ("invalid_resend", "'resend' must be true or false.", 400),
    "unknown_site": ("unknown_site", "This kiosk's site is not set up. Please tell a member of staff.", 400),
    "assistant_unavailable": (
        "assistant_unavailable",
        "The assistant is not available right now. Your message was not sent. Please try again in a minute.",
        503,
    ),
    "not_saved": (
        "not_saved",
        "Something went wrong on our side and your message was not saved. Please send it again in a minute.",
        503,
    ),
    "still_working": (
        "still_working",
        "The assistant is taking longer than usual. Your message is safe. Send it again in a moment to see the answer.",
        504,
    ),
    "internal_error": ("internal_error", "Something went wrong on our side. Please try again.", 500),
}

# Shown after the replies of a turn that a crash cut short (the action server
# stopped part way through). The turn was saved, so sending the message again is safe.
INCOMPLETE_NOTICE = "Sorry, part of my answer went missing. Please send your message again."

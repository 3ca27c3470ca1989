"""The one channel Rasa listens on: the REST channel, for the gateway only (issue 16).

Rasa's own REST channel takes a message from anyone who can reach the port, and
when the turn fails (the tracker store is locked, or its file is corrupt) it
still answers 200 with whatever replies it had collected, so the claimant is
answered and nothing is saved. This one differs in three ways:

- it needs the shared service secret (`X-Signpost-Secret`) whenever one is set,
  and `signpost run` always sets one;
- a turn that failed answers 503 `not_saved` with no replies: Rasa saves a turn
  only after all of it, so a failed turn left nothing behind and may be sent again;
- a turn whose custom action failed part way (the action server died mid-call)
  was saved but is incomplete: the answer says so in `X-Signpost-Incomplete`.

The URL stays /webhooks/rest/webhook. credentials.yml names this class.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.core.service_auth import INCOMPLETE_HEADER, SECRET_HEADER, secret_matches

log = logging.getLogger(__name__)


class GatewayOutput(CollectingOutputChannel):
    """Collects the replies, and remembers whether a custom action failed on the way."""

    def __init__(self) -> None:
        super().__init__()
        self.action_failed = False


class GatewayInput(RestInput):
    @classmethod
    def name(cls) -> str:
        return "rest"

    def __init__(self, secret: str | None = None) -> None:
        self.secret = os.environ.get("SIGNPOST_SERVICE_SECRET", "") if secret is None else secret

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> GatewayInput:
        return cls()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("signpost_gateway_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not secret_matches(request.headers.get(SECRET_HEADER), self.secret):
                return response.json({"error": "not_allowed"}, status=401)
            body = request.json if isinstance(request.json, dict) else {}
            sender, text = body.get("sender"), body.get("message")
            if not isinstance(sender, str) or not isinstance(text, str):
                return response.json({"error": "invalid_message"}, status=400)
            metadata = body.get("metadata") if isinstance(body.get("metadata"), dict) else None
            collector = GatewayOutput()
            try:
                await on_new_message(UserMessage(text, collector, sender, input_channel=self.name(), metadata=metadata))
            except Exception:
                # Rasa saves a turn only once all of it has run: nothing of this one is kept.
                log.exception("a message could not be handled or saved; answering 503 not_saved")
                return response.json({"error": "not_saved"}, status=503)
            headers = {INCOMPLETE_HEADER: "1"} if collector.action_failed else {}
            return response.json(collector.messages, headers=headers)

        return webhook

"""The action server, as rasa_sdk runs it, but answering only Rasa (issue 16).

rasa_sdk's server runs any action for whoever can reach its port (and allows
any origin). Here every request but /health needs the shared service secret in
`X-Signpost-Secret`, the header endpoints.yml tells Rasa to send; and the server
refuses to listen beyond loopback (SANIC_HOST) without one.

Run: python -m actions.server --actions actions -p PORT   (what `signpost run` starts)
"""

from __future__ import annotations

import os
from typing import Any

from rasa_sdk import endpoint
from sanic import response
from sanic.request import Request

from bot.core.service_auth import LOOPBACK, SECRET_HEADER, secret_matches


def require_secret(app: Any, secret: str) -> Any:
    """Refuse (401 `not_allowed`) every request but /health without the secret."""

    async def check(request: Request) -> Any:
        if request.path == "/health" or secret_matches(request.headers.get(SECRET_HEADER), secret):
            return None
        return response.json({"error": "not_allowed"}, status=401)

    app.register_middleware(check, "request")
    return app


def main() -> None:
    secret = os.environ.get("SIGNPOST_SERVICE_SECRET", "")
    host = os.environ.get("SANIC_HOST", "0.0.0.0")  # rasa_sdk's own default
    if host not in LOOPBACK and not secret:
        raise SystemExit(
            f"refusing to listen on {host}: beyond loopback the action server needs a shared secret. "
            "Set SIGNPOST_SERVICE_SECRET to the same value as Rasa's."
        )
    create_app = endpoint.create_app

    def create_app_with_secret(*args: Any, **kwargs: Any) -> Any:
        return require_secret(create_app(*args, **kwargs), secret)

    endpoint.create_app = create_app_with_secret
    from rasa_sdk.__main__ import main as sdk_main

    sdk_main()


if __name__ == "__main__":
    main()

"""`python -m bot.web` starts the gateway with settings from the environment."""

from __future__ import annotations

import logging

from aiohttp import web

from bot.ops.settings import load_settings
from bot.web.app import create_app


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    settings = load_settings()
    web.run_app(create_app(settings), host=settings.gateway_host, port=settings.gateway_port, access_log=None)


if __name__ == "__main__":
    main()

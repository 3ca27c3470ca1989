"""Server-rendered pages: one Jinja2 environment that escapes every value."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import jinja2
from aiohttp import web

TEMPLATES = Path(__file__).parent / "templates"

env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined)
env.filters["when"] = lambda d: d.strftime("%d %b %Y, %H:%M") if d else ""
env.filters["stamp"] = lambda t: dt.datetime.fromtimestamp(t, dt.timezone.utc).strftime("%H:%M:%S") if t else ""


def page(name: str, status: int = 200, **context: Any) -> web.Response:
    response = web.Response(text=env.get_template(name).render(**context), content_type="text/html", status=status)
    response.headers["Cache-Control"] = "no-store"
    return response

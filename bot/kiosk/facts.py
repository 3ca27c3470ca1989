"""knowledge/sites.yml: the Jobcentres that run kiosks, each with its council area and idle times."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.core.fields import FieldError, bool_field, seconds_field, text
from bot.core.knowledge_files import each


@dataclass(frozen=True)
class Site:
    """A Jobcentre that runs kiosks, and the council area it serves."""

    id: str
    jobcentre: str
    area_id: str
    idle_seconds: int
    warning_seconds: int
    # The kiosk has a printer: it offers to print the services and the reference (issue 18).
    printer: bool = False


def _site(raw: Mapping[str, Any], area_ids: frozenset[str]) -> Site:
    ident = text(raw, "id") or ""
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]{1,59}", ident):
        raise FieldError("id", "must be lower-case letters, digits and hyphens")
    area = text(raw, "area") or ""
    if area not in area_ids:
        raise FieldError("area", f"{area!r} is not an area id in areas.yml")
    return Site(
        id=ident,
        jobcentre=text(raw, "jobcentre") or "",
        area_id=area,
        idle_seconds=seconds_field(raw, "idle_seconds", 15, 3600),
        warning_seconds=seconds_field(raw, "warning_seconds", 10, 600),
        printer=bool_field(raw, "printer"),
    )


def load(path: Path, doc: Any, area_ids: frozenset[str]) -> tuple[Site, ...]:
    return tuple(each(path, doc, "sites", lambda raw: _site(raw, area_ids)))

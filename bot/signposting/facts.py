"""knowledge/needs.yml: the needs a claimant can have, each a category of the partner directory."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.core.fields import text
from bot.core.knowledge_files import each


@dataclass(frozen=True)
class Need:
    id: str
    label: str
    short: str


def _need(raw: Mapping[str, Any]) -> Need:
    return Need(id=text(raw, "id") or "", label=text(raw, "label") or "", short=text(raw, "short") or "")


def load(path: Path, doc: Any) -> tuple[Need, ...]:
    return tuple(each(path, doc, "needs", _need))

"""knowledge/benefits.yml: benefits by name and the other names claimants use for them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.core.fields import text, text_list
from bot.core.knowledge_files import each


@dataclass(frozen=True)
class Benefit:
    id: str
    name: str
    aliases: tuple[str, ...]


def _benefit(raw: Mapping[str, Any]) -> Benefit:
    return Benefit(id=text(raw, "id") or "", name=text(raw, "name") or "", aliases=text_list(raw, "aliases"))


def load(path: Path, doc: Any) -> tuple[Benefit, ...]:
    return tuple(each(path, doc, "benefits", _benefit))

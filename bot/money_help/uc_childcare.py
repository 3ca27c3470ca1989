"""knowledge/uc_childcare.yml: the Universal Credit childcare costs element, with dated maximums."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from bot.core.dated import in_force
from bot.core.fields import date_field, money_field, text
from bot.core.knowledge_files import KnowledgeError, each, one_text, texts


@dataclass(frozen=True)
class ChildcareMaximum:
    effective_from: dt.date
    label: str
    one_child: Decimal
    two_or_more: Decimal
    source: str


@dataclass(frozen=True)
class ChildcareFacts:
    share_percent: int
    conditions: tuple[str, ...]
    maximums: tuple[ChildcareMaximum, ...]
    upfront: tuple[str, ...]
    note: str

    def maximum_on(self, on: dt.date) -> ChildcareMaximum | None:
        return in_force(self.maximums, on)


def _childcare_maximum(raw: Mapping[str, Any]) -> ChildcareMaximum:
    return ChildcareMaximum(
        effective_from=date_field(raw, "effective_from") or dt.date.min,
        label=text(raw, "label") or "",
        one_child=money_field(raw, "one_child"),
        two_or_more=money_field(raw, "two_or_more"),
        source=text(raw, "source") or "",
    )


def load(path: Path, doc: Any) -> ChildcareFacts:
    share = doc.get("share_percent") if isinstance(doc, Mapping) else None
    if isinstance(share, bool) or not isinstance(share, int) or not 0 < share <= 100:
        raise KnowledgeError(path, "must be a whole number from 1 to 100", field="share_percent")
    return ChildcareFacts(
        share_percent=share,
        conditions=texts(path, doc, "conditions"),
        maximums=tuple(each(path, doc, "maximums", _childcare_maximum)),
        upfront=texts(path, doc, "upfront"),
        note=one_text(path, doc, "note"),
    )

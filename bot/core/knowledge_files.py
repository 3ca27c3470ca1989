"""Reading one knowledge file: its `meta` block, its list of entries, and errors
that name the file, the entry and the field.

Each feature's `facts.py` uses these to read its own file; `bot/knowledge.py`
decides the order and runs the checks across files.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.core.fields import FieldError, date_field, text, text_list


class KnowledgeError(ValueError):
    def __init__(self, file: Path | str, reason: str, entry: str | None = None, field: str | None = None):
        where = Path(file).name
        if entry is not None:
            where += f": entry {entry}"
        if field is not None:
            where += f": field '{field}'"
        super().__init__(f"knowledge/{where}: {reason}")
        self.file, self.entry, self.field, self.reason = str(file), entry, field, reason


@dataclass(frozen=True)
class Meta:
    title: str
    source: str
    effective_from: dt.date


def entries(path: Path, doc: Any, key: str) -> list[tuple[str, Mapping[str, Any]]]:
    if not isinstance(doc, Mapping):
        raise KnowledgeError(path, "must be a mapping with 'meta' and a list")
    items = doc.get(key)
    if not isinstance(items, list) or not items:
        raise KnowledgeError(path, f"must have a non-empty list '{key}'")
    out = []
    for index, item in enumerate(items, start=1):
        label = str(index)
        if isinstance(item, Mapping) and isinstance(item.get("id") or item.get("name"), str):
            label = f"{index} ({item.get('id') or item.get('name')})"
        if not isinstance(item, Mapping):
            raise KnowledgeError(path, "must be a mapping", entry=label)
        out.append((label, item))
    return out


def each(path: Path, doc: Any, key: str, parse: Callable[[Mapping[str, Any]], Any]) -> list[Any]:
    """Parse every entry of the list `key`; ids (or names) must be unique."""
    results, seen = [], set()
    for label, item in entries(path, doc, key):
        try:
            value = parse(item)
        except FieldError as err:
            raise KnowledgeError(path, err.reason, entry=label, field=err.field) from None
        ident = getattr(value, "id", None) or getattr(value, "name", None)
        if ident is not None and ident in seen:
            raise KnowledgeError(path, f"duplicate id {ident!r}", entry=label, field="id")
        seen.add(ident)
        results.append(value)
    return results


def read_meta(path: Path, doc: Any) -> Meta:
    raw = doc.get("meta") if isinstance(doc, Mapping) else None
    if not isinstance(raw, Mapping):
        raise KnowledgeError(path, "is missing its 'meta' block (title, source, effective_from)")
    try:
        return Meta(
            title=text(raw, "title") or "",
            source=text(raw, "source") or "",
            effective_from=date_field(raw, "effective_from") or dt.date.min,
        )
    except FieldError as err:
        raise KnowledgeError(path, err.reason, entry="meta", field=err.field) from None


def read_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as err:
        raise KnowledgeError(path, f"is not valid YAML: {err}") from None


def texts(path: Path, doc: Mapping[str, Any], name: str) -> tuple[str, ...]:
    """A required list of texts at the top of a file."""
    try:
        return text_list(doc, name, required=True)
    except FieldError as err:
        raise KnowledgeError(path, err.reason, field=err.field) from None


def one_text(path: Path, doc: Mapping[str, Any], name: str, max_len: int = 2000) -> str:
    """A required text at the top of a file."""
    try:
        return text(doc, name, max_len=max_len) or ""
    except FieldError as err:
        raise KnowledgeError(path, err.reason, field=err.field) from None

"""Languages: recognising one by name or alias."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.core.fields import normalise_name, text, text_list
from bot.core.knowledge_files import each


@dataclass(frozen=True)
class Language:
    name: str
    aliases: tuple[str, ...] = ()


class LanguageIndex:
    def __init__(self, languages: tuple[Language, ...]):
        self.languages = languages
        self._by_key: dict[str, str] = {}
        for lang in languages:
            for name in (lang.name, *lang.aliases):
                self._by_key[normalise_name(name)] = lang.name

    def canonical(self, text: str | None) -> str | None:
        if not text:
            return None
        return self._by_key.get(normalise_name(text))


def _language(raw: Mapping[str, Any]) -> Language:
    return Language(name=text(raw, "name") or "", aliases=text_list(raw, "aliases"))


def load(path: Path, doc: Any) -> LanguageIndex:
    """knowledge/languages.yml."""
    return LanguageIndex(tuple(each(path, doc, "languages", _language)))

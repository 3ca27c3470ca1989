"""Languages: recognising one by name or alias."""

from __future__ import annotations

from dataclasses import dataclass

from bot.fields import normalise_name


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

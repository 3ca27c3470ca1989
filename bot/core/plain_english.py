"""knowledge/plain_english.yml: words a claimant may not know, with the plain words that
must appear beside them wherever they are used; and names that plain words cannot replace.

A term is matched as a whole word: an all-capitals short form (LCWRA, DLA) only in
capitals, any other term (grace period) in any case. It is explained in a text when
one of its `means` phrases is in the same text (any case): "Disability Living
Allowance (DLA)" explains DLA.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.core.fields import text, text_list
from bot.core.knowledge_files import each, texts


@dataclass(frozen=True)
class Jargon:
    id: str
    term: str
    means: tuple[str, ...]
    _pattern: re.Pattern[str] = field(repr=False, compare=False, default=re.compile("(?!)"))

    def used_in(self, text: str) -> bool:
        return bool(self._pattern.search(text))

    def explained_in(self, text: str) -> bool:
        lowered = text.lower()
        return any(m.lower() in lowered for m in self.means)


def _jargon(raw: Mapping[str, Any]) -> Jargon:
    term = text(raw, "term", required=True) or ""
    flags = 0 if term.isupper() else re.IGNORECASE
    return Jargon(
        id=term,
        term=term,
        means=text_list(raw, "means", required=True),
        _pattern=re.compile(rf"(?<![\w-]){re.escape(term)}(?![\w-])", flags),
    )


@dataclass(frozen=True)
class PlainEnglish:
    jargon: tuple[Jargon, ...] = ()
    names: tuple[str, ...] = ()


def load(path: Path, doc: Any) -> PlainEnglish:
    return PlainEnglish(jargon=tuple(each(path, doc, "jargon", _jargon)), names=texts(path, doc, "names"))

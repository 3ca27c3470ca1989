"""Builds the spaCy pipeline: blank English plus an EntityRuler fed from knowledge/.

No pretrained spaCy model can be downloaded here, and none is needed: the
entities we care about are closed lists (areas, languages, benefits, partner
services) plus money amounts, which rules find reliably. Rasa's SpacyNLP loads
the saved pipeline by path, and SpacyEntityExtractor reports the ruler's spans.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path
from typing import Any

from bot.knowledge import Knowledge

LABELS = ("area", "language", "benefit", "service", "money")

_NUMBER_WORDS = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
    "eighty", "ninety", "a", "half",
]  # fmt: skip
_PERIODS = ["week", "month", "year", "fortnight", "wk", "pw", "pm", "weekly", "monthly", "yearly"]
_AMOUNT = r"^\d[\d,]*(\.\d+)?(k|K)?$"


def money_patterns() -> list[dict[str, Any]]:
    """Money as claimants type it: '£1,250', '300 a week', '1.2k', 'twelve hundred', '500 quid'."""
    amount = {"TEXT": {"REGEX": _AMOUNT}}
    period = [{"LOWER": {"IN": ["a", "per", "each", "every", "in", "the"]}, "OP": "*"}, {"LOWER": {"IN": _PERIODS}}]
    scale = {"LOWER": {"IN": ["hundred", "thousand", "grand", "k"]}}
    word = {"LOWER": {"IN": _NUMBER_WORDS}}
    shapes: list[list[dict[str, Any]]] = [
        [{"ORTH": "£"}, amount],
        [{"ORTH": "£"}, amount, scale],
        [{"ORTH": "£"}, amount, *period],
        [amount, {"LOWER": {"IN": ["pounds", "quid", "grand", "gbp"]}}],
        [amount, *period],
        [{"TEXT": {"REGEX": r"^\d[\d,]*(\.\d+)?k$"}}],
        [word, scale],
        [word, {"LOWER": {"IN": _NUMBER_WORDS}, "OP": "?"}, scale, {"LOWER": {"IN": ["pounds", "quid"]}, "OP": "?"}],
        [word, scale, *period],
    ]
    return [{"label": "money", "pattern": p} for p in shapes]


def _phrase(tokens: list[str], exact: bool) -> list[dict[str, str]]:
    return [{"ORTH": t} if exact else {"LOWER": t.lower()} for t in tokens]


def knowledge_patterns(knowledge: Knowledge, tokenize: Any) -> list[dict[str, Any]]:
    patterns: list[dict[str, Any]] = []

    def add(label: str, ident: str, text: str, exact: bool = False) -> None:
        tokens = [t.text for t in tokenize(text)]
        patterns.append({"label": label, "id": ident, "pattern": _phrase(tokens, exact)})

    for area in knowledge.areas.areas:
        for name in area.names:
            add("area", area.id, name, exact=name in knowledge.areas.case_sensitive_names)
    for lang in knowledge.languages.languages:
        for name in (lang.name, *lang.aliases):
            add("language", lang.name, name)
    for benefit in knowledge.benefits:
        for name in (benefit.name, *benefit.aliases):
            add("benefit", benefit.id, name)
    for partner in knowledge.partners:
        # 'Shelter (England)' -> 'Shelter'. One-word names such as Mind, Shelter
        # and Shout are everyday words, so they match only with a capital.
        name = re.sub(r"\s*\(.*?\)", "", partner.name).strip()
        add("service", partner.id, name, exact=" " not in name)
    return patterns


def build_nlp(knowledge: Knowledge) -> Any:
    import spacy

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler", config={"overwrite_ents": True})
    ruler.add_patterns(knowledge_patterns(knowledge, nlp.make_doc) + money_patterns())
    nlp.meta["name"] = "signpost_en"
    nlp.meta["description"] = "Blank English with an EntityRuler built from knowledge/"
    return nlp


def patterns_fingerprint(knowledge: Knowledge) -> str:
    """A digest of everything the pipeline is built from."""
    import spacy

    nlp = spacy.blank("en")
    blob = json.dumps(
        [knowledge_patterns(knowledge, nlp.make_doc), money_patterns(), spacy.__version__], sort_keys=True
    )
    return hashlib.sha256(blob.encode()).hexdigest()


def ensure_pipeline(knowledge: Knowledge, target: Path) -> bool:
    """Build the pipeline into `target` unless an identical one is there. True if built."""
    digest = patterns_fingerprint(knowledge)
    stamp = target / "signpost_fingerprint.txt"
    if stamp.exists() and stamp.read_text().strip() == digest:
        return False
    if target.exists():
        shutil.rmtree(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    build_nlp(knowledge).to_disk(target)
    stamp.write_text(digest)
    return True

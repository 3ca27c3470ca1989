"""Loads and validates every file in knowledge/, once: the loading order, the
checks across files, and the cache. Each feature reads its own file (its
`facts.py` or equivalent `load()`).

Each file has a `meta` block (title, source, effective_from) and its entries.
Every file must have a reader: a file nobody validates would be a fact nobody
checks. A bad file fails with an error naming the file, the entry and the field.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from bot.core import areas as areas_file
from bot.core import languages as languages_file
from bot.core import plain_english as plain_english_file
from bot.core.areas import AreaIndex
from bot.core.knowledge_files import KnowledgeError, Meta, each, read_meta, read_yaml
from bot.core.languages import LanguageIndex
from bot.core.paths import ROOT
from bot.core.plain_english import PlainEnglish
from bot.digital_skills import facts as digital_skills_file
from bot.digital_skills.facts import QuestionBank
from bot.directory import oruk as oruk_file
from bot.directory.oruk import TaxonomyMap
from bot.directory.records import PartnerRecord, Vocabulary, validate_partner
from bot.kiosk import facts as sites_file
from bot.kiosk.facts import Site
from bot.money_help import benefits as benefits_file
from bot.money_help import flexible_support_fund as fsf_file
from bot.money_help import uc_childcare as childcare_file
from bot.money_help.benefit_cap import facts as benefit_cap_file
from bot.money_help.benefit_cap.facts import CapFacts
from bot.money_help.benefits import Benefit
from bot.money_help.flexible_support_fund import FsfFacts
from bot.money_help.uc_childcare import ChildcareFacts
from bot.safeguarding import facts as safeguarding_file
from bot.safeguarding.facts import SafeguardingFacts
from bot.signposting import facts as needs_file
from bot.signposting.facts import Need

KNOWLEDGE_DIR = ROOT / "knowledge"

__all__ = ["KNOWLEDGE_DIR", "KNOWN_FILES", "Knowledge", "KnowledgeError", "get_knowledge", "load_knowledge"]


@dataclass(frozen=True)
class Knowledge:
    meta: Mapping[str, Meta]
    needs: tuple[Need, ...]
    areas: AreaIndex
    languages: LanguageIndex
    benefits: tuple[Benefit, ...]
    partners: tuple[PartnerRecord, ...]
    skills: QuestionBank
    benefit_cap: CapFacts
    fsf: FsfFacts
    childcare: ChildcareFacts
    safeguarding: SafeguardingFacts
    sites: tuple[Site, ...] = ()
    plain_english: PlainEnglish = field(default_factory=PlainEnglish)
    oruk_taxonomy: TaxonomyMap = field(default_factory=lambda: TaxonomyMap("", {}))

    def site(self, site_id: str | None) -> Site | None:
        return next((s for s in self.sites if s.id == site_id), None)

    def partner(self, partner_id: str) -> PartnerRecord | None:
        return next((p for p in self.partners if p.id == partner_id), None)

    def need(self, need_id: str) -> Need | None:
        return next((n for n in self.needs if n.id == need_id), None)

    @property
    def public_numbers(self) -> tuple[str, ...]:
        """The helplines the assistant itself gives: never anyone's number, so never redacted."""
        return tuple(p.phone for p in self.partners if p.phone)

    @property
    def vocabulary(self) -> Vocabulary:
        return Vocabulary(categories=frozenset(n.id for n in self.needs), areas=self.areas, languages=self.languages)


KNOWN_FILES = (
    "needs.yml", "languages.yml", "areas.yml", "benefits.yml", "partners.yml", "digital_skills.yml",
    "benefit_cap.yml", "flexible_support_fund.yml", "uc_childcare.yml", "safeguarding.yml", "sites.yml",
    "plain_english.yml", "oruk_taxonomy.yml",
)  # fmt: skip


def load_knowledge(directory: Path = KNOWLEDGE_DIR) -> Knowledge:
    """Read and check every knowledge file. Raises KnowledgeError on the first problem."""
    present = sorted(p.name for p in directory.glob("*.y*ml"))
    for name in present:
        if name not in KNOWN_FILES:
            raise KnowledgeError(directory / name, "has no validator in bot/knowledge.py; add one")
    for name in KNOWN_FILES:
        if name not in present:
            raise KnowledgeError(directory / name, "is missing")

    docs = {name: read_yaml(directory / name) for name in KNOWN_FILES}
    meta = {name: read_meta(directory / name, doc) for name, doc in docs.items()}

    def path_and_doc(name: str) -> tuple[Path, object]:
        return directory / name, docs[name]

    # Order matters: the directory's vocabulary needs the needs, areas and languages;
    # the skills check and safeguarding name partners; sites name areas.
    needs = needs_file.load(*path_and_doc("needs.yml"))
    languages = languages_file.load(*path_and_doc("languages.yml"))
    area_index = areas_file.load(*path_and_doc("areas.yml"))
    benefits = benefits_file.load(*path_and_doc("benefits.yml"))
    vocab = Vocabulary(categories=frozenset(n.id for n in needs), areas=area_index, languages=languages)
    partners = tuple(each(*path_and_doc("partners.yml"), "partners", lambda raw: validate_partner(raw, vocab)))
    partner_ids = frozenset(p.id for p in partners)
    return Knowledge(
        meta=meta,
        needs=needs,
        areas=area_index,
        languages=languages,
        benefits=benefits,
        partners=partners,
        skills=digital_skills_file.load(*path_and_doc("digital_skills.yml"), partner_ids),
        benefit_cap=benefit_cap_file.load(*path_and_doc("benefit_cap.yml"), meta["benefit_cap.yml"].source),
        fsf=fsf_file.load(*path_and_doc("flexible_support_fund.yml")),
        childcare=childcare_file.load(*path_and_doc("uc_childcare.yml")),
        safeguarding=safeguarding_file.load(
            *path_and_doc("safeguarding.yml"), partner_ids, frozenset(n.id for n in needs)
        ),
        sites=sites_file.load(*path_and_doc("sites.yml"), frozenset(a.id for a in area_index.areas)),
        plain_english=plain_english_file.load(*path_and_doc("plain_english.yml")),
        oruk_taxonomy=oruk_file.load_taxonomy(*path_and_doc("oruk_taxonomy.yml"), frozenset(n.id for n in needs)),
    )


@lru_cache(maxsize=1)
def get_knowledge() -> Knowledge:
    """The project's knowledge, loaded once per process."""
    return load_knowledge()

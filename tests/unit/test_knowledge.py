"""The knowledge loader: the real files load; bad files fail naming file, entry and field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from bot.knowledge import KNOWLEDGE_DIR, KnowledgeError, load_knowledge


def test_real_knowledge_loads(knowledge):
    assert len(knowledge.areas) > 150
    assert {n.id for n in knowledge.needs} == {
        "advice", "debt", "childcare", "health", "mental_health", "housing",
        "digital_inclusion", "employment_skills", "crisis",
    }  # fmt: skip
    # Every national partner traces to a source and a date.
    for partner in knowledge.partners:
        assert partner.source and partner.last_verified
        assert not partner.is_local, "local services come from imports, not knowledge/"
    for meta in knowledge.meta.values():
        assert meta.source and meta.effective_from


def test_every_need_has_partners(knowledge):
    for need in knowledge.needs:
        assert any(need.id in p.categories for p in knowledge.partners), need.id


@pytest.fixture
def kdir(tmp_path: Path) -> Path:
    target = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE_DIR, target)
    return target


def _edit(path: Path, change) -> None:
    doc = yaml.safe_load(path.read_text())
    change(doc)
    path.write_text(yaml.safe_dump(doc, sort_keys=False))


BAD_EDITS = [
    # (file, how to break it, expected words in the error)
    ("partners.yml", lambda d: d["partners"][2].pop("source"), ["partners.yml", "entry 3", "'source'", "required"]),
    (
        "partners.yml",
        lambda d: d["partners"][0].update(phone="call us"),
        ["entry 1 (citizens-advice-england)", "'phone'"],
    ),
    ("partners.yml", lambda d: d["partners"][1].update(categories=["astrology"]), ["'categories'", "astrology"]),
    ("partners.yml", lambda d: d["partners"][0].update(last_verified="last week"), ["'last_verified'", "date"]),
    ("partners.yml", lambda d: d["partners"][0].update(website="javascript:alert(1)"), ["'website'"]),
    ("partners.yml", lambda d: d["partners"][4].update(id=d["partners"][3]["id"]), ["duplicate id"]),
    ("partners.yml", lambda d: d["partners"][0].update(colour="red"), ["'colour'", "not a known field"]),
    ("areas.yml", lambda d: d["areas"][5].update(nation="narnia"), ["areas.yml", "entry 6", "'nation'"]),
    ("areas.yml", lambda d: d["case_sensitive_names"].append("Atlantis"), ["case_sensitive_names", "Atlantis"]),
    ("needs.yml", lambda d: d["meta"].pop("effective_from"), ["needs.yml", "meta", "effective_from"]),
    ("languages.yml", lambda d: d.update(languages=[]), ["languages.yml", "non-empty list"]),
    ("benefits.yml", lambda d: d["benefits"][0].update(name=["a", "list"]), ["entry 1", "'name'", "text"]),
]


@pytest.mark.parametrize(("file", "edit", "expected"), BAD_EDITS)
def test_bad_entries_fail_with_a_named_error(kdir, file, edit, expected):
    _edit(kdir / file, edit)
    with pytest.raises(KnowledgeError) as err:
        load_knowledge(kdir)
    for words in expected:
        assert words in str(err.value)


def test_malformed_yaml_names_the_file(kdir):
    (kdir / "benefits.yml").write_text("benefits: [unclosed\n")
    with pytest.raises(KnowledgeError, match=r"benefits\.yml.*not valid YAML"):
        load_knowledge(kdir)


def test_unknown_file_is_refused(kdir):
    (kdir / "rumours.yml").write_text("meta: {}\n")
    with pytest.raises(KnowledgeError, match=r"rumours\.yml.*no validator"):
        load_knowledge(kdir)


def test_missing_file_is_refused(kdir):
    (kdir / "needs.yml").unlink()
    with pytest.raises(KnowledgeError, match=r"needs\.yml.*missing"):
        load_knowledge(kdir)

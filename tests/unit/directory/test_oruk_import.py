"""Importing an Open Referral UK 3.0 feed (issue 20): schema checks with their ids and
reasons, the mapping onto partners (needs through the taxonomy table, councils exactly),
what did not map reported, nothing imported while any service is bad (unless skipped),
and a re-import that updates instead of adding."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from bot.directory.importer import import_file
from bot.directory.oruk import schema_errors, services_in, to_partner
from bot.directory.repository import Directory
from tests.fixtures.oruk_feed import NOT_MAPPED_AREA, NOT_MAPPED_TERM, feed

FULL = "tests/fixtures/oruk_service_full.json"


@pytest.fixture
def empty_directory(knowledge) -> Directory:
    d = Directory.from_url("sqlite://")
    d.create_schema()
    d.seed(knowledge.partners)
    return d


def _write(tmp_path, doc, name="feed.json"):
    path = tmp_path / name
    path.write_text(json.dumps(doc))
    return path


def test_the_standards_own_example_is_valid_and_maps(knowledge):
    [service] = services_in(Path(FULL))
    assert schema_errors(service) == []
    mapped = to_partner(service, knowledge.oruk_taxonomy, knowledge.areas, "example")
    assert mapped.raw["id"] == "oruk-ac148810-d857-441c-9679-408f346de14b"
    assert mapped.raw["name"] == "Community Counselling" and mapped.raw["website"] == "http://example.com/counselling"
    # Its service area is a sentence, and its town (MyCity) is no council in knowledge/areas.yml:
    # the unknown towns go to the partner checks, which refuse them, so it is never national.
    assert mapped.raw["areas"] == ["MyCity", "MyState", "MyRegion"]
    assert mapped.unmapped_terms == ["name"]  # its example term is called "name"


def test_a_generated_feed_of_240_services_over_six_councils_imports(tmp_path, knowledge, empty_directory):
    path = _write(tmp_path, feed(240))
    report = import_file(path, empty_directory, knowledge.vocabulary, fmt="oruk", taxonomy=knowledge.oruk_taxonomy)
    assert report.errors == [] and report.result is not None and report.result.added == 240
    assert any(NOT_MAPPED_TERM in note for note in report.notes)
    assert any(NOT_MAPPED_AREA in note for note in report.notes)
    imported = {p.id: p for p in empty_directory.all(origin="import")}
    assert len(imported) == 240
    councils = {a for p in imported.values() for a in p.areas}
    assert councils == {"leeds", "bradford", "manchester", "cardiff", "hackney", "kirklees"}
    one = next(iter(imported.values()))
    assert one.phone and one.phone.startswith(("0113 496 0", "01632 960", "0161 496 0", "029 2018 0", "020 7946 0"))
    assert one.opening_hours == "Monday to Friday, 9am to 5pm" and one.categories
    assert one.assurer_email == "directory@example.org"  # who checked it, for staff
    # Published under the feed's own id, found by the index.
    service_id = one.id.removeprefix("oruk-")
    assert empty_directory.by_oruk_id(service_id) == one
    # The same feed again: updated, never doubled.
    again = import_file(path, empty_directory, knowledge.vocabulary, fmt="oruk", taxonomy=knowledge.oruk_taxonomy)
    assert again.result.added == 0 and again.result.updated == 240
    assert len(empty_directory.all(origin="import")) == 240


def test_bad_services_are_all_reported_and_nothing_is_imported(tmp_path, knowledge, empty_directory):
    doc = feed(12)
    services = doc["contents"]
    del services[0]["name"]
    services[1]["status"] = "maybe"
    services[2]["minimum_age"] = "twelve"
    services[3]["attributes"] = []  # no term: no need to file it under
    services[4]["service_areas"] = [{"id": services[4]["service_areas"][0]["id"], "name": "Atlantis"}]
    services[4]["service_at_locations"][0]["location"]["addresses"][0]["city"] = "Atlantis"
    path = _write(tmp_path, doc)
    report = import_file(path, empty_directory, knowledge.vocabulary, fmt="oruk", taxonomy=knowledge.oruk_taxonomy)
    assert not report.imported and empty_directory.all(origin="import") == []
    by_id = {e.partner_id: e for e in report.errors}
    assert {f"oruk-{s['id']}" for s in services[:5]} <= set(by_id)
    assert "name" in str(by_id[f"oruk-{services[0]['id']}"]) and "maybe" in str(by_id[f"oruk-{services[1]['id']}"])
    assert "categories" in str(by_id[f"oruk-{services[3]['id']}"])
    assert "Atlantis" in str(by_id[f"oruk-{services[4]['id']}"])
    skipped = import_file(
        path, empty_directory, knowledge.vocabulary, fmt="oruk", taxonomy=knowledge.oruk_taxonomy, skip_invalid=True
    )
    assert skipped.result.added == 7


@pytest.mark.parametrize(
    "content, reason",
    [("{not json", "not JSON"), ('{"something": 1}', "expected a page"), ("[]", None)],
)
def test_a_feed_that_cannot_be_read_says_why(tmp_path, knowledge, empty_directory, content, reason):
    from bot.directory.importer import ImportFileError

    path = tmp_path / "feed.json"
    path.write_text(content)
    if reason is None:
        report = import_file(path, empty_directory, knowledge.vocabulary, fmt="oruk", taxonomy=knowledge.oruk_taxonomy)
        assert report.result.added == 0
        return
    with pytest.raises(ImportFileError, match=reason):
        import_file(path, empty_directory, knowledge.vocabulary, fmt="oruk", taxonomy=knowledge.oruk_taxonomy)


def test_a_folder_of_pages_is_one_feed(tmp_path, knowledge, empty_directory):
    whole = feed(30)
    for page in range(3):
        part = copy.deepcopy(whole)
        part["contents"] = whole["contents"][page * 10 : (page + 1) * 10]
        _write(tmp_path, part, f"page-{page}.json")
    report = import_file(tmp_path, empty_directory, knowledge.vocabulary, fmt="oruk", taxonomy=knowledge.oruk_taxonomy)
    assert report.result.added == 30


def test_a_local_service_whose_place_maps_nowhere_never_becomes_national(knowledge):
    service = feed(1)["contents"][0]
    service["service_areas"] = [{"id": service["service_areas"][0]["id"], "name": "Narnia"}]
    service["service_at_locations"][0]["location"]["addresses"][0].update(city="Narnia", state_province="Narnia")
    mapped = to_partner(service, knowledge.oruk_taxonomy, knowledge.areas, "test")
    assert mapped.raw["areas"] == ["Narnia"]  # refused by the partner checks, not imported as national


def test_closed_services_are_left_out_and_temporarily_closed_ones_are_not_taking_new(
    tmp_path, knowledge, empty_directory
):
    doc = feed(6)
    doc["contents"][0]["status"] = "defunct"
    doc["contents"][1]["status"] = "temporarily closed"
    report = import_file(_write(tmp_path, doc), empty_directory, knowledge.vocabulary, fmt="oruk",
                         taxonomy=knowledge.oruk_taxonomy)  # fmt: skip
    assert report.result.added == 5 and "1 services inactive or defunct in the feed: not imported" in report.notes
    imported = {p.id: p for p in empty_directory.all(origin="import")}
    assert imported[f"oruk-{doc['contents'][1]['id']}"].not_taking_new
    assert not imported[f"oruk-{doc['contents'][2]['id']}"].not_taking_new


def test_an_older_directory_gets_the_new_columns_and_its_published_ids(tmp_path, knowledge):
    # A directory made before assurer_email and oruk_id existed: the columns are added
    # and every row gets the id it is published under, so /oruk/services/{id} finds it.
    from sqlalchemy import create_engine, text

    from bot.directory import oruk

    url = f"sqlite:///{tmp_path / 'old.db'}"
    d = Directory.from_url(url)
    d.create_schema()
    d.seed(knowledge.partners)
    with create_engine(url).begin() as conn:
        conn.execute(text("DROP INDEX ix_partners_oruk_id"))
        conn.execute(text("ALTER TABLE partners DROP COLUMN oruk_id"))
        conn.execute(text("ALTER TABLE partners DROP COLUMN assurer_email"))
    again = Directory.from_url(url)
    again.create_schema()
    first = knowledge.partners[0]
    assert again.by_oruk_id(oruk.oruk_id("service", first.id)).name == first.name
    assert again.by_oruk_id(oruk.oruk_id("service", "no-such-partner")) is None

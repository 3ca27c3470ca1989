"""Import and export of local partner lists."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.directory.importer import ImportFileError, export_partners, import_file

HEADER = "id,name,summary,categories,areas,phone,languages,source,last_verified\n"
GOOD_ROW = (
    "test-bradford-debt,Bradford Test Debt,Debt advice,debt,Bradford,01632 960001,English;Polish,test,2026-01-10\n"
)


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_good_csv_imports(directory, knowledge, tmp_path):
    before = directory.count()
    report = import_file(_write(tmp_path, "p.csv", HEADER + GOOD_ROW), directory, knowledge.vocabulary)
    assert report.errors == []
    assert report.result.added == 1
    assert directory.count() == before + 1
    match = directory.find("debt", "debt", knowledge.areas.resolve("Bradford"), "Polish")[0]
    assert match.partner.id == "test-bradford-debt"
    assert match.partner.languages == ("English", "Polish")


BAD_ROWS = [
    # (row, line, field)
    ("test-x,X,s,astrology,Leeds,01632 960002,English,test,2026-01-10\n", "categories"),
    ("test-x,X,s,debt,Atlantis,01632 960002,English,test,2026-01-10\n", "areas"),
    ("test-x,X,s,debt,Leeds,call me maybe,English,test,2026-01-10\n", "phone"),
    ("test-x,X,s,debt,Leeds,01632 960002,Klingon,test,2026-01-10\n", "languages"),
    ("test-x,X,s,debt,Leeds,01632 960002,English,test,tomorrow\n", "last_verified"),
    ("test-x,X,s,debt,Leeds,01632 960002,English,test,2999-01-01\n", "last_verified"),
    ("Bad Id!,X,s,debt,Leeds,01632 960002,English,test,2026-01-10\n", "id"),
    ("test-x,,s,debt,Leeds,01632 960002,English,test,2026-01-10\n", "name"),
    ("test-x,X,s,debt,Leeds,01632 960002,English,,2026-01-10\n", "source"),
    ("test-x,X,s,debt,Leeds,,English,test,2026-01-10\n", "phone"),  # no way to contact it
    ("stepchange,X,s,debt,Leeds,01632 960002,English,test,2026-01-10\n", "id"),  # a national id
    ("test-x,X,s,debt,Leeds,01632 960002,English,test,2026-01-10,extra\n", "(row)"),
]


@pytest.mark.parametrize(("row", "field"), BAD_ROWS)
def test_a_bad_row_blocks_the_whole_import(directory, knowledge, tmp_path, row, field):
    before = directory.count()
    path = _write(tmp_path, "p.csv", HEADER + GOOD_ROW + row)
    report = import_file(path, directory, knowledge.vocabulary)
    assert not report.imported
    assert directory.count() == before, "nothing may be written when a row is bad"
    assert len(report.errors) == 1
    assert report.errors[0].line == 3
    assert report.errors[0].field == field
    assert str(report.errors[0]).startswith("line 3")


def test_all_bad_rows_are_reported_and_skip_invalid_imports_the_rest(directory, knowledge, tmp_path):
    rows = "".join(row for row, _ in BAD_ROWS[:3])
    path = _write(tmp_path, "p.csv", HEADER + rows + GOOD_ROW)
    report = import_file(path, directory, knowledge.vocabulary)
    assert [e.line for e in report.errors] == [2, 3, 4]
    assert not report.imported

    report = import_file(path, directory, knowledge.vocabulary, skip_invalid=True)
    assert report.imported and report.result.added == 1
    assert len(report.errors) == 3


def test_reimport_updates_instead_of_duplicating(directory, knowledge, tmp_path):
    import_file(_write(tmp_path, "a.csv", HEADER + GOOD_ROW), directory, knowledge.vocabulary)
    count = directory.count()
    changed = GOOD_ROW.replace("Debt advice", "Debt and money advice")
    report = import_file(_write(tmp_path, "b.csv", HEADER + changed), directory, knowledge.vocabulary)
    assert (report.result.added, report.result.updated) == (0, 1)
    assert directory.count() == count
    summary = {p.id: p.summary for p in directory.all()}["test-bradford-debt"]
    assert summary == "Debt and money advice"


def test_duplicate_ids_in_one_file(directory, knowledge, tmp_path):
    report = import_file(_write(tmp_path, "p.csv", HEADER + GOOD_ROW + GOOD_ROW), directory, knowledge.vocabulary)
    assert [(e.line, e.field) for e in report.errors] == [(3, "id")]
    assert "repeats the id on line 2" in report.errors[0].reason


def test_yaml_errors_carry_line_numbers(directory, knowledge, tmp_path):
    text = """partners:
  - id: test-ok
    name: OK
    summary: fine
    categories: [debt]
    areas: [Leeds]
    phone: "01632 960003"
    source: test
    last_verified: 2026-01-10
  - id: test-bad
    name: Bad
    summary: not fine
    categories: [debt]
    areas: [Leeds]
    phone: 12
    source: test
    last_verified: 2026-01-10
"""
    report = import_file(_write(tmp_path, "p.yml", text), directory, knowledge.vocabulary)
    assert [(e.line, e.partner_id, e.field) for e in report.errors] == [(10, "test-bad", "phone")]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("p.txt", "x", "use a .csv"),
        ("p.csv", "", "no header"),
        ("p.csv", "id,colour\nx,red\n", "unknown CSV columns"),
        ("p.yml", "partners: [unclosed", "not valid YAML"),
        ("p.yml", "just a string", "must be a list"),
        ("p.yml", "partners: {a: 1}", "must be a list"),
    ],
)
def test_unreadable_files(directory, knowledge, tmp_path, name, content, message):
    with pytest.raises(ImportFileError, match=message):
        import_file(_write(tmp_path, name, content), directory, knowledge.vocabulary)


def test_non_utf8_file(directory, knowledge, tmp_path):
    path = tmp_path / "p.csv"
    path.write_bytes(b"id,name\n\xff\xfe\n")
    with pytest.raises(ImportFileError, match="UTF-8"):
        import_file(path, directory, knowledge.vocabulary)


def test_yaml_row_that_is_not_a_mapping(directory, knowledge, tmp_path):
    report = import_file(_write(tmp_path, "p.yml", "partners:\n  - just text\n"), directory, knowledge.vocabulary)
    assert report.errors[0].field == "(row)"


@pytest.mark.parametrize("fmt", ["csv", "yaml"])
def test_export_round_trips(directory, knowledge, tmp_path, fmt):
    imported = directory.all(origin="import")
    text = export_partners(imported, fmt)
    path = _write(tmp_path, f"out.{'yml' if fmt == 'yaml' else 'csv'}", text)
    report = import_file(path, directory, knowledge.vocabulary)
    assert report.errors == []
    assert (report.result.added, report.result.updated) == (0, len(imported))
    assert directory.all(origin="import") == imported

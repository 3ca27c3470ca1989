"""Import and export of local partner lists (CSV or YAML, or an Open Referral UK feed).

An import checks every row first and reports all bad rows with their line
numbers. Nothing is written if any row is bad, unless the caller asks to skip
invalid rows. Re-importing updates partners by id rather than adding copies.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.core.fields import FieldError
from bot.directory import oruk
from bot.directory.oruk import TaxonomyMap
from bot.directory.records import FIELDS, PartnerRecord, Vocabulary, validate_partner
from bot.directory.repository import Directory, UpsertResult

MAX_ROWS = 20_000


class ImportFileError(ValueError):
    """The file as a whole cannot be read (wrong type, bad syntax, too big)."""


@dataclass(frozen=True)
class RowError:
    line: int
    partner_id: str | None
    field: str
    reason: str

    def __str__(self) -> str:
        who = f" ({self.partner_id})" if self.partner_id else ""
        return f"line {self.line}{who}: field '{self.field}': {self.reason}"


@dataclass
class ImportReport:
    valid: list[PartnerRecord] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    result: UpsertResult | None = None
    notes: list[str] = field(default_factory=list)  # what did not map (an ORUK feed's terms and places)

    @property
    def imported(self) -> bool:
        return self.result is not None


def _csv_rows(content: str) -> list[tuple[int, dict[str, Any]]]:
    reader = csv.DictReader(io.StringIO(content))
    if not reader.fieldnames:
        raise ImportFileError("the CSV file has no header row")
    unknown = [f for f in reader.fieldnames if f and f.strip() not in FIELDS]
    if unknown:
        raise ImportFileError(f"unknown CSV columns: {', '.join(unknown)} (known: {', '.join(FIELDS)})")
    rows = []
    for row in reader:
        if None in row:
            rows.append((reader.line_num, {"__extra__": row[None]}))
            continue
        cleaned = {k.strip(): v for k, v in row.items() if k and v not in (None, "")}
        if cleaned:
            rows.append((reader.line_num, cleaned))
    return rows


def _yaml_rows(content: str) -> list[tuple[int, Any]]:
    try:
        root = yaml.compose(content)
        data = yaml.safe_load(content)
    except yaml.YAMLError as err:
        raise ImportFileError(f"not valid YAML: {err}") from None
    if root is None:
        return []
    seq_node = root
    if isinstance(data, Mapping):
        data = data.get("partners")
        seq_node = next((v for k, v in root.value if getattr(k, "value", None) == "partners"), None)
    if not isinstance(data, list) or seq_node is None:
        raise ImportFileError("the YAML file must be a list of partners, or have a 'partners' list")
    return [(node.start_mark.line + 1, item) for node, item in zip(seq_node.value, data, strict=True)]


def read_rows(path: Path) -> list[tuple[int, Any]]:
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".yml", ".yaml"):
        raise ImportFileError(f"{path.name}: use a .csv, .yml or .yaml file")
    try:
        content = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(f"{path.name}: the file is not UTF-8 text") from None
    rows = _csv_rows(content) if suffix == ".csv" else _yaml_rows(content)
    if len(rows) > MAX_ROWS:
        raise ImportFileError(f"{path.name}: more than {MAX_ROWS} rows; split the file")
    return rows


def check_rows(
    rows: list[tuple[int, Any]], vocab: Vocabulary, reserved_ids: frozenset[str] = frozenset()
) -> ImportReport:
    report = ImportReport()
    seen: dict[str, int] = {}
    for line, raw in rows:
        pid = raw.get("id") if isinstance(raw, Mapping) and isinstance(raw.get("id"), str) else None
        if isinstance(raw, Mapping) and "__extra__" in raw:
            report.errors.append(RowError(line, None, "(row)", "has more cells than the header"))
            continue
        try:
            record = validate_partner(raw, vocab)
        except FieldError as err:
            report.errors.append(RowError(line, pid, err.field, err.reason))
            continue
        if record.id in reserved_ids:
            report.errors.append(
                RowError(line, record.id, "id", "is a national service from knowledge/partners.yml; use another id")
            )
        elif record.id in seen:
            report.errors.append(RowError(line, record.id, "id", f"repeats the id on line {seen[record.id]}"))
        else:
            seen[record.id] = line
            report.valid.append(record)
    return report


def read_oruk(
    path: Path, vocab: Vocabulary, taxonomy: TaxonomyMap
) -> tuple[list[tuple[int, Any]], list[RowError], list[str]]:
    """An ORUK feed as rows for check_rows (numbered as services, from 1), the services
    that break the ORUK schema, and what did not map."""
    try:
        services = oruk.services_in(path)
    except oruk.FeedError as err:
        raise ImportFileError(str(err)) from None
    rows, errors = [], []
    terms: dict[str, int] = {}
    places: dict[str, int] = {}
    closed = 0
    for number, service in enumerate(services, start=1):
        ident = f"oruk-{service.get('id')}" if isinstance(service, Mapping) else None
        bad = oruk.schema_errors(service)
        if bad:
            errors += [RowError(number, ident, where, why) for where, why in bad]
            continue
        if service.get("status") in oruk.CLOSED:
            closed += 1
            continue
        mapped = oruk.to_partner(service, taxonomy, vocab.areas, f"ORUK feed {path.name}")
        for term in mapped.unmapped_terms:
            terms[term] = terms.get(term, 0) + 1
        for place in mapped.unmapped_areas:
            places[place] = places.get(place, 0) + 1
        rows.append((number, mapped.raw))
    notes = [f"taxonomy term not mapped to a need ({n} services): {t}" for t, n in sorted(terms.items())]
    notes += [
        f"service area not a council in knowledge/areas.yml ({n} services): {p}" for p, n in sorted(places.items())
    ]
    if closed:
        notes.append(f"{closed} services inactive or defunct in the feed: not imported")
    return rows, errors, notes


def import_file(
    path: Path,
    directory: Directory,
    vocab: Vocabulary,
    skip_invalid: bool = False,
    fmt: str = "auto",
    taxonomy: TaxonomyMap | None = None,
) -> ImportReport:
    """Check every row, then write all of them, or (with skip_invalid) the good ones.
    fmt: auto (CSV or YAML by the file's name) or oruk (a feed file or folder)."""
    reserved = frozenset(p.id for p in directory.all(origin="knowledge"))
    if fmt == "oruk":
        rows, schema_bad, notes = read_oruk(path, vocab, taxonomy or TaxonomyMap("", {}))
        report = check_rows(rows, vocab, reserved)
        report.errors = sorted([*schema_bad, *report.errors], key=lambda e: e.line)
        report.notes = notes
    else:
        report = check_rows(read_rows(path), vocab, reserved)
    if report.errors and not skip_invalid:
        return report
    if report.valid:
        report.result = directory.upsert(report.valid, origin="import")
    else:
        report.result = UpsertResult(0, 0)
    return report


def _export_value(name: str, value: Any) -> Any:
    if isinstance(value, tuple):
        return list(value)
    if name == "last_verified":
        return value.isoformat()
    return value


def export_partners(records: list[PartnerRecord], fmt: str) -> str:
    dicts = [{k: _export_value(k, v) for k, v in r.as_dict().items() if v not in (None, (), False)} for r in records]
    if fmt == "yaml":
        return yaml.safe_dump({"partners": dicts}, sort_keys=False, allow_unicode=True)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(FIELDS), lineterminator="\n")
        writer.writeheader()
        for d in dicts:
            writer.writerow({k: "; ".join(v) if isinstance(v, list) else v for k, v in d.items()})
        return out.getvalue()
    raise ValueError(f"unknown export format {fmt!r}; use csv or yaml")

"""Storage and queries for the partner directory.

Synchronous on purpose: SQLAlchemy 1.4's sync engine with SQLite is simple and
fast, and async callers (actions, the gateway) run these calls in a worker
thread with `asyncio.to_thread` so the event loop never blocks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, delete, exists, func, inspect, literal, not_, select, text, union_all, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session

from bot.core.areas import Area
from bot.core.db import make_engine
from bot.directory.models import Base, Partner, PartnerCategory, PartnerLanguage, PartnerPlace
from bot.directory.oruk import oruk_id
from bot.directory.ranking import Match, rank
from bot.directory.records import PartnerRecord


@dataclass(frozen=True)
class UpsertResult:
    added: int
    updated: int


# Fields stored as plain columns, with the same name on the record and the row.
_COLUMNS = (
    "name", "summary", "phone", "unconfirmed", "email", "website", "address",
    "opening_hours", "accessibility", "how_to_refer", "source", "last_verified", "not_taking_new",
    "assurer_email",
)  # fmt: skip
# Columns added since the first release, with their SQL type: an older directory gets them.
_ADDED_COLUMNS = {
    "not_taking_new": "BOOLEAN NOT NULL DEFAULT FALSE",
    "assurer_email": "VARCHAR(200)",
    "oruk_id": "VARCHAR(36)",
}


# Built once with bound parameters: building the statements on every search cost
# about as much as running them (profiled).
# National partners are few: walk them and probe each one's (partner, category) key,
# rather than listing every partner with the need (thousands at scale).
_NATIONAL_WITH_NEED = select(Partner.id).where(
    not_(Partner.is_local),
    exists().where(PartnerCategory.partner_id == Partner.id, PartnerCategory.category == bindparam("need")),
)
# From the place index to each partner's (partner, category) key: no scan of a category.
_LOCAL_WITH_NEED_IN_PLACE = (
    select(PartnerPlace.partner_id)
    .join(
        PartnerCategory,
        (PartnerCategory.partner_id == PartnerPlace.partner_id) & (PartnerCategory.category == bindparam("need")),
    )
    .join(Partner, (Partner.id == PartnerPlace.partner_id) & Partner.is_local)
    .where(PartnerPlace.place == bindparam("place"))
)
_BATCH = 300
_RECORD_COLUMNS = [getattr(Partner, name) for name in ("id", "is_local", *_COLUMNS)]
_RECORDS = select(*_RECORD_COLUMNS).where(Partner.id.in_(bindparam("ids", expanding=True)))
# One round trip for the three link tables.
_LINKS = union_all(
    *(
        select(table.partner_id, literal(kind).label("kind"), column.label("value")).where(
            table.partner_id.in_(bindparam("ids", expanding=True))
        )
        for kind, table, column in (
            ("categories", PartnerCategory, PartnerCategory.category),
            ("places", PartnerPlace, PartnerPlace.place),
            ("languages", PartnerLanguage, PartnerLanguage.language),
        )
    )
)


def _read_records(conn: Connection, ids: list[str]) -> list[PartnerRecord]:
    """Partners by id with plain Core queries, in the order given: the search's hot
    path, where building ORM objects and loading three relationships cost more
    than the SQL (profiled at 10,000 partners)."""
    rows: dict[str, Any] = {}
    linked: dict[str, dict[str, list[str]]] = {}
    # In batches: the links query binds each id three times, and SQLite caps the
    # number of bound values (999 in older builds); an export reads every partner.
    for start in range(0, len(ids), _BATCH):
        batch = ids[start : start + _BATCH]
        rows.update((r.id, r) for r in conn.execute(_RECORDS, {"ids": batch}))
        linked.update({pid: {"categories": [], "places": [], "languages": []} for pid in batch})
        for pid, kind, value in conn.execute(_LINKS, {"ids": batch}):
            linked[pid][kind].append(value)
    records = []
    for pid in ids:
        row = rows.get(pid)
        if row is None:
            continue
        places = tuple(sorted(linked[pid]["places"]))
        records.append(
            PartnerRecord(
                id=pid,
                categories=tuple(sorted(linked[pid]["categories"])),
                areas=places if row.is_local else (),
                nations=() if row.is_local else places,
                languages=tuple(sorted(linked[pid]["languages"])),
                **{name: getattr(row, name) for name in _COLUMNS},
            )
        )
    return records


def _fill(row: Partner, record: PartnerRecord, origin: str) -> None:
    for name in _COLUMNS:
        setattr(row, name, getattr(record, name))
    row.is_local = record.is_local
    row.oruk_id = oruk_id("service", record.id)
    row.origin = origin
    row.categories = [PartnerCategory(category=c) for c in record.categories]
    row.places = [PartnerPlace(place=p) for p in (record.areas or record.nations)]
    row.languages = [PartnerLanguage(language=lang) for lang in record.languages]


class Directory:
    def __init__(self, engine: Engine):
        self.engine = engine

    @classmethod
    def from_url(cls, url: str) -> Directory:
        return cls(make_engine(url))

    def create_schema(self) -> None:
        Base.metadata.create_all(self.engine)
        # Columns added since (issue 20): older directories get them, and their rows get
        # the ids they are published under.
        with self.engine.begin() as conn:
            have = {c["name"] for c in inspect(conn).get_columns("partners")}
            for name, sql_type in _ADDED_COLUMNS.items():
                if name not in have:
                    conn.execute(text(f"ALTER TABLE partners ADD COLUMN {name} {sql_type}"))
            if "oruk_id" not in have:
                conn.execute(text("CREATE INDEX IF NOT EXISTS ix_partners_oruk_id ON partners (oruk_id)"))
                ids = conn.execute(select(Partner.id)).scalars().all()
                if ids:
                    conn.execute(
                        update(Partner).where(Partner.id == bindparam("pid")).values(oruk_id=bindparam("uuid")),
                        [{"pid": pid, "uuid": oruk_id("service", pid)} for pid in ids],
                    )

    def upsert(self, records: Iterable[PartnerRecord], origin: str = "import") -> UpsertResult:
        """Add new partners and update existing ones by id, in one transaction."""
        added = updated = 0
        records = list(records)
        with Session(self.engine) as session, session.begin():
            # The existing rows in one query per 500 ids, not a flush and a query per
            # record (10,000 ORUK services took 64 s that way, growing with the session).
            ids = [r.id for r in records]
            existing: dict[str, Partner] = {}
            for start in range(0, len(ids), 500):
                batch = select(Partner).where(Partner.id.in_(ids[start : start + 500]))
                existing.update((row.id, row) for row in session.scalars(batch))
            for record in records:
                row = existing.get(record.id)
                if row is None:
                    row = Partner(id=record.id)
                    session.add(row)
                    existing[record.id] = row
                    added += 1
                else:
                    updated += 1
                _fill(row, record, origin)
        return UpsertResult(added=added, updated=updated)

    def seed(self, records: Iterable[PartnerRecord]) -> UpsertResult:
        """Make the national services match knowledge/partners.yml exactly."""
        records = list(records)
        keep = {r.id for r in records}
        with Session(self.engine) as session, session.begin():
            session.execute(delete(Partner).where(Partner.origin == "knowledge", not_(Partner.id.in_(keep))))
        return self.upsert(records, origin="knowledge")

    def count(self) -> int:
        with Session(self.engine) as session:
            return session.execute(select(func.count()).select_from(Partner)).scalar_one()

    def all(self, origin: str | None = None) -> list[PartnerRecord]:
        query = select(Partner.id).order_by(Partner.id)
        if origin:
            query = query.where(Partner.origin == origin)
        with self.engine.connect() as conn:
            return _read_records(conn, list(conn.execute(query).scalars()))

    def listing(
        self,
        offset: int,
        limit: int,
        search: str | None = None,
        category: str | None = None,
        modified_after: dt.date | None = None,
        serving: Area | None = None,
        with_address: bool = False,
    ) -> tuple[int, list[PartnerRecord]]:
        """A page of partners in id order, with how many match in all (for /oruk/).

        `serving`: only partners that serve the area (its own local services, and the
        national ones that cover its nation), as ranking.serves decides for a claimant.
        `with_address`: only partners with a place to go (/oruk/service_at_locations)."""
        query = select(Partner.id)
        if search:
            like = f"%{search.lower()}%"
            query = query.where(func.lower(Partner.name).like(like) | func.lower(Partner.summary).like(like))
        if category:
            query = query.where(
                exists().where(PartnerCategory.partner_id == Partner.id, PartnerCategory.category == category)
            )
        if modified_after:
            query = query.where(Partner.last_verified > modified_after)
        if with_address:
            query = query.where(Partner.address.is_not(None))
        if serving is not None:
            placed = exists().where(PartnerPlace.partner_id == Partner.id)
            query = query.where(
                (Partner.is_local & placed.where(PartnerPlace.place == serving.id))
                | (not_(Partner.is_local) & (not_(placed) | placed.where(PartnerPlace.place == serving.nation)))
            )
        with self.engine.connect() as conn:
            total = conn.execute(select(func.count()).select_from(query.subquery())).scalar_one()
            ids = list(conn.execute(query.order_by(Partner.id).offset(offset).limit(limit)).scalars())
            return int(total), _read_records(conn, ids)

    def by_oruk_id(self, service_id: str) -> PartnerRecord | None:
        """The partner published as /oruk/services/{service_id}, if there is one."""
        with self.engine.connect() as conn:
            pid = conn.execute(select(Partner.id).where(Partner.oruk_id == service_id)).scalar()
            found = _read_records(conn, [pid]) if pid else []
            return found[0] if found else None

    def by_ids(self, ids: Iterable[str]) -> dict[str, PartnerRecord]:
        """Partners by id (those that exist)."""
        with self.engine.connect() as conn:
            return {r.id: r for r in _read_records(conn, list(dict.fromkeys(ids)))}

    def candidates(self, need: str, area: Area | None) -> list[PartnerRecord]:
        """Partners with the need that could serve the area: the SQL half of a search.

        Two index-driven queries rather than one with correlated EXISTS clauses,
        which made SQLite scan every partner: local partners come from the place
        index joined to each one's category key, national ones are few. Then the
        records are read with plain Core queries. `ranking.serves` then applies
        the nation rule.
        """
        with self.engine.connect() as conn:
            ids = list(conn.execute(_NATIONAL_WITH_NEED, {"need": need}).scalars())
            if area is not None:
                ids += conn.execute(_LOCAL_WITH_NEED_IN_PLACE, {"need": need, "place": area.id}).scalars()
            return _read_records(conn, ids)

    def find(
        self,
        need: str,
        need_label: str,
        area: Area | None,
        language: str | None = None,
        limit: int = 3,
        exclude: Collection[str] = (),
    ) -> list[Match]:
        """The best partners for a need; `exclude` names partners that do not fit this time."""
        candidates = [p for p in self.candidates(need, area) if p.id not in exclude]
        return rank(candidates, need, need_label, area, language, limit)

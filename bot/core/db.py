"""Database engines for the project's own SQL data (the directory, later handoffs)."""

from __future__ import annotations

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.pool import QueuePool, StaticPool


def make_engine(url: str) -> Engine:
    """An engine for `url`. SQLite gets foreign keys on and works across threads,
    because actions query it from worker threads (asyncio.to_thread)."""
    if url.startswith("sqlite"):
        in_memory = url in ("sqlite://", "sqlite:///:memory:")
        # A file database keeps a small pool of open connections: SQLAlchemy 1.4's
        # default for SQLite files opens one per query, and the connect plus its
        # pragmas were a fifth of a directory search (profiled).
        extra = {"poolclass": StaticPool} if in_memory else {"poolclass": QueuePool, "pool_size": 5, "max_overflow": 10}
        engine = create_engine(url, future=True, connect_args={"check_same_thread": False}, **extra)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
            cursor = dbapi_conn.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            if not in_memory:
                cursor.execute("PRAGMA journal_mode=WAL")
            cursor.close()

        return engine
    return create_engine(url, future=True, pool_pre_ping=True)


def check_tracker_store(engine: Engine) -> None:
    """Raise unless the tracker store can be read and written now (for /healthz).

    SQLite: take the write lock for a moment (BEGIN IMMEDIATE, waiting at most
    a second) and read the schema, so a locked or corrupt file fails here as it
    would fail Rasa's next save. Other databases: a query."""
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        if engine.dialect.name == "sqlite":
            cursor.execute("PRAGMA busy_timeout=1000")
            cursor.execute("BEGIN IMMEDIATE")
            try:
                cursor.execute("SELECT count(*) FROM sqlite_master")
                cursor.fetchall()
            finally:
                cursor.execute("ROLLBACK")
        else:
            cursor.execute("SELECT 1")
            cursor.fetchall()
        cursor.close()
    finally:
        raw.close()

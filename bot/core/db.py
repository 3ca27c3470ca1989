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

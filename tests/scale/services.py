"""Real PostgreSQL and Redis servers for the scale-out tests.

Given SIGNPOST_TEST_POSTGRES_URL (a server where the tests may create databases)
or SIGNPOST_TEST_REDIS_URL, those are used. Otherwise a throwaway server is
started from the machine's own binaries, on loopback, in a temporary folder, and
stopped afterwards. When neither works the tests are skipped, unless
SIGNPOST_REQUIRE_SCALE_OUT=1 (CI sets it): then they fail.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa

from tests.e2e.http import free_port


class Unavailable(RuntimeError):
    pass


def required() -> bool:
    return os.environ.get("SIGNPOST_REQUIRE_SCALE_OUT", "").strip().lower() in ("1", "true", "yes")


def _pg_binary(name: str) -> str | None:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else shutil.which(name)


def _as_postgres(command: list[str]) -> list[str]:
    # PostgreSQL refuses to run as root; Debian's package makes a `postgres` user.
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def _wait_for(check, what: str, timeout: float = 30.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while True:
        try:
            check()
            return
        except Exception as err:  # any failure means "not yet"
            if time.monotonic() > deadline:
                raise Unavailable(f"{what} did not answer: {err}") from err
            time.sleep(0.2)


@contextmanager
def postgres_server() -> Iterator[str]:
    """A PostgreSQL server URL (its `postgres` database), given or started here."""
    given = os.environ.get("SIGNPOST_TEST_POSTGRES_URL", "").strip()
    if given:
        engine = sa.create_engine(given, future=True)
        try:
            _wait_for(lambda: engine.connect().close(), "PostgreSQL at SIGNPOST_TEST_POSTGRES_URL", 10)
        finally:
            engine.dispose()
        yield given
        return
    initdb, pg_ctl = _pg_binary("initdb"), _pg_binary("pg_ctl")
    if not initdb or not pg_ctl:
        raise Unavailable("PostgreSQL is not installed (initdb, pg_ctl); `make test` installs Debian's postgresql")
    # Not under pytest's own folder: as root, that is closed to the postgres user.
    data = Path(tempfile.mkdtemp(prefix="signpost-pg-"))
    if os.geteuid() == 0:
        shutil.chown(data, "postgres")
    port = free_port()

    def run(command: list[str]) -> None:
        done = subprocess.run(_as_postgres(command), capture_output=True, text=True, check=False)
        if done.returncode:
            raise Unavailable(f"{Path(command[0]).name} failed: {(done.stderr or done.stdout).strip()[-500:]}")

    try:
        run([initdb, "-D", str(data), "-A", "trust", "-U", "signpost", "--no-sync"])
        options = f"-p {port} -k {data} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
        run([pg_ctl, "-D", str(data), "-o", options, "-l", str(data / "server.log"), "-w", "start"])
        try:
            yield f"postgresql://signpost@127.0.0.1:{port}/postgres"
        finally:
            subprocess.run(_as_postgres([pg_ctl, "-D", str(data), "-m", "immediate", "stop"]), capture_output=True)
    finally:
        shutil.rmtree(data, ignore_errors=True)


def create_database(server_url: str, prefix: str) -> str:
    """A new, empty database on the server; its URL."""
    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    engine = sa.create_engine(server_url, future=True, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    finally:
        engine.dispose()
    return str(sa.engine.make_url(server_url).set(database=name))


@contextmanager
def redis_server(workdir: Path) -> Iterator[str]:
    """A Redis server URL, given or started here."""
    import redis

    given = os.environ.get("SIGNPOST_TEST_REDIS_URL", "").strip()
    if given:
        _wait_for(lambda: redis.Redis.from_url(given).ping(), "Redis at SIGNPOST_TEST_REDIS_URL", 10)
        yield given
        return
    binary = shutil.which("redis-server")
    if not binary:
        raise Unavailable("Redis is not installed (redis-server); `make test` installs Debian's redis-server")
    port = free_port()
    command = [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    process = subprocess.Popen(command, cwd=workdir, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"redis://127.0.0.1:{port}/1"
        _wait_for(lambda: redis.Redis.from_url(url).ping(), "the Redis server started for the tests")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)

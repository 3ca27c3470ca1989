"""PostgreSQL and Redis for the scale-out tests: skipped when neither can be
reached or started, failed instead when SIGNPOST_REQUIRE_SCALE_OUT=1 (CI)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.scale.services import Unavailable, postgres_server, redis_server, required


def _unavailable(err: Unavailable) -> None:
    if required():
        pytest.fail(f"SIGNPOST_REQUIRE_SCALE_OUT is set, but {err}")
    pytest.skip(str(err))


@pytest.fixture(scope="session")
def postgres() -> Iterator[str]:
    """URL of a PostgreSQL server's `postgres` database; tests create their own."""
    try:
        with postgres_server() as url:
            yield url
    except Unavailable as err:
        _unavailable(err)


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory) -> Iterator[str]:
    try:
        with redis_server(tmp_path_factory.mktemp("redis")) as url:
            yield url
    except Unavailable as err:
        _unavailable(err)

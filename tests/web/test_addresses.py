"""The client address behind a reverse proxy (issue 16: behind a proxy, 5 failures
from anyone locked out every adviser, and one address's limit was everyone's)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.ops.settings import SettingsError, load_settings
from bot.web import app as app_module
from bot.web.app import create_app
from bot.web.rasa_client import RasaClient
from bot.web.rate_limits import ChatLimits


async def _client(aiohttp_client, fake_rasa, tmp_path, directory, proxies: tuple[str, ...]):
    settings = replace(
        load_settings(), var_dir=tmp_path, database_url="sqlite://", actions_port=1, trusted_proxies=proxies
    )
    app = create_app(
        settings,
        rasa=RasaClient(str(fake_rasa.make_url("")), "test-token"),
        purge_on_start=False,
        limits=ChatLimits.per_minute(per_session=15, per_address=2),
    )
    app[app_module.DIRECTORY] = directory
    return await aiohttp_client(app)


async def _statuses(client, forwarded_for: list[str]) -> list[int]:
    statuses = []
    for n, address in enumerate(forwarded_for):
        response = await client.post(
            "/api/chat",
            json={"session": f"proxied-session-{n}", "message": "hello"},
            headers={"X-Forwarded-For": address},
        )
        statuses.append(response.status)
    return statuses


async def test_behind_a_trusted_proxy_each_claimant_has_their_own_address(
    aiohttp_client, fake_rasa, tmp_path, directory
):
    client = await _client(aiohttp_client, fake_rasa, tmp_path, directory, ("127.0.0.1",))
    # Three claimants, two messages each: nobody is over the limit of 2 an address.
    claimants = ["203.0.113.5", "203.0.113.6", "198.51.100.7"] * 2
    assert await _statuses(client, claimants) == [200] * 6
    # One claimant's third message is over it; the right-most untrusted address counts.
    assert await _statuses(client, ["192.0.2.1, 203.0.113.5"]) == [429]


async def test_from_anywhere_else_the_header_is_ignored(aiohttp_client, fake_rasa, tmp_path, directory):
    # Not a trusted proxy: a client cannot choose its address by sending the header.
    client = await _client(aiohttp_client, fake_rasa, tmp_path, directory, ("10.0.0.0/8",))
    assert await _statuses(client, ["203.0.113.5", "203.0.113.6", "198.51.100.7"]) == [200, 200, 429]


async def test_a_malformed_header_from_the_proxy_is_a_named_400(aiohttp_client, fake_rasa, tmp_path, directory):
    client = await _client(aiohttp_client, fake_rasa, tmp_path, directory, ("127.0.0.1",))
    response = await client.post(
        "/api/chat", json={"session": "proxied-session-x", "message": "hi"}, headers={"X-Forwarded-For": "not-an-ip"}
    )
    assert response.status == 400
    assert (await response.json())["error"]["code"] == "http_400"
    assert fake_rasa.received == []


@pytest.mark.parametrize("value", ["10.0.0.0/33", "proxy.internal", "1.2.3"])
def test_a_proxy_setting_that_cannot_work_is_refused(value, monkeypatch):
    monkeypatch.setenv("SIGNPOST_TRUSTED_PROXIES", f"127.0.0.1,{value}")
    with pytest.raises(SettingsError, match="SIGNPOST_TRUSTED_PROXIES"):
        load_settings()

"""The gateway's connection to Rasa: REST channel for messages, HTTP API for status."""

from __future__ import annotations

import asyncio
from typing import Any

import aiohttp


class RasaUnavailable(RuntimeError):
    pass


def _clean_button(raw: Any) -> dict[str, str] | None:
    if not isinstance(raw, dict):
        return None
    title, payload = raw.get("title"), raw.get("payload")
    if not isinstance(title, str) or not isinstance(payload, str):
        return None
    return {"title": title, "payload": payload}


def normalise_messages(raw: Any) -> list[dict[str, Any]]:
    """Keep only text and buttons from Rasa's reply, in a shape the page expects."""
    messages: list[dict[str, Any]] = []
    if not isinstance(raw, list):
        return messages
    for item in raw:
        if not isinstance(item, dict):
            continue
        text = item.get("text") if isinstance(item.get("text"), str) else ""
        buttons = [b for b in map(_clean_button, item.get("buttons") or []) if b]
        if text or buttons:
            messages.append({"text": text, "buttons": buttons})
    return messages


def transcript_turns(events: Any) -> list[dict[str, Any]]:
    """Who said what, and when, from tracker events. Button choices show their payload."""
    turns: list[dict[str, Any]] = []
    for event in events if isinstance(events, list) else []:
        if not isinstance(event, dict) or event.get("event") not in ("user", "bot"):
            continue
        text = event.get("text")
        if not isinstance(text, str) or not text:
            continue
        stamp = event.get("timestamp")
        turns.append(
            {
                "who": "claimant" if event["event"] == "user" else "assistant",
                "text": text,
                "at": float(stamp) if isinstance(stamp, int | float) else None,
            }
        )
    return turns


class RasaClient:
    """One pooled HTTP session for the gateway's whole life: connections are reused."""

    def __init__(self, base_url: str, token: str, timeout: float = 30.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.timeout = aiohttp.ClientTimeout(total=timeout)
        self._session: aiohttp.ClientSession | None = None

    async def _http(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                timeout=self.timeout, connector=aiohttp.TCPConnector(limit=100, keepalive_timeout=30)
            )
        return self._session

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def send(self, sender: str, message: str, metadata: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Send a message on the REST channel. `metadata` (channel, site) reaches the actions."""
        http = await self._http()
        url = f"{self.base_url}/webhooks/rest/webhook"
        body = {"sender": sender, "message": message, "metadata": metadata or {}}
        try:
            async with http.post(url, json=body) as response:
                if response.status != 200:
                    raise RasaUnavailable(f"Rasa answered {response.status}")
                return normalise_messages(await response.json(content_type=None))
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as err:
            raise RasaUnavailable(str(err) or type(err).__name__) from err

    async def transcript(self, sender: str) -> list[dict[str, Any]]:
        """The conversation as {who, text, at} turns, from the tracker store via Rasa's API."""
        http = await self._http()
        try:
            async with http.get(
                f"{self.base_url}/conversations/{sender}/tracker", params={"token": self.token, "include_events": "ALL"}
            ) as response:
                if response.status != 200:
                    raise RasaUnavailable(f"Rasa answered {response.status}")
                data = await response.json(content_type=None)
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as err:
            raise RasaUnavailable(str(err) or type(err).__name__) from err
        return transcript_turns(data.get("events") if isinstance(data, dict) else None)

    async def status(self) -> dict[str, Any]:
        http = await self._http()
        async with http.get(
            f"{self.base_url}/status", params={"token": self.token}, timeout=aiohttp.ClientTimeout(total=3)
        ) as response:
            if response.status != 200:
                raise RasaUnavailable(f"status {response.status}")
            data = await response.json()
            return data if isinstance(data, dict) else {}

"""The gateway's connection to Rasa: REST channel for messages, HTTP API for status."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import time
import uuid
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

import aiohttp

from bot.core.service_auth import INCOMPLETE_HEADER, SECRET_HEADER
from bot.handoff.reference import PATTERN as REFERENCE
from bot.web.messages import INCOMPLETE_NOTICE

log = logging.getLogger("signpost.gateway")


class RasaUnavailable(RuntimeError):
    pass


class NotSaved(RasaUnavailable):
    """Rasa could not save the turn (its tracker store failed): nothing of it was kept."""


class StillWorking(RasaUnavailable):
    """No answer within the claimant's wait; Rasa is still on it, and the answer is kept
    for when the same message id comes again."""


def _clean_button(raw: Any) -> dict[str, str] | None:
    if not isinstance(raw, dict):
        return None
    title, payload = raw.get("title"), raw.get("payload")
    if not isinstance(title, str) or not isinstance(payload, str):
        return None
    return {"title": title, "payload": payload}


def _handoff_reference(custom: Any) -> str | None:
    """A handoff reference an action sent as data (`json_message`), if it is one."""
    reference = custom.get("handoff_reference") if isinstance(custom, dict) else None
    return reference if isinstance(reference, str) and REFERENCE.match(reference) else None


# What a service card (bot/signposting/replies.py: service_card) may hold, for printing.
SERVICE_FIELDS = ("name", "summary", "note", "why", "phone", "email", "website", "address", "hours", "how")
MAX_SERVICES = 10
MAX_FIELD = 1000


def _services(custom: Any) -> list[dict[str, str]]:
    """The services an action sent as data, each with only known text fields and a name."""
    raw = custom.get("services") if isinstance(custom, dict) else None
    cards = []
    for item in raw[:MAX_SERVICES] if isinstance(raw, list) else []:
        if not isinstance(item, dict):
            continue
        card = {k: item[k] for k in SERVICE_FIELDS if isinstance(item.get(k), str) and 0 < len(item[k]) <= MAX_FIELD}
        if "name" in card:
            cards.append(card)
    return cards


def normalise_messages(raw: Any) -> list[dict[str, Any]]:
    """Keep only text, buttons, a handoff reference and services from Rasa's reply, in
    a shape the pages expect. Rasa's REST channel sends an action's data as an item of
    its own after the text; the data joins the message before it."""
    messages: list[dict[str, Any]] = []
    if not isinstance(raw, list):
        return messages
    for item in raw:
        if not isinstance(item, dict):
            continue
        text = item.get("text") if isinstance(item.get("text"), str) else ""
        buttons = [b for b in map(_clean_button, item.get("buttons") or []) if b]
        message: dict[str, Any] = {"text": text, "buttons": buttons}
        reference = _handoff_reference(item.get("custom"))
        services = _services(item.get("custom"))
        data: dict[str, Any] = {"handoff_reference": reference} if reference else {}
        if services:
            data["services"] = services
        if data and not (text or buttons) and messages:
            messages[-1].update(data)
            continue
        message.update(data)
        if text or buttons or reference:
            messages.append(message)
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


# The gateway tags each message, so that after a Rasa server dies mid-message it
# can read the shared tracker store and tell "answered" from "never processed".
MESSAGE_ID_KEY = "gateway_message_id"


def replies_after(events: Any, message_id: str) -> list[dict[str, Any]] | None:
    """The assistant's replies to the message tagged `message_id`, from tracker
    events; None when the tracker store has no such message (it was not processed:
    Rasa saves a conversation only after the whole turn)."""
    found = False
    replies: list[dict[str, Any]] = []
    for event in events if isinstance(events, list) else []:
        if not isinstance(event, dict):
            continue
        if event.get("event") == "user":
            if found:
                break
            metadata = event.get("metadata")
            found = isinstance(metadata, dict) and metadata.get(MESSAGE_ID_KEY) == message_id
        elif found and event.get("event") == "bot":
            data = event.get("data") if isinstance(event.get("data"), dict) else {}
            replies.append({"text": event.get("text"), "buttons": data.get("buttons"), "custom": data.get("custom")})
    return normalise_messages(replies) if found else None


class _NotDelivered(Exception):
    """The server could not be reached: the message never left, so another may take it."""


class _MaybeDelivered(Exception):
    """The connection broke after the message was sent."""


class RasaClient:
    """The gateway's Rasa servers, over one pooled HTTP session (connections are reused).

    With several servers (which share a tracker store and a Redis lock store),
    each conversation goes to its own first choice by rendezvous hashing, so the
    load spreads evenly and stays put when a server joins or leaves. A server that
    cannot be reached is skipped for `retry_after` seconds and its conversations
    move to their next choice."""

    # Answers kept for a message id that may come again, and for how long.
    ANSWERS_KEPT = 5000
    ANSWER_KEPT_SECONDS = 15 * 60

    def __init__(
        self,
        servers: str | Sequence[str],
        token: str,
        timeout: float = 30.0,
        retry_after: float = 5.0,
        secret: str = "",
        work_timeout: float | None = None,
        standby: Sequence[str] = (),
    ) -> None:
        urls = [servers] if isinstance(servers, str) else list(servers)
        self.servers = tuple(url.rstrip("/") for url in urls)
        # Tried only after every server in `servers` failed (bot/ops/supervisor.py).
        self.standby = tuple(url.rstrip("/") for url in standby)
        if not self.servers:
            raise ValueError("at least one Rasa server is needed")
        self.token = token
        self.secret = secret
        # `timeout`: how long a claimant waits for an answer. A message still being
        # worked on then is not abandoned: it runs on for up to `work_timeout`.
        self.answer_within = timeout
        self.timeout = aiohttp.ClientTimeout(total=work_timeout or max(4 * timeout, 120.0))
        self.retry_after = retry_after
        self._down_until: dict[str, float] = {}
        self._session: aiohttp.ClientSession | None = None
        self._inflight: dict[tuple[str, str], asyncio.Task[list[dict[str, Any]]]] = {}
        self._answered: OrderedDict[tuple[str, str], tuple[float, list[dict[str, Any]]]] = OrderedDict()

    def order_for(self, sender: str) -> list[str]:
        """The servers to try for one conversation: its own first, unreachable ones last."""

        def weight(url: str) -> bytes:
            return hashlib.blake2b(f"{url}|{sender}".encode(), digest_size=8).digest()

        ranked = sorted(self.servers, key=weight, reverse=True)
        now = time.monotonic()
        return sorted(ranked, key=lambda url: self._down_until.get(url, 0.0) > now) + list(self.standby)

    def _mark_down(self, url: str) -> None:
        self._down_until[url] = time.monotonic() + self.retry_after

    async def _http(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                timeout=self.timeout, connector=aiohttp.TCPConnector(limit=100, keepalive_timeout=30)
            )
        return self._session

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def _post(self, url: str, body: dict[str, Any]) -> list[dict[str, Any]]:
        http = await self._http()
        headers = {SECRET_HEADER: self.secret} if self.secret else {}
        try:
            async with http.post(f"{url}/webhooks/rest/webhook", json=body, headers=headers) as response:
                if response.status == 503:
                    raise NotSaved(f"Rasa at {url} could not save the message")
                if response.status != 200:
                    raise RasaUnavailable(f"Rasa answered {response.status}")
                messages = normalise_messages(await response.json(content_type=None))
                if response.headers.get(INCOMPLETE_HEADER):
                    messages.append({"text": INCOMPLETE_NOTICE, "buttons": []})
                return messages
        except aiohttp.ClientConnectorError as err:
            raise _NotDelivered(str(err)) from err
        except (aiohttp.ServerDisconnectedError, aiohttp.ClientOSError, aiohttp.ClientPayloadError) as err:
            raise _MaybeDelivered(str(err) or type(err).__name__) from err
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as err:
            # A slow server may still be working on it: sending again could answer twice.
            raise RasaUnavailable(str(err) or type(err).__name__) from err

    async def send(
        self,
        sender: str,
        message: str,
        metadata: dict[str, Any] | None = None,
        message_id: str | None = None,
        resend: bool = False,
    ) -> list[dict[str, Any]]:
        """Send a message on the REST channel, at most once for each `message_id`.
        `metadata` (channel, site) reaches the actions.

        A message id that comes again gets the first answer: from the message still
        in progress, from the answers kept here, or (when the page says `resend`,
        say after this gateway restarted) from the tracker store. Only a message that was
        never processed is sent again. Raises StillWorking when the answer takes
        longer than the claimant's wait; the work goes on."""
        message_id = message_id or uuid.uuid4().hex
        key = (sender, message_id)
        task = self._inflight.get(key)
        if task is None:
            kept = self._kept(key)
            if kept is not None:
                return kept
            if resend:
                earlier = await self._earlier(sender, message_id)
                if earlier is not None:
                    return earlier
            task = asyncio.create_task(self._deliver(sender, message, metadata, message_id))
            self._inflight[key] = task
            task.add_done_callback(lambda done: self._finished(key, done))
        try:
            return await asyncio.wait_for(asyncio.shield(task), self.answer_within)
        except asyncio.TimeoutError:
            raise StillWorking(f"no answer within {self.answer_within:.0f}s") from None

    def _kept(self, key: tuple[str, str]) -> list[dict[str, Any]] | None:
        now = time.monotonic()
        while self._answered and next(iter(self._answered.values()))[0] < now - self.ANSWER_KEPT_SECONDS:
            self._answered.popitem(last=False)
        found = self._answered.get(key)
        return found[1] if found else None

    def _finished(self, key: tuple[str, str], task: asyncio.Task[list[dict[str, Any]]]) -> None:
        self._inflight.pop(key, None)
        if task.cancelled() or task.exception() is not None:
            return  # not answered: the next try sends it (or finds it in the store)
        self._answered[key] = (time.monotonic(), task.result())
        while len(self._answered) > self.ANSWERS_KEPT:
            self._answered.popitem(last=False)

    async def _earlier(self, sender: str, message_id: str) -> list[dict[str, Any]] | None:
        """The replies the tracker store holds for this message id, if it was processed."""
        return replies_after(await self._any_events(sender), message_id)

    async def _deliver(
        self, sender: str, message: str, metadata: dict[str, Any] | None, message_id: str
    ) -> list[dict[str, Any]]:
        body = {"sender": sender, "message": message, "metadata": {**(metadata or {}), MESSAGE_ID_KEY: message_id}}
        last_error = "no Rasa server"
        maybe_delivered = False
        for url in self.order_for(sender):
            if maybe_delivered:
                # The last server died mid-turn. If it saved the turn, its replies are in the shared store.
                try:
                    earlier = replies_after(await self._events(url, sender), message_id)
                except RasaUnavailable as err:
                    self._mark_down(url)
                    last_error = str(err)
                    continue
                if earlier is not None:
                    return earlier
            try:
                return await self._post(url, body)
            except _NotDelivered as err:
                last_error = str(err)
            except _MaybeDelivered as err:
                last_error, maybe_delivered = str(err), True
            log.warning("Rasa server %s failed (%s); trying the next", url, last_error)
            self._mark_down(url)
        raise RasaUnavailable(last_error)

    async def _get_json(self, url: str, params: dict[str, str], timeout: aiohttp.ClientTimeout | None = None) -> Any:
        """GET from Rasa's HTTP API with the token; every failure is RasaUnavailable.
        Without `timeout`, the session's own (aiohttp reads None as "no timeout at all")."""
        http = await self._http()
        query = {"token": self.token, **params}
        try:
            async with http.get(url, params=query, timeout=timeout or self.timeout) as response:
                if response.status != 200:
                    raise RasaUnavailable(f"Rasa answered {response.status}")
                return await response.json(content_type=None)
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as err:
            raise RasaUnavailable(str(err) or type(err).__name__) from err

    async def _events(self, url: str, sender: str) -> Any:
        data = await self._get_json(f"{url}/conversations/{sender}/tracker", {"include_events": "ALL"})
        return data.get("events") if isinstance(data, dict) else None

    async def _any_events(self, sender: str) -> Any:
        """The conversation's events from the first server that answers (they share the store)."""
        last: RasaUnavailable | None = None
        for url in self.order_for(sender):
            try:
                return await self._events(url, sender)
            except RasaUnavailable as err:
                last = err
        raise last or RasaUnavailable("no Rasa server")

    async def transcript(self, sender: str) -> list[dict[str, Any]]:
        """The conversation as {who, text, at} turns, from the tracker store via Rasa's API."""
        return transcript_turns(await self._any_events(sender))

    async def _status(self, url: str) -> dict[str, Any]:
        data = await self._get_json(f"{url}/status", {}, aiohttp.ClientTimeout(total=3))
        return data if isinstance(data, dict) else {}

    async def status(self) -> dict[str, Any]:
        """The first answering server's status, and how many of them answer."""
        servers = self.servers + self.standby
        results = await asyncio.gather(*(self._status(url) for url in servers), return_exceptions=True)
        up = [r for r in results if isinstance(r, dict)]
        if not up:
            raise next((r for r in results if isinstance(r, BaseException)), RasaUnavailable("no Rasa server"))
        return {**up[0], "servers_up": f"{len(up)}/{len(servers)}"}

"""`rasa run`, with the fixes that measuring and testing found.

The first, and the largest: how Rasa checks the action server's replies.

Rasa checks every reply from the action server with `jsonschema.validate()`,
which first re-checks Rasa's large event schema against the JSON Schema
meta-schema, and then tries each event against all 23 event kinds (a `oneOf`).
Profiled with py-spy at 10 conversations at once, that was 55% of the Rasa
server's CPU: 37 ms for a reply of ten events. `ActionReplyCheck` applies the
same rules, with the validators built once and each event checked only against
the kind its `event` field names (every kind has its own `const` there, so this
is exactly what `oneOf` decides). About 0.4 ms for the same reply.

It also mends Rasa's ticket lock (`fair_ticket_lock`), which the scale-out test
caught: a message waiting behind a dead server's ticket could wait forever; and
lets the SQLite tracker store commit without waiting for the disk.

And, from the fault tests of issue 16: a tracker store that fails makes the
message fail (`no_memory_fallback`), never a reply that nothing saved; a custom
action waits for an action server that is restarting (`patient_actions`); the
API token comes from the environment, never the command line (`ps` shows that);
and the server refuses to listen beyond loopback without the service secret.

From issue 21's profile: the tracker store keeps the last tracker of each
conversation in memory, checked against SQL (`cached_tracker_store`), and custom
action calls write their JSON with ujson (`quick_json_requests`), a button's payload
skips the NLU pipeline that Rasa would run and then discard (`payloads_without_the_model`),
and the parses of short replies that recur are kept (`nlu_cache`).

Run: python -m bot.rasa_ext.server run ARGS...   (what `signpost run` starts)
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import sys
import time
from typing import Any

import ujson
from jsonschema import Draft7Validator, ValidationError

from bot.core.service_auth import LOOPBACK


class ActionReplyCheck:
    """Rasa's action-reply schema, checked once per part instead of per call."""

    def __init__(self, schema: dict[str, Any]) -> None:
        event_schema = schema["properties"]["events"]["items"]
        shape = {**schema, "properties": {**schema["properties"], "events": {"type": "array"}}}
        self._reply = Draft7Validator(shape)
        self._event = Draft7Validator({k: v for k, v in event_schema.items() if k != "oneOf"})
        self._kinds = {kind["properties"]["event"]["const"]: Draft7Validator(kind) for kind in event_schema["oneOf"]}

    def validate(self, reply: Any) -> None:
        self._reply.validate(reply)
        for event in reply.get("events") or []:
            self._event.validate(event)
            kind = self._kinds.get(event["event"])
            if kind is None:
                raise ValidationError(f"{event['event']!r} is not one of Rasa's event kinds")
            kind.validate(event)


def install() -> None:
    """Replace RemoteAction's check with the same rules, built once."""
    from rasa.core.actions.action import RemoteAction

    check = ActionReplyCheck(RemoteAction.action_response_format_spec())
    original = RemoteAction._validate_action_result

    def validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
        try:
            check.validate(result)
        except ValidationError:
            # Let Rasa's own check word the error, exactly as before.
            return original(self, result)
        return True

    RemoteAction._validate_action_result = validate_action_result  # type: ignore[method-assign]


def fair_ticket_lock() -> None:
    """A ticket waits only for earlier tickets that are still alive.

    Rasa's `TicketLock.is_locked` says "locked" unless the ticket is the first in
    the queue. When a Rasa server dies holding a conversation's lock, the next
    message's ticket is issued a moment later with the same lifetime; both can
    expire between two polls, and then the waiting ticket is in no queue at all,
    so it stays "locked" for ever (seen in tests/scale: a claimant's message timed
    out after 30 s). Here a ticket is locked only while an earlier one is alive,
    which is the same answer in every other case."""
    from rasa.core.lock import TicketLock

    def is_locked(self: TicketLock, ticket_number: int) -> bool:
        return any(ticket.number < ticket_number for ticket in self.tickets if not ticket.has_expired())

    TicketLock.is_locked = is_locked  # type: ignore[method-assign]


def sqlite_without_waiting_on_disk() -> None:
    """The embedded SQLite tracker store: write-ahead log, and sync at checkpoints
    rather than on every commit (each message commits; profiled at 9% of Rasa's
    CPU). A crash of the machine can lose the last moments of conversations,
    never corrupt the file. PostgreSQL is untouched."""
    import sqlite3

    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    @event.listens_for(Engine, "connect")
    def _pragmas(dbapi_conn: Any, _record: Any) -> None:
        if isinstance(dbapi_conn, sqlite3.Connection):
            cursor = dbapi_conn.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()


class TrackerStoreFailure(RuntimeError):
    """The tracker store could not load or save a conversation."""


def no_memory_fallback() -> None:
    """Rasa wraps every tracker store in a `FailSafeTrackerStore`: when the store
    fails, it saves to memory instead and loads an empty conversation, so the
    claimant is answered (as a new conversation) and nothing is kept. Here a
    failure is raised, so the turn fails and the channel answers 503 `not_saved`."""
    from rasa.core.tracker_store import FailSafeTrackerStore

    async def save(self: FailSafeTrackerStore, tracker: Any) -> None:
        try:
            await self._tracker_store.save(tracker)
        except Exception as err:
            raise TrackerStoreFailure(f"could not save the conversation: {err}") from err

    async def retrieve(self: FailSafeTrackerStore, sender_id: str) -> Any:
        try:
            return await self._tracker_store.retrieve(sender_id)
        except Exception as err:
            raise TrackerStoreFailure(f"could not load the conversation: {err}") from err

    async def retrieve_full_tracker(self: FailSafeTrackerStore, sender_id: str) -> Any:
        try:
            return await self._tracker_store.retrieve_full_tracker(sender_id)
        except Exception as err:
            raise TrackerStoreFailure(f"could not load the conversation: {err}") from err

    FailSafeTrackerStore.save = save  # type: ignore[method-assign]
    FailSafeTrackerStore.retrieve = retrieve  # type: ignore[method-assign]
    FailSafeTrackerStore.retrieve_full_tracker = retrieve_full_tracker  # type: ignore[method-assign]


def _turned_off(name: str, environ: dict[str, str] | None) -> bool:
    """Issue 21's levers are on unless their variable is "0" (for A/B runs)."""
    return (environ if environ is not None else os.environ).get(name, "1") == "0"


def cached_tracker_store(environ: dict[str, str] | None = None) -> bool:
    """Rasa's SQL tracker store, with the read-through cache of
    bot/rasa_ext/tracker_cache.py (issue 21), unless SIGNPOST_TRACKER_CACHE=0.
    Rasa builds a `type: SQL` store by the module's name, so the name is replaced."""
    if _turned_off("SIGNPOST_TRACKER_CACHE", environ):
        return False
    import rasa.core.tracker_store as stores

    from bot.rasa_ext.tracker_cache import CachedSQLTrackerStore

    stores.SQLTrackerStore = CachedSQLTrackerStore  # type: ignore[misc]
    return True


def payloads_without_the_model() -> None:
    """A button's payload ("/affirm", "/need_debt") is parsed by
    Rasa's regular-expression step alone, without the NLU pipeline (issue 21).

    Rasa runs every component on a payload's text (spaCy, both count featurizers,
    wordllama, DIET, the fallback, ours) and then its last step, RegexMessageHandler,
    throws all of that away: for a payload that names an intent of the domain it
    builds a new message from the payload alone. So this builds that same message
    first, with the same function, and skips the rest: about 20 ms a tap on this
    machine, and on a kiosk most turns are taps. A payload that does not unpack (an
    unknown intent, a malformed one) goes through the whole pipeline, as before.
    """
    from rasa.core.processor import MessageProcessor
    from rasa.shared.constants import INTENT_MESSAGE_PREFIX
    from rasa.shared.core.training_data.story_reader.yaml_story_reader import YAMLStoryReader
    from rasa.shared.nlu.training_data.message import Message

    original = MessageProcessor._parse_message_with_graph
    HANDLER = "RegexMessageHandler"  # the extractor name Rasa's step gives a payload's entities

    def parse(self: MessageProcessor, message: Any, tracker: Any, only_output_properties: bool = True) -> Any:
        text = message.text or ""
        if text.strip().startswith(INTENT_MESSAGE_PREFIX):
            asked = Message(data={"text": text, "message_id": message.message_id, "metadata": message.metadata})
            unpacked = YAMLStoryReader.unpack_regex_message(asked, self.domain, entity_extractor_name=HANDLER)
            if unpacked is not asked:
                parse_data = {"text": "", "intent": {"name": None, "confidence": 0.0}, "entities": []}
                parse_data.update(unpacked.as_dict(only_output_properties=only_output_properties))
                return parse_data
        return original(self, message, tracker, only_output_properties)

    MessageProcessor._parse_message_with_graph = parse  # type: ignore[method-assign]


# Parse results kept for short replies that recur ("yes", "Leeds", "hello", "thanks"):
# the NLU pipeline is a pure function of the text (no component reads the tracker or
# the metadata), so the same words always parse the same way. Replies of at most four
# words only: those are what different claimants send in the same words. A request of
# five words or more is worded each claimant's own way, so keeping it would only
# flatter a bench whose claimants all type the same (it once kept texts of up to 80
# characters, and issue 21's targets were met only on identical texts).
# In memory only, bounded, gone with the process; the gateway has redacted them.
NLU_CACHE_SIZE = 5_000
NLU_CACHE_MAX_WORDS = 4


def nlu_cache(environ: dict[str, str] | None = None) -> bool:
    """Keep the parses of short replies (issue 21), unless SIGNPOST_NLU_CACHE=0. A button's
    payload ("/intent{...}") needs no model (`payloads_without_the_model`), so it is not kept."""
    if _turned_off("SIGNPOST_NLU_CACHE", environ):
        return False
    import copy
    from collections import OrderedDict

    from rasa.core.processor import MessageProcessor

    original = MessageProcessor._parse_message_with_graph

    def parse(self: MessageProcessor, message: Any, tracker: Any, only_output_properties: bool = True) -> Any:
        text = message.text
        if not only_output_properties or not text or text.startswith("/") or len(text.split()) > NLU_CACHE_MAX_WORDS:
            return original(self, message, tracker, only_output_properties)
        # One cache for each loaded model: a new model has a new processor.
        kept: OrderedDict[str, Any] = self.__dict__.setdefault("_signpost_parses", OrderedDict())
        found = kept.get(text)
        if found is not None:
            kept.move_to_end(text)
            return copy.deepcopy(found)
        parsed = original(self, message, tracker, only_output_properties)
        kept[text] = copy.deepcopy(parsed)
        if len(kept) > NLU_CACHE_SIZE:
            kept.popitem(last=False)
        return parsed

    MessageProcessor._parse_message_with_graph = parse  # type: ignore[method-assign]
    return True


def give_back_freed_memory() -> bool:
    """Hand the C heap's free pages back to the system (glibc's `malloc_trim`). Loading
    the model frees about 50 MB that glibc would otherwise keep for the process
    (measured: 915 → 866 MB after loading). False where the C library has no
    `malloc_trim` (not glibc)."""
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    trim = getattr(ctypes.CDLL(name), "malloc_trim", None) if name else None
    if trim is None:
        return False
    trim(0)
    return True


def freeze_after_load(environ: dict[str, str] | None = None) -> bool:
    """Once the model is loaded, move everything alive into the garbage collector's
    permanent generation (`gc.freeze`), so its full collections stop walking the
    hundreds of thousands of TensorFlow, Keras and spaCy objects that live as long as
    the process (issue 21), and give the memory loading freed back to the system.
    SIGNPOST_GC_FREEZE=0 turns both off."""
    if _turned_off("SIGNPOST_GC_FREEZE", environ):
        return False
    import gc

    import rasa.core.run as run

    original = run.load_agent_on_start

    async def load_then_freeze(*args: Any, **kwargs: Any) -> Any:
        agent = await original(*args, **kwargs)
        gc.collect()
        gc.freeze()
        give_back_freed_memory()
        return agent

    run.load_agent_on_start = load_then_freeze  # type: ignore[assignment]
    return True


def _dumps(data: Any) -> str:
    try:
        return ujson.dumps(data, ensure_ascii=False, escape_forward_slashes=False)
    except (TypeError, OverflowError, ValueError):
        return json.dumps(data)  # what ujson cannot write, json words as before


def quick_json_requests() -> None:
    """Each custom action sends the action server the whole conversation as JSON:
    profiled, Python's json encoder was most of the 4.4 ms a message the call cost
    (issue 21). The same session Rasa makes, with ujson (Sanic's own, already
    installed) writing the body; anything ujson cannot write goes to json."""
    import aiohttp
    from rasa.utils.endpoints import DEFAULT_REQUEST_TIMEOUT, EndpointConfig

    def session(self: EndpointConfig) -> aiohttp.ClientSession:
        auth = aiohttp.BasicAuth(self.basic_auth["username"], self.basic_auth["password"]) if self.basic_auth else None
        return aiohttp.ClientSession(
            headers=self.headers, auth=auth, timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT),
            json_serialize=_dumps,
        )  # fmt: skip

    EndpointConfig.session = session  # type: ignore[method-assign]


# How long a custom action waits for an action server that refuses connections.
# The supervisor restarts a crashed one in a few seconds (measured in tests/faults).
ACTIONS_WAIT_SECONDS = 25.0


def _refused(err: BaseException) -> bool:
    """A connection the action server refused: the call never reached it, so it is safe to repeat."""
    return isinstance(err, ConnectionRefusedError) or isinstance(err.__cause__, ConnectionRefusedError)


def patient_actions(wait: float = ACTIONS_WAIT_SECONDS) -> None:
    """A custom action retries, for up to `wait` seconds, while the action server
    refuses connections (it is being restarted). A call that reached the server and
    then broke is not repeated (it may have done its work): it marks the turn
    incomplete for the channel (bot/rasa_ext/channels.py)."""
    from rasa.core.actions.action import RemoteAction

    log = logging.getLogger(__name__)
    original_run = RemoteAction.run

    def patient(endpoint: Any) -> Any:
        request = endpoint.request

        async def request_until_accepted(*args: Any, **kwargs: Any) -> Any:
            deadline = time.monotonic() + wait
            while True:
                try:
                    return await request(*args, **kwargs)
                except OSError as err:
                    if not _refused(err) or time.monotonic() > deadline:
                        raise
                    log.warning("the action server refused the call; trying again")
                    await asyncio.sleep(0.5)

        endpoint.request = request_until_accepted
        endpoint.signpost_patient = True
        return endpoint

    async def run(self: RemoteAction, output_channel: Any, *args: Any, **kwargs: Any) -> Any:
        if self.action_endpoint is not None and not getattr(self.action_endpoint, "signpost_patient", False):
            patient(self.action_endpoint)
        try:
            return await original_run(self, output_channel, *args, **kwargs)
        except Exception:
            if hasattr(output_channel, "action_failed"):
                output_channel.action_failed = True
            raise

    RemoteAction.run = run  # type: ignore[method-assign]


def _option(args: list[str], name: str) -> str | None:
    """The value of `--name VALUE` or `--name=VALUE` in Rasa's arguments."""
    for index, arg in enumerate(args):
        if arg == name and index + 1 < len(args):
            return args[index + 1]
        if arg.startswith(f"{name}="):
            return arg.split("=", 1)[1]
    return None


def arguments(args: list[str], environ: dict[str, str]) -> list[str]:
    """Rasa's arguments, with the token from SIGNPOST_RASA_TOKEN added here, inside
    the process (what `ps` shows is the command line we were started with).
    Refuses (SystemExit) to listen beyond loopback without SIGNPOST_SERVICE_SECRET,
    because the REST channel would then take messages from anyone on the network.
    Rasa's own default interface is 0.0.0.0."""
    interface = _option(args, "--interface") or _option(args, "-i") or "0.0.0.0"
    if args[:1] == ["run"] and interface not in LOOPBACK and not environ.get("SIGNPOST_SERVICE_SECRET"):
        raise SystemExit(
            f"refusing to listen on {interface}: beyond loopback the REST channel needs a shared secret. "
            "Set SIGNPOST_SERVICE_SECRET to the same value as the gateway's."
        )
    token = environ.get("SIGNPOST_RASA_TOKEN", "").strip()
    if args[:1] == ["run"] and token and _option(args, "--auth-token") is None:
        args = [*args, f"--auth-token={token}"]
    return args


def main() -> None:
    sys.argv[1:] = arguments(sys.argv[1:], dict(os.environ))
    install()
    fair_ticket_lock()
    sqlite_without_waiting_on_disk()
    no_memory_fallback()
    patient_actions()
    cached_tracker_store()
    quick_json_requests()
    payloads_without_the_model()
    nlu_cache()
    freeze_after_load()
    from rasa.__main__ import main as rasa_main

    sys.argv[0] = "rasa"
    rasa_main()


if __name__ == "__main__":
    main()

"""Settings from the environment, with the embedded SQLite defaults under var/.

Every environment variable the project reads is named here, so the README and
the code cannot drift apart: `ENV_VARS` is the list the README documents.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from ipaddress import ip_network
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bot.core.paths import ROOT

ENV_VARS: dict[str, str] = {
    "SIGNPOST_VAR_DIR": "Folder for databases, the token, logs and the spaCy pipeline (default var/).",
    "SIGNPOST_CHAT_PER_SESSION": "Messages a minute the chat API takes from one conversation (default 15).",
    "SIGNPOST_CHAT_PER_ADDRESS": "Messages a minute the chat API takes from one client address (default 120).",
    "SIGNPOST_DATABASE_URL": "SQLAlchemy URL of the partner directory (default SQLite in var/).",
    "SIGNPOST_TRACKER_URL": "SQLAlchemy URL of Rasa's tracker store (default SQLite in var/).",
    "SIGNPOST_GATEWAY_HOST": "Interface the web gateway listens on (default 0.0.0.0).",
    "SIGNPOST_GATEWAY_PORT": "Port of the web gateway (default 8080).",
    "SIGNPOST_RASA_PORT": "Port of the (first) Rasa server, always on 127.0.0.1 (default 5005).",
    "SIGNPOST_RASA_SERVERS": "How many Rasa servers `signpost run` starts, on ports from SIGNPOST_RASA_PORT up "
    "(default 1; more than one needs SIGNPOST_LOCK_STORE_URL).",
    "SIGNPOST_RASA_TIMEOUT": "Seconds a claimant waits for Rasa's answer before the gateway says it is still working "
    "on it (default 30). The message is not abandoned: sent again, it gets that answer.",
    "SIGNPOST_RASA_STANDBY": "With one Rasa server, `signpost run` also starts a standby on the next port, which "
    "takes messages only while the first is down or restarting (default true; false saves its memory).",
    "SIGNPOST_RASA_URLS": "Comma-separated Rasa servers the gateway spreads conversations over (default: the ones "
    "`signpost run` starts). For servers on other machines of a private network.",
    "SIGNPOST_LOCK_STORE_URL": "Redis for Rasa's lock store, e.g. redis://:secret@redis.internal:6379/1 "
    "(default: none, Rasa's in-memory lock store).",
    "SIGNPOST_ACTIONS_PORT": "Port of the action server, on 127.0.0.1 (default 5055).",
    "SIGNPOST_KIOSK_SECRET": "Secret the kiosk keys are made from (`signpost kiosk key SITE`; default: generated "
    "into var/kiosk_secret). Change it to change every kiosk's key.",
    "SIGNPOST_RASA_TOKEN": "Token for Rasa's HTTP API (default: generated into var/rasa_token).",
    "SIGNPOST_SERVICE_SECRET": "Shared secret the gateway, Rasa's channel and the action server check on each call "
    "(default: generated into var/service_secret). Required when Rasa or the action server listens beyond loopback.",
    "SIGNPOST_MODEL": "Path of the trained model (default models/signpost.tar.gz).",
    "SIGNPOST_RETENTION_DAYS": "Days a conversation and its handoff are kept before deletion (default 30).",
    "SIGNPOST_PROGRESS_DAYS": "Days a skills profile is kept for the next check, if the claimant agrees (default 365).",
    "SIGNPOST_TRUSTED_PROXIES": "Comma-separated addresses or ranges of reverse proxies in front of the gateway, "
    "e.g. 10.0.0.0/8; from them the client address is read from X-Forwarded-For (default: none).",
    "SIGNPOST_COOKIE_SECURE": "Send the adviser session cookie over HTTPS only (default true; localhost counts).",
}


class SettingsError(ValueError):
    """A setting from the environment that cannot work; the message says which and why."""


def _env(name: str, default: str) -> str:
    value = os.environ.get(name, "").strip()
    return value or default


def _int(name: str, default: int) -> int:
    try:
        return int(_env(name, str(default)))
    except ValueError:
        raise SettingsError(f"{name} must be a whole number, not {os.environ.get(name)!r}") from None


@dataclass(frozen=True)
class Settings:
    var_dir: Path
    database_url: str
    tracker_url: str
    gateway_host: str
    gateway_port: int
    rasa_port: int
    actions_port: int
    model_path: Path
    retention_days: int = 30
    progress_days: int = 365
    cookie_secure: bool = True
    rasa_servers: int = 1
    rasa_urls_override: tuple[str, ...] = ()
    lock_store_url: str = ""
    # Messages a minute the chat API takes from one conversation, and from one address (issue 16).
    chat_per_session: int = 15
    chat_per_address: int = 120
    trusted_proxies: tuple[str, ...] = ()
    rasa_standby: bool = True
    rasa_timeout: int = 30

    def __post_init__(self) -> None:
        # Rasa's in-memory lock lives in one process: two servers could then
        # answer one conversation at once and save over each other's events.
        if len(self.rasa_urls) > 1 and not self.lock_store_url:
            raise SettingsError(
                "Several Rasa servers must share a lock store: set SIGNPOST_LOCK_STORE_URL=redis://HOST:6379/1 "
                "(and a shared tracker store in SIGNPOST_TRACKER_URL)."
            )
        if self.lock_store_url:
            lock_store_settings(self.lock_store_url)  # fails early on a malformed URL
        for proxy in self.trusted_proxies:
            try:
                ip_network(proxy, strict=False)
            except ValueError:
                raise SettingsError(f"SIGNPOST_TRUSTED_PROXIES: {proxy!r} is not an address or range") from None

    @property
    def spacy_model_dir(self) -> Path:
        # Fixed under the project root, not SIGNPOST_VAR_DIR: config.yml names this
        # path and a trained model remembers it.
        return ROOT / "var" / "spacy" / "signpost_en"

    @property
    def token_file(self) -> Path:
        return self.var_dir / "rasa_token"

    @property
    def service_secret_file(self) -> Path:
        return self.var_dir / "service_secret"

    @property
    def rasa_url(self) -> str:
        """The first Rasa server."""
        return self.rasa_urls[0]

    @property
    def local_rasa_ports(self) -> tuple[int, ...]:
        """Ports of the Rasa servers `signpost run` starts on this machine."""
        return tuple(self.rasa_port + i for i in range(self.rasa_servers))

    @property
    def rasa_urls(self) -> tuple[str, ...]:
        """Every Rasa server the gateway may send a conversation to."""
        if self.rasa_urls_override:
            return self.rasa_urls_override
        return tuple(f"http://127.0.0.1:{port}" for port in self.local_rasa_ports)

    @property
    def standby_port(self) -> int | None:
        """Port of the standby Rasa server `signpost run` starts, if any: with one server
        of its own only (several servers share Redis locks and cover for each other)."""
        if self.rasa_standby and self.rasa_servers == 1 and not self.rasa_urls_override:
            return self.rasa_port + 1
        return None

    @property
    def standby_urls(self) -> tuple[str, ...]:
        """Servers the gateway tries only when every one in `rasa_urls` fails."""
        return () if self.standby_port is None else (f"http://127.0.0.1:{self.standby_port}",)

    @property
    def actions_url(self) -> str:
        return f"http://127.0.0.1:{self.actions_port}"

    @property
    def gateway_url(self) -> str:
        return f"http://localhost:{self.gateway_port}"

    def secure_var_dir(self) -> None:
        """var/ readable by this user only (0700), and its SQLite databases too (0600):
        they hold conversations and handoffs (issue 16)."""
        self.var_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.var_dir.chmod(0o700)
        for path in self.var_dir.glob("*.db*"):
            path.chmod(0o600)

    def _secret(self, variable: str, path: Path) -> str:
        """From the environment, else generated once into a file only this user can read."""
        from_env = os.environ.get(variable, "").strip()
        if from_env:
            return from_env
        if path.exists():
            return path.read_text().strip()
        self.secure_var_dir()
        value = secrets.token_urlsafe(32)
        path.write_text(value)
        path.chmod(0o600)
        return value

    def rasa_token(self) -> str:
        """The Rasa API token."""
        return self._secret("SIGNPOST_RASA_TOKEN", self.token_file)

    def kiosk_secret(self) -> str:
        """The secret each site's kiosk key is made from (bot/kiosk/keys.py)."""
        return self._secret("SIGNPOST_KIOSK_SECRET", self.var_dir / "kiosk_secret")

    def service_secret(self) -> str:
        """The secret Rasa's channel and the action server check on every call (issue 16)."""
        return self._secret("SIGNPOST_SERVICE_SECRET", self.service_secret_file)

    def child_env(self) -> dict[str, str]:
        """Environment for child processes, so that each sees these same settings.
        endpoints.yml reads SIGNPOST_TRACKER_URL and SIGNPOST_ACTIONS_URL from it."""
        env = dict(os.environ)
        env.update(
            SIGNPOST_VAR_DIR=str(self.var_dir),
            SIGNPOST_DATABASE_URL=self.database_url,
            SIGNPOST_TRACKER_URL=self.tracker_url,
            SIGNPOST_GATEWAY_HOST=self.gateway_host,
            SIGNPOST_GATEWAY_PORT=str(self.gateway_port),
            SIGNPOST_RASA_PORT=str(self.rasa_port),
            SIGNPOST_RASA_SERVERS=str(self.rasa_servers),
            SIGNPOST_RASA_STANDBY="true" if self.rasa_standby else "false",
            SIGNPOST_RASA_TIMEOUT=str(self.rasa_timeout),
            SIGNPOST_LOCK_STORE_URL=self.lock_store_url,
            **lock_store_settings(self.lock_store_url),
            SIGNPOST_ACTIONS_PORT=str(self.actions_port),
            SIGNPOST_MODEL=str(self.model_path),
            SIGNPOST_RETENTION_DAYS=str(self.retention_days),
            SIGNPOST_PROGRESS_DAYS=str(self.progress_days),
            SIGNPOST_CHAT_PER_SESSION=str(self.chat_per_session),
            SIGNPOST_CHAT_PER_ADDRESS=str(self.chat_per_address),
            SIGNPOST_TRUSTED_PROXIES=",".join(self.trusted_proxies),
            SIGNPOST_COOKIE_SECURE="true" if self.cookie_secure else "false",
            SIGNPOST_RASA_TOKEN=self.rasa_token(),
            SIGNPOST_SERVICE_SECRET=self.service_secret(),
            SIGNPOST_KIOSK_SECRET=self.kiosk_secret(),
            SIGNPOST_ACTIONS_URL=f"{self.actions_url}/webhook",
            # Rasa's telemetry would try to reach the network, which is closed here.
            RASA_TELEMETRY_ENABLED="false",
            SQLALCHEMY_SILENCE_UBER_WARNING="1",
            TF_CPP_MIN_LOG_LEVEL="2",
        )
        # Servers elsewhere are named; our own the children work out from the ports (and the standby).
        if self.rasa_urls_override:
            env["SIGNPOST_RASA_URLS"] = ",".join(self.rasa_urls_override)
        else:
            env.pop("SIGNPOST_RASA_URLS", None)
        # TensorFlow's default thread pools oversubscribe a small machine (during
        # training half the CPU time went to the kernel). One inter-op thread and
        # one intra-op thread per core; the environment can override both.
        env.setdefault("TF_INTER_OP_PARALLELISM_THREADS", "1")
        env.setdefault("TF_INTRA_OP_PARALLELISM_THREADS", str(os.cpu_count() or 1))
        # A Rasa server killed while it holds a conversation's lock blocks that
        # conversation until the lock expires (Rasa's default: 60 s). A message
        # takes well under a second, so 15 s lets another server take over sooner.
        env.setdefault("TICKET_LOCK_LIFETIME", "15")
        return env


def load_settings() -> Settings:
    var_dir = Path(_env("SIGNPOST_VAR_DIR", str(ROOT / "var"))).resolve()
    return Settings(
        var_dir=var_dir,
        database_url=_env("SIGNPOST_DATABASE_URL", f"sqlite:///{var_dir / 'signpost.db'}"),
        tracker_url=_env("SIGNPOST_TRACKER_URL", f"sqlite:///{var_dir / 'tracker.db'}"),
        gateway_host=_env("SIGNPOST_GATEWAY_HOST", "0.0.0.0"),
        gateway_port=_int("SIGNPOST_GATEWAY_PORT", 8080),
        rasa_port=_int("SIGNPOST_RASA_PORT", 5005),
        actions_port=_int("SIGNPOST_ACTIONS_PORT", 5055),
        model_path=Path(_env("SIGNPOST_MODEL", str(ROOT / "models" / "signpost.tar.gz"))),
        retention_days=max(1, _int("SIGNPOST_RETENTION_DAYS", 30)),
        progress_days=max(1, _int("SIGNPOST_PROGRESS_DAYS", 365)),
        cookie_secure=_env("SIGNPOST_COOKIE_SECURE", "true").lower() not in ("0", "false", "no", "off"),
        rasa_servers=max(1, _int("SIGNPOST_RASA_SERVERS", 1)),
        rasa_urls_override=tuple(
            url.strip().rstrip("/") for url in os.environ.get("SIGNPOST_RASA_URLS", "").split(",") if url.strip()
        ),
        lock_store_url=_env("SIGNPOST_LOCK_STORE_URL", ""),
        chat_per_session=max(1, _int("SIGNPOST_CHAT_PER_SESSION", 15)),
        chat_per_address=max(1, _int("SIGNPOST_CHAT_PER_ADDRESS", 120)),
        rasa_timeout=max(1, _int("SIGNPOST_RASA_TIMEOUT", 30)),
        rasa_standby=_env("SIGNPOST_RASA_STANDBY", "true").lower() not in ("0", "false", "no", "off"),
        trusted_proxies=tuple(
            p.strip() for p in os.environ.get("SIGNPOST_TRUSTED_PROXIES", "").split(",") if p.strip()
        ),
    )


def lock_store_settings(url: str) -> dict[str, str]:
    """The variables endpoints.yml reads for Rasa's lock store, from one Redis URL.
    An empty URL means Rasa's in-memory lock store (one Rasa server only)."""
    if not url:
        unused = ("HOST", "PORT", "DB", "PASSWORD")
        return {"SIGNPOST_LOCK_STORE_TYPE": "in_memory"} | {f"SIGNPOST_LOCK_STORE_{key}": "" for key in unused}
    parsed = urlsplit(url)
    if parsed.scheme != "redis" or not parsed.hostname:
        raise SettingsError(f"SIGNPOST_LOCK_STORE_URL must look like redis://[:password@]host[:port][/db], not {url!r}")
    db = parsed.path.strip("/") or "1"
    if not db.isdigit():
        raise SettingsError(f"SIGNPOST_LOCK_STORE_URL: the Redis database must be a number, not {db!r}")
    return {
        "SIGNPOST_LOCK_STORE_TYPE": "redis",
        "SIGNPOST_LOCK_STORE_HOST": parsed.hostname,
        "SIGNPOST_LOCK_STORE_PORT": str(parsed.port or 6379),
        "SIGNPOST_LOCK_STORE_DB": db,
        "SIGNPOST_LOCK_STORE_PASSWORD": unquote(parsed.password or ""),
    }

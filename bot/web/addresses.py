"""Which address a request comes from, behind a reverse proxy too (issue 16).

The chat rate limits and the sign-in throttle count by client address. Behind
a proxy every request comes from the proxy, so one person's failures would
count against everyone. With SIGNPOST_TRUSTED_PROXIES set, a request from one
of those addresses takes its client address from X-Forwarded-For: the
right-most entry that is not itself a trusted proxy (aiohttp-remotes'
XForwardedFiltered). A request from anywhere else keeps its own address, so
nobody can choose their address by sending the header.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Awaitable, Callable, Sequence
from ipaddress import ip_address, ip_network

from aiohttp import web
from aiohttp_remotes import XForwardedFiltered

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def trusted_proxies(networks: Sequence[str]) -> Callable[..., Awaitable[web.StreamResponse]]:
    """Middleware that believes X-Forwarded-For only from `networks` (addresses or CIDR ranges)."""
    parsed = [ip_network(n, strict=False) for n in networks]
    forwarded = XForwardedFiltered(set(networks))

    def from_proxy(request: web.Request) -> bool:
        peer = request.transport.get_extra_info("peername") if request.transport else None
        if not peer:
            return False
        try:
            address = ip_address(peer[0])
        except ValueError:
            return False
        return any(address in network for network in parsed)

    @web.middleware
    async def middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
        if parsed and from_proxy(request):
            return await forwarded.middleware(request, handler)
        return await handler(request)

    return middleware


def client_address(request: web.Request) -> str:
    """The client's address as the middleware settled it (the one home for this)."""
    return request.remote or "unknown"


def client_hash(key: str, request: web.Request) -> str:
    """The client's address as a keyed hash, to count by without keeping the address
    (issue 19: look-ups of kept skills profiles are throttled per client)."""
    return hmac.new(key.encode(), client_address(request).encode(), hashlib.sha256).hexdigest()[:32]

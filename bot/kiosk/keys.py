"""Kiosk keys: how a kiosk proves it stands in a Jobcentre (issue 16).

A message that names a `site` becomes a kiosk message, which makes its handoff
a kiosk handoff for that Jobcentre. Anyone could name a site, so a kiosk also
sends its site's key: an HMAC of the site id under the kiosk secret, which
only the server and the configured device know. `signpost kiosk key SITE`
prints it; the device opens /kiosk?site=SITE&key=KEY. Changing the secret
(SIGNPOST_KIOSK_SECRET, or deleting var/kiosk_secret) changes every key.
"""

from __future__ import annotations

import base64
import hashlib
import hmac


def key_for(secret: str, site_id: str) -> str:
    """The key of one site: 43 URL-safe characters."""
    digest = hmac.new(secret.encode(), f"signpost-kiosk:{site_id}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def is_kiosk(secret: str, site_id: str, key: str | None) -> bool:
    """True only for the site's own key, compared in constant time."""
    return bool(secret and key) and hmac.compare_digest(key_for(secret, site_id).encode(), str(key).encode())

"""A small per-client counter for forms that send e-mail without an account's own record to
count from (the editors' contact form, "Forgot password?").

The profile contact form counts its stored records instead (network/contact.py); these forms
keep nothing, so they count in the cache: per client address (a keyed hash, as the contact
form's records keep it) and per e-mail address typed. With no cache, or a cache that fails,
nothing is limited: a form must not break because Redis is down.
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from nbnet.client import client_key


def _key(kind: str, value: str) -> str:
    digest = hmac.new(settings.SECRET_KEY.encode(), value.encode(), hashlib.sha256).hexdigest()[:32]
    return f"limit:{kind}:{digest}"


def over_limit(request: HttpRequest, kind: str, address: str, count: int, seconds: int) -> bool:
    """Count one more use of ``kind`` by this client and by ``address``; True once either has
    been counted more than ``count`` times within ``seconds``."""
    exceeded = False
    for key in (_key(kind, "ip:" + client_key(request)), _key(kind, "email:" + address)):
        try:
            cache.add(key, 0, seconds)
            exceeded = cache.incr(key) > count or exceeded
        except Exception:  # an unavailable cache limits nothing (see above)
            return False
    return exceeded

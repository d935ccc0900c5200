"""A circuit breaker for the Redis cache: a failing Redis is skipped at once, not waited for.

django-redis with ``IGNORE_EXCEPTIONS`` turns a failed cache call into "nothing cached", but
each call first waits for its socket timeout. A hung Redis (stopped with SIGSTOP, a full
network buffer, a dead host whose packets vanish) answers nothing, so every call of every
request waited, and a page makes a dozen: pages took 20 s or hit gunicorn's 30 s timeout.

Neither redis-py nor django-redis has a breaker, so this is one, as small as it can be: the
connection class below marks the cache down for ``CACHE_DOWN_SECONDS`` in this process
after a connection error or a timeout, and while it is down every connection attempt fails
immediately (django-redis then answers "nothing cached" and the page is built from the
database). After that time one call tries again: if Redis answers, the cache is back; if
not, that call pays one timeout and the cache is marked down again. Per process on purpose:
each worker finds out for itself, with no shared state that could itself hang.
"""

from __future__ import annotations

import logging
import time

from redis.connection import Connection, SSLConnection, UnixDomainSocketConnection
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

_down_until = 0.0


def down_seconds() -> float:
    """How long the cache is skipped after a failure (the CACHE_DOWN_SECONDS variable)."""
    from django.conf import settings

    return float(getattr(settings, "CACHE_DOWN_SECONDS", 10))


def is_down() -> bool:
    return time.monotonic() < _down_until


def mark_down(error: BaseException) -> None:
    global _down_until
    seconds = down_seconds()
    if not is_down():
        logger.warning("cache unavailable, skipped for %.0f s: %s", seconds, error)
    _down_until = time.monotonic() + seconds


def mark_up() -> None:
    global _down_until
    _down_until = 0.0


class CacheMarkedDown(RedisConnectionError):
    """Raised instead of connecting while the cache is marked down."""


class BreakerMixin:
    """Refuses to connect while the cache is down; marks it down when a call fails."""

    def connect(self, *args, **kwargs):
        if is_down():
            raise CacheMarkedDown("the cache was marked down after a failure")
        return self._tripping(super().connect, *args, **kwargs)

    def send_packed_command(self, *args, **kwargs):
        return self._tripping(super().send_packed_command, *args, **kwargs)

    def read_response(self, *args, **kwargs):
        return self._tripping(super().read_response, *args, **kwargs)

    @staticmethod
    def _tripping(call, *args, **kwargs):
        try:
            return call(*args, **kwargs)
        except (RedisConnectionError, RedisTimeoutError, OSError) as error:
            if not isinstance(error, CacheMarkedDown):
                mark_down(error)
            raise


class BreakerConnection(BreakerMixin, Connection):
    pass


class BreakerSSLConnection(BreakerMixin, SSLConnection):
    pass


class BreakerUnixDomainSocketConnection(BreakerMixin, UnixDomainSocketConnection):
    pass


def connection_class(url: str) -> type[Connection]:
    """The breaker's connection class for a Redis URL's scheme (as redis-py picks its own)."""
    if url.startswith("rediss://"):
        return BreakerSSLConnection
    if url.startswith("unix://"):
        return BreakerUnixDomainSocketConnection
    return BreakerConnection

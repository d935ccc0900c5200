"""A hung Redis must not take the site down: its calls are skipped once one has failed.

A real Redis server, stopped with SIGSTOP as a hung server would be (connections accepted by
the kernel, nothing ever answered), behind the production cache configuration.
"""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import time

import pytest
from django.test import override_settings

from nbnet import cache_breaker
from nbnet.settings.environment import redis_cache

from .conftest import free_port, require_service

pytestmark = pytest.mark.django_db

PAGES = ["/lv/guides/", "/en/", "/ru/network/", "/et/practices/", "/lt/guides/help-points/"]


@pytest.fixture
def redis_server():
    """A Redis server of this test's own, so stopping it disturbs no other test."""
    binary = shutil.which("redis-server")
    require_service(binary is not None, "redis-server (Debian package redis-server)")
    port = free_port()
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
        except OSError:
            if time.monotonic() > deadline:
                process.kill()
                pytest.fail("the test's Redis server did not start")
            time.sleep(0.05)
    cache_breaker.mark_up()
    yield process, f"redis://127.0.0.1:{port}/0"
    process.send_signal(signal.SIGCONT)
    process.terminate()
    process.wait(timeout=10)
    cache_breaker.mark_up()


def _timed(call):
    start = time.monotonic()
    result = call()
    return result, time.monotonic() - start


def test_a_hung_cache_is_skipped_and_comes_back(client, redis_server):
    process, url = redis_server
    with override_settings(CACHES={"default": redis_cache(url)}, CACHE_DOWN_SECONDS=1):
        client.get(PAGES[0])
        assert client.get(PAGES[0])["X-Page-Cache"] == "hit"

        process.send_signal(signal.SIGSTOP)
        health, seconds = _timed(lambda: client.get("/health/"))
        assert health.status_code == 503
        assert health.json()["cache"] == "unavailable"
        assert seconds < 1, f"/health/ took {seconds:.2f} s with the cache hung"

        # Every page still answers, uncached, without waiting for the cache call after call
        # (before the breaker each call waited its timeout: 20 s for the home page).
        responses, seconds = _timed(lambda: [client.get(path) for path in PAGES])
        assert [response.status_code for response in responses] == [200] * len(PAGES)
        assert all(response.get("X-Page-Cache") != "hit" for response in responses)
        assert seconds < 3, f"{len(PAGES)} pages took {seconds:.2f} s with the cache hung"
        assert cache_breaker.is_down()

        # Back after CACHE_DOWN_SECONDS: the next call tries again and pages are stored again.
        process.send_signal(signal.SIGCONT)
        time.sleep(1.1)
        client.get(PAGES[0])
        assert client.get(PAGES[0])["X-Page-Cache"] == "hit"
        assert client.get("/health/").json()["cache"] == "ok"


def test_a_refused_connection_marks_the_cache_down_at_once(client):
    """Nothing listens: the first call fails fast and the next ones do not even try."""
    with override_settings(CACHES={"default": redis_cache(f"redis://127.0.0.1:{free_port()}/0")}):
        cache_breaker.mark_up()
        try:
            from django.core.cache import cache

            assert cache.get("anything") is None
            assert cache_breaker.is_down()
            health = client.get("/health/").json()
            assert {key: health[key] for key in ("status", "database", "cache")} == {
                "status": "unavailable",
                "database": "ok",
                "cache": "unavailable",
            }
        finally:
            cache_breaker.mark_up()

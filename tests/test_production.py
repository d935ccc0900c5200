"""Production behaviour: security headers, login throttling, health, and failure answers."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.core.cache.backends.redis import RedisCache
from django.test import override_settings
from django.urls import reverse

from nbnet.settings.environment import redis_cache

from .conftest import LANGUAGES, free_port, html, redis_up, require_service

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent


def test_public_page_sends_a_strict_content_security_policy_and_security_headers(client):
    response = client.get("/lv/guides/latvia/?status=refugee&city=riga")
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert directives["frame-ancestors"] == "'none'" and directives["object-src"] == "'none'"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    # Nothing inline that the policy would block.
    document = html(response)
    assert not [tag for tag in document.find_all("script") if not tag.get("src")]
    assert not document.find_all("style") and not document.select("[style]")
    assert not [tag for tag in document.find_all(True) if any(name.startswith("on") for name in tag.attrs)]


def test_admin_is_left_out_of_the_policy_it_cannot_follow(admin_client):
    response = admin_client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response


def test_production_settings_are_https_only():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "nbnet.settings.production", "SECRET_KEY": "x" * 60}
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS >= 31536000, s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_SECURE, s.X_FRAME_OPTIONS, s.DEBUG)"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    assert output == ["True", "True", "True", "True", "DENY", "False"]


@pytest.mark.parametrize("url", ["/en/account/login/", "/lv/account/login/", "/admin/login/"])
def test_repeated_failed_sign_ins_are_throttled(client, django_user_model, settings, url):
    django_user_model.objects.create_user("editor@example.net", "editor@example.net", "right-password")
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(url, {"username": "editor@example.net", "password": "wrong"})
        assert response.status_code == 200  # the form again, with an error
    last = client.post(url, {"username": "editor@example.net", "password": "wrong"})
    assert last.status_code == 429  # the failure that reaches the limit
    locked = client.post(url, {"username": "editor@example.net", "password": "right-password"})
    assert locked.status_code == 429
    assert int(locked["Retry-After"]) > 0
    language = url.split("/")[1] if url.startswith(("/en/", "/lv/")) else "en"
    assert html(locked).html["lang"] == language
    assert "_auth_user_id" not in client.session
    # Another account from the same address is not locked out by this one's failures.
    django_user_model.objects.create_user("other@example.net", "other@example.net", "pw-of-other")
    other = client.post(url, {"username": "other@example.net", "password": "pw-of-other"})
    assert other.status_code == 302


def test_throttle_message_is_translated(client, django_user_model, settings):
    django_user_model.objects.create_user("x@example.net", "x@example.net", "pw")
    bodies = {}
    for language in ("en", "ru"):
        for _attempt in range(settings.AXES_FAILURE_LIMIT):
            response = client.post(
                f"/{language}/account/login/", {"username": "x@example.net", "password": "no"}
            )
        bodies[language] = html(response).h1.get_text()
    assert bodies["en"] != bodies["ru"]


def test_health_endpoint_checks_database_and_cache(client):
    response = client.get("/health/")
    assert response.status_code == 200
    data = response.json()
    assert {key: data[key] for key in ("status", "database", "cache")} == {
        "status": "ok",
        "database": "ok",
        "cache": "ok",
    }
    # The queue is reported without deciding the answer (tests/test_background.py).
    assert data["queue"]["status"] == "ok"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_redis_cache_backend_against_a_real_redis(client):
    require_service(redis_up(), "Redis on 127.0.0.1:6379")
    with override_settings(CACHES={"default": redis_cache("redis://127.0.0.1:6379/15")}):
        from django.core.cache import caches

        caches["default"].set("probe", {"a": 1}, 30)
        # Another client of the same server sees it: the cache is shared between workers.
        other = RedisCache("redis://127.0.0.1:6379/15", {"KEY_PREFIX": "nbnet"})
        assert other.get("probe", version=1) == {"a": 1}
        assert client.get("/health/").json()["cache"] == "ok"
        client.get("/et/guides/")
        assert client.get("/et/guides/")["X-Page-Cache"] == "hit"
        caches["default"].delete("probe")


def test_two_databases_sharing_a_redis_keep_their_pages_apart():
    """The demo and the 100k benchmark database (or two sites) on one Redis: each database
    gets its own key prefix by default, so neither serves the other's pages or fragments."""
    from nbnet.settings.environment import database_key_prefix

    require_service(redis_up(), "Redis on 127.0.0.1:6379")
    demo = RedisCache(
        "redis://127.0.0.1:6379/15", {"KEY_PREFIX": database_key_prefix("sqlite:///db.sqlite3")}
    )
    large = RedisCache(
        "redis://127.0.0.1:6379/15", {"KEY_PREFIX": database_key_prefix("sqlite:///bench-large.sqlite3")}
    )
    try:
        demo.set("page-cache:version", 1, 30)
        assert large.get("page-cache:version") is None
        assert "secret" not in database_key_prefix("postgres://user:secret@db/nbnet")
    finally:
        demo.delete("page-cache:version")


def _dead_redis() -> dict:
    """The production cache configuration (CACHE_URL), pointed at a port where nothing listens."""
    return {"default": redis_cache(f"redis://127.0.0.1:{free_port()}/0")}


def test_health_endpoint_says_when_the_cache_is_down(client):
    with override_settings(CACHES=_dead_redis()):
        response = client.get("/health/")
    assert response.status_code == 503
    data = response.json()
    assert (data["status"], data["database"], data["cache"]) == ("unavailable", "ok", "unavailable")


def test_site_keeps_working_when_the_cache_is_down(client):
    with override_settings(CACHES=_dead_redis()):
        responses = [client.get("/lv/guides/") for _ in range(2)]
    assert [response.status_code for response in responses] == [200, 200]
    assert responses[1].get("X-Page-Cache") != "hit"  # served, uncached


def test_health_answers_head_requests_from_load_balancers(client):
    assert client.head("/health/").status_code == 200


def _get(url: str) -> tuple[int, str, dict]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (loopback)
            return response.status, response.read().decode(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), dict(error.headers)


@pytest.fixture(scope="module")
def server_without_database():
    """The real server, with a database that does not answer (a closed port)."""
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "nbnet.settings.test",
        "DATABASE_URL": f"postgres://nobody@127.0.0.1:{free_port()}/nbnet",
        "LOG_LEVEL": "CRITICAL",
    }
    process = subprocess.Popen(
        [str(Path(sys.executable).with_name("gunicorn")), "nbnet.wsgi", "-b", f"127.0.0.1:{port}", "-w", "1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
        except OSError:
            time.sleep(0.1)
    yield base
    process.terminate()
    process.wait(timeout=10)


@pytest.mark.parametrize("language", LANGUAGES)
def test_database_down_gives_a_plain_503_in_the_readers_language(server_without_database, language):
    status, body, headers = _get(f"{server_without_database}/{language}/guides/")
    assert status == 503
    assert f'lang="{language}"' in body
    assert "Traceback" not in body and "OperationalError" not in body and "nobody" not in body
    assert int(headers["Retry-After"]) > 0
    status, body, _headers = _get(f"{server_without_database}/health/")
    assert status == 503 and '"database": "unavailable"' in body

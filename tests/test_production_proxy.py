"""The production set-up: gunicorn (production settings) behind nginx (deploy/nginx.conf).

- slow clients (idle sockets, headers trickled byte by byte) are held by nginx, not by
  gunicorn's worker threads, which they starve when they reach them directly;
- uploaded files under /media/ are never served as a page (type from an explicit map,
  nosniff, a sandboxing policy, downloads for anything but images), by nginx or by Django;
- the client's address Django sees is the one nginx saw, whatever X-Forwarded-For the
  client sends (nginx overwrites it; the site runs with PROXY_COUNT=1).
"""

from __future__ import annotations

import contextlib
import getpass
import importlib
import os
import secrets
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import quote

import pytest
from django.urls import clear_url_caches

from deploy import render_nginx

from .conftest import free_port, redis_up, require_service

ROOT = Path(__file__).resolve().parent.parent

NGINX = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if os.path.exists(p)), None)
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
REDIS_URL = "redis://127.0.0.1:6379/13"
POLICY = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"
EVIL = b"<!doctype html><script>fetch('/en/account/data.json').then(r => r.text()).then(alert)</script>"
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d4944415478da63f8cfc0f01f0005000201a5e3a2b50000000049454e44ae426082"
)


def _wait_for_port(port: int, process: subprocess.Popen, what: str) -> None:
    for _ in range(300):
        if process.poll() is not None:
            pytest.fail(f"{what} exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"{what} did not listen on {port}")


def _get(url: str, timeout: float = 10, headers: dict | None = None):
    """(status, headers, body) or None when nothing came back within the timeout."""
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 (loopback)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()
    except (TimeoutError, urllib.error.URLError, ConnectionError):
        return None


@pytest.fixture(scope="module")
def site_database(django_db_setup, django_db_blocker):
    """The seeded test database, readable by another process: on SQLite (in memory) a copy
    in a file; on PostgreSQL the test database itself (the server only reads it)."""
    from django.db import connection

    with django_db_blocker.unblock():
        connection.ensure_connection()
        if connection.vendor == "sqlite":
            folder = Path(tempfile.mkdtemp(prefix="nbnet-proxy-db-"))
            copy = sqlite3.connect(folder / "db.sqlite3")
            connection.connection.backup(copy)
            copy.close()
            yield f"sqlite:///{folder / 'db.sqlite3'}"
            shutil.rmtree(folder, ignore_errors=True)
            return
        db = connection.settings_dict
        credentials = f"{quote(db['USER'] or '', safe='')}:{quote(db['PASSWORD'] or '', safe='')}"
        yield f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture(scope="module")
def lockout_account(django_db_setup, django_db_blocker):
    """An account in the database the servers read (made before the SQLite copy is taken),
    its password hashed with a hasher production accepts."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    password = secrets.token_urlsafe(12)
    hasher = PBKDF2PasswordHasher()  # the tests' settings know only a fast one
    with django_db_blocker.unblock():
        user = get_user_model().objects.create(
            username="proxy-lockout-owner",
            email="proxy-lockout-owner@example.net",
            is_staff=True,
            is_superuser=True,
            password=hasher.encode(password, hasher.salt()),
        )
    yield SimpleNamespace(username=user.username, password=password)
    from django.db import DatabaseError

    # SQLite's in-memory test database is dropped when its last connection closes, which may
    # happen first when this module runs alone: then nothing is left to delete.
    with django_db_blocker.unblock(), contextlib.suppress(DatabaseError):
        user.delete()


@pytest.fixture(scope="module")
def servers(lockout_account, site_database):
    require_service(NGINX is not None, "nginx (apt-get install nginx)")
    require_service(redis_up(), "Redis on 127.0.0.1:6379")
    # Not pytest's tmp_path: nginx's worker user must be able to read the media files.
    folder = Path(tempfile.mkdtemp(prefix="nbnet-proxy-"))
    folder.chmod(0o755)
    media = folder / "media"
    for sub in ("original_images", "images", "documents"):
        (media / sub).mkdir(parents=True)
    # Files under images/ (where renditions are written), as if something had put them there.
    (media / "images" / "evil.html").write_bytes(EVIL)
    (media / "images" / "evil.svg").write_bytes(
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>1</script></svg>'
    )
    (media / "images" / "evil.PNG.shtml").write_bytes(EVIL)
    (media / "original_images" / "photo.png").write_bytes(PNG)
    (media / "images" / "photo.max-320x320.png").write_bytes(PNG)
    (media / "documents" / "report.pdf").write_bytes(b"%PDF-1.4 private")
    for path in media.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "nbnet.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": site_database,
        "MEDIA_ROOT": str(media),
        "STATIC_ROOT": str(folder / "static"),
        "CACHE_URL": REDIS_URL,
        # Keys of this server alone: no throttle counts or pages of an earlier run.
        "CACHE_KEY_PREFIX": f"nbnet-proxy-test-{secrets.token_hex(6)}",
        "PROXY_COUNT": "1",
        "API_RATE_LIMIT": "3/minute",
        "LOG_LEVEL": "CRITICAL",
        "LOGIN_FAILURE_LIMIT": "3",
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    app_port, proxy_port = free_port(), free_port()
    gunicorn = subprocess.Popen(
        [
            GUNICORN,
            "nbnet.wsgi",
            "-b",
            f"127.0.0.1:{app_port}",
            "-w",
            "2",
            "--timeout",
            "30",
            "--graceful-timeout",
            "3",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    (folder / "run").mkdir()
    (folder / "log").mkdir()
    values = render_nginx.values_for(
        server_name="127.0.0.1 localhost",
        upstream=f"127.0.0.1:{app_port}",
        media_root=str(media),
        run_dir=str(folder / "run"),
        log_dir=str(folder / "log"),
        user=getpass.getuser(),
        listen=f"127.0.0.1:{proxy_port}",
    )
    (folder / "nginx.conf").write_text(render_nginx.render(values))
    nginx = subprocess.Popen(
        [NGINX, "-p", str(folder), "-c", str(folder / "nginx.conf"), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        _wait_for_port(proxy_port, nginx, "nginx")
        _wait_for_port(app_port, gunicorn, "gunicorn")
        # The first request loads Django in each worker: warm both up.
        for _ in range(4):
            assert _get(f"http://127.0.0.1:{app_port}/health/", timeout=30)[0] == 200
        yield SimpleNamespace(
            login_failure_limit=3,
            username=lockout_account.username,
            password=lockout_account.password,
            proxy=f"http://127.0.0.1:{proxy_port}",
            app=f"http://127.0.0.1:{app_port}",
            proxy_port=proxy_port,
            app_port=app_port,
        )
    finally:
        for process in (nginx, gunicorn):
            process.terminate()
        for process in (nginx, gunicorn):
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        shutil.rmtree(folder, ignore_errors=True)


# Uploaded files ------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["evil.html", "evil.svg", "evil.PNG.shtml"])
def test_nginx_never_serves_an_upload_as_a_page(servers, name):
    status, headers, body = _get(f"{servers.proxy}/media/images/{name}")
    assert status == 200 and b"<script>" in body
    assert headers["Content-Type"] == "application/octet-stream"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Content-Security-Policy"] == POLICY
    assert headers["Content-Disposition"] == "attachment"


def test_nginx_serves_images_inline_with_the_same_safety_headers(servers):
    status, headers, body = _get(f"{servers.proxy}/media/images/photo.max-320x320.png")
    assert status == 200 and body == PNG
    assert headers["Content-Type"] == "image/png"
    assert "Content-Disposition" not in headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in headers["Content-Security-Policy"]


def test_documents_are_not_served_from_media_past_their_collections_privacy(servers):
    assert _get(f"{servers.proxy}/media/documents/report.pdf")[0] == 404


def test_originals_of_uploaded_images_are_never_served(servers):
    """Pages and the API show renditions; the uploaded original is not published at all."""
    assert _get(f"{servers.proxy}/media/original_images/photo.png")[0] == 404
    assert _get(f"{servers.proxy}/media/images/photo.max-320x320.png")[0] == 200


def _reload_urls() -> None:
    import nbnet.urls

    importlib.reload(nbnet.urls)
    clear_url_caches()


@pytest.mark.django_db
def test_django_serves_media_with_the_same_headers_when_it_serves_them(client, settings, tmp_path):
    """DEBUG's own media serving (nbnet/urls.py) is a safety net, not the production path."""
    (tmp_path / "original_images").mkdir()
    (tmp_path / "original_images" / "evil.html").write_bytes(EVIL)
    (tmp_path / "original_images" / "photo.png").write_bytes(PNG)
    settings.DEBUG = True
    settings.MEDIA_ROOT = str(tmp_path)
    try:
        _reload_urls()
        response = client.get("/media/original_images/evil.html")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/octet-stream"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Security-Policy"] == POLICY
        assert response["Content-Disposition"] == 'attachment; filename="evil.html"'
        image = client.get("/media/original_images/photo.png")
        assert image["Content-Type"] == "image/png"
        assert "attachment" not in image.get("Content-Disposition", "")
        assert image["Content-Security-Policy"] == POLICY
    finally:
        settings.DEBUG = False
        _reload_urls()


# The client's address --------------------------------------------------------------------


def test_a_forged_x_forwarded_for_does_not_reach_django_through_nginx(servers):
    """API_RATE_LIMIT is 3/minute: through nginx every request counts as 127.0.0.1, whatever
    it claims; sent straight to gunicorn (which production never allows) the same header
    would have picked the address, so it is nginx that replaced it."""
    statuses = [
        _get(f"{servers.proxy}/api/v2/pages/?limit=1", headers={"X-Forwarded-For": f"6.6.6.{n}"})[0]
        for n in range(4)
    ]
    assert statuses == [200, 200, 200, 429]
    direct = _get(f"{servers.app}/api/v2/pages/?limit=1", headers={"X-Forwarded-For": "6.6.6.6"})
    assert direct[0] == 200


def _request_from(address: str, port: int, method: str, path: str, body: str = "", headers=None):
    """One request to nginx from another loopback address (127.0.0.2, …), as another reader."""
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=15, source_address=(address, 0))
    try:
        connection.request(method, path, body=body or None, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def test_five_readers_behind_nginx_do_not_share_a_limit(servers):
    """Each reader's address, as nginx saw it, has its own API_RATE_LIMIT (3/minute); a reader
    who claims another's address in X-Forwarded-For is still counted as itself."""
    readers = [f"127.0.0.{n}" for n in range(2, 7)]
    for address in readers:
        statuses = [
            _request_from(address, servers.proxy_port, "GET", "/api/v2/pages/?limit=1")[0] for _ in range(3)
        ]
        assert statuses == [200, 200, 200], address
    assert _request_from(readers[0], servers.proxy_port, "GET", "/api/v2/pages/?limit=1")[0] == 429
    forged = {"X-Forwarded-For": readers[0]}
    assert (
        _request_from("127.0.0.7", servers.proxy_port, "GET", "/api/v2/pages/?limit=1", headers=forged)[0]
        == 200
    )


def _sign_in(address: str, port: int, username: str, password: str) -> int:
    """The admin's sign-in form through nginx from ``address``: the status of the POST."""
    import re

    status, headers, body = _request_from(address, port, "GET", "/admin/login/")
    assert status == 200
    cookie = next(
        value.split(";", 1)[0]
        for key, value in headers.items()
        if key.lower() == "set-cookie" and "csrftoken" in value
    )
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    form = f"csrfmiddlewaretoken={quote(token)}&username={quote(username)}&password={quote(password)}"
    return _request_from(
        address,
        port,
        "POST",
        "/admin/login/",
        body=form,
        headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie},
    )[0]


def test_a_lockout_through_nginx_does_not_follow_the_owner_to_another_address(servers):
    """LOGIN_FAILURE_LIMIT wrong passwords from one address lock that address out for the
    account; its owner, signing in from elsewhere, is let in."""
    owner, attacker = "127.0.0.8", "127.0.0.9"
    for _attempt in range(servers.login_failure_limit - 1):
        assert _sign_in(attacker, servers.proxy_port, servers.username, "wrong-password") == 200
    # The n-th failure locks that address out, and then even the right password is refused there.
    assert _sign_in(attacker, servers.proxy_port, servers.username, "wrong-password") == 429
    assert _sign_in(attacker, servers.proxy_port, servers.username, servers.password) == 429
    assert _sign_in(owner, servers.proxy_port, servers.username, servers.password) == 302


def test_nginx_limits_the_search_pages_per_client(servers):
    """The search pages are never cached: nginx answers 429 past a burst of 30 at 2 a second."""
    statuses = [_get(f"{servers.proxy}/en/search/", timeout=10)[0] for _ in range(40)]
    assert statuses[0] == 200
    assert 429 in statuses
    assert _get(f"{servers.proxy}/en/", timeout=10)[0] == 200  # the rest of the site is not limited


# Slow clients ------------------------------------------------------------------------------


class SlowClients:
    """50 idle connections and two that send a request's headers a line at a time (bounded:
    at most 20 s, stopped on close)."""

    def __init__(self, port: int, idle: int = 50, trickling: int = 2):
        self.stop = threading.Event()
        self.sockets = [socket.create_connection(("127.0.0.1", port), timeout=5) for _ in range(idle)]
        self.threads = [
            threading.Thread(target=self._trickle, args=(port,), daemon=True) for _ in range(trickling)
        ]
        for thread in self.threads:
            thread.start()
        time.sleep(0.5)  # let the server accept them

    def _trickle(self, port: int) -> None:
        with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
            try:
                sock.sendall(b"GET /en/ HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                for number in range(100):
                    if self.stop.wait(0.2):
                        return
                    sock.sendall(b"X-Slow-%d: x\r\n" % number)
            except OSError:
                return

    def close(self) -> None:
        self.stop.set()
        for sock in self.sockets:
            sock.close()
        for thread in self.threads:
            thread.join(timeout=5)


def test_slow_clients_do_not_starve_the_site_behind_nginx(servers):
    slow = SlowClients(servers.proxy_port)
    try:
        started = time.monotonic()
        answer = _get(f"{servers.proxy}/en/", timeout=2)
        elapsed = time.monotonic() - started
    finally:
        slow.close()
    assert answer is not None and answer[0] == 200, "no answer within 2 s through nginx"
    assert elapsed < 2
    assert b"<html" in answer[2]


def test_the_same_slow_clients_starve_gunicorn_without_nginx(servers):
    """Why the proxy: straight to gunicorn's two workers the same clients take all their threads."""
    slow = SlowClients(servers.app_port)
    try:
        answer = _get(f"{servers.app}/en/", timeout=2)
    finally:
        slow.close()
    assert answer is None
    # Once they are gone the workers serve again.
    assert _get(f"{servers.app}/en/", timeout=30)[0] == 200

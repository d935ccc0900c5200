"""The page cache as gunicorn meets it (nbnet/wsgi.py): stored pages answered before any
view or template runs, with the same status, headers and bytes Django gave, and everything
else built by Django. Driven through the real WSGI callable, as gunicorn calls it."""

from __future__ import annotations

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import RequestFactory, override_settings
from django.test.signals import template_rendered

from nbnet import page_cache, wsgi

from .test_production import _dead_redis

pytestmark = pytest.mark.django_db

URL = "/en/practices/roma-mediation-latvia/"


@pytest.fixture
def front():
    """The site's WSGI application, with Django's per-request connection closing held off as
    the test client does (it would close the test's transaction); records whether a request
    was built by Django (a template rendered: every page and error page has one)."""
    reached = []

    def mark(**kwargs):
        reached.append(True)

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    template_rendered.connect(mark)
    try:
        # Built as nbnet/wsgi.py builds it, for each request: its middleware reads the
        # settings as the test has them then.
        yield lambda *args, **kwargs: _call(type(wsgi.application)(WSGIHandler()), reached, *args, **kwargs)
    finally:
        template_rendered.disconnect(mark)
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _call(app, reached, url, method="GET", **headers):
    """(status, headers, body, whether Django's handler ran) for one request."""
    reached.clear()
    environ = RequestFactory().generic(method, url, **headers).environ
    answer = {}

    def start_response(status, response_headers, exc_info=None):
        answer["status"], answer["headers"] = status, response_headers

    body = app(environ, start_response)
    try:
        content = b"".join(body)
    finally:
        if hasattr(body, "close"):
            body.close()
    return int(answer["status"].split()[0]), dict(answer["headers"]), content, bool(reached)


def test_a_stored_page_is_answered_without_a_view_with_the_same_headers_and_bytes(front):
    status, first_headers, first_body, through_django = front(URL)
    assert (status, first_headers["X-Page-Cache"], through_django) == (200, "miss", True)
    status, headers, body, through_django = front(URL)
    assert (status, headers["X-Page-Cache"], through_django) == (200, "hit", False)
    assert body == first_body
    # Every header Django's middleware added is there, security headers included.
    assert {k: v for k, v in headers.items() if k != "X-Page-Cache"} == {
        k: v for k, v in first_headers.items() if k != "X-Page-Cache"
    }
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert int(headers["Content-Length"]) == len(body)


def test_a_head_request_gets_the_headers_without_the_body(front):
    front(URL, method="HEAD")
    status, headers, body, through_django = front(URL, method="HEAD")
    assert (status, headers["X-Page-Cache"], body, through_django) == (200, "hit", b"", False)
    assert int(headers["Content-Length"]) > 0


def test_a_content_change_reaches_readers_at_once(front, django_capture_on_commit_callbacks):
    front(URL)
    assert front(URL)[1]["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        page_cache.bump()
    _status, headers, _body, through_django = front(URL)
    assert headers["X-Page-Cache"] == "miss" and through_django


@pytest.mark.parametrize(
    "method, url, headers",
    [
        ("GET", URL, {"HTTP_COOKIE": "sessionid=abc"}),  # signed in
        ("GET", URL, {"HTTP_COOKIE": "messages=abc"}),  # a message waits for this reader
        ("GET", URL + "?utm_source=x", {}),  # not one of the site's own filters
        ("POST", URL, {}),
        ("GET", "/admin/", {}),
        ("GET", "/en/search/?q=roma", {}),
    ],
)
def test_personal_and_unshared_requests_are_always_built_by_django(front, method, url, headers):
    front(URL)
    front(url, method)
    _status, response_headers, _body, _rendered = front(url, method, **headers)
    assert response_headers.get("X-Page-Cache") != "hit"


def test_a_page_is_stored_per_host_and_a_host_django_refuses_is_never_served(front):
    with override_settings(ALLOWED_HOSTS=["testserver", "other.example"]):
        front(URL)
        assert front(URL)[1]["X-Page-Cache"] == "hit"
        assert front(URL, HTTP_HOST="other.example")[1]["X-Page-Cache"] == "miss"
        status, headers, _body, _rendered = front(URL, HTTP_HOST="evil.example")
        assert status == 400 and headers.get("X-Page-Cache") != "hit"


def test_http_is_redirected_even_when_the_https_page_is_stored(front):
    with override_settings(
        SECURE_SSL_REDIRECT=True,
        SECURE_HSTS_SECONDS=3600,
        SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"),
    ):
        https = {"HTTP_X_FORWARDED_PROTO": "https"}
        front(URL, **https)
        status, headers, _body, through_django = front(URL, **https)
        assert (status, headers["X-Page-Cache"], through_django) == (200, "hit", False)
        assert "Strict-Transport-Security" in headers
        status, headers, _body, _rendered = front(URL)
        assert status == 301 and headers["Location"].startswith("https://")


def test_pages_are_served_uncached_when_the_cache_is_down(front):
    with override_settings(CACHES=_dead_redis()):
        answers = [front("/lv/guides/") for _ in range(2)]
    assert [(status, through_django) for status, _h, _b, through_django in answers] == [(200, True)] * 2
    assert all(headers.get("X-Page-Cache") != "hit" for _s, headers, _b, _d in answers)


@pytest.mark.parametrize(
    "changed",
    [
        {"ALLOWED_HOSTS": ["network.example.org"]},
        {"SECURE_SSL_REDIRECT": True},
        {"SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https")},
        {"SESSION_COOKIE_NAME": "other"},
    ],
)
def test_a_restart_with_other_front_settings_finds_nothing_stored_before(changed):
    """Stored pages are answered before Django checks the host or the scheme: what was stored under
    other settings must not be found after a restart with new ones."""
    before = page_cache.code_version.__wrapped__()
    assert page_cache.code_version.__wrapped__() == before  # stable for unchanged settings
    with override_settings(**changed):
        assert page_cache.code_version.__wrapped__() != before


def test_compressed_and_plain_copies_are_kept_apart(front):
    import gzip

    plain = front(URL)[2]
    front(URL, HTTP_ACCEPT_ENCODING="gzip")
    _status, headers, body, through_django = front(URL, HTTP_ACCEPT_ENCODING="gzip, br")
    assert (headers["Content-Encoding"], through_django) == ("gzip", False)
    assert gzip.decompress(body) == plain
    _status, headers, body, through_django = front(URL)
    assert "Content-Encoding" not in headers and body == plain and not through_django


def test_a_session_cookie_django_reads_is_never_mistaken_for_anonymous(front, client, admin_user):
    """Django decodes the cookie header as UTF-8 and strips each name: "sessionid" followed by
    a no-break space (bytes C2 A0, Latin-1 text "Â\xa0" to a WSGI server) is the admin's
    session for Django. The signed-in page must be neither stored nor served to others."""
    client.force_login(admin_user)
    session = client.cookies["sessionid"].value
    signed_in = front(URL, HTTP_COOKIE=f"sessionid\xc2\xa0={session}")
    assert b"My account" in signed_in[2] and signed_in[1].get("X-Page-Cache") is None
    _status, headers, body, _through = front(URL)
    assert b"My account" not in body and headers["X-Page-Cache"] == "miss"


def test_a_head_request_is_never_answered_with_a_stored_get(front):
    """robots.txt answers GET only (405 to HEAD): a stored GET must not answer a HEAD."""
    assert front("/robots.txt")[0] == 200
    assert front("/robots.txt")[1]["X-Page-Cache"] == "hit"
    status, headers, _body, _rendered = front("/robots.txt", method="HEAD")
    assert status == 405 and headers.get("X-Page-Cache") != "hit"


@pytest.mark.parametrize(
    "one, other",
    [
        ({"SCRIPT_NAME": "/en", "PATH_INFO": "/a/"}, {"SCRIPT_NAME": "", "PATH_INFO": "/en/a/"}),
        (
            {"HTTP_HOST": "example.org/en", "PATH_INFO": "/a/"},
            {"HTTP_HOST": "example.org", "PATH_INFO": "/en/a/"},
        ),
        ({"PATH_INFO": "/a/?page=2", "QUERY_STRING": ""}, {"PATH_INFO": "/a/", "QUERY_STRING": "?page=2"}),
        ({"HTTP_HOST": "EXAMPLE.org"}, {"HTTP_HOST": "example.org"}),  # links are built from it as sent
    ],
)
def test_requests_that_differ_never_share_a_key(one, other):
    base = {"REQUEST_METHOD": "GET", "PATH_INFO": "/en/", "QUERY_STRING": "", "HTTP_HOST": "example.org"}
    assert page_cache.page_key({**base, **one}, False) != page_cache.page_key({**base, **other}, False)

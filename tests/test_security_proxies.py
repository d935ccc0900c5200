"""The client's address behind proxies, worked out once (``nbnet.client``) for every limit:
the contact form, the open API's throttle, the search API's throttle and the sign-in lockout.

With ``PROXY_COUNT=0`` X-Forwarded-For is ignored (anyone can send it); with ``PROXY_COUNT=N``
the address is the N-th from the right of X-Forwarded-For, the one our own proxies added.
"""

from __future__ import annotations

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from network.models import PractitionerContact

from .conftest import contact_form_data, html

pytestmark = pytest.mark.django_db

PROXY = "127.0.0.1"  # what Django sees as REMOTE_ADDR behind a proxy on the same machine
API = "/api/v2/pages/?limit=1"


def behind_proxy(address: str) -> dict:
    """Request headers as nginx (X-Forwarded-For overwritten with $remote_addr) sends them."""
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": address}


# The function itself ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("proxy_count", "remote", "xff", "expected"),
    [
        (0, "192.0.2.1", None, "192.0.2.1"),
        (0, "192.0.2.1", "6.6.6.6", "192.0.2.1"),  # no proxy: the header is anyone's to forge
        (1, PROXY, "203.0.113.5", "203.0.113.5"),
        (1, PROXY, "6.6.6.6, 203.0.113.5", "203.0.113.5"),  # forged left-most entry is not used
        (1, PROXY, " 6.6.6.6 ,203.0.113.5 ", "203.0.113.5"),
        (2, PROXY, "6.6.6.6, 203.0.113.5, 198.51.100.7", "203.0.113.5"),
        (2, PROXY, "203.0.113.5", PROXY),  # fewer entries than proxies: REMOTE_ADDR
        (1, PROXY, None, PROXY),
        (1, PROXY, "", PROXY),
        (1, PROXY, "not-an-address", PROXY),  # invalid: ignored
        (1, PROXY, "6.6.6.6, 203.0.113.5<script>", PROXY),
        (1, PROXY, "2001:DB8::1", "2001:db8::1"),  # normalised
        (1, PROXY, "[2001:db8::1]:4711", "2001:db8::1"),
        (1, PROXY, "203.0.113.5:4711", "203.0.113.5"),
        (1, PROXY, "::ffff:203.0.113.5", "203.0.113.5"),
        (0, "", None, ""),
    ],
)
def test_client_ip(settings, proxy_count, remote, xff, expected):
    from nbnet.client import client_ip

    settings.PROXY_COUNT = proxy_count
    meta = {"REMOTE_ADDR": remote}
    if xff is not None:
        meta["HTTP_X_FORWARDED_FOR"] = xff
    assert client_ip(RequestFactory().get("/", **meta)) == expected


@pytest.mark.parametrize(
    ("remote", "expected"),
    [
        ("192.0.2.1", "192.0.2.1"),
        ("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::"),
        ("2001:db8:1:2::1", "2001:db8:1:2::"),
        ("2001:db8:1:3::1", "2001:db8:1:3::"),
        ("", ""),
    ],
)
def test_limits_count_an_ipv6_client_by_its_64(settings, remote, expected):
    from nbnet.client import client_key

    settings.PROXY_COUNT = 0
    assert client_key(RequestFactory().get("/", REMOTE_ADDR=remote)) == expected


# The open API --------------------------------------------------------------------------


def test_rotating_x_forwarded_for_does_not_escape_the_api_limit_without_proxies(client, settings):
    settings.PROXY_COUNT = 0
    settings.API_RATE_LIMIT = "5/minute"
    for number in range(5):
        response = client.get(API, REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR=f"10.0.0.{number}")
        assert response.status_code == 200
    refused = client.get(API, REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="10.0.0.99")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0


def test_new_ipv6_addresses_from_one_64_do_not_escape_the_api_limit(client, settings):
    settings.PROXY_COUNT = 1
    settings.API_RATE_LIMIT = "5/minute"
    for number in range(5):
        assert client.get(API, **behind_proxy(f"2001:db8:1:2::{number + 1:x}")).status_code == 200
    assert client.get(API, **behind_proxy("2001:db8:1:2:ffff::99")).status_code == 429
    assert client.get(API, **behind_proxy("2001:db8:1:3::1")).status_code == 200  # another /64


def test_nobody_can_spend_another_clients_api_quota(client, settings):
    settings.PROXY_COUNT = 0
    settings.API_RATE_LIMIT = "5/minute"
    for _ in range(5):  # the attacker names the victim's address in the header
        client.get(API, REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="192.0.2.77")
    assert client.get(API, REMOTE_ADDR="192.0.2.77").status_code == 200


def test_api_limits_are_per_client_behind_one_proxy(client, settings):
    settings.PROXY_COUNT = 1
    settings.API_RATE_LIMIT = "5/minute"
    for _ in range(5):
        assert client.get(API, **behind_proxy("203.0.113.1")).status_code == 200
    assert client.get(API, **behind_proxy("203.0.113.1")).status_code == 429
    for number in range(2, 6):
        assert client.get(API, **behind_proxy(f"203.0.113.{number}")).status_code == 200


def test_a_forged_left_most_entry_does_not_pick_the_address(client, settings):
    settings.PROXY_COUNT = 1
    settings.API_RATE_LIMIT = "5/minute"
    for number in range(5):
        response = client.get(API, **behind_proxy(f"10.9.9.{number}, 203.0.113.5"))
        assert response.status_code == 200
    assert client.get(API, **behind_proxy("10.9.9.200, 203.0.113.5")).status_code == 429


# The search API ------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/api/search/?q=roma&lang=lv", "/api/search/suggest/?q=rom&lang=lv"])
def test_search_api_is_rate_limited(client, settings, url):
    settings.SEARCH_API_RATE_LIMIT = "3/minute"
    for _ in range(3):
        assert client.get(url, REMOTE_ADDR="192.0.2.1").status_code == 200
    refused = client.get(url, REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="10.0.0.1")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    body = refused.json()
    assert isinstance(body["message"], str) and body["message"]
    assert body["retry_after"] == int(refused["Retry-After"])
    # Another client is not affected.
    assert client.get(url, REMOTE_ADDR="192.0.2.2").status_code == 200


# The contact form ----------------------------------------------------------------------


def test_contact_limits_are_per_client_behind_one_proxy(client, settings):
    settings.PROXY_COUNT = 1
    contacts = list(PractitionerContact.objects.exclude(email="")[:10])
    for number, contact in enumerate(contacts[:5]):
        response = client.post(
            contact.page.url, contact_form_data(email=f"a{number}@example.net"), **behind_proxy("203.0.113.1")
        )
        assert response.status_code == 200
    refused = client.post(
        contacts[5].page.url, contact_form_data(email="a9@example.net"), **behind_proxy("203.0.113.1")
    )
    assert refused.status_code == 429
    # Four other people behind the same proxy each still reach a practitioner.
    for number, contact in enumerate(contacts[6:10], start=2):
        response = client.post(
            contact.page.url,
            contact_form_data(email=f"b{number}@example.net"),
            **behind_proxy(f"203.0.113.{number}"),
        )
        assert response.status_code == 200, number
        assert not html(response).select(".notice--error")


def test_contact_limit_ignores_a_forged_header_without_proxies(client, settings):
    settings.PROXY_COUNT = 0
    contacts = list(PractitionerContact.objects.exclude(email="")[:6])
    for number, contact in enumerate(contacts[:5]):
        client.post(
            contact.page.url,
            contact_form_data(email=f"c{number}@example.net"),
            REMOTE_ADDR="192.0.2.1",
            HTTP_X_FORWARDED_FOR=f"10.0.0.{number}",
        )
    refused = client.post(
        contacts[5].page.url,
        contact_form_data(email="c9@example.net"),
        REMOTE_ADDR="192.0.2.1",
        HTTP_X_FORWARDED_FOR="10.0.0.99",
    )
    assert refused.status_code == 429


# Sign-in lockout (django-axes) ---------------------------------------------------------


SIGN_IN = "/en/account/login/"
WRONG = {"username": "editor@example.net", "password": "wrong"}
RIGHT = {"username": "editor@example.net", "password": "right-password"}


def fail_sign_ins(client, settings, django_user_model, where) -> HttpResponse:
    """The editor's account, then AXES_FAILURE_LIMIT wrong passwords, the n-th sent with the
    request headers ``where(n)``; returns the last answer."""
    django_user_model.objects.create_user("editor@example.net", "editor@example.net", "right-password")
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        last = client.post(SIGN_IN, WRONG, **where(attempt))
    return last


def test_a_lockout_from_one_address_does_not_lock_out_another(client, settings, django_user_model):
    settings.PROXY_COUNT = 1
    last = fail_sign_ins(client, settings, django_user_model, lambda _n: behind_proxy("203.0.113.66"))
    assert last.status_code == 429
    assert client.post(SIGN_IN, RIGHT, **behind_proxy("203.0.113.66")).status_code == 429
    # The same person from another address behind the same proxy signs in.
    response = client.post(SIGN_IN, RIGHT, **behind_proxy("198.51.100.20"))
    assert response.status_code == 302


def test_new_ipv6_addresses_from_one_64_do_not_escape_the_lockout(client, settings, django_user_model):
    settings.PROXY_COUNT = 0
    fail_sign_ins(client, settings, django_user_model, lambda n: {"REMOTE_ADDR": f"2001:db8:7::{n + 1}"})
    assert client.post(SIGN_IN, RIGHT, REMOTE_ADDR="2001:db8:7::abcd").status_code == 429


def test_a_forged_header_does_not_escape_the_lockout_without_proxies(client, settings, django_user_model):
    settings.PROXY_COUNT = 0
    fail_sign_ins(
        client,
        settings,
        django_user_model,
        lambda n: {"REMOTE_ADDR": "192.0.2.1", "HTTP_X_FORWARDED_FOR": f"10.0.0.{n}"},
    )
    response = client.post(SIGN_IN, RIGHT, REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="10.0.0.99")
    assert response.status_code == 429

"""The same search against a real Elasticsearch/OpenSearch server, when one is given, and the
database's answer when the server does not answer.

No such server can be installed on the project's machines, so the tests against one run only
when TEST_SEARCH_URL (and optionally TEST_SEARCH_BACKEND, default elasticsearch8) name
one, e.g. TEST_SEARCH_URL=http://127.0.0.1:9200. Without it they are skipped with this
reason, under CI too: there is no server to fake.

The fallback needs no server and always runs: ".[dev]" installs the clients (pyproject.toml),
and the backend is pointed at a loopback port that refuses connections, so what fails is the
connection itself, never a missing client.
"""

import importlib
import importlib.util
import logging
import os
import socket

import pytest
from django.core.management import call_command
from django.http import QueryDict
from django.test import override_settings
from wagtail.search.backends import get_search_backend

from search.engine import search
from search.models import SearchEntry

from .conftest import html

SEARCH_URL = os.environ.get("TEST_SEARCH_URL")
BACKEND = os.environ.get("TEST_SEARCH_BACKEND", "elasticsearch8")
CLIENTS = {
    "elasticsearch8": "elasticsearch",
    "elasticsearch9": "elasticsearch",
    "opensearch2": "opensearchpy",
    "opensearch3": "opensearchpy",
}
# The backends whose client ".[dev]" installs, with the client's major version (it must be the
# server's: pyproject.toml's extras).
DEV_CLIENTS = {"elasticsearch8": ("elasticsearch", 8), "opensearch3": ("opensearchpy", 3)}

pytestmark = pytest.mark.django_db
needs_server = pytest.mark.skipif(
    not SEARCH_URL, reason="TEST_SEARCH_URL is not set: no search server to test against"
)


@pytest.fixture
def server_backend():
    client = CLIENTS.get(BACKEND, "elasticsearch")
    assert importlib.util.find_spec(client), f"pip install {client} to test the {BACKEND} backend"
    backends = {
        "default": {
            "BACKEND": f"wagtail.search.backends.{BACKEND}",
            "URLS": [SEARCH_URL],
            "INDEX_PREFIX": "nbnet_test_",
        }
    }
    with override_settings(WAGTAILSEARCH_BACKENDS=backends):
        call_command("update_index", verbosity=0)
        yield


@needs_server
@pytest.mark.parametrize(
    ("language", "query", "slug"),
    [
        ("lv", "bēgļu ģimenes mājoklis", "bergen-housing-first"),
        ("lt", "pabegeliai mentorius", "aarhus-employment-mentors"),
        ("et", "uhe akna keskus", "tartu-one-stop-shop"),
        ("ru", "жилье семьям беженцев", "bergen-housing-first"),
        ("en", "roma mediators", "roma-mediation-latvia"),
    ],
)
def test_language_aware_search_on_the_server(server_backend, language, query, slug):
    outcome = search(query, language, QueryDict(""))
    assert not outcome.fallback
    assert any(result.entry.url.rstrip("/").endswith(slug) for result in outcome.results[:5])


def titles(response) -> list[str]:
    return [a.get_text(strip=True) for a in html(response).select("ol.results h2 a")]


@pytest.fixture
def refused_url():
    """A loopback URL nobody answers: a port bound by this test and not listening refuses at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"


@pytest.mark.parametrize("backend", sorted(DEV_CLIENTS))
def test_search_falls_back_to_the_database_when_the_server_refuses(client, caplog, refused_url, backend):
    module, major = DEV_CLIENTS[backend]
    # The client is installed, in the major version the backend is for: what fails below is the
    # connection, not an import (a missing client would fall back just the same).
    client_module = importlib.import_module(module)
    assert client_module.VERSION[0] == major
    backends = {
        "default": {"BACKEND": f"wagtail.search.backends.{backend}", "URLS": [refused_url], "TIMEOUT": 2},
        "fallback": {"BACKEND": "search.backend", "SEARCH_CONFIG": "simple"},
    }
    with override_settings(WAGTAILSEARCH_BACKENDS=backends):
        # The backend itself connects to the server and is refused.
        with pytest.raises(client_module.ConnectionError):
            list(get_search_backend("default").search("roma", SearchEntry.objects.all()))

        with caplog.at_level(logging.ERROR, logger="search.engine"):
            page = client.get("/en/search/", {"q": "roma mediators"})
            api = client.get("/api/search/", {"q": "roma mediators", "lang": "en"})

    assert page.status_code == 200
    assert "Roma mediators in municipal services" in titles(page)
    assert html(page).select_one("p.notice[role=status]") is not None
    assert api.status_code == 200
    data = api.json()
    assert data["fallback"] is True
    assert "Roma mediators in municipal services" in [result["title"] for result in data["results"]]
    # The site fell back because the server refused the connection, and said so in the log.
    failures = [record for record in caplog.records if record.name == "search.engine" and record.exc_info]
    assert failures
    assert all(issubclass(record.exc_info[0], client_module.ConnectionError) for record in failures)

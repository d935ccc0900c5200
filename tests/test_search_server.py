"""The same search against a real Elasticsearch/OpenSearch server, when one is given.

No such server can be installed on the project's machines, so these tests run only
when TEST_SEARCH_URL (and optionally TEST_SEARCH_BACKEND, default elasticsearch8) name
one, e.g. TEST_SEARCH_URL=http://127.0.0.1:9200. Without it they are skipped with this
reason, under CI too: there is no server to fake.
"""

import importlib.util
import os

import pytest
from django.core.management import call_command
from django.http import QueryDict
from django.test import override_settings

from search.engine import search

SEARCH_URL = os.environ.get("TEST_SEARCH_URL")
BACKEND = os.environ.get("TEST_SEARCH_BACKEND", "elasticsearch8")
CLIENTS = {
    "elasticsearch8": "elasticsearch",
    "elasticsearch9": "elasticsearch",
    "opensearch2": "opensearchpy",
}

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not SEARCH_URL, reason="TEST_SEARCH_URL is not set: no search server to test against"),
]


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

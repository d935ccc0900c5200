"""One search for everything: kinds, languages, facets, the API, and any input whatsoever."""

import json

import pytest
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.models import Page

from home.factories import StandardPageFactory
from home.models import HomePage
from practices.factories import PracticePageFactory
from practices.models import PracticeIndexPage, PracticePage
from search.models import SearchEntry
from search.query import MAX_QUERY_LENGTH, clean_query

from .conftest import html

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return [a.get_text(strip=True) for a in html(response).select("ol.results h2 a")]


def api(client, **params):
    response = client.get("/api/search/", params)
    assert response.status_code == 200
    return json.loads(response.content)


def test_every_kind_of_content_is_found(client):
    kinds = {result["type"] for result in api(client, q="Roma", lang="en")["results"]}
    kinds |= {result["type"] for result in api(client, q="Roma", lang="en", page=2)["results"]}
    data = api(client, q="Roma", lang="en")
    facet_kinds = {option["value"] for option in data["facets"]["type"]}
    assert {
        "practitioner",
        "organisation",
        "practice",
        "project",
        "event",
        "publication",
        "twinning",
    } <= facet_kinds
    assert kinds


def test_results_are_grouped_one_per_item_in_the_readers_language(client):
    data = api(client, q="Valka", lang="ru")
    urls = [result["url"] for result in data["results"]]
    assert len(urls) == len(set(urls))
    assert all(result["locale"] == "ru" for result in data["results"])
    assert all("/ru/" in url for url in urls if "/documents/" not in url)


def test_a_query_in_another_language_finds_the_readers_translation(client):
    response = client.get("/lv/search/", {"q": "housing first refugee families"})
    assert titles(response)[0] == "“Mājoklis vispirms” bēgļu ģimenēm"


def test_untranslated_content_is_found_and_marked_with_its_language(client):
    home = HomePage.objects.get(locale__language_code="en")
    page = StandardPageFactory(
        parent=home, title="Sauna diplomacy", slug="sauna-diplomacy", intro="Finnish saunas."
    )
    page.save_revision().publish()
    response = client.get("/lv/search/", {"q": "sauna"})
    doc = html(response)
    item = doc.select_one("ol.results li")
    assert item.h2.get_text(strip=True) == "Sauna diplomacy"
    assert item["lang"] == "en"
    assert item.select_one(".language-tag").get_text(strip=True) == "English"


def test_facets_count_and_filter_by_kind_country_theme_and_group(client):
    data = api(client, q="romu", lang="lv")
    by_kind = {option["value"]: option["count"] for option in data["facets"]["type"]}
    filtered = api(client, q="romu", lang="lv", type="practice")
    assert filtered["count"] == by_kind["practice"]
    assert {result["type"] for result in filtered["results"]} == {"practice"}
    latvian = api(client, q="romu", lang="lv", country="LV", theme="roma-inclusion")
    assert latvian["count"] and all("LV" in result["countries"] for result in latvian["results"])
    assert api(client, q="romu", lang="lv", group="roma")["count"] > 0


def test_unknown_filter_values_give_an_empty_but_friendly_answer(client):
    data = api(client, q="roma", lang="en", type="spaceship", country="XX")
    assert data["ignored_filters"] == ["spaceship"]
    assert data["count"] == 0
    assert client.get("/en/search/", {"q": "roma", "country": "XX"}).status_code == 200


def test_snippets_highlight_the_matched_words(client):
    result = api(client, q="mediatoriem", lang="lv")["results"][0]
    assert "<mark>" in result["snippet"]
    doc = html(client.get("/lv/search/", {"q": "mediatoriem"}))
    assert doc.select_one(".snippet mark").get_text().lower().startswith("mediator")


def test_api_returns_the_documented_fields_and_falls_back_to_english(client):
    data = api(client, q="Jelgava", lang="xx")
    assert data["lang"] == "en"
    assert {"count", "results", "facets", "page", "pages"} <= set(data)
    assert {"title", "url", "type", "locale", "snippet"} <= set(data["results"][0])


def test_no_result_with_all_words_relaxes_to_any_word(client):
    data = api(client, q="Jelgava zyxwvut", lang="en")
    assert data["relaxed"] is True and data["count"] > 0


def test_autocomplete_suggests_titles_in_the_readers_language(client):
    response = client.get("/api/search/suggest/", {"q": "Romu", "lang": "lv"})
    suggestions = json.loads(response.content)["suggestions"]
    assert suggestions and all("omu" in title for title in suggestions)
    assert json.loads(client.get("/api/search/suggest/", {"q": '"\x00', "lang": "lv"}).content) == {
        "suggestions": []
    }


def test_the_index_follows_publish_unpublish_move_and_delete(client):
    index = PracticeIndexPage.objects.get(locale__language_code="en")
    page = PracticePageFactory(
        parent=index, title="Sauna evenings for newcomers", country=PracticePage.objects.first().country
    )
    page.save_revision().publish()
    assert "Sauna evenings for newcomers" in [r["title"] for r in api(client, q="sauna evenings")["results"]]

    def found():
        return [result["title"] for result in api(client, q="sauna evenings")["results"]]

    page.unpublish()
    assert "Sauna evenings for newcomers" not in found()

    page.save_revision().publish()
    home = HomePage.objects.get(locale__language_code="en")
    Page.objects.get(pk=page.pk).move(home, pos="last-child")
    results = api(client, q="sauna evenings")["results"]
    assert results[0]["url"] == "http://testserver/en/sauna-evenings-for-newcomers/"

    Page.objects.get(pk=page.pk).delete()
    assert "Sauna evenings for newcomers" not in found()
    assert not SearchEntry.objects.filter(title="Sauna evenings for newcomers").exists()


def test_rebuild_command_recreates_the_entries():
    """The rebuild writes its entries 500 at a time (``indexing.update_entries``): the same
    entries, field by field, as the publications wrote one by one."""
    from django.core.management import call_command
    from django.forms.models import model_to_dict

    def entries():
        return {
            (entry.item_type_id, entry.item_id): model_to_dict(entry, exclude=["id", "updated_at"])
            for entry in SearchEntry.objects.all()
        }

    before = entries()
    assert len(before) > 20 and any(entry["themes"] for entry in before.values())
    SearchEntry.objects.all().delete()
    call_command("rebuild_search", "--entries-only", verbosity=0)
    assert entries() == before


@override_settings(
    WAGTAILSEARCH_BACKENDS={
        "default": {"BACKEND": "wagtail.search.backends.elasticsearch8", "URLS": ["http://127.0.0.1:9"]},
        "fallback": {"BACKEND": "search.backend", "SEARCH_CONFIG": "simple"},
    }
)
def test_search_falls_back_to_the_database_when_the_search_server_fails(client):
    response = client.get("/en/search/", {"q": "roma mediators"})
    assert response.status_code == 200
    assert "Roma mediators in municipal services" in titles(response)
    assert html(response).select_one("p.notice[role=status]") is not None


def test_search_results_are_not_indexed_or_cached(client):
    response = client.get("/en/search/", {"q": "network"})
    assert response["X-Robots-Tag"] == "noindex"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


ODD_QUERIES = [
    '"',
    '"unbalanced quote',
    'Roma "mediation',
    "a\x00b",
    "\x00",
    "   ",
    "\t\n",
    "NEAR(a b)",
    "AND OR NOT",
    "*",
    "-",
    "roma*",
    "'; DROP TABLE wagtailcore_page; --",
    "🙂 Valka",
    "שלום مرحبا",
    "x" * 10_000,
    "\u202eevil",
]


@pytest.mark.parametrize("query", ODD_QUERIES)
def test_odd_queries_answer_200_on_the_page_and_the_api(client, query):
    assert client.get("/en/search/", {"q": query, "page": "not-a-number", "type": "\x00"}).status_code == 200
    assert client.get("/api/search/", {"q": query, "lang": query[:5], "page": "-1"}).status_code == 200
    assert client.get("/api/search/suggest/", {"q": query}).status_code == 200


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(max_size=300), page=st.text(max_size=10), kind=st.text(max_size=20))
def test_any_text_is_a_safe_query(client, query, page, kind):
    assert client.get("/lv/search/", {"q": query, "page": page, "type": kind}).status_code == 200
    assert (
        client.get("/api/search/", {"q": query, "lang": "ru", "page": page, "theme": kind}).status_code == 200
    )


def test_clean_query_removes_control_characters_and_bounds_length():
    assert clean_query("  Roma\x00 mediation\x07 ") == "Roma mediation"
    assert clean_query(None) == ""
    assert len(clean_query("a" * 5000)) == MAX_QUERY_LENGTH

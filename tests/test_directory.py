"""The practitioners' directory: facets with counts, peers, organisations, twin cities."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.db.models import Count

from network.factories import PractitionerPageFactory
from network.models import City, NetworkIndexPage, Organisation, PractitionerPage, Theme, TwinningPage

from .conftest import LANGUAGES, html

pytestmark = pytest.mark.django_db


def people_in(language: str):
    return PractitionerPage.objects.live().filter(locale__language_code=language)


def listed_names(response) -> list[str]:
    return [a.get_text(strip=True) for a in html(response).select(".cards .person h3 a")]


def facet_counts(response, param: str) -> dict[str, int]:
    counts = {}
    for label in html(response).select(f"input[name={param}]"):
        count = label.find_parent("label").select_one(".count").get_text(strip=True).strip("()")
        counts[label["value"]] = int(count)
    return counts


def test_demo_directory_has_forty_people_in_eight_countries_in_every_language():
    for language in LANGUAGES:
        people = people_in(language)
        assert people.count() >= 40
        assert people.values("city__country__code").distinct().count() == 8
    assert Organisation.objects.filter(locale__language_code="en").count() >= 20
    assert TwinningPage.objects.live().filter(locale__language_code="en").count() >= 3


@pytest.mark.parametrize("language", ["en", "lt"])
def test_filter_by_country_gives_the_right_people(client, language):
    response = client.get(f"/{language}/network/", {"country": "LT"})
    expected = sorted(people_in(language).filter(city__country__code="LT").values_list("title", flat=True))
    assert sorted(listed_names(response)) == expected
    assert len(expected) == 6


def test_facet_counts_are_the_counts_the_other_filters_leave(client):
    response = client.get("/en/network/", {"country": "LV"})
    latvians = people_in("en").filter(city__country__code="LV")
    expected = {
        row["themes__slug"]: row["n"]
        for row in latvians.order_by().values("themes__slug").annotate(n=Count("pk", distinct=True))
        if row["themes__slug"]
    }
    assert facet_counts(response, "theme") == expected
    # The country facet itself counts as if no country were chosen
    all_countries = {
        row["city__country__code"]: row["n"]
        for row in people_in("en").order_by().values("city__country__code").annotate(n=Count("pk"))
    }
    assert facet_counts(response, "country") == all_countries


def test_filters_combine_and_values_within_a_facet_are_alternatives(client):
    response = client.get("/en/network/", {"theme": "roma-inclusion", "country": ["LV", "LT"], "open": "1"})
    expected = sorted(
        people_in("en")
        .filter(themes__slug="roma-inclusion", city__country__code__in=["LV", "LT"], open_to_exchange=True)
        .distinct()
        .values_list("title", flat=True)
    )
    assert sorted(listed_names(response)) == expected
    assert 2 <= len(expected) < 10


def test_filters_survive_paging_and_live_in_a_shareable_url(client):
    first = client.get("/ru/network/", {"open": "1"})
    doc = html(first)
    next_link = doc.select_one(".pagination a[rel=next]")["href"]
    assert parse_qs(urlsplit(next_link).query) == {"open": ["1"], "page": ["2"]}
    second = client.get("/ru/network/" + next_link)
    everyone_open = set(people_in("ru").filter(open_to_exchange=True).values_list("title", flat=True))
    seen = set(listed_names(first)) | set(listed_names(second))
    assert seen <= everyone_open
    assert len(seen) == min(len(everyone_open), 40)


@pytest.mark.parametrize(
    "params",
    [
        {"country": "XX"},
        {"theme": "\x00"},
        {"lang": "x" * 5000},
        {"page": "-1"},
        {"page": "9999"},
        {"city": ["riga"] * 200},
        {"open": "yes please"},
    ],
)
def test_bad_filter_values_answer_200_with_a_clear_notice(client, params):
    response = client.get("/lv/network/", params)
    assert response.status_code == 200


def test_unknown_filter_values_are_named_and_ignored(client):
    response = client.get("/en/network/", {"country": ["LT", "Atlantis"]})
    notice = html(response).select_one("p.notice").get_text()
    assert "Atlantis" in notice
    assert len(listed_names(response)) == 6


def test_organisation_directory_filters_by_type_with_counts(client):
    response = client.get("/et/network/organisations/", {"type": "municipality"})
    doc = html(response)
    names = [a.get_text(strip=True) for a in doc.select(".cards h3 a")]
    expected = Organisation.objects.filter(locale__language_code="et", org_type="municipality")
    assert sorted(names) == sorted(expected.values_list("name", flat=True))
    assert facet_counts(response, "type")["municipality"] == expected.count()


def test_organisation_page_lists_its_people(client):
    response = client.get("/lv/network/organisations/jelgava-municipality/")
    assert response.status_code == 200
    assert "Ilze Kalniņa" in listed_names(response)
    assert client.get("/lv/network/organisations/no-such-organisation/").status_code == 404


def test_peers_are_in_other_countries_best_matches_first():
    page = people_in("en").get(slug="ilze-kalnina")
    peers = list(page.find_peers())
    assert peers
    assert all(peer.city.country.code != "LV" for peer in peers)
    mine = {t.pk for t in page.themes.all()}, {g.pk for g in page.target_groups.all()}

    def score(peer):
        return len(mine[0] & {t.pk for t in peer.themes.all()}) + len(
            mine[1] & {g.pk for g in peer.target_groups.all()}
        )

    scores = [score(peer) for peer in peers]
    assert scores == sorted(scores, reverse=True)
    assert scores[0] >= 2


def test_profile_shows_taxonomy_in_the_readers_language(client):
    page = people_in("lt").get(slug="ilze-kalnina")
    doc = html(client.get(page.url))
    expertise = doc.select_one(".facts").get_text()
    assert "Romų įtrauktis" in expertise
    assert "Roma inclusion" not in expertise


def test_twinning_page_links_cities_across_a_border(client):
    page = TwinningPage.objects.get(slug="valka-valga", locale__language_code="ru")
    doc = html(client.get(page.url))
    assert "Валка" in doc.select_one(".facts").get_text()
    assert {"Santa Zariņa", "Andres Kask"} == set(listed_names(client.get(page.url)))


def test_directory_pages_do_a_fixed_number_of_queries_as_people_are_added(client, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PAGE_CACHE_SECONDS = 0  # measure the rendering, not the page cache

    def queries(url):
        from django.core.cache import cache

        cache.clear()  # the menu, names and facet counts are rebuilt after any change: compare cold with cold
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    profile = people_in("en").get(slug="janis-ozols")
    queries("/en/network/")  # warm Wagtail's own cached site lookups
    before = (queries("/en/network/"), queries(profile.url))
    index = NetworkIndexPage.objects.get(locale__language_code="en")
    riga = City.objects.get(slug="riga", locale__language_code="en")
    themes = list(Theme.objects.filter(locale__language_code="en")[:3])
    for number in range(15):
        PractitionerPageFactory(parent=index, title=f"Extra Person {number}", city=riga, themes=themes)
    after = (queries("/en/network/"), queries(profile.url))
    assert after == before


def test_paging_a_filtered_listing_follows_new_people(client, settings, django_capture_on_commit_callbacks):
    """A choice of filters' ordered results are remembered (home.facets.MAX_REMEMBERED_IDS)
    until content changes: a new person appears in their place at once, on every page."""
    settings.PAGE_CACHE_SECONDS = 0  # the fragments, not whole pages
    params = {"open": "1"}  # 35 people in English: two pages
    response = client.get("/en/network/", params)
    first, open_count = listed_names(response), facet_counts(response, "open")["1"]
    assert len(first) == 20 and open_count > 20
    second = listed_names(client.get("/en/network/", {**params, "page": "2"}))
    assert listed_names(client.get("/en/network/", params)) == first  # from what was remembered
    index = NetworkIndexPage.objects.get(locale__language_code="en")
    riga = City.objects.get(slug="riga", locale__language_code="en")
    with django_capture_on_commit_callbacks(execute=True):
        PractitionerPageFactory(
            parent=index, title="AAA Newcomer", slug="aaa-newcomer", city=riga, open_to_exchange=True
        )
    response = client.get("/en/network/", params)
    assert facet_counts(response, "open")["1"] == open_count + 1  # the filters' counts and form too
    assert listed_names(response) == ["AAA Newcomer", *first[:-1]]
    # The one pushed off the first page opens the second.
    assert listed_names(client.get("/en/network/", {**params, "page": "2"})) == [first[-1], *second]


def test_choice_labels_are_in_the_readers_language(client):
    """Cards name an organisation's type as ``get_org_type_display`` would, per language
    (home.templatetags.site_tags.choice_label keeps the labels per field and language)."""
    from home.templatetags.site_tags import choice_label

    for language, label in (("lv", "Pašvaldība"), ("en", "Municipality"), ("lv", "Pašvaldība")):
        cards = html(client.get(f"/{language}/network/organisations/", {"type": "municipality"})).select(
            ".cards li"
        )
        assert cards and all(card.find("p").get_text(strip=True) == label for card in cards)
    organisation = Organisation.objects.filter(org_type="ngo").first()
    assert choice_label(organisation, "org_type") == organisation.get_org_type_display()
    organisation.org_type = "no-such-type"  # e.g. a value an import left behind
    assert choice_label(organisation, "org_type") == "no-such-type"


def test_an_organisation_with_many_people_lists_them_a_page_at_a_time(client):
    """A municipality may have hundreds of practitioners: 20 to a page, every one reachable."""
    index = NetworkIndexPage.objects.get(locale__language_code="en")
    organisation = Organisation.objects.get(locale__language_code="en", slug="providus")
    riga = City.objects.get(slug="riga", locale__language_code="en")
    members = PractitionerPage.objects.live().filter(organisation=organisation, locale=index.locale).count()
    for number in range(21):
        PractitionerPageFactory(
            parent=index, title=f"Member {number:02d}", city=riga, organisation=organisation
        )
    url = f"/en/network/organisations/{organisation.slug}/"
    first = html(client.get(url))
    cards = first.select("ul.cards > li")
    assert len(cards) == 20
    assert first.select_one('nav.pagination a[rel="next"]')["href"] == "?page=2"
    second = html(client.get(url, {"page": "2"}))
    assert len(second.select("ul.cards > li")) == members + 21 - 20
    assert first.select_one("h1").text.strip() == organisation.name == second.select_one("h1").text.strip()
    names = [card.h3.text.strip() for card in cards + second.select("ul.cards > li")]
    assert sum(name.startswith("Member ") for name in names) == 21 and len(set(names)) == len(names)
    assert client.get(url, {"page": "x"}).status_code == 200  # a made-up page number: the first

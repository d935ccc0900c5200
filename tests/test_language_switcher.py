"""What readers see around every page: a language switcher that keeps their choice, the
layout's own names not hiding a page's (a profile's languages), the newcomers' door in the
menu, filters folded as "Filters (n)", social-share metadata and the favicon."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.utils import translation

from guides.models import GuideIndexPage, GuidePage
from network.models import PractitionerPage

from .conftest import LANGUAGES, html

pytestmark = pytest.mark.django_db


def switcher(doc) -> dict[str, str]:
    return {a["hreflang"]: a["href"] for a in doc.select("nav.language-switcher a")}


def shown_results(doc) -> list[str]:
    """The titles of what a listing or search shows, in order."""
    items = doc.select("main .cards > li h3, main .help-points > li.card, main ol.results > li h2")
    return [item.get_text(" ", strip=True) for item in items]


def query_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def test_switching_language_keeps_the_checklist_for_a_status_and_town(client):
    """The issue's case: "Русский" on a checklist for one status in Tartu."""
    response = client.get("/en/guides/?status=temporary-protection&city=tartu", follow=True)
    english = html(response)
    path, query = response.request["PATH_INFO"], response.request["QUERY_STRING"]
    assert query_of(f"?{query}") == {"status": ["temporary-protection"], "city": ["tartu"]}
    english_steps = english.select("ol.steps > li.step h3")
    assert english_steps

    russian_url = switcher(english)["ru"]
    guide = GuidePage.objects.get(url_path__endswith="/guides/estonia/", locale__language_code="en")
    assert urlsplit(russian_url).path.startswith(guide.get_translation(_locale("ru")).url)
    assert urlsplit(russian_url).path != path  # the Russian page, not the English one
    assert query_of(russian_url) == {"status": ["temporary-protection"], "city": ["tartu"]}

    russian = html(client.get(russian_url))
    assert russian.html["lang"] == "ru"
    # The same checklist: as many steps, and the heading names the status and the town.
    assert len(russian.select("ol.steps > li.step h3")) == len(english_steps)
    heading = russian.select_one("#checklist").get_text(" ", strip=True)
    assert "Тарту" in heading, heading
    # Every language's link keeps it.
    for language, url in switcher(english).items():
        assert query_of(url) == {"status": ["temporary-protection"], "city": ["tartu"]}, language


def _locale(code: str):
    from wagtail.models import Locale

    return Locale.objects.get(language_code=code)


FILTERED = [
    ("/en/network/", "country=LT&theme=roma-inclusion"),
    ("/en/network/organisations/", "country=LV&type=municipality"),
    ("/en/practices/", "theme=roma-inclusion&country=LV"),
    ("/en/projects/", "country=LV"),
    ("/en/events/", "kind=coalition_meeting"),
    ("/en/guides/help-points/", "city=tartu"),
]


@pytest.mark.parametrize(("path", "query"), FILTERED)
def test_switching_language_keeps_a_listings_filters(client, path, query):
    english = html(client.get(f"{path}?{query}&page=1"))
    shown = shown_results(english)
    everything = shown_results(html(client.get(path)))
    assert shown and len(shown) < len(everything), "the filter must narrow the listing"
    links = switcher(english)
    assert set(links) == {code for code, _name in settings.LANGUAGES}
    for language, url in links.items():
        if language not in LANGUAGES and not path.startswith("/en/guides/"):
            # Ukrainian has the newcomers' part only: elsewhere its link is its home page.
            assert url == f"/{language}/"
            continue
        # The same view (a routable page's sub-URL too) with the same filters, no page number.
        assert urlsplit(url).path == f"/{language}/" + path.split("/", 2)[2], url
        assert query_of(url) == parse_qs(query), (language, url)
        if language != "en":
            other = html(client.get(url))
            assert other.html["lang"] == language
            assert len(shown_results(other)) == len(shown), (language, url)


def test_switching_language_keeps_a_search(client):
    doc = html(client.get("/en/search/", {"q": "roma mediators"}))
    for language, url in switcher(doc).items():
        assert urlsplit(url).path == f"/{language}/search/"
        assert query_of(url) == {"q": ["roma mediators"]}
    latvian = html(client.get(switcher(doc)["lv"]))
    assert latvian.select_one("#search-page-query")["value"] == "roma mediators"


def test_canonical_alternates_and_share_url_stay_without_the_query(client):
    doc = html(client.get("/en/network/organisations/?country=LV&type=municipality&page=1"))
    assert doc.select_one("link[rel=canonical]")["href"] == "http://testserver/en/network/organisations/"
    alternates = {link["hreflang"]: link["href"] for link in doc.select("link[rel=alternate][hreflang]")}
    assert alternates["lv"] == "http://testserver/lv/network/organisations/"
    assert all("?" not in href for href in alternates.values())
    assert (
        doc.select_one("meta[property='og:url']")["content"] == "http://testserver/en/network/organisations/"
    )


def test_an_organisations_page_switches_to_the_same_organisation(client):
    listing = html(client.get("/en/network/organisations/"))
    first = listing.select_one("main .cards > li h3 a")
    doc = html(client.get(first["href"]))
    latvian = switcher(doc)["lv"]
    assert latvian == first["href"].replace("/en/", "/lv/", 1)
    assert doc.select_one("link[rel=canonical]")["href"] == "http://testserver" + first["href"]
    assert client.get(latvian).status_code == 200


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_profile_lists_the_languages_its_person_speaks(client, language):
    """The layout's language links used to overwrite the profile's ``languages``."""
    person = (
        PractitionerPage.objects.live()
        .filter(locale__language_code=language, languages__isnull=False)
        .distinct()
        .first()
    )
    doc = html(client.get(person.url))
    with translation.override(language):
        label = translation.gettext("Languages")
    row = next(dt for dt in doc.select("dl dt") if dt.get_text(strip=True) == label)
    spoken = row.find_next_sibling("dd").get_text(strip=True)
    names = [name.strip() for name in spoken.split(",")]
    assert names and all(names), spoken
    assert len(names) == person.languages.count()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_menu_opens_with_the_newcomers_door(client, language):
    doc = html(client.get(f"/{language}/"))
    first = doc.select_one("nav.main-nav li a")
    guides = GuideIndexPage.objects.get(locale__language_code=language)
    with translation.override(language):
        label = translation.gettext("Just arrived?")
    assert first["href"] == guides.url
    assert first.get_text(strip=True) == label
    # Once: the guides are not listed again under their title.
    assert [a["href"] for a in doc.select("nav.main-nav a")].count(guides.url) == 1


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_header_folds_with_the_current_language_in_view(client, language):
    doc = html(client.get(f"/{language}/network/"))
    languages = doc.select_one("details.fold--languages")
    summary = languages.select_one("summary [lang]")
    assert summary["lang"] == language
    assert summary.get_text(strip=True) == dict(settings.LANGUAGES)[language]
    assert languages.select_one("nav.language-switcher a[aria-current]")["hreflang"] == language
    menu = doc.select_one("details.fold--menu")
    assert menu.select_one("nav.main-nav") and menu.select_one("form.search-form")


def test_filters_fold_with_the_number_chosen(client):
    doc = html(client.get("/en/network/?country=LT&country=LV&theme=roma-inclusion"))
    panel = doc.select_one(".with-filters > details.filters")
    assert panel.summary.get_text(strip=True) == "Filters (3)"
    assert panel.select_one("form.facets button[type=submit]")
    # Before the results in the page, and folded: a phone shows the results first.
    assert not panel.has_attr("open")
    assert panel.find_next_sibling("section").select(".cards > li")
    unfiltered = html(client.get("/en/network/"))
    assert unfiltered.select_one("details.filters summary").get_text(strip=True) == "Filters"


@pytest.mark.parametrize("language", ["en", "lv"])
def test_a_search_with_no_results_shows_no_empty_filter_panel(client, language):
    doc = html(client.get(f"/{language}/search/", {"q": "zzqqxx"}))
    assert doc.select("ol.results > li") == []
    assert doc.select_one("details.filters") is None
    assert doc.select_one("#filters-heading") is None
    assert doc.select("main button[type=submit]") == doc.select("main form.search-form--page button")


def test_a_search_filtered_to_nothing_shows_only_the_chosen_filter(client):
    doc = html(client.get("/lv/search/", {"q": "zzqqxx", "type": "practice"}))
    assert doc.select("ol.results > li") == []
    panel = doc.select_one("details.filters")
    assert panel.summary.get_text(strip=True).endswith("(1)")
    boxes = panel.select("input[type=checkbox]")
    chosen = [(box["name"], box["value"], box.has_attr("checked")) for box in boxes]
    assert chosen == [("type", "practice", True)]
    assert all(fieldset.select("input") for fieldset in panel.select("fieldset"))
    assert panel.select_one("a[href='?q=zzqqxx']")


def test_search_filters_keep_the_query(client):
    doc = html(client.get("/en/search/", {"q": "roma", "type": "practice"}))
    form = doc.select_one("details.filters form.facets")
    assert form.select_one("input[type=hidden][name=q]")["value"] == "roma"
    assert doc.select_one("details.filters summary").get_text(strip=True) == "Filters (1)"
    clear = next(a for a in form.select("a") if a.get_text(strip=True) == "Clear all filters")
    assert clear["href"] == "?q=roma"


@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_carry_social_share_metadata_in_their_language(client, language):
    guide = GuidePage.objects.get(url_path__endswith="/guides/latvia/", locale__language_code=language)
    doc = html(client.get(guide.url))

    def meta(name):
        tag = doc.select_one(f"meta[property='{name}'], meta[name='{name}']")
        return tag["content"] if tag else None

    assert meta("og:title") == guide.title
    assert doc.title.get_text().startswith(guide.title + " · ")
    assert meta("og:locale").split("_")[0] == language
    assert meta("og:url") == f"http://testserver{guide.url}"
    assert meta("og:description") and meta("og:description") == meta("description")
    assert meta("twitter:card") == "summary"
    with translation.override(language):
        assert meta("og:site_name") == translation.gettext("Nordic-Baltic Integration Network")
    # A view outside the page tree names itself.
    search = html(client.get(f"/{language}/search/"))
    with translation.override(language):
        title = translation.gettext("Search the site")
    assert search.select_one("meta[property='og:title']")["content"] == title


def test_favicon(client):
    doc = html(client.get("/en/"))
    icon = doc.select_one("link[rel=icon]")
    assert icon["type"] == "image/svg+xml"
    assert finders.find(icon["href"].removeprefix("/static/"))
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert finders.find(response["Location"].removeprefix("/static/"))


@pytest.mark.parametrize("language", ["en", "lv", "ru"])
def test_a_missing_page_leads_to_each_languages_home_not_to_another_missing_page(client, language):
    response = client.get(f"/{language}/no-such-page-here/")
    assert response.status_code == 404
    body = response.content.decode()
    switcher = html(response).select(".language-switcher a")
    assert sorted(link["href"] for link in switcher) == ["/en/", "/et/", "/lt/", "/lv/", "/ru/", "/uk/"]
    # Nor does the share metadata name the missing address.
    assert 'property="og:url"' not in body

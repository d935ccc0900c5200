"""Language prefixes, the redirect from "/", the switcher, hreflang and untranslated pages."""

import pytest
from django.utils import translation
from wagtail.models import Locale, Page

from home.factories import StandardPageFactory
from home.models import HomePage, StandardPage

from .conftest import LANGUAGES, html

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("lv-LV,lv;q=0.9,en;q=0.8", "/lv/"),
        ("ru-RU,ru;q=0.9", "/ru/"),
        ("lt", "/lt/"),
        ("de-DE,de;q=0.9,et;q=0.5", "/et/"),
        ("fr-FR", "/en/"),
        ("", "/en/"),
    ],
)
def test_root_redirects_to_the_visitors_language(client, accept_language, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 302
    assert response["Location"] == expected


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_page_answers_in_its_language(client, language):
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    doc = html(response)
    assert doc.html["lang"] == language
    with translation.override(language):
        skip_text = translation.gettext("Skip to main content")
        search_label = translation.gettext("Search the site")
    assert doc.select_one("a.skip-link").get_text(strip=True) == skip_text
    assert doc.select_one("label[for=site-search]").get_text(strip=True) == search_label
    if language != "en":
        assert skip_text != "Skip to main content", f"{language} has no real translation"
    home = HomePage.objects.get(locale__language_code=language)
    assert doc.h1.get_text(strip=True) == home.title
    # The menu leads to the sections, in this language
    menu = [a.get_text(strip=True) for a in doc.select("nav.main-nav a")]
    about = StandardPage.objects.get(locale__language_code=language, slug__isnull=False, depth=3)
    assert about.title in menu


def test_translated_titles_differ_between_languages():
    titles = set(HomePage.objects.values_list("title", flat=True))
    assert len(titles) == len(LANGUAGES)


def _about(language: str) -> StandardPage:
    return StandardPage.objects.get(locale__language_code=language, depth=3, alias_of__isnull=True)


def test_switcher_leads_to_the_same_page_in_each_language(client):
    response = client.get(_about("lv").url)
    doc = html(response)
    links = {a["hreflang"]: a["href"] for a in doc.select("nav.language-switcher a")}
    # The about page is not translated into Ukrainian: its link is the Ukrainian home page.
    assert links == {**{language: _about(language).url for language in LANGUAGES}, "uk": "/uk/"}
    assert doc.select_one("nav.language-switcher a[aria-current]")["hreflang"] == "lv"
    assert links["ru"] == "/ru/o-seti/"


def test_hreflang_alternates_are_absolute_and_complete(client):
    doc = html(client.get("/et/vorgustikust/"))
    alternates = {link["hreflang"]: link["href"] for link in doc.select("link[rel=alternate][hreflang]")}
    assert alternates == {
        **{language: f"http://testserver{_about(language).url}" for language in LANGUAGES},
        "x-default": "http://testserver/",
    }
    assert doc.select_one("link[rel=canonical]")["href"] == "http://testserver/et/vorgustikust/"
    assert doc.select_one("meta[name=robots]") is None


def test_switcher_falls_back_to_the_home_page_of_a_language_without_translation(client):
    en_home = HomePage.objects.get(locale__language_code="en")
    page = StandardPageFactory(parent=en_home, title="Study visit to Vilnius", slug="study-visit")
    lv = Locale.objects.get(language_code="lv")
    translated = page.copy_for_translation(lv)
    translated.title = "Pieredzes apmaiņas vizīte Viļņā"
    translated.slug = "vizite-vilna"
    translated.save_revision().publish()

    doc = html(client.get("/en/study-visit/"))
    links = {a["hreflang"]: a["href"] for a in doc.select("nav.language-switcher a")}
    assert links["lv"] == "/lv/vizite-vilna/"
    assert links["lt"] == "/lt/" and links["et"] == "/et/" and links["ru"] == "/ru/"
    alternates = {link["hreflang"] for link in doc.select("link[rel=alternate][hreflang]")}
    assert alternates == {"en", "lv", "x-default"}


def test_untranslated_page_shows_the_original_with_a_notice_and_canonical(admin_client, client):
    """A page created by an editor in English appears at every prefix as an alias
    (wagtail-localize keeps the trees in sync), marked as untranslated."""
    en_home = HomePage.objects.get(locale__language_code="en")
    response = admin_client.post(
        f"/admin/pages/add/home/standardpage/{en_home.pk}/",
        {
            "title": "Coalition meeting minutes",
            "slug": "coalition-minutes",
            "intro": "Agreements of the December meeting.",
            "body-count": "0",
            "action-publish": "publish",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    alias = Page.objects.get(slug="coalition-minutes", locale__language_code="lt")
    assert alias.alias_of is not None

    response = client.get(alias.url)
    assert response.status_code == 200
    doc = html(response)
    notice = doc.select_one(".notice--untranslated")
    assert notice is not None
    with translation.override("lt"):
        assert translation.gettext("Available in:") in notice.get_text()
    assert "Coalition meeting minutes" in doc.h1.get_text()
    assert doc.html["lang"] == "lt"
    assert doc.main["lang"] == "en"
    assert doc.main["dir"] == "ltr"  # the original's direction, whatever the interface's
    assert doc.select_one("link[rel=canonical]")["href"] == "http://testserver/en/coalition-minutes/"
    assert doc.select_one("meta[name=robots]")["content"].startswith("noindex")
    assert doc.select("link[rel=alternate][hreflang]") == []

    # The translated original carries no notice and is indexable.
    doc = html(client.get("/en/coalition-minutes/"))
    assert doc.select_one(".notice--untranslated") is None
    assert doc.select_one("meta[name=robots]") is None


@pytest.mark.parametrize("language", LANGUAGES)
def test_404_page_is_in_the_visitors_language(client, language):
    response = client.get(f"/{language}/no-such-page/")
    assert response.status_code == 404
    doc = html(response)
    assert doc.html["lang"] == language
    with translation.override(language):
        assert doc.h1.get_text(strip=True) == translation.gettext("Page not found")


def test_500_page_is_in_the_visitors_language_and_needs_no_database(rf, django_assert_num_queries):
    from nbnet.views import server_error

    request = rf.get("/ru/some/page/")
    with django_assert_num_queries(0):
        response = server_error(request)
    assert response.status_code == 500
    doc = html(response)
    assert doc.html["lang"] == "ru"
    assert doc.h1.get_text(strip=True) == "Что-то пошло не так"

"""Ukrainian for newcomers (issue 21): the guides, help points, hotlines, checklist chooser,
printout and search in Ukrainian; every other page the English original with a notice."""

from __future__ import annotations

import json

import pytest
from django.conf import settings
from django.utils import formats, translation
from wagtail.models import Page

from guides.demo_data import GUIDES, STATUSES, UKRAINIAN_CITIES, UKRAINIAN_ORGANISATIONS
from guides.models import GuideIndexPage, GuidePage, HelpPoint, LegalStatus
from network.models import NetworkIndexPage

from .conftest import html

pytestmark = pytest.mark.django_db

CYRILLIC = set("абвгґдеєжзиіїйклмнопрстуфхцчшщьюя")


def ukrainian(text: str) -> bool:
    """Written in Ukrainian letters (і, ї, є or ґ, which Russian does not have)."""
    return any(char in text.casefold() for char in "іїєґ")


def guide(language: str, slug: str) -> GuidePage:
    return GuidePage.objects.get(locale__language_code=language, slug=slug)


def test_ukrainian_is_a_site_language_and_an_admin_language():
    assert ("uk", "Українська") in settings.LANGUAGES
    assert dict(settings.WAGTAIL_CONTENT_LANGUAGES)["uk"] == "Українська"
    assert "uk" in dict(settings.WAGTAILADMIN_PERMITTED_LANGUAGES)


def test_the_guide_index_and_chooser_are_in_ukrainian(client):
    response = client.get("/uk/guides/")
    assert response.status_code == 200
    doc = html(response)
    assert doc.html["lang"] == "uk"
    assert doc.html["dir"] == "ltr"
    index = GuideIndexPage.objects.get(locale__language_code="uk")
    assert index.alias_of_id is None  # a real translation, not the English original
    assert doc.h1.get_text(strip=True) == "Щойно прибули: перші кроки"
    assert doc.select_one(".notice--untranslated") is None
    # Every country's guide, linked in Ukrainian.
    links = {a["href"] for a in doc.select(".cards h3 a")}
    assert {f"/uk/guides/{slug}/" for slug in GUIDES} <= links
    # The chooser: statuses in the editors' order with Ukrainian names, its button in Ukrainian.
    options = doc.select("#choose-status option")
    assert [option["value"] for option in options if option["value"]] == list(STATUSES)
    names = {option.get_text(strip=True) for option in options}
    assert {"Біженець", "Тимчасовий захист", "Член сім’ї"} <= names
    with translation.override("uk"):
        button = translation.gettext("Show my checklist")
    assert button == "Показати мій список справ"
    assert button in doc.get_text()
    # Towns named in Ukrainian.
    towns = {option.get_text(strip=True) for option in doc.select("#choose-city option")}
    assert {"Рига", "Вільнюс", "Таллінн", "Валка"} <= towns


def test_ukrainian_checklist_for_a_status_and_town(client):
    response = client.get("/uk/guides/", {"status": "temporary-protection", "city": "riga"})
    assert response.status_code == 302
    assert response["Location"].startswith("/uk/guides/latvia/?")
    response = client.get(response["Location"])
    assert response.status_code == 200
    doc = html(response)
    assert doc.html["lang"] == "uk"
    assert doc.select_one(".notice--untranslated") is None
    heading = doc.get_text(" ", strip=True)
    assert "Ваш список справ: Тимчасовий захист, Рига" in heading
    page = guide("uk", "latvia")
    titles = [h3.get_text(strip=True) for h3 in doc.select("ol.steps li.step h3")]
    expected = [
        step.title
        for step in page.steps.all()
        if not step.statuses.exists() or step.statuses.filter(slug="temporary-protection").exists()
    ]
    assert titles == expected and titles
    assert all(ukrainian(title) or set(title.casefold()) & CYRILLIC for title in titles)
    assert "Знайдіть роботу або зареєструйтеся як шукач роботи" in titles
    # The help points' organisations and the hotlines in Ukrainian, with their numbers.
    text = doc.get_text(" ", strip=True)
    assert UKRAINIAN_ORGANISATIONS["state-employment-agency-latvia"] in text
    assert "Екстрена допомога: швидка, пожежна, поліція" in text
    assert "112" in text
    # Dates in Ukrainian: "10 вересня 2026 р." (nbnet/formats/uk).
    with translation.override("uk"):
        checked = formats.date_format(page.last_verified, "DATE_FORMAT")
    assert checked.endswith(" р.") and not checked[0].isalpha()
    assert checked in text
    assert "None" not in text


def test_help_points_in_ukrainian_filtered_by_town(client):
    index = GuideIndexPage.objects.get(locale__language_code="uk")
    response = client.get(index.url + "help-points/", {"city": "tallinn"})
    assert response.status_code == 200
    doc = html(response)
    text = doc.get_text(" ", strip=True)
    assert UKRAINIAN_ORGANISATIONS["police-and-border-guard-board"] in text
    assert UKRAINIAN_ORGANISATIONS["state-employment-agency-latvia"] not in text  # Riga, not Tallinn
    assert (
        HelpPoint.objects.filter(locale__language_code="uk").count()
        == HelpPoint.objects.filter(locale__language_code="en").count()
    )
    assert "З понеділка по п’ятницю" in text


def test_printout_with_ukrainian_as_the_second_language(client):
    page = guide("lv", "latvia")
    response = client.get(page.url + "print/", {"status": "temporary-protection", "with": "uk"})
    assert response.status_code == 200
    doc = html(response)
    assert doc.html["lang"] == "lv"
    cells = doc.select("tbody td[lang]")
    assert cells and {cell["lang"] for cell in cells} == {"uk"}
    ukrainian_titles = {step.title for step in guide("uk", "latvia").steps.all()}
    headings = [cell.select_one("h2").get_text(strip=True) for cell in cells if cell.select_one("h2")]
    shown = {heading.split(". ", 1)[1] for heading in headings if ". " in heading}
    assert shown and shown <= ukrainian_titles
    assert doc.select_one("#second-language option[value=uk]").has_attr("selected")


def test_printout_for_a_ukrainian_reader_puts_the_official_language_beside(client):
    page = guide("uk", "estonia")
    response = client.get(page.url + "print/", {"status": "refugee"})
    assert response.status_code == 200
    doc = html(response)
    assert doc.html["lang"] == "uk"
    first = [h2.get_text(strip=True) for h2 in doc.select("tbody td:first-child > h2")]
    assert first and all(ukrainian(title) or set(title.casefold()) & CYRILLIC for title in first)
    assert {cell["lang"] for cell in doc.select("tbody td[lang]")} == {"et"}
    with translation.override("uk"):
        assert translation.gettext("Back to the guide") in doc.get_text()


@pytest.mark.parametrize("query", ["робота", "роботи", "роботу", "Роботою"])
def test_a_ukrainian_search_for_work_finds_the_ukrainian_guides(client, query):
    response = client.get("/uk/search/", {"q": query})
    assert response.status_code == 200
    doc = html(response)
    results = doc.select("ol.results > li")
    assert results, f"nothing found for {query!r}"
    first = results[0]
    link = first.h2.a["href"]
    assert link.startswith("/uk/guides/")
    assert any(link == f"/uk/guides/{slug}/" or link.startswith(f"/uk/guides/{slug}/") for slug in GUIDES)
    marks = [mark.get_text().casefold() for mark in first.select("mark")]
    assert marks and all(mark.startswith("робот") for mark in marks)


def test_the_search_api_accepts_ukrainian(client):
    data = json.loads(client.get("/api/search/", {"q": "посвідка на проживання", "lang": "uk"}).content)
    assert data["lang"] == "uk"
    guides = [result for result in data["results"] if result["type"] == "guide"]
    assert guides and all(result["locale"] == "uk" for result in guides)


def test_russian_readers_keep_finding_russian_guides(client):
    data = json.loads(client.get("/api/search/", {"q": "работа", "lang": "ru"}).content)
    assert data["results"][0]["type"] == "guide"
    assert data["results"][0]["locale"] == "ru"


def test_an_untranslated_page_under_uk_is_the_original_with_a_notice_and_one_canonical_url(client):
    network = NetworkIndexPage.objects.get(locale__language_code="uk")
    assert network.alias_of_id is not None  # the directory is not translated into Ukrainian
    response = client.get(network.url)
    assert response.status_code == 200
    doc = html(response)
    assert doc.html["lang"] == "uk"
    assert doc.main["lang"] == "en"
    notice = doc.select_one(".notice--untranslated")
    assert notice is not None
    assert "Цю сторінку ще не перекладено" in notice.get_text()
    original = NetworkIndexPage.objects.get(locale__language_code="en")
    assert doc.select_one("link[rel=canonical]")["href"] == f"http://testserver{original.url}"
    assert doc.select_one("meta[name=robots]")["content"].startswith("noindex")
    # Its hreflang alternates are the real translations only: Ukrainian is not among them.
    alternates = {link["hreflang"] for link in doc.select("link[rel=alternate][hreflang]")}
    assert "uk" not in alternates


def test_a_translated_guide_lists_ukrainian_among_its_alternates_and_switcher(client):
    doc = html(client.get(guide("ru", "lithuania").url))
    alternates = {link["hreflang"]: link["href"] for link in doc.select("link[rel=alternate][hreflang]")}
    assert alternates["uk"] == f"http://testserver{guide('uk', 'lithuania').url}"
    switcher = {a["hreflang"]: a for a in doc.select("nav.language-switcher a")}
    assert switcher["uk"].get_text(strip=True) == "Українська"
    assert switcher["uk"]["href"] == guide("uk", "lithuania").url


def test_other_sections_are_not_translated_into_ukrainian():
    """The demo translates the newcomers' part only; a section left out is an alias."""
    uk_pages = Page.objects.filter(locale__language_code="uk")
    translated = {type(page.specific).__name__ for page in uk_pages.filter(alias_of__isnull=True)}
    assert translated == {"GuideIndexPage", "GuidePage"}
    assert uk_pages.filter(alias_of__isnull=False).exists()
    assert LegalStatus.objects.filter(locale__language_code="uk").count() == len(STATUSES)


def test_towns_have_ukrainian_names_and_locatives():
    from network.models import City

    for slug, (name, name_in) in UKRAINIAN_CITIES.items():
        city = City.objects.get(locale__language_code="uk", slug=slug)
        assert (city.name, city.name_in) == (name, name_in)


def test_a_ukrainian_browser_lands_on_the_ukrainian_site(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="uk-UA,uk;q=0.9,ru;q=0.8,en;q=0.5")
    assert response.status_code == 302
    assert response["Location"] == "/uk/"
    doc = html(client.get("/uk/"))
    assert doc.html["lang"] == "uk"
    with translation.override("uk"):
        assert doc.select_one("a.skip-link").get_text(strip=True) == "Перейти до основного вмісту"
    # The newcomers' door in the menu leads to the Ukrainian guides.
    assert "/uk/guides/" in {a["href"] for a in doc.select("nav.main-nav a")}


def test_the_ukrainian_catalogue_is_complete_and_current():
    """Every interface string has a real Ukrainian translation, with the same placeholders
    (tests/test_translations_catalog.py checks that the catalogues hold every string)."""
    import re
    from pathlib import Path

    import polib

    locale = Path(__file__).resolve().parent.parent / "locale"
    placeholder = re.compile(r"%\(\w+\)s|\{\{\s*\w+\s*\}\}")
    po = polib.pofile(str(locale / "uk/LC_MESSAGES/django.po"))
    problems = []
    for entry in po:
        if entry.obsolete:
            continue
        forms = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        if "fuzzy" in entry.flags or not all(form.strip() for form in forms):
            problems.append(f"untranslated: {entry.msgid!r}")
        elif any(set(placeholder.findall(form)) != set(placeholder.findall(entry.msgid)) for form in forms):
            problems.append(f"placeholders differ: {entry.msgid!r}")
        elif not entry.msgid_plural and forms[0] == entry.msgid:
            problems.append(f"copied from English: {entry.msgid!r}")
    assert not problems, "\n".join(problems)
    assert "nplurals=3" in po.metadata["Plural-Forms"]

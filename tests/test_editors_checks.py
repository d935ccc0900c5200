"""Editors' checks and reports (issue 24): a city of another country is refused, "Guides to
review" tells a clean link check from none, and the translation status report links only to
what the reader of the report may open."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.users.models import UserProfile

from editorial import roles
from guides.models import LinkCheck
from network.localize import term_label
from network.models import City, Country, Organisation
from practices.models import PracticeIndexPage, PracticePage

from .conftest import html
from .test_editorial import client_for, denied, form_data, make_user
from .test_editors_sync import admin_form_data

pytestmark = pytest.mark.django_db


def english(model, **lookup):
    return model.objects.get(locale__language_code="en", **lookup)


def city_errors(response) -> str:
    """The error text Wagtail shows beside the city field."""
    page = html(response)
    field = page.find(attrs={"name": "city"})
    wrapper = field.find_parent(attrs={"data-field-wrapper": True}) or field.find_parent(class_="w-field")
    return " ".join(
        error.get_text(" ", strip=True) for error in wrapper.select(".error-message, .w-field__errors")
    )


def post_practice(client, country: Country, city: City, slug: str):
    index = PracticeIndexPage.objects.get(locale__language_code="en")
    url = f"/admin/pages/add/practices/practicepage/{index.pk}/"
    data = form_data(client.get(url))
    data.update(
        title="Mentors for newcomers",
        slug=slug,
        country=str(country.pk),
        city=str(city.pk),
        start_date="2024-03-01",
        status="ongoing",
    )
    data.setdefault("body-count", "0")
    return client.post(url, {**data, "action-submit": "1"})


def test_a_page_with_a_city_of_another_country_is_refused_on_the_city_field(client, django_user_model):
    editor = make_user(django_user_model, "lt-editor-city", "Editors: Lithuania")
    client_for(client, editor)
    lithuania = english(Country, code="LT")
    jelgava = english(City, slug="jelgava")
    response = post_practice(client, lithuania, jelgava, "mentors-jelgava")
    assert response.status_code == 200
    errors = city_errors(response)
    assert "Jelgava is in Latvia, not in Lithuania" in errors
    assert not PracticePage.objects.filter(slug="mentors-jelgava").exists()

    kaunas = english(City, slug="kaunas")
    assert post_practice(client, lithuania, kaunas, "mentors-kaunas").status_code == 302
    assert PracticePage.objects.filter(slug="mentors-kaunas").exists()


def test_the_error_names_the_places_in_the_editors_language(client, django_user_model):
    editor = make_user(django_user_model, "lv-editor-city", "Editors: Latvia")
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "lv"
    profile.save()
    client_for(client, editor)
    latvia, kaunas = english(Country, code="LV"), english(City, slug="kaunas")
    errors = city_errors(post_practice(client, latvia, kaunas, "mentori-kaunas"))
    from django.utils import translation

    with translation.override("lv"):
        names = [term_label(kaunas), term_label(kaunas.country), term_label(latvia)]
    assert names[0] != "Kaunas" or names[1] != "Lithuania"  # the demo names them in Latvian
    for name in names:
        assert name in errors
    assert not PracticePage.objects.filter(slug="mentori-kaunas").exists()


def test_an_organisation_with_a_city_of_another_country_is_refused(client, django_user_model):
    moderator = make_user(django_user_model, "moderator-city", roles.MODERATORS)
    client_for(client, moderator)
    organisation = Organisation.objects.filter(locale__language_code="en", country__code="LV").first()
    url = f"/admin/snippets/network/organisation/edit/{organisation.pk}/"
    data = admin_form_data(client.get(url), "city")
    data["city"] = str(english(City, slug="tartu").pk)
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Tartu is in Estonia, not in Latvia" in city_errors(response)
    organisation.refresh_from_db()
    assert organisation.city is None or organisation.city.country.code == "LV"


# --- Guides to review: the link check -----------------------------------------------------------


def review_text(client) -> tuple[str, object]:
    page = html(client.get(reverse("guides_review")))
    return page.get_text(" ", strip=True), page


def test_review_says_no_link_check_has_run_rather_than_no_broken_link(admin_client):
    LinkCheck.objects.all().delete()
    text, page = review_text(admin_client)
    assert "No link check has run yet" in text
    assert "No broken link" not in text
    assert page.select_one('[data-link-check="never"]')


def test_review_says_when_the_last_clean_check_ran_and_warns_when_it_is_overdue(admin_client):
    LinkCheck.objects.all().delete()
    when = timezone.now() - datetime.timedelta(days=2)
    LinkCheck.objects.create(url="https://example.org/ok", ok=True, status=200, checked_at=when)
    text, page = review_text(admin_client)
    assert "No broken link was found in the last check, on" in text
    assert "No link check has run yet" not in text
    assert not page.select_one('[data-link-check="overdue"]')

    LinkCheck.objects.update(checked_at=timezone.now() - datetime.timedelta(days=60))
    LinkCheck.objects.create(
        url="https://example.org/gone",
        ok=False,
        status=404,
        checked_at=timezone.now() - datetime.timedelta(days=60),
    )
    text, page = review_text(admin_client)
    assert "https://example.org/gone" in text
    assert page.select_one('[data-link-check="broken"]')  # when that check ran
    assert page.select_one('[data-link-check="overdue"]')


# --- Translation status: links a translator may follow ------------------------------------------


def report_links(client, **params) -> tuple[list[str], list[str]]:
    page = html(client.get(reverse("editorial_translation_status"), params))
    table = page.select_one("[data-translation-status]")
    originals = [a["href"] for a in table.select("tr[data-page] > td:first-child a")]
    translations = [a["href"] for a in table.select("td[data-language] a")]
    return originals, translations


def test_translators_get_links_to_the_translation_editor_only(client, django_user_model):
    translator = make_user(django_user_model, "translator-links", roles.TRANSLATORS)
    client_for(client, translator)
    originals, translations = report_links(client, language="lv")
    assert originals == []  # English originals: the translator may not open them
    assert len(translations) >= 10
    for href in translations[:4] + translations[-2:]:
        response = client.get(href)
        assert response.status_code == 200 and not denied(response), href
        title = html(response).title.get_text()
        assert "Translation of" in title or "Tulkojums" in title  # wagtail-localize's editor


def test_moderators_still_get_links_to_the_originals(client, django_user_model):
    moderator = make_user(django_user_model, "moderator-links", roles.MODERATORS)
    client_for(client, moderator)
    originals, translations = report_links(client, language="lt")
    assert len(originals) >= 10 and len(translations) >= 10
    assert client.get(originals[0]).status_code == 200


def test_a_country_editor_gets_links_only_to_their_countrys_pages(client, django_user_model):
    editor = make_user(django_user_model, "ee-editor-links", "Editors: Estonia")
    client_for(client, editor)
    originals, _translations = report_links(client, language="et", p="1")
    assert originals
    for href in originals[:5]:
        assert client.get(href).status_code == 200, href

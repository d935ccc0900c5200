"""The anonymous page cache: served from the cache, invalidated by any change shown on the
page, and never for signed-in users, forms, previews or personal pages."""

from __future__ import annotations

import pytest
from django.test import override_settings

from network.models import PractitionerPage
from practices.models import PracticePage

from .conftest import html

pytestmark = pytest.mark.django_db


def test_anonymous_pages_are_served_from_the_cache_until_content_changes(
    client, django_capture_on_commit_callbacks
):
    url = "/en/practices/roma-mediation-latvia/"
    first = client.get(url)
    assert first["X-Page-Cache"] == "miss"
    second = client.get(url)
    assert second["X-Page-Cache"] == "hit" and second.content == first.content
    # A practitioner shown on the practice is renamed: the practice page changes at once.
    practice = PracticePage.objects.get(
        url_path__endswith="/roma-mediation-latvia/", locale__language_code="en"
    )
    person = practice.contacts.first()
    person.title = "Renamed Person"
    with django_capture_on_commit_callbacks(execute=True):  # invalidation waits for the commit
        person.save_revision().publish()
    third = client.get(url)
    assert third["X-Page-Cache"] == "miss"
    assert "Renamed Person" in third.content.decode()


def test_unpublishing_removes_the_page_from_the_cache(client, django_capture_on_commit_callbacks):
    page = PractitionerPage.objects.filter(locale__language_code="lv").live().first()
    directory = "/lv/network/"
    assert page.title in client.get(directory).content.decode()
    assert client.get(directory)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert page.title not in client.get(directory).content.decode()


def test_languages_and_query_strings_are_cached_apart(client):
    a = client.get("/lv/guides/latvia/?status=refugee&city=riga")
    b = client.get("/lv/guides/latvia/?status=asylum-seeker&city=riga")
    c = client.get("/ru/guides/latvia/?status=refugee&city=riga")
    assert len({a.content, b.content, c.content}) == 3
    assert client.get("/lv/guides/latvia/?status=asylum-seeker&city=riga").content == b.content


def test_signed_in_users_never_get_or_fill_the_shared_cache(client, admin_user):
    url = "/en/network/"
    client.force_login(admin_user)
    signed_in = client.get(url)
    assert "X-Page-Cache" not in signed_in
    client.logout()
    anonymous = client.get(url)
    assert anonymous["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"


def test_pages_with_forms_or_personal_answers_are_not_stored(client):
    # A practitioner page carries the contact form (a CSRF token): never shared.
    person = PractitionerPage.objects.filter(locale__language_code="en").live().first()
    first = client.get(person.url)
    assert "csrfmiddlewaretoken" in first.content.decode() and "X-Page-Cache" not in first
    assert "X-Page-Cache" not in client.get(person.url)
    for url in ("/en/search/?q=roma", "/en/account/login/", "/health/", "/api/search/?q=roma"):
        client.get(url)
        assert "X-Page-Cache" not in client.get(url), url


def test_previews_and_the_admin_are_not_cached(admin_client):
    admin_client.get("/admin/")
    assert "X-Page-Cache" not in admin_client.get("/admin/")


@override_settings(PAGE_CACHE_SECONDS=0)
def test_page_cache_can_be_turned_off(client):
    client.get("/en/")
    assert "X-Page-Cache" not in client.get("/en/")


def test_cached_page_keeps_its_security_headers(client):
    client.get("/et/guides/")
    hit = client.get("/et/guides/")
    assert hit["X-Page-Cache"] == "hit"
    assert "default-src 'self'" in hit["Content-Security-Policy"]
    assert hit["X-Frame-Options"] == "DENY"
    assert html(hit).html["lang"] == "et"


def test_pages_are_invalidated_again_when_the_change_commits(client, django_capture_on_commit_callbacks):
    """A reader arriving between the save and the commit may store the old page under the
    version the save set; the bump at commit time makes that copy unreachable."""
    from network.models import Organisation

    organisation = Organisation.objects.filter(locale__language_code="en").first()
    url = f"/en/network/organisations/{organisation.slug}/"
    client.get(url)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        organisation.name = "Renamed Organisation"
        organisation.save()
        assert client.get(url)["X-Page-Cache"] == "miss"  # invalidated at once…
        assert client.get(url)["X-Page-Cache"] == "hit"  # …and stored again (as a reader in the gap would)
    assert callbacks
    for callback in callbacks:
        callback()  # the commit
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss" and "Renamed Organisation" in response.content.decode()


def test_made_up_query_strings_are_not_stored(client):
    for url in ("/en/?utm_source=x", "/en/guides/?status=refugee&foo=1", "/en/?" + "page=1&" * 100):
        client.get(url)
        assert "X-Page-Cache" not in client.get(url), url
    client.get("/en/network/?country=LV&theme=roma-inclusion")
    assert client.get("/en/network/?country=LV&theme=roma-inclusion")["X-Page-Cache"] == "hit"

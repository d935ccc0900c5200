"""The open API (Wagtail API v2): public fields, the directory's filters, no private detail, a rate limit."""

from __future__ import annotations

import json

import pytest
from django.test import override_settings

from guides.models import GuidePage
from network.models import PractitionerContact, PractitionerPage
from practices.models import PracticePage

pytestmark = pytest.mark.django_db

PRACTITIONERS = "/api/v2/pages/?type=network.PractitionerPage"


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.content[:300])
    return response.json()


def test_pages_images_and_documents_answer(client):
    assert get(client, "/api/v2/pages/")["meta"]["total_count"] > 100
    assert "items" in get(client, "/api/v2/images/")
    documents = get(client, "/api/v2/documents/")
    assert documents["meta"]["total_count"] >= 10


def test_practitioner_has_the_directory_public_fields(client):
    listing = get(client, PRACTITIONERS + "&locale=en&fields=role,city,themes,organisation,languages")
    assert (
        listing["meta"]["total_count"]
        == PractitionerPage.objects.live().filter(locale__language_code="en").count()
    )
    item = listing["items"][0]
    page = PractitionerPage.objects.get(pk=item["id"])
    assert item["role"] == page.role
    assert item["city"]["slug"] == page.city.slug and item["city"]["country"] == page.city.country.code
    assert sorted(item["themes"]) == sorted(t.slug for t in page.themes.all())
    detail = get(client, f"/api/v2/pages/{page.pk}/")
    assert detail["bio"] == page.bio and detail["meta"]["locale"] == "en"


def test_filters_by_type_locale_country_and_theme(client):
    expected = (
        PractitionerPage.objects.live()
        .filter(locale__language_code="lv", city__country__code="LT", themes__slug="housing")
        .distinct()
    )
    assert expected.exists()
    data = get(client, PRACTITIONERS + "&locale=lv&country=lt&theme=housing&limit=100")
    assert {item["id"] for item in data["items"]} == {page.pk for page in expected}
    assert all(item["meta"]["locale"] == "lv" for item in data["items"])
    practices = get(client, "/api/v2/pages/?type=practices.PracticePage&locale=en&country=LV&limit=100")
    assert {item["id"] for item in practices["items"]} == set(
        PracticePage.objects.live()
        .filter(locale__language_code="en", country__code="LV")
        .values_list("pk", flat=True)
    )
    guides = get(client, "/api/v2/pages/?type=guides.GuidePage&country=EE&locale=en&fields=steps")
    assert guides["items"] and all(
        GuidePage.objects.get(pk=item["id"]).country.code == "EE" for item in guides["items"]
    )
    assert guides["items"][0]["steps"][0]["title"]
    # Without a type, the filters apply to every page type that has them.
    mixed = get(client, "/api/v2/pages/?country=EE&locale=en&limit=100")
    types = {item["meta"]["type"] for item in mixed["items"]}
    assert {"network.PractitionerPage", "practices.PracticePage", "guides.GuidePage"} <= types
    nothing = get(client, PRACTITIONERS + "&country=XX")
    assert nothing["meta"]["total_count"] == 0


@pytest.mark.parametrize(
    "url",
    [
        "/api/v2/pages/?type=no.Such",
        "/api/v2/pages/?unknown=1",
        "/api/v2/pages/?type=network.PractitionerPage&fields=contact_record",
        "/api/v2/pages/?type=network.PractitionerPage&fields=contact",
        "/api/v2/pages/?limit=abc",
        "/api/v2/pages/999999999/",
    ],
)
def test_bad_queries_get_a_clear_4xx(client, url):
    response = client.get(url)
    assert 400 <= response.status_code < 500
    assert "message" in response.json() or response.status_code == 404


@pytest.mark.parametrize("query", ["%22", "a%22b%27c", "%20", "x" * 500])
def test_any_search_text_is_answered(client, query):
    response = client.get(f"/api/v2/pages/?search={query}")
    assert response.status_code == 200


def test_a_nul_byte_in_the_search_text_is_a_clear_400(client):
    # NUL in any API parameter is refused with a message (it broke PostgreSQL filters with a 500).
    response = client.get("/api/v2/pages/?search=roma%00")
    assert response.status_code == 400
    assert "message" in response.json()


def _keys(data) -> set[str]:
    if isinstance(data, dict):
        return set(data) | {key for value in data.values() for key in _keys(value)}
    if isinstance(data, list):
        return {key for value in data for key in _keys(value)}
    return set()


PRIVATE_KEYS = {
    "email",
    "consent_at",
    "consent_version",
    "email_visibility",
    "phone_visibility",
    "contact_record",
}


@override_settings(API_RATE_LIMIT="1000/minute")
def test_no_private_contact_detail_ever_leaves(client):
    contacts = list(PractitionerContact.objects.all())
    emails = {c.email for c in contacts if c.email}
    phones = {c.phone for c in contacts if c.phone}
    assert emails and phones
    urls = [
        PRACTITIONERS + "&fields=*&limit=100",
        PRACTITIONERS + "&fields=*&limit=100&locale=ru",
        "/api/v2/pages/?type=practices.PracticePage&fields=*&limit=100",
        "/api/v2/pages/?type=practices.ProjectPage&fields=*&limit=100",
        "/api/v2/pages/?type=guides.GuidePage&fields=*&limit=100",
        "/api/v2/pages/?fields=*&limit=100",
    ]
    urls += [f"/api/v2/pages/{page.pk}/" for page in PractitionerPage.objects.live()[:60]]
    for url in urls:
        data = get(client, url)
        text = json.dumps(data, ensure_ascii=False)
        assert not any(email in text for email in emails), url
        assert not any(phone in text for phone in phones), url
        assert not _keys(data) & PRIVATE_KEYS, url
        if "PractitionerPage" in url or (
            url.startswith("/api/v2/pages/") and url[14:].split("/")[0].isdigit()
        ):
            assert "phone" not in _keys(data) and "user" not in _keys(data), url


def test_drafts_are_not_in_the_api(client):
    page = PractitionerPage.objects.live().filter(locale__language_code="en").first()
    page.unpublish()
    ids = {item["id"] for item in get(client, PRACTITIONERS + "&limit=100")["items"]}
    assert page.pk not in ids
    assert client.get(f"/api/v2/pages/{page.pk}/").status_code == 404


@override_settings(API_RATE_LIMIT="3/minute")
def test_rate_limited_per_client(client):
    for _ in range(3):
        assert client.get("/api/v2/pages/?limit=1").status_code == 200
    refused = client.get("/api/v2/pages/?limit=1")
    assert refused.status_code == 429
    assert "Retry-After" in refused
    other = client.get("/api/v2/pages/?limit=1", REMOTE_ADDR="10.1.2.3")
    assert other.status_code == 200


def test_a_practice_lists_only_published_contacts(client):
    practice = PracticePage.objects.live().filter(locale__language_code="en").exclude(contacts=None).first()
    contact = practice.contacts.first()
    shown = get(client, f"/api/v2/pages/{practice.pk}/?fields=contacts")["contacts"]
    assert contact.pk in [item["id"] for item in shown]
    contact.unpublish()
    shown = get(client, f"/api/v2/pages/{practice.pk}/?fields=contacts")["contacts"]
    assert contact.pk not in [item["id"] for item in shown]
    assert contact.title not in json.dumps(shown)


def test_photos_of_unpublished_profiles_stay_out_of_the_images_api(client):
    import wagtail_factories
    from wagtail.images import get_image_model

    person = PractitionerPage.objects.live().filter(locale__language_code="en").first()
    person.photo = wagtail_factories.ImageFactory(title=person.title)
    person.save_revision().publish()
    person.refresh_from_db()
    image_ids = {item["id"] for item in get(client, "/api/v2/images/?limit=100")["items"]}
    assert person.photo_id in image_ids
    found = get(client, f"/api/v2/images/?search={person.title.split()[0]}")["items"]  # search too
    assert person.photo_id in {item["id"] for item in found}
    for page in PractitionerPage.objects.filter(photo=person.photo):
        page.unpublish()
    image_ids = {item["id"] for item in get(client, "/api/v2/images/?limit=100")["items"]}
    assert person.photo_id not in image_ids
    found = get(client, f"/api/v2/images/?search={person.title.split()[0]}")["items"]
    assert person.photo_id not in {item["id"] for item in found}
    assert get_image_model().objects.filter(pk=person.photo_id).exists()


@pytest.mark.parametrize("query", ["cost=abc", "start_date=x", "themes=abc", "status=%00"])
def test_bad_field_filter_values_get_a_400_not_a_500(client, query):
    response = client.get(f"/api/v2/pages/?type=practices.PracticePage&{query}")
    assert response.status_code == 400
    assert "message" in response.json()

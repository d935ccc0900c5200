"""Country editors and moderators add a practitioner's e-mail without an administrator (issue 24)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.models import Locale

from editorial import roles
from network.models import City, PractitionerContact, PractitionerPage
from network.models.people import CONSENT_VERSION, Visibility

from .conftest import html
from .test_editorial import client_for, denied, make_user
from .test_editors_sync import admin_form_data

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/snippets/network/practitionercontact/add/"
LIST_URL = "/admin/snippets/network/practitionercontact/"


def profile_without_contact(code: str) -> PractitionerPage:
    """A published English profile in a country, with no contact details yet."""
    page = (
        PractitionerPage.objects.live()
        .filter(locale=Locale.get_default(), city__country__code=code, contact_record__isnull=True)
        .order_by("pk")
        .first()
    )
    if page is not None:
        return page
    page = (
        PractitionerPage.objects.live()
        .filter(locale=Locale.get_default(), city__country__code=code)
        .order_by("pk")
        .first()
    )
    PractitionerContact.objects.filter(page=page).delete()
    return page


def contact_data(client, page, **values) -> dict:
    data = admin_form_data(client.get(ADD_URL), "email")
    data.update(page=str(page.pk), **values)
    return data


@pytest.fixture
def lv_editor(django_user_model):
    return make_user(django_user_model, "lv-editor-contacts", "Editors: Latvia")


def test_a_country_editor_adds_an_email_with_the_persons_consent(client, lv_editor):
    page = profile_without_contact("LV")
    client_for(client, lv_editor)
    form = html(client.get(ADD_URL))
    names = {element.get("name") for element in form.select("input, select, textarea")}
    assert {"email", "email_visibility", "phone", "phone_visibility", "consent_confirmed"} <= names
    assert not names & {"user", "consent_at", "consent_version"}  # administrators' fields

    data = contact_data(client, page, email="Ieva.Berzina@Example.LV", email_visibility=Visibility.PUBLIC)
    response = client.post(ADD_URL, data)
    assert response.status_code == 200  # consent not confirmed: the form again
    assert "only with the person" in html(response).get_text(" ")
    assert not PractitionerContact.objects.filter(page=page).exists()

    response = client.post(ADD_URL, {**data, "consent_confirmed": "on"})
    assert response.status_code == 302, html(response).select(".error-message")
    contact = PractitionerContact.objects.get(page=page)
    assert contact.email == "ieva.berzina@example.lv"
    assert contact.email_visibility == Visibility.PUBLIC
    assert contact.consent_at is not None and contact.consent_version == CONSENT_VERSION
    assert contact.user_id is None

    # What a reader of the profile sees now.
    client.logout()
    profile = html(client.get(page.get_url()))
    assert profile.find("a", href="mailto:ieva.berzina@example.lv")


def test_a_country_editor_keeps_only_their_countrys_contacts(client, lv_editor):
    lithuanian = profile_without_contact("LT")
    client_for(client, lv_editor)
    response = client.post(
        ADD_URL,
        {
            **contact_data(client, lithuanian, email="jonas@example.lt", email_visibility=Visibility.MEMBERS),
            "consent_confirmed": "on",
        },
    )
    assert response.status_code == 200
    assert "profiles in your countries (LV)" in html(response).get_text(" ")
    assert not PractitionerContact.objects.filter(page=lithuanian).exists()

    other = PractitionerContact.objects.create(page=lithuanian, email="jonas@example.lt")
    assert denied(client.get(f"/admin/snippets/network/practitionercontact/edit/{other.pk}/"))
    listing = client.get(LIST_URL).content.decode()
    assert "jonas@example.lt" not in listing and lithuanian.title not in listing
    # No admin rights came with it: no deleting (erasure), no users, no invitations.
    assert denied(client.get(f"/admin/snippets/network/practitionercontact/delete/{other.pk}/"))
    assert denied(client.get("/admin/users/"))
    assert denied(client.get(reverse("network_invite", args=[other.pk])))


def test_the_owners_visibility_choice_stays_theirs(client, lv_editor, django_user_model):
    page = profile_without_contact("LV")
    owner = django_user_model.objects.create_user("owner-lv", "owner@example.lv", "pw-not-secret-123")
    contact = PractitionerContact.objects.create(
        page=page, email="owner@example.lv", email_visibility=Visibility.HIDDEN, user=owner
    )
    client_for(client, lv_editor)
    url = f"/admin/snippets/network/practitionercontact/edit/{contact.pk}/"
    data = admin_form_data(client.get(url), "email")
    data.update(email="new.owner@example.lv", email_visibility=Visibility.PUBLIC, consent_confirmed="on")
    response = client.post(url, data)
    assert response.status_code == 302, html(response).select(".error-message")
    contact.refresh_from_db()
    assert contact.email == "new.owner@example.lv"
    assert contact.email_visibility == Visibility.HIDDEN  # the practitioner's choice
    assert contact.user_id == owner.pk  # the account link untouched


def test_moderators_keep_every_countrys_contacts_but_not_accounts(client, django_user_model):
    moderator = make_user(django_user_model, "moderator-contacts", roles.MODERATORS)
    page = profile_without_contact("EE")
    client_for(client, moderator)
    data = contact_data(client, page, email="mari@example.ee", email_visibility=Visibility.MEMBERS)
    data["user"] = str(moderator.pk)  # not in the form: ignored
    response = client.post(ADD_URL, {**data, "consent_confirmed": "on"})
    assert response.status_code == 302, html(response).select(".error-message")
    contact = PractitionerContact.objects.get(page=page)
    assert contact.user_id is None and contact.consent_at is not None
    assert "Invite to manage the profile" not in client.get(LIST_URL).content.decode()
    # Keeping one person's details is not exporting everyone's.
    export = client.get("/admin/exchange/export/?format=json&kind=practitioner&private=on")
    assert denied(export) and b"mari@example.ee" not in export.content


def test_administrators_still_link_accounts_and_invite(client, django_user_model):
    administrator = make_user(django_user_model, "admin-contacts", roles.ADMINISTRATORS)
    client_for(client, administrator)
    names = {element.get("name") for element in html(client.get(ADD_URL)).select("input, select")}
    assert {"user", "consent_at"} <= names
    page = profile_without_contact("FI")
    contact = PractitionerContact.objects.create(page=page, email="aino@example.fi")
    assert client.get(reverse("network_invite", args=[contact.pk])).status_code == 200


def test_the_profile_must_be_the_original(client, lv_editor):
    page = profile_without_contact("LV")
    latvian = page.get_translation_or_none(Locale.objects.get(language_code="lv"))
    assert latvian is not None and City.objects.filter(pk=latvian.city_id).exists()
    client_for(client, lv_editor)
    data = contact_data(client, latvian, email="x@example.lv", email_visibility=Visibility.HIDDEN)
    response = client.post(ADD_URL, {**data, "consent_confirmed": "on"})
    assert response.status_code == 200
    assert "original language" in html(response).get_text(" ")

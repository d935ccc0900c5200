"""Reaching practitioners without exposing them: visibility, the contact form, export, erasure."""

import io
import json
import re

import pytest
from django.core import mail
from django.core.management import call_command
from wagtail.models import Locale

from network.models import ContactMessage, PractitionerContact, PractitionerPage, Visibility

from .conftest import LANGUAGES, contact_form_data, html

pytestmark = pytest.mark.django_db

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


def contacts_by_visibility(field: str, visibility: str):
    return PractitionerContact.objects.filter(**{f"{field}_visibility": visibility}).select_related("page")


def test_demo_has_every_visibility_level():
    for field in ("email", "phone"):
        for level in Visibility.values:
            assert contacts_by_visibility(field, level).exists(), (field, level)


@pytest.mark.parametrize("language", LANGUAGES)
def test_anonymous_visitors_see_only_public_contact_details(client, language):
    for contact in PractitionerContact.objects.select_related("page"):
        page = PractitionerPage.objects.get(
            translation_key=contact.page.translation_key, locale__language_code=language
        )
        text = client.get(page.url).content.decode()
        assert (contact.email in text) == (contact.email_visibility == Visibility.PUBLIC), contact.email
        assert (contact.phone in text) == (contact.phone_visibility == Visibility.PUBLIC), contact.phone


def test_signed_in_members_also_see_members_only_details(client, django_user_model):
    member = django_user_model.objects.create_user(
        "member@example.org", "member@example.org", "pw-12345-long"
    )
    client.force_login(member)
    contact = contacts_by_visibility("email", Visibility.MEMBERS).first()
    hidden = contacts_by_visibility("email", Visibility.HIDDEN).first()
    assert contact.email in client.get(contact.page.url).content.decode()
    assert hidden.email not in client.get(hidden.page.url).content.decode()


@pytest.mark.parametrize(
    "url",
    ["/en/network/", "/lv/network/?country=LV", "/ru/network/organisations/", "/en/search/?q=example.org"],
)
def test_listings_show_no_e_mail_addresses_but_public_ones(client, url):
    public = set(contacts_by_visibility("email", Visibility.PUBLIC).values_list("email", flat=True))
    found = set(EMAIL.findall(client.get(url).content.decode()))
    assert found <= public


def hidden_contact():
    return contacts_by_visibility("email", Visibility.HIDDEN).first()


def test_contact_form_mails_the_practitioner_and_a_copy_to_the_sender(client):
    contact = hidden_contact()
    response = client.post(contact.page.url, contact_form_data())
    assert response.status_code == 200
    assert len(mail.outbox) == 2
    to_practitioner, copy = mail.outbox
    assert to_practitioner.to == [contact.email]
    assert to_practitioner.reply_to == ["maija@example.net"]
    assert "compare notes" in to_practitioner.body
    assert copy.to == ["maija@example.net"]
    assert contact.email not in copy.body and contact.email not in response.content.decode()
    record = ContactMessage.objects.get(recipient=contact)
    assert record.delivered and record.sender_email == "maija@example.net"
    assert not hasattr(record, "message")  # the text itself is not kept


def test_the_sixth_message_in_an_hour_is_refused_and_keeps_what_was_typed(client):
    contacts = list(PractitionerContact.objects.exclude(email="")[:6])
    for contact in contacts[:5]:
        assert client.post(contact.page.url, contact_form_data()).status_code == 200
    response = client.post(
        contacts[5].page.url, contact_form_data(message="A sixth message that must not be lost at all.")
    )
    assert response.status_code == 429
    doc = html(response)
    assert "try again in an hour" in doc.select_one(".notice--error").get_text()
    assert "A sixth message that must not be lost" in doc.select_one("textarea[name=message]").get_text()
    assert len(mail.outbox) == 10


def test_a_different_address_from_the_same_machine_is_limited_too(client):
    contact = hidden_contact()
    for number in range(5):
        client.post(contact.page.url, contact_form_data(email=f"sender{number}@example.net"))
    assert client.post(contact.page.url, contact_form_data(email="other@example.net")).status_code == 429


def test_honeypot_sends_nothing(client):
    contact = hidden_contact()
    response = client.post(contact.page.url, contact_form_data(website="http://spam.example"))
    assert response.status_code == 200
    assert mail.outbox == []
    assert not ContactMessage.objects.exists()


@pytest.mark.parametrize(
    "overrides",
    [{"message": "short"}, {"message": "x" * 3001}, {"email": "not-an-address"}, {"name": "bad\x00name"}],
)
def test_invalid_messages_are_refused_with_the_input_kept(client, overrides):
    contact = hidden_contact()
    response = client.post(contact.page.url, contact_form_data(**overrides))
    assert response.status_code == 400
    doc = html(response)
    assert doc.select(".contact .error")
    assert doc.select_one("input[name=email]")["value"] == contact_form_data(**overrides)["email"]
    assert mail.outbox == []


def test_export_contains_the_profile_in_every_language_and_the_contact_record(client, django_user_model):
    contact = hidden_contact()
    user = django_user_model.objects.create_user(contact.email, contact.email, "pw-12345-long")
    contact.user = user
    contact.save()
    client.force_login(user)
    response = client.get("/en/account/data.json")
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    # Every language tree holds the profile (translated, or an alias of the English one).
    everywhere = sorted(Locale.objects.values_list("language_code", flat=True))
    assert set(LANGUAGES) <= set(everywhere)
    assert sorted(profile["language"] for profile in data["profiles"]) == everywhere
    assert data["contact"]["email"] == contact.email
    assert data["contact"]["consent_text_version"] == "2026-11"


def test_erasure_leaves_no_trace_of_the_person_anywhere(client, django_user_model):
    contact = contacts_by_visibility("email", Visibility.PUBLIC).first()
    name, email, slug = contact.page.title, contact.email, contact.page.slug
    user = django_user_model.objects.create_user(email, email, "pw-12345-long")
    contact.user = user
    contact.save()
    client.post(contact.page.url, contact_form_data())  # a message log entry about them
    client.force_login(user)
    assert client.post("/en/account/delete/", {"confirm": "on"}).status_code == 302

    dump = io.StringIO()
    call_command("dumpdata", stdout=dump)
    everything = dump.getvalue()
    assert name not in everything and json.dumps(name)[1:-1] not in everything
    assert email not in everything
    assert f'"{slug}"' not in everything
    assert client.get(f"/en/search/?q={name.split()[-1]}").content.decode().count(name) == 0
    assert client.get(f"/en/network/{slug}/").status_code == 404
    assert not django_user_model.objects.filter(username=email).exists()


def test_a_ten_megabyte_post_is_refused_cleanly(client):
    contact = hidden_contact()
    response = client.post(contact.page.url, contact_form_data(message="x" * (10 * 1024 * 1024)))
    assert response.status_code == 400
    assert mail.outbox == []

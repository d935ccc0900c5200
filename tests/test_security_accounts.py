"""Accounts against an attacker and a bad day (issue 25): look-alike addresses must not claim
someone's profile, erasure takes what the person sent and every cached copy of them, sign-up
survives a mail server that is down, and names cannot smuggle line breaks into e-mail headers.

The look-alike tests matter most on PostgreSQL, whose ``UPPER('ı')`` is ``'I'``: run this file
with ``DATABASE_URL=postgres://...`` as well as on SQLite.
"""

from __future__ import annotations

import datetime
import importlib
import io
import json
import re

import pytest
from django.apps import apps
from django.core import mail
from django.core.management import call_command
from django.test import Client, override_settings

from network.models import ContactMessage, PractitionerContact, PractitionerPage
from practices.models import PracticePage

from .conftest import contact_form_data, free_port, html, redis_up, require_service

pytestmark = pytest.mark.django_db

LINK = re.compile(r"http://testserver(/\w\w/account/verify/[^/\s]+/[^/\s]+/)")
VICTIM = "victim.person@riga-ngo.example"
VICTIM_PHONE = "+371 5550 4242"
PASSWORDS = {"new_password1": "a-long-pass-phrase-42", "new_password2": "a-long-pass-phrase-42"}


def sign_up(client, email: str, name: str = "Ieva Bērziņa", language: str = "en"):
    data = {"name": name, "email": email, "consent": "on", "website": ""}
    return client.post(f"/{language}/account/signup/", data)


def confirm(client) -> None:
    """Follow the link of the last e-mail and choose a password, as the person would."""
    (link,) = LINK.findall(mail.outbox[-1].body)
    assert client.post(link, PASSWORDS).status_code == 302


def victim(email: str = VICTIM) -> PractitionerContact:
    """An unclaimed listed practitioner with a hidden e-mail and phone."""
    contact = PractitionerContact.objects.filter(user__isnull=True).select_related("page").first()
    contact.email = email
    contact.email_visibility = contact.phone_visibility = "hidden"
    contact.phone = VICTIM_PHONE
    contact.save()
    return contact


# Item 1: a look-alike address must not claim the profile -----------------------------------


@pytest.mark.parametrize(
    "address",
    [
        "victim.person@rıga-ngo.example",  # dotless ı in the domain: mail goes to xn--rga-ngo-rfb
        "victım.person@riga-ngo.example",  # dotless ı in the local part
        "victim.per\u017fon@riga-ngo.example",  # long s (ſ): upper-cases to S
    ],
)
def test_a_look_alike_address_does_not_claim_the_profile(client, address):
    contact = victim()
    assert sign_up(client, address).status_code == 200
    assert mail.outbox[-1].to != [VICTIM]
    confirm(client)

    contact.refresh_from_db()
    assert contact.user is None
    export = client.get("/en/account/data.json")
    assert export.status_code == 200
    data = json.loads(export.content)
    assert data["contact"] is None and data["profiles"] == []
    body = export.content.decode()
    assert VICTIM not in body and VICTIM_PHONE not in body
    assert client.get("/en/account/").context["profile"] is None


@pytest.mark.parametrize(
    ("stored", "typed"),
    [
        (VICTIM, "Victim.Person@RIGA-ngo.example"),
        ("anna@rīga.example", "Anna@XN--RGA-UTA.example"),  # stored in Unicode, typed in punycode
        ("anna@xn--rga-uta.example", "anna@RĪGA.example"),  # and the other way round
    ],
)
def test_the_same_address_written_otherwise_claims_the_profile(client, stored, typed):
    contact = victim(stored)
    assert sign_up(client, typed).status_code == 200
    confirm(client)
    contact.refresh_from_db()
    assert contact.user is not None
    data = json.loads(client.get("/en/account/data.json").content)
    assert data["contact"]["phone"] == VICTIM_PHONE


def test_addresses_are_stored_normalised_and_signing_up_twice_finds_the_same_account(
    client, django_user_model
):
    contact = victim("Anna@RĪGA.example")
    assert contact.email == "anna@xn--rga-uta.example"
    assert sign_up(client, " Anna@RĪGA.example ").status_code == 200
    assert sign_up(client, "anna@xn--rga-uta.example").status_code == 200
    (user,) = django_user_model.objects.filter(email__endswith="xn--rga-uta.example")
    assert user.username == user.email == "anna@xn--rga-uta.example"
    assert [message.to for message in mail.outbox] == [["anna@xn--rga-uta.example"]] * 2


def test_addresses_stored_before_normalisation_are_normalised_by_the_migration(client, django_user_model):
    contact = victim()
    PractitionerContact.objects.filter(pk=contact.pk).update(email="Anna@RĪGA.example")
    legacy = django_user_model.objects.create(username="Old.User@Example.NET", email="Old.User@Example.NET")
    staff = django_user_model.objects.create(username="Editor", email="Editor@Example.NET", is_staff=True)
    ContactMessage.objects.create(recipient=contact, sender_name="M", sender_email="Maija@Example.NET")
    ContactMessage.objects.filter(sender_name="M").update(sender_email="Maija@Example.NET")

    migration = importlib.import_module("network.migrations.0003_normalise_email_addresses")
    migration.normalise_stored_addresses(apps, None)

    contact.refresh_from_db()
    legacy.refresh_from_db()
    staff.refresh_from_db()
    assert contact.email == "anna@xn--rga-uta.example"
    assert legacy.username == legacy.email == "old.user@example.net"
    assert staff.username == "Editor" and staff.email == "Editor@Example.NET"  # not a sign-up account
    assert ContactMessage.objects.get(sender_name="M").sender_email == "maija@example.net"
    # and the listed person's own address, written otherwise, now claims the profile
    sign_up(client, "anna@rīga.example")
    confirm(client)
    contact.refresh_from_db()
    assert contact.user is not None


def test_the_per_sender_limit_counts_one_address_however_it_is_written(client):
    contacts = list(PractitionerContact.objects.exclude(email="").select_related("page")[:6])
    for number, contact in enumerate(contacts[:5]):
        response = client.post(contact.page.url, contact_form_data(), REMOTE_ADDR=f"10.0.0.{number + 1}")
        assert response.status_code == 200
    assert ContactMessage.objects.filter(sender_email="maija@example.net").count() == 5
    response = client.post(
        contacts[5].page.url, contact_form_data(email="Maija@EXAMPLE.net"), REMOTE_ADDR="10.0.0.99"
    )
    assert response.status_code == 429


# Item 6: erasure takes the messages the person sent, and every cached copy of them -----------


def test_erasure_removes_the_messages_the_person_sent(client, django_user_model):
    person, other = PractitionerContact.objects.exclude(email="").select_related("page")[:2]
    name = person.page.title
    user = django_user_model.objects.create_user("person.account@example.net", "person.account@example.net")
    user.set_password("pw-12345-long")
    user.save()
    person.user = user
    person.save()
    # From the contact address typed in capitals, and from the account's own address.
    for number, address in enumerate((person.email.upper(), "Person.Account@example.net")):
        response = client.post(
            other.page.url, contact_form_data(name=name, email=address), REMOTE_ADDR=f"10.0.1.{number}"
        )
        assert response.status_code == 200
    email = person.email
    assert ContactMessage.objects.filter(sender_name=name).count() == 2

    client.force_login(user)
    assert client.post("/en/account/delete/", {"confirm": "on"}).status_code == 302

    assert not ContactMessage.objects.filter(sender_name=name).exists()
    dump = io.StringIO()
    call_command("dumpdata", "network", stdout=dump)
    everything = dump.getvalue()
    assert email not in everything and "person.account@example.net" not in everything
    assert json.dumps(name)[1:-1] not in everything and name not in everything
    # The other person's messages are untouched.
    other_record = ContactMessage.objects.create(
        recipient=other, sender_name="Someone", sender_email="s@x.org"
    )
    assert ContactMessage.objects.filter(pk=other_record.pk).exists()


def test_an_account_without_a_profile_exports_and_erases_what_it_sent(client):
    other = PractitionerContact.objects.exclude(email="").select_related("page").first()
    assert sign_up(client, "Reader.Only@example.net", name="Reader Only").status_code == 200
    confirm(client)
    response = client.post(
        other.page.url, contact_form_data(name="Reader Only", email="reader.only@EXAMPLE.net")
    )
    assert response.status_code == 200
    data = json.loads(client.get("/en/account/data.json").content)
    assert [message["to"] for message in data["messages_sent"]] == [other.page.title]
    assert client.post("/en/account/delete/", {"confirm": "on"}).status_code == 302
    assert not ContactMessage.objects.filter(sender_name="Reader Only").exists()


@pytest.fixture(params=["locmem", "redis"])
def shared_cache(request):
    """The tests' local-memory cache, and a real Redis (database 11) as in production."""
    if request.param == "locmem":
        yield
        return
    from django.core.cache import cache

    from nbnet.settings.environment import redis_cache

    require_service(redis_up(), "Redis on 127.0.0.1:6379")
    with override_settings(CACHES={"default": redis_cache("redis://127.0.0.1:6379/11", "nbnet-h1-test")}):
        cache.clear()
        yield
        cache.clear()


def test_no_cached_page_shows_the_person_after_erasure(
    client, django_user_model, django_capture_on_commit_callbacks, shared_cache
):
    reader = Client()
    practice = PracticePage.objects.get(
        url_path__endswith="/roma-mediation-latvia/", locale__language_code="en"
    )
    person = PractitionerPage.objects.get(pk=practice.contacts.first().pk)
    name = person.title
    # The practice naming them as its contact, and the directory listing their city.
    urls = [practice.url, f"/en/network/?city={person.city.slug}"]
    for url in urls:
        reader.get(url)
        cached = reader.get(url)
        assert cached["X-Page-Cache"] == "hit", url
        assert name in cached.content.decode()

    contact = person.contact
    user = django_user_model.objects.create_user(contact.email, contact.email, "pw-12345-long")
    contact.user = user
    contact.save()
    reader.get(practice.url)  # stored again after that save
    assert reader.get(practice.url)["X-Page-Cache"] == "hit"
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/en/account/delete/", {"confirm": "on"}).status_code == 302

    for url in urls:
        after = reader.get(url)
        assert after.status_code == 200
        assert name not in after.content.decode(), url
        assert after.get("X-Page-Cache") != "hit"


# Item 9: a mail server that is down --------------------------------------------------------


def mail_server_down():
    return override_settings(
        EMAIL_DELIVERY_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=free_port(),
        EMAIL_TIMEOUT=5,
    )


def test_sign_up_with_the_mail_server_down_is_accepted_and_delivered_later(client, django_user_model):
    from background import mail as outbox
    from background.models import OutgoingMail

    with mail_server_down():
        response = sign_up(client, "new.person@example.net", name="Jānis Ozols")
    assert response.status_code == 200
    queued = OutgoingMail.objects.get(kind="account")
    assert queued.status == OutgoingMail.Status.FAILING
    assert queued.message["to"] == ["new.person@example.net"]
    assert not django_user_model.objects.get(email="new.person@example.net").is_active
    # The server is back: the next try delivers the same link, which works.
    OutgoingMail.objects.filter(pk=queued.pk).update(next_attempt_at=queued.created_at)
    assert outbox.sweep(grace=datetime.timedelta(0)) == 1
    queued.refresh_from_db()
    assert queued.status == OutgoingMail.Status.DELIVERED and queued.message == {}
    confirm(client)
    assert django_user_model.objects.get(email="new.person@example.net").is_active


def test_sign_up_of_an_existing_account_with_the_mail_server_down_leaves_it_untouched(
    client, django_user_model
):
    user = django_user_model.objects.create_user("known@example.net", "known@example.net", "pw-12345-long")
    with mail_server_down():
        response = sign_up(client, "Known@example.net")
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.is_active and user.check_password("pw-12345-long")
    assert django_user_model.objects.filter(email__iexact="known@example.net").count() == 1


# Low: line breaks and control characters in names -------------------------------------------


@pytest.mark.parametrize(
    "name", ["Maija\r\nBcc: all@example.net", "Maija\nPētersone", "Maija\x1b[31m", "A\u2028B"]
)
def test_a_contact_form_name_with_line_breaks_is_refused_with_the_message_kept(client, name):
    contact = PractitionerContact.objects.exclude(email="").select_related("page").first()
    response = client.post(contact.page.url, contact_form_data(name=name))
    assert response.status_code == 400
    doc = html(response)
    assert "control characters" in doc.select_one(".contact .error").get_text()
    assert "compare notes" in doc.select_one("textarea[name=message]").get_text()
    assert mail.outbox == [] and not ContactMessage.objects.exists()


def test_a_sign_up_name_with_line_breaks_is_refused(client, django_user_model):
    response = sign_up(client, "lines@example.net", name="Jānis\r\nOzols")
    assert response.status_code == 400
    assert "control characters" in html(response).select_one(".error").get_text()
    assert html(response).select_one("input[name=email]")["value"] == "lines@example.net"
    assert mail.outbox == [] and not django_user_model.objects.filter(email="lines@example.net").exists()


def test_a_profile_name_or_role_with_line_breaks_is_refused(client, django_user_model):
    from .test_self_service import profile_data

    user = django_user_model.objects.create_user("p@example.net", "p@example.net", "pw-12345-long")
    client.force_login(user)
    for field in ("name", "role"):
        response = client.post("/en/account/profile/", profile_data(**{field: "Dace\nKļaviņa"}))
        assert response.status_code == 400, field
        doc = html(response)
        assert "control characters" in doc.select_one(".error").get_text()
        assert doc.select_one("textarea[name=bio]").get_text().strip().startswith("Helps families")
    assert not PractitionerContact.objects.filter(user=user).exists()


def test_signing_in_takes_the_address_in_any_case_and_counts_one_lockout_for_it(client, settings):
    """Sign-up stores the normalised address as the user name: the sign-in form normalises what
    is typed the same way, and django-axes counts ``Anna@…`` and ``anna@…`` as one user name."""
    sign_up(client, "Anna.Ozola@Example.NET", name="Anna Ozola")
    confirm(client)
    client.logout()
    typed = {"username": "ANNA.OZOLA@example.net", "password": PASSWORDS["new_password1"]}
    assert client.post("/en/account/login/", typed).status_code == 302

    client.logout()
    settings.AXES_FAILURE_LIMIT = 2
    wrong = "not-the-password-at-all"
    for spelling in ("Anna.Ozola@example.net", "anna.ozola@EXAMPLE.net"):
        client.post("/en/account/login/", {"username": spelling, "password": wrong})
    locked = client.post("/en/account/login/", {"username": "anna.ozola@example.net", "password": wrong})
    assert locked.status_code == 429

"""Practitioners keep their own profile up to date, through moderation, and no one else's."""

import io
import os
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from network.models import City, PractitionerContact, PractitionerPage, Theme, Visibility

from .conftest import html

pytestmark = pytest.mark.django_db

LINK = re.compile(r"http://testserver(/\w\w/account/verify/[^/\s]+/[^/\s]+/)")


def sign_up(client, email: str, name: str = "Dace Kļaviņa") -> str:
    response = client.post(
        "/lv/account/signup/", {"name": name, "email": email, "consent": "on", "website": ""}
    )
    assert response.status_code == 200
    (link,) = LINK.findall(mail.outbox[-1].body)
    response = client.post(
        link, {"new_password1": "a-long-pass-phrase-42", "new_password2": "a-long-pass-phrase-42"}
    )
    assert response.status_code == 302
    return link


def profile_data(**overrides):
    riga = City.objects.get(slug="riga", locale__language_code="en")
    housing = Theme.objects.get(slug="housing", locale__language_code="en")
    data = {
        "name": "Dace Kļaviņa",
        "role": "Housing adviser",
        "city": riga.pk,
        "themes": [housing.pk],
        "bio": "Helps families with temporary protection find a flat in Riga.",
        "email_visibility": "hidden",
        "phone": "+371 5550 9999",
        "phone_visibility": "members",
    }
    return {**data, **overrides}


def approve(page, moderator):
    state = page.current_workflow_state
    state.current_task_state.approve(user=moderator)


def png_bytes(size=(40, 40)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def test_sign_up_verifies_the_address_before_the_account_works(client, django_user_model):
    client.post("/en/account/signup/", {"name": "A Person", "email": "a.person@example.net", "consent": "on"})
    user = django_user_model.objects.get(username="a.person@example.net")
    assert not user.is_active
    response = client.post("/en/account/login/", {"username": "a.person@example.net", "password": "anything"})
    assert response.status_code == 200 and "_auth_user_id" not in client.session
    assert "/account/verify/" in mail.outbox[0].body


def test_sign_up_requires_consent_and_keeps_what_was_typed(client):
    response = client.post("/et/account/signup/", {"name": "Mari Maasikas", "email": "mari@example.net"})
    assert response.status_code == 400
    doc = html(response)
    assert doc.select_one("input[name=name]")["value"] == "Mari Maasikas"
    assert mail.outbox == []


def test_a_used_or_forged_verification_link_is_refused(client):
    link = sign_up(client, "once@example.net")
    client.logout()
    assert client.get(link).status_code == 400
    assert client.get("/en/account/verify/Zm9v/abc-def/").status_code == 400


def test_new_profile_goes_live_only_after_a_moderator_approves(client, admin_user):
    sign_up(client, "dace@example.net")
    response = client.post("/lv/account/profile/", profile_data())
    assert response.status_code == 302
    contact = PractitionerContact.objects.get(user__username="dace@example.net")
    page = contact.page
    assert contact.consent_version == "2026-11" and contact.consent_at is not None
    assert not page.live and page.workflow_in_progress
    assert client.get("/en/network/", {"country": "LV"}).content.decode().count("Dace Kļaviņa") == 0

    approve(page, admin_user)
    page.refresh_from_db()
    assert page.live
    assert page.specific.role == "Housing adviser"
    assert "Dace Kļaviņa" in client.get("/en/network/", {"theme": "housing"}).content.decode()


def test_an_invited_practitioner_claims_their_profile_and_changes_it_after_approval(client, admin_user):
    contact = PractitionerContact.objects.filter(user__isnull=True).select_related("page").first()
    page = contact.page
    old_role = page.specific.role
    sign_up(client, contact.email, name=page.title)
    contact.refresh_from_db()
    assert contact.user is not None

    form = client.get("/en/account/profile/")
    assert (
        html(form).select_one("input[name=role]")["value"] == old_role
    )  # prefilled with the current profile
    data = profile_data(name=page.title, role="Head of the Roma mediation programme")
    assert client.post("/en/account/profile/", data).status_code == 302
    assert PractitionerPage.objects.get(pk=page.pk).role == old_role  # not live before approval

    approve(PractitionerPage.objects.get(pk=page.pk), admin_user)
    assert PractitionerPage.objects.get(pk=page.pk).role == "Head of the Roma mediation programme"
    contact.refresh_from_db()
    assert contact.phone_visibility == Visibility.MEMBERS


def test_nobody_edits_someone_elses_profile(client, django_user_model):
    mine, theirs = PractitionerContact.objects.select_related("page")[:2]
    user = django_user_model.objects.create_user("mine@example.net", "mine@example.net", "pw-12345-long")
    mine.user = user
    mine.save()
    client.force_login(user)
    assert client.get(f"/en/account/profiles/{theirs.page.pk}/edit/").status_code == 403
    assert client.get(f"/en/account/profiles/{mine.page.pk}/edit/").status_code == 302
    assert client.get("/en/account/profiles/999999/edit/").status_code == 404
    # No way into the Wagtail admin either
    assert client.get(f"/admin/pages/{theirs.page.pk}/edit/").status_code in (302, 403)


def test_profile_form_rejects_files_that_are_not_images_or_too_big(client):
    sign_up(client, "photos@example.net")
    fake = SimpleUploadedFile("me.jpg", b"%PDF-1.4 not an image", content_type="image/jpeg")
    response = client.post("/en/account/profile/", {**profile_data(), "photo": fake})
    assert response.status_code == 400
    assert "not an image" in html(response).select_one(".error").get_text()
    assert html(response).select_one("textarea[name=bio]").get_text().strip().startswith("Helps families")

    huge = SimpleUploadedFile("big.png", png_bytes() + b"\0" * (5 * 1024 * 1024), content_type="image/png")
    response = client.post("/en/account/profile/", {**profile_data(), "photo": huge})
    assert response.status_code == 400
    assert "larger than 5 MB" in html(response).select_one(".error").get_text()


def test_photo_is_kept_and_removed_with_the_profile(
    client, admin_user, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = str(tmp_path)
    sign_up(client, "withphoto@example.net")
    photo = SimpleUploadedFile("me.png", png_bytes(), content_type="image/png")
    assert client.post("/en/account/profile/", {**profile_data(), "photo": photo}).status_code == 302
    page = PractitionerContact.objects.get(user__username="withphoto@example.net").page
    approve(page, admin_user)
    page = PractitionerPage.objects.get(pk=page.pk)
    path = page.photo.file.path
    assert os.path.exists(path)
    response = client.get(page.url)
    assert html(response).select_one("img.profile__photo")["alt"] == "Dace Kļaviņa"

    # Wagtail removes image files once the deleting transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/en/account/delete/", {"confirm": "on"}).status_code == 302
    assert not os.path.exists(path)
    assert not PractitionerPage.objects.filter(pk=page.pk).exists()


def test_an_editor_invites_a_listed_practitioner_who_then_claims_the_profile(admin_client, client):
    listing = admin_client.get("/admin/snippets/network/practitionercontact/").content.decode()
    invite_links = re.findall(r"/admin/network/invite/(\d+)/", listing)
    assert invite_links
    contact = PractitionerContact.objects.get(pk=invite_links[0])
    assert admin_client.get(f"/admin/network/invite/{contact.pk}/").status_code == 200
    assert admin_client.post(f"/admin/network/invite/{contact.pk}/").status_code == 302
    (link,) = LINK.findall(mail.outbox[-1].body)
    assert mail.outbox[-1].to == [contact.email]
    client.post(link, {"new_password1": "a-long-pass-phrase-42", "new_password2": "a-long-pass-phrase-42"})
    contact.refresh_from_db()
    assert contact.user is not None and contact.user.is_active
    assert client.get("/en/account/").context["profile"].pk == contact.page.pk


def test_only_people_allowed_to_change_contacts_can_invite(client, django_user_model):
    editor = django_user_model.objects.create_user("editor", "editor@example.net", "pw-12345-long")
    client.force_login(editor)
    contact = PractitionerContact.objects.first()
    assert client.post(f"/admin/network/invite/{contact.pk}/").status_code in (302, 403)
    assert mail.outbox == []


def test_account_pages_are_not_indexed(client):
    for url in ("/en/account/signup/", "/lv/account/login/"):
        assert html(client.get(url)).select_one("meta[name=robots]")["content"] == "noindex"

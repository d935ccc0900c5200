"""Roles under attack (issue 25, items 5 and 10): translators create and publish nothing but
translations; moderators and country editors upload publications (documents).

Every test acts through the admin as the person would (GET the form, POST what a browser
sends) and checks what they would see: the status, whether a page exists or is live, a file
on disk.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import TestCase
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource

from editorial import roles
from network.models import Country
from practices.models import PracticeIndexPage, PracticePage, Publication

from .test_editorial import client_for, denied, form_data, make_user, practice_in

pytestmark = pytest.mark.django_db

MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


@pytest.fixture
def translator(django_user_model):
    return make_user(django_user_model, "sec-translator", roles.TRANSLATORS)


@pytest.fixture
def moderator(django_user_model):
    return make_user(django_user_model, "sec-moderator", roles.MODERATORS)


def _index(language: str) -> PracticeIndexPage:
    return PracticeIndexPage.objects.get(locale__language_code=language)


def _practice_form(client, moderator_client, index: PracticeIndexPage, slug: str) -> dict:
    """A complete add form for a practice under ``index``, as a browser would send it (read
    through a moderator's session: the translator may not even see the form)."""
    url = f"/admin/pages/add/practices/practicepage/{index.pk}/"
    data = form_data(moderator_client.get(url))
    country = Country.objects.get(code="LV", locale=index.locale)
    data.update(
        title=f"Translator's own page {slug}",
        slug=slug,
        country=str(country.pk),
        start_date="2024-03-01",
        status="ongoing",
    )
    data.setdefault("body-count", "0")
    return data


# --- Item 5: translators create nothing ----------------------------------------------------


@pytest.mark.parametrize("language", ["lv", "en"])
def test_a_translator_cannot_create_and_publish_a_page(client, django_user_model, translator, language):
    from django.test import Client

    moderator_client = Client()
    moderator_client.force_login(make_user(django_user_model, f"form-reader-{language}", roles.MODERATORS))
    index = _index(language)
    slug = f"translator-created-{language}"
    data = _practice_form(client, moderator_client, index, slug)

    client_for(client, translator)
    url = f"/admin/pages/add/practices/practicepage/{index.pk}/"
    response = client.post(url, {**data, "action-publish": "action-publish"})
    assert not Page.objects.filter(slug=slug).exists()  # nothing created, nothing published
    assert denied(response)
    assert denied(client.get(url))
    assert denied(client.get(f"/admin/pages/{index.pk}/add_subpage/"))
    assert not index.permissions_for_user(translator).can_add_subpage()


def test_a_translator_cannot_copy_a_translation_into_a_new_page(client, translator):
    latvian = practice_in("LV").get_translation(Locale.objects.get(language_code="lv"))
    parent = latvian.get_parent()
    client_for(client, translator)
    response = client.post(
        f"/admin/pages/{latvian.pk}/copy/",
        {
            "new_title": "Copied by a translator",
            "new_slug": "copied-by-a-translator",
            "new_parent_page": str(parent.pk),
            "publish_copies": "on",
        },
    )
    assert response.status_code in (200, 302, 403)
    assert not Page.objects.filter(slug="copied-by-a-translator").exists()


def test_a_translator_cannot_publish_a_page_that_is_not_a_translation(client, translator, moderator):
    """A page a moderator created directly in the Latvian tree (a draft, not a translation of
    an English original) is out of the translator's reach."""
    index = _index("lv")
    lv_latvia = Country.objects.get(code="LV", locale=index.locale)
    original = index.add_child(
        instance=PracticePage(
            title="Only in Latvian",
            slug="only-in-latvian",
            country=lv_latvia,
            start_date="2024-03-01",
            status="ongoing",
            live=False,
        )
    )
    original.save_revision(user=moderator)
    assert not original.permissions_for_user(translator).can_publish()
    assert not original.permissions_for_user(translator).can_edit()
    client_for(client, translator)
    assert denied(client.get(f"/admin/pages/{original.pk}/edit/"))
    response = client.post(f"/admin/pages/{original.pk}/edit/", {"action-publish": "action-publish"})
    assert denied(response)
    original.refresh_from_db()
    assert not original.live


def test_a_translator_still_translates_and_publishes_translations(client, translator, moderator):
    """Through the admin: submit an English page for translation into Latvian (wagtail-localize
    creates the page), then publish the translation from wagtail-localize's editor."""
    index = _index("en")
    latvia = Country.objects.get(code="LV", locale__language_code="en")
    english = index.add_child(
        instance=PracticePage(
            title="Winter language camp",
            slug="winter-language-camp",
            country=latvia,
            start_date="2024-03-01",
            status="ongoing",
        )
    )
    english.save_revision(user=moderator).publish()
    lv = Locale.objects.get(language_code="lv")
    client_for(client, translator)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(f"/admin/localize/submit/page/{english.pk}/", {"locales": [str(lv.pk)]})
    assert response.status_code == 302, response.content.decode()[:2000]
    latvian = english.get_translation(lv)
    assert Translation.objects.filter(
        source=TranslationSource.objects.get_for_instance(english), target_locale=lv
    ).exists()
    assert latvian.permissions_for_user(translator).can_publish()
    latvian.unpublish()
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(f"/admin/pages/{latvian.pk}/edit/", {"action": "publish"})
    assert response.status_code in (200, 302), response.content.decode()[:2000]
    latvian.refresh_from_db()
    assert latvian.live


def test_the_translators_role_has_no_add_permission_and_setup_roles_keeps_it_so():
    call_command("setup_roles", verbosity=0)
    from django.contrib.auth.models import Group

    group = Group.objects.get(name=roles.TRANSLATORS)
    actions = set(group.page_permissions.values_list("permission__codename", flat=True))
    assert actions == {"change_page", "publish_page"}


# --- Item 10: moderators and country editors upload publications ---------------------------


def _upload(client, name: str, content: bytes, content_type: str):
    from wagtail.models import Collection

    return client.post(
        "/admin/documents/add/",
        {
            "title": f"Report {name}",
            "file": SimpleUploadedFile(name, content, content_type=content_type),
            "collection": str(Collection.get_first_root_node().pk),
            "kind": "report",
            "language": "en",
            "year": "2025",
            "authors": "Network secretariat",
            "summary": "",
        },
    )


@pytest.mark.parametrize(
    ("group", "name", "content", "content_type"),
    [
        (roles.MODERATORS, "moderator-report.pdf", MINIMAL_PDF, "application/pdf"),
        ("Editors: Latvia", "editor-notes.txt", b"Minutes of the Riga meeting.\n", "text/plain"),
    ],
)
def test_moderators_and_editors_upload_publications(
    client, django_user_model, settings, tmp_path, group, name, content, content_type
):
    settings.MEDIA_ROOT = str(tmp_path)
    user = make_user(django_user_model, f"uploader-{group[:4].lower()}", group)
    client_for(client, user)
    assert client.get("/admin/documents/add/").status_code == 200
    response = _upload(client, name, content, content_type)
    assert response.status_code == 302, response.content.decode()[:2000]
    publication = Publication.objects.get(title=f"Report {name}")
    assert publication.uploaded_by_user == user
    stored = Path(tmp_path) / publication.file.name
    assert stored.read_bytes() == content
    # …and choose it in a page's document chooser.
    chooser = client.get("/admin/documents/chooser/")
    assert chooser.status_code == 200
    assert re.search(rf"Report {re.escape(name)}", chooser.content.decode())


def test_moderators_change_publications_and_editors_do_not(client, django_user_model, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    moderator = make_user(django_user_model, "doc-moderator", roles.MODERATORS)
    editor = make_user(django_user_model, "doc-editor", "Editors: Estonia")
    publication = Publication.objects.first()
    client_for(client, editor)
    assert denied(client.get(f"/admin/documents/edit/{publication.pk}/"))
    client.logout()
    client_for(client, moderator)
    assert client.get(f"/admin/documents/edit/{publication.pk}/").status_code == 200


@pytest.mark.parametrize("group", [roles.PRACTITIONERS, roles.TRANSLATORS])
def test_practitioners_and_translators_cannot_upload(client, django_user_model, settings, tmp_path, group):
    settings.MEDIA_ROOT = str(tmp_path)
    user = make_user(django_user_model, f"no-upload-{group[:5].lower()}", group)
    client_for(client, user)
    response = _upload(client, "sneaky.pdf", MINIMAL_PDF, "application/pdf")
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert "/admin/login/" in response["Location"] or response["Location"].rstrip("/").endswith("/admin")
    assert not Publication.objects.filter(title="Report sneaky.pdf").exists()
    assert not list(Path(tmp_path).rglob("sneaky*"))

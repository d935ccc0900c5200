"""Editors' side: the Wagtail admin and wagtail-localize's translation editor work."""

import pytest
from wagtail.models import Locale
from wagtail_localize.models import Translation

from home.models import StandardPage

pytestmark = pytest.mark.django_db


def test_admin_requires_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_admin_dashboard_and_page_explorer(admin_client):
    assert admin_client.get("/admin/").status_code == 200
    about = StandardPage.objects.get(locale__language_code="en")
    assert admin_client.get(f"/admin/pages/{about.pk}/edit/").status_code == 200


def test_translation_editor_opens_for_a_demo_translation(admin_client):
    about_lv = StandardPage.objects.get(locale=Locale.objects.get(language_code="lv"))
    response = admin_client.get(f"/admin/pages/{about_lv.pk}/edit/")
    assert response.status_code == 200
    # wagtail-localize replaces the page editor of a translation with its translation editor
    assert b"Par t\xc4\xabklu" in response.content
    assert Translation.objects.filter(target_locale__language_code="lv").exists()


@pytest.mark.parametrize("language", ["lv", "lt", "et", "ru"])
def test_admin_interface_speaks_the_editors_language(admin_client, admin_user, language):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = language
    profile.save()
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    assert f'lang="{language}"'.encode() in response.content

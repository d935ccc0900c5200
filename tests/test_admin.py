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


@pytest.mark.parametrize(
    "model_path",
    [
        "network.models.PractitionerPage",
        "network.models.TwinningPage",
        "network.models.NetworkIndexPage",
        "practices.models.PracticePage",
        "practices.models.ProjectPage",
        "practices.models.EventPage",
        "practices.models.LibraryPage",
    ],
)
def test_editors_can_open_every_page_type_in_the_admin(admin_client, model_path):
    from django.utils.module_loading import import_string

    model = import_string(model_path)
    page = model.objects.filter(locale__language_code="en").first()
    assert admin_client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
    translation = model.objects.filter(
        locale__language_code="lt", translation_key=page.translation_key
    ).first()
    assert admin_client.get(f"/admin/pages/{translation.pk}/edit/").status_code == 200  # translation editor


@pytest.mark.parametrize(
    "snippet", ["organisation", "country", "city", "theme", "targetgroup", "practitionercontact"]
)
def test_snippets_are_listed_and_translatable_in_the_admin(admin_client, snippet):
    assert admin_client.get(f"/admin/snippets/network/{snippet}/").status_code == 200
    if snippet != "practitionercontact":
        response = admin_client.get(f"/admin/snippets/network/{snippet}/?locale=lv")
        assert response.status_code == 200


def test_block_previews_render_for_editors(admin_client):
    from home.blocks import BodyBlock

    for name, block in BodyBlock.base_blocks.items():
        response = admin_client.get("/admin/block-preview/", {"id": block.definition_prefix})
        assert response.status_code == 200, name
        assert block.meta.description, f"{name} has no description for editors"


def editor_form_data(response) -> dict:
    """What the page editor's form would send as it stands (inputs, selects, textareas)."""
    from bs4 import BeautifulSoup

    form = BeautifulSoup(response.content, "html.parser").find("form", attrs={"data-edit-form": True})
    form = form or BeautifulSoup(response.content, "html.parser").find("form", id="w-editor-form")
    data: dict = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or field.get("type") in ("submit", "button", "file"):
            continue
        if field.name == "select":
            chosen = [o.get("value") for o in field.find_all("option") if o.has_attr("selected")]
            data[name] = chosen if field.has_attr("multiple") else (chosen[0] if chosen else "")
        elif field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data.setdefault(name, []).append(field.get("value", "on"))
        elif field.name == "textarea":
            data[name] = field.text
        else:
            data[name] = field.get("value", "")
    return data


def test_the_preview_panel_may_frame_the_page_and_public_pages_still_may_not(admin_client, client):
    from network.models import PractitionerPage

    page = PractitionerPage.objects.filter(locale__language_code="en", live=True).first()
    edit = admin_client.get(f"/admin/pages/{page.pk}/edit/")
    data = editor_form_data(edit)
    data["title"] = "Preview Probe Unsaved Title"
    preview_url = f"/admin/pages/{page.pk}/edit/preview/"
    checked = admin_client.post(preview_url, data)
    assert checked.json() == {"is_valid": True, "is_available": True}
    preview = admin_client.get(preview_url, {"mode": ""})
    assert preview.status_code == 200
    assert "Preview Probe Unsaved Title" in preview.content.decode()
    policy = dict(
        part.strip().split(" ", 1) for part in preview["Content-Security-Policy"].split(";") if part.strip()
    )
    assert policy["frame-ancestors"] == "'self'"
    assert preview["X-Frame-Options"] == "SAMEORIGIN"
    assert policy["script-src"] == "'self'"  # the rest of the public policy holds
    public = client.get(page.url)
    assert "frame-ancestors 'none'" in public["Content-Security-Policy"]

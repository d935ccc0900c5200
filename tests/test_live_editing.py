"""Editors at work leave the page cache alone: only what readers see invalidates it.

Wagtail 8 autosaves a draft about every half second while an editor types; before, every
such save (and every lock, workflow step, contact message or rendition) emptied the page
and fragment caches of the whole site. Each test stores an unrelated page (a Latvian
guide), does what an editor or reader does, and asks again.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Revision

from network.models import PractitionerPage
from practices.models import PracticePage

from .conftest import contact_form_data

pytestmark = pytest.mark.django_db

UNRELATED = "/lv/guides/"


def stored(client, url: str) -> None:
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"


def profile() -> tuple[PractitionerPage, str]:
    """A practitioner, and a page that shows them (a practice they are a contact of; profiles
    themselves are never stored, they carry the contact form)."""
    practice = PracticePage.objects.live().filter(locale__language_code="en", contacts__isnull=False).first()
    return practice.contacts.first().specific, practice.url


def form_data(page_html: bytes, form_id: str) -> dict[str, list[str]]:
    """What a browser would send for the form as it stands, from the rendered page."""
    form = BeautifulSoup(page_html.decode(), "html.parser").find("form", id=form_id)
    data: dict[str, list[str]] = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or field.has_attr("disabled"):
            continue
        kind = field.get("type", "text")
        if field.name == "input" and kind in ("submit", "button", "file", "image", "reset"):
            continue
        if kind in ("checkbox", "radio") and not field.has_attr("checked"):
            continue
        if field.name == "textarea":
            value = [field.text]
        elif field.name == "select":
            value = [option.get("value", option.text) for option in field.find_all("option", selected=True)]
        else:
            value = [field.get("value", "on" if kind in ("checkbox", "radio") else "")]
        data.setdefault(name, []).extend(value)
    return data


def edit(admin_client, page, **changes):
    url = f"/admin/pages/{page.pk}/edit/"
    data = form_data(admin_client.get(url).content, "page-edit-form")
    for name, value in changes.items():
        data[name] = [value]
    return url, data


def test_an_autosave_through_the_admin_leaves_every_stored_page_valid(
    client, admin_client, django_capture_on_commit_callbacks
):
    person, shows_person = profile()
    stored(client, UNRELATED)
    stored(client, shows_person)
    revisions = Revision.objects.filter(object_id=str(person.pk)).count()
    url, data = edit(admin_client, person, title="Draft Name Being Typed")
    with django_capture_on_commit_callbacks(execute=True):
        # The editor's autosave: the edit form posted by script, answered in JSON.
        response = admin_client.post(url, data, HTTP_ACCEPT="application/json")
    assert response.status_code == 200 and response.json()["success"] is True
    assert Revision.objects.filter(object_id=str(person.pk)).count() == revisions + 1
    assert client.get(UNRELATED)["X-Page-Cache"] == "hit"
    # Even a page that shows the person: readers see the published name until it is published.
    related = client.get(shows_person)
    assert related["X-Page-Cache"] == "hit" and "Draft Name Being Typed" not in related.content.decode()


def test_a_draft_save_a_lock_and_a_workflow_submission_leave_stored_pages_valid(
    client, admin_client, django_capture_on_commit_callbacks
):
    person, _shows_person = profile()
    stored(client, UNRELATED)
    url, data = edit(admin_client, person, title="Saved As Draft")
    with django_capture_on_commit_callbacks(execute=True):
        assert admin_client.post(url, data).status_code == 302  # "Save draft"
    assert client.get(UNRELATED)["X-Page-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        assert admin_client.post(f"/admin/pages/{person.pk}/lock/").status_code == 302
    person.refresh_from_db()
    assert person.locked
    assert client.get(UNRELATED)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(f"/admin/pages/{person.pk}/unlock/")

    url, data = edit(admin_client, person, title="Submitted For Review")
    data["action-submit"] = ["1"]
    with django_capture_on_commit_callbacks(execute=True):
        assert admin_client.post(url, data).status_code == 302
    person.refresh_from_db()
    assert person.workflow_in_progress
    assert client.get(UNRELATED)["X-Page-Cache"] == "hit"


def test_a_contact_message_leaves_stored_pages_valid(client, django_capture_on_commit_callbacks):
    person = (
        PractitionerPage.objects.filter(locale__language_code="en", contact_record__email__contains="@")
        .live()
        .first()
    )
    stored(client, UNRELATED)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(person.url, contact_form_data())
    assert response.status_code == 200
    assert client.get(UNRELATED)["X-Page-Cache"] == "hit"


def test_publishing_still_renews_what_readers_see(client, admin_client, django_capture_on_commit_callbacks):
    person, shows_person = profile()
    stored(client, shows_person)
    url, data = edit(admin_client, person, title="Published New Name")
    data["action-publish"] = ["1"]
    with django_capture_on_commit_callbacks(execute=True):
        assert admin_client.post(url, data).status_code == 302
    page = client.get(shows_person)
    assert page["X-Page-Cache"] == "miss" and "Published New Name" in page.content.decode()

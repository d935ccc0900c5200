"""Wagtail's search index (the admin's page search) follows publishing and skips draft saves
(``home/search_index.py``): an autosave about once a second while an editor types re-indexed
the unchanged live page each time."""

from __future__ import annotations

import pytest
from django_tasks.signals import task_enqueued
from modelsearch import tasks

from network.models import PractitionerPage

from .test_live_editing import edit

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed():
    """The pages Wagtail's own indexing task is queued for (it still runs)."""
    seen = []

    def queued(sender, task_result, **kwargs):
        if task_result.task.name == tasks.insert_or_update_object_task.name:
            seen.append(tuple(task_result.args))

    task_enqueued.connect(queued, weak=False, dispatch_uid="test-indexed")
    yield seen
    task_enqueued.disconnect(dispatch_uid="test-indexed")


def test_an_autosave_does_not_reindex_and_a_publish_does(
    admin_client, indexed, django_capture_on_commit_callbacks
):
    person = PractitionerPage.objects.live().get(locale__language_code="en", slug="kadri-tamm")
    url, data = edit(admin_client, person, title="Kadri Autosaved Draft")
    response = admin_client.post(url, data, HTTP_ACCEPT="application/json")
    assert response.status_code == 200 and response.json()["success"] is True
    assert ("network", "practitionerpage", str(person.pk)) not in indexed

    url, data = edit(admin_client, person, title="Kadri Published Searchable")
    data["action-publish"] = ["1"]
    with django_capture_on_commit_callbacks(execute=True):
        assert admin_client.post(url, data).status_code == 302
    assert ("network", "practitionerpage", str(person.pk)) in indexed
    # What an editor sees: the admin's page search finds the published title.
    found = admin_client.get("/admin/pages/search/", {"q": "Searchable"})
    assert found.status_code == 200 and "Kadri Published Searchable" in found.content.decode()


def test_deleting_a_page_removes_it_from_the_admin_search(admin_client):
    person = PractitionerPage.objects.live().get(locale__language_code="en", slug="kadri-tamm")
    assert "Kadri Tamm" in admin_client.get("/admin/pages/search/", {"q": "Kadri"}).content.decode()
    for translation in person.get_translations(inclusive=True):
        translation.delete()
    assert "Kadri Tamm" not in admin_client.get("/admin/pages/search/", {"q": "Kadri"}).content.decode()

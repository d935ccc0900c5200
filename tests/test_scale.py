"""``seed_scale``: bulk-written pages are real pages — a valid tree, served, listed, searchable."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Locale, Page

from network.models import NetworkIndexPage, PractitionerPage
from practices.models import PracticePage

pytestmark = pytest.mark.django_db


def test_generated_pages_are_valid_served_and_searchable(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    out = io.StringIO()
    call_command("seed_scale", practitioners=5, practices=3, stdout=out)
    assert "Added 5 practitioners and 3 practices." in out.getvalue()
    assert "practitioners: 5 of 5" in out.getvalue()  # progress is shown
    assert Page.find_problems() == ([], [], [], [], [])  # treebeard paths, depths, numchild all right

    directory = NetworkIndexPage.objects.get(locale=Locale.get_default())
    people = PractitionerPage.objects.child_of(directory).filter(slug__startswith="gen-")
    assert people.count() == 5 and directory.get_children().count() == directory.specific.numchild
    person = people.order_by("path").first()
    assert person.themes.count() == 2 and person.city_id
    page = client.get(person.url)
    assert page.status_code == 200 and person.title in page.content.decode()
    practice = PracticePage.objects.filter(slug__startswith="gen-practice-").first()
    assert client.get(practice.url).status_code == 200
    assert practice.title in client.get("/en/practices/", {"page": 1}).content.decode()
    results = client.get("/en/search/", {"q": practice.title}).content.decode()
    assert practice.url in results  # its search entry was written too

    again = io.StringIO()
    call_command("seed_scale", practitioners=5, practices=3, stdout=again)
    assert "Added 0 practitioners and 0 practices." in again.getvalue()  # numbers are totals


def test_negative_numbers_are_refused():
    with pytest.raises(CommandError):
        call_command("seed_scale", practitioners=-1, practices=0, stdout=io.StringIO())

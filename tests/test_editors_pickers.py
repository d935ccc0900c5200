"""Pickers in the editor list each record once, in the editor's language (issue 24).

People, organisations and twin cities are chosen with a search box (``editorial.pickers``,
tests/test_pickers_scale.py for its scale); taxonomies, a few dozen terms, stay lists."""

from __future__ import annotations

import pytest
from wagtail.models import Locale
from wagtail.users.models import UserProfile

from editorial import roles
from network.models import Organisation, PractitionerPage, Theme
from practices.models import PracticePage

from .conftest import html
from .test_editorial import client_for, make_user

pytestmark = pytest.mark.django_db


def options(page, name: str) -> list[tuple[str, str]]:
    field = page.find("select", attrs={"name": name})
    assert field is not None, name
    return [
        (option["value"], option.get_text(strip=True))
        for option in field.find_all("option")
        if option["value"]
    ]


@pytest.fixture
def moderator(django_user_model):
    return make_user(django_user_model, "moderator-pickers", roles.MODERATORS)


def test_people_and_organisations_are_found_once_not_once_per_language(client, moderator):
    default = Locale.get_default()
    client_for(client, moderator)
    for slug in ("ieva-krumina", "kadri-tamm"):
        person = PractitionerPage.objects.get(locale=default, slug=slug)
        assert PractitionerPage.objects.filter(translation_key=person.translation_key).count() > 2
        found = client.get("/admin/pickers/people/", {"q": person.title}).json()["results"]
        assert [item["id"] for item in found] == [person.pk]
    for organisation in Organisation.objects.filter(locale=default).order_by("pk")[:6]:
        found = client.get("/admin/pickers/organisations/", {"q": organisation.name}).json()["results"]
        ids = [item["id"] for item in found]
        assert ids.count(organisation.pk) == 1
        assert set(Organisation.objects.filter(pk__in=ids).values_list("locale_id", flat=True)) == {
            default.pk
        }


def test_a_name_typed_in_lower_case_is_found_whatever_its_first_letter(client, moderator):
    """SQLite folds case in ASCII letters only: "žukauskas" must still find "Žukauskas"."""
    client_for(client, moderator)
    default = Locale.get_default()
    people = PractitionerPage.objects.filter(
        locale=default, title__in=["Darius Žukauskas", "Katrín Ólafsdóttir"]
    )
    assert len(people) == 2
    for person in people:
        surname = person.title.split()[-1]
        for typed in (surname.lower(), surname.upper(), surname[:4].lower()):
            found = client.get("/admin/pickers/people/", {"q": typed}).json()["results"]
            assert person.pk in [item["id"] for item in found], typed


def test_the_editor_offers_no_list_of_every_person(client, moderator):
    practice = PracticePage.objects.filter(locale=Locale.get_default(), live=True).order_by("pk").first()
    client_for(client, moderator)
    page = html(client.get(f"/admin/pages/{practice.pk}/edit/"))
    for name in ("contacts", "organisations", "twinnings"):
        assert page.find("select", attrs={"name": name}) is None
        picker = page.find(attrs={"data-picker-chosen": True, "data-name": name})
        assert picker is not None, name
        label = page.find("label", attrs={"for": f"id_{name}-search"})
        assert label is not None and label.get_text(strip=True)  # the field's label names the search box


def test_what_is_chosen_stays_chosen_when_saved_unchanged(client, moderator):
    practice = (
        PracticePage.objects.filter(locale=Locale.get_default(), live=True, contacts__isnull=False)
        .order_by("pk")
        .first()
    )
    chosen = set(practice.contacts.values_list("pk", flat=True))
    client_for(client, moderator)
    page = html(client.get(f"/admin/pages/{practice.pk}/edit/"))
    selected = {
        int(box["value"])
        for box in page.select('[data-picker-chosen] input[name="contacts"]')
        if box.has_attr("checked")
    }
    assert selected == chosen


def test_themes_are_named_in_the_editors_language(client, moderator):
    profile = UserProfile.get_for_user(moderator)
    profile.preferred_language = "lv"
    profile.save()
    practice = PracticePage.objects.filter(locale=Locale.get_default(), live=True).order_by("pk").first()
    client_for(client, moderator)
    page = html(client.get(f"/admin/pages/{practice.pk}/edit/"))
    labels = {text for _value, text in options(page, "themes")}
    latvian = set(Theme.objects.filter(locale__language_code="lv").values_list("name", flat=True))
    english = set(Theme.objects.filter(locale__language_code="en").values_list("name", flat=True))
    assert latvian - english  # the demo names themes in Latvian
    assert labels == latvian

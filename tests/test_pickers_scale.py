"""Pickers that scale (issue 24): people, organisations and twin cities are chosen with a
search box (``editorial.pickers``), not from a list of every record. The practice editor's
size does not grow with the number of practitioners; the search finds each person once, in
the editor's language and, for a country editor, in their country; what is saved reaches the
translations, which show the translated people."""

from __future__ import annotations

import pytest
from django.test import TestCase
from wagtail.models import Locale, Page
from wagtail.users.models import UserProfile

from editorial import roles
from home import scale
from network.models import Organisation, PractitionerPage
from practices.models import PracticePage

from .conftest import html
from .test_editorial import client_for, make_user
from .test_live_editing import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator(django_user_model):
    return make_user(django_user_model, "moderator-scale", roles.MODERATORS)


@pytest.fixture
def lv_editor(django_user_model):
    return make_user(django_user_model, "lv-editor-scale", "Editors: Latvia")


def speaks(user, language: str) -> None:
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


def practice_with_contacts() -> PracticePage:
    return (
        PracticePage.objects.filter(locale=Locale.get_default(), live=True, contacts__isnull=False)
        .order_by("pk")
        .first()
    )


def edit_url(page) -> str:
    return f"/admin/pages/{page.pk}/edit/"


def chosen(page_html, name: str) -> dict[int, str]:
    """The records a picker shows as chosen: ``{pk: label}``, all ticked."""
    boxes = page_html.select(f'[data-picker-chosen] input[name="{name}"]')
    assert all(box.has_attr("checked") for box in boxes)
    return {int(box["value"]): box.find_parent("label").get_text(strip=True) for box in boxes}


def search(client, kind: str, query: str, **params) -> dict:
    response = client.get(f"/admin/pickers/{kind}/", {"q": query, **params})
    assert response.status_code == 200
    return response.json()


def test_the_practice_editor_does_not_grow_with_the_number_of_practitioners(client, moderator):
    practice = practice_with_contacts()
    client_for(client, moderator)
    before = client.get(edit_url(practice))
    assert before.status_code == 200
    people_before = set(PractitionerPage.objects.values_list("pk", flat=True))

    scale.build(300, 0, lambda message: None)
    added = set(PractitionerPage.objects.values_list("pk", flat=True)) - people_before
    assert len(added) == 300

    after = client.get(edit_url(practice))
    # A list of every person grew by one <option> (about 60 bytes) per practitioner: 18 kB here.
    assert abs(len(after.content) - len(before.content)) < 1_000
    page = html(after)
    values = {int(v) for e in page.find_all(["input", "option"]) if (v := e.get("value", "")).isdigit()}
    assert not values & added
    # The chosen contacts are there, ticked and named.
    shown = chosen(page, "contacts")
    assert set(shown) == set(practice.contacts.values_list("pk", flat=True))
    assert set(shown.values()) == set(practice.contacts.values_list("title", flat=True))
    # And a new person is found by the search box's endpoint.
    newcomer = PractitionerPage.objects.get(pk=min(added))
    found = search(client, "people", newcomer.title)["results"]
    assert newcomer.pk in {item["id"] for item in found}


def test_chosen_people_and_organisations_are_named_in_the_editors_language(client, moderator):
    practice = (
        PracticePage.objects.filter(
            locale=Locale.get_default(), live=True, contacts__isnull=False, organisations__isnull=False
        )
        .order_by("pk")
        .first()
    )
    person = practice.contacts.order_by("pk").first()
    russian = person.get_translation(Locale.objects.get(language_code="ru"))
    russian.title = "Иева Круминя"
    russian.save_revision().publish()
    speaks(moderator, "ru")
    client_for(client, moderator)
    page = html(client.get(edit_url(practice)))
    assert chosen(page, "contacts")[person.pk] == "Иева Круминя"

    speaks(moderator, "lv")
    page = html(client.get(edit_url(practice)))
    organisations = chosen(page, "organisations")
    assert set(organisations) == set(practice.organisations.values_list("pk", flat=True))
    latvian = dict(
        Organisation.objects.filter(locale__language_code="lv").values_list("translation_key", "name")
    )
    for organisation in practice.organisations.all():
        assert organisations[organisation.pk] == latvian[organisation.translation_key]


def test_search_finds_a_person_once_in_the_editors_language(client, moderator):
    person = PractitionerPage.objects.get(locale=Locale.get_default(), slug="ieva-krumina")
    russian = person.get_translation(Locale.objects.get(language_code="ru"))
    russian.title = "Иева Круминя"
    russian.save_revision().publish()
    lithuanian = person.get_translation(Locale.objects.get(language_code="lt"))
    lithuanian.title = "Ieva Kruminaitė"
    lithuanian.save_revision().publish()
    client_for(client, moderator)

    speaks(moderator, "ru")
    results = search(client, "people", "Круминя")["results"]
    assert results == [{"id": person.pk, "label": "Иева Круминя", "detail": results[0]["detail"]}]
    # Each person once, the record the relation stores, named in Russian, however they are typed.
    assert [item["id"] for item in search(client, "people", "Ieva Krūmiņa")["results"]] == [person.pk]
    # Another language's spelling is not the editor's: not found.
    assert search(client, "people", "Kruminaitė")["results"] == []

    speaks(moderator, "lv")
    results = search(client, "people", "krūmiņa")["results"]
    assert [(item["id"], item["label"]) for item in results] == [(person.pk, "Ieva Krūmiņa")]
    assert results[0]["detail"]  # the city, to tell namesakes apart
    assert search(client, "people", "x")["results"] == []  # one letter: nothing yet


def test_organisations_are_found_by_their_name_in_the_editors_language(client, moderator):
    speaks(moderator, "lv")
    client_for(client, moderator)
    council = Organisation.objects.get(locale=Locale.get_default(), slug="estonian-refugee-council")
    results = search(client, "organisations", "igaunijas bēgļu")["results"]
    assert [(item["id"], item["label"]) for item in results] == [(council.pk, "Igaunijas Bēgļu padome")]
    assert search(client, "organisations", "Estonian Refugee")["results"][0]["id"] == council.pk
    both = {item["label"] for item in search(client, "organisations", "Bēgļu padome")["results"]}
    assert "Igaunijas Bēgļu padome" in both and "Estonian Refugee Council" not in both


def test_a_country_editors_search_keeps_to_their_country_unless_asked(client, lv_editor):
    client_for(client, lv_editor)
    estonian = PractitionerPage.objects.get(locale=Locale.get_default(), slug="kadri-tamm")
    latvian = PractitionerPage.objects.get(locale=Locale.get_default(), slug="ieva-krumina")
    answer = search(client, "people", "Kadri Tamm")
    assert answer == {"results": [], "limited_to": ["LV"]}
    assert [item["id"] for item in search(client, "people", "Ieva")["results"]] == [latvian.pk]
    everywhere = search(client, "people", "Kadri Tamm", everywhere="1")
    assert [item["id"] for item in everywhere["results"]] == [estonian.pk]


def test_the_search_endpoint_is_for_the_admin_and_known_pickers_only(client, moderator):
    assert client.get("/admin/pickers/people/", {"q": "Ieva"}).status_code in (302, 403)
    client_for(client, moderator)
    unknown = client.get("/admin/pickers/users/", {"q": "admin"})
    assert unknown.status_code == 400 and unknown.json()["results"] == []
    assert search(client, "people", "\x00" + "a" * 5000)["results"] == []


def test_saving_keeps_the_choice_and_translations_show_the_translated_people(client, moderator):
    practice = practice_with_contacts()
    before = set(practice.contacts.values_list("pk", flat=True))
    newcomer = (
        PractitionerPage.objects.live()
        .filter(locale=Locale.get_default())
        .exclude(pk__in=before)
        .order_by("pk")
        .first()
    )
    client_for(client, moderator)
    found = search(client, "people", newcomer.title)["results"]
    assert newcomer.pk in {item["id"] for item in found}
    data = form_data(client.get(edit_url(practice)).content, "page-edit-form")
    assert {int(pk) for pk in data["contacts"]} == before  # what a browser sends back unchanged
    data["contacts"].append(str(newcomer.pk))  # what the picker adds when the editor clicks
    data["action-publish"] = ["1"]
    data.setdefault("body-count", ["0"])  # what the admin's script sends for the body's blocks
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(edit_url(practice), data)
    assert response.status_code == 302, response.content[:2000]

    practice = PracticePage.objects.get(pk=practice.pk)
    assert set(practice.contacts.values_list("pk", flat=True)) == before | {newcomer.pk}
    page = html(client.get(edit_url(practice)))
    assert set(chosen(page, "contacts")) == before | {newcomer.pk}

    latvian = practice.get_translation(Locale.objects.get(language_code="lv"))
    latvian = Page.objects.get(pk=latvian.pk).specific
    assert set(latvian.contacts.values_list("pk", flat=True)) == before | {newcomer.pk}
    newcomer_lv = newcomer.get_translation(Locale.objects.get(language_code="lv"))
    assert newcomer_lv.live
    shown = html(client.get(latvian.get_url()))
    assert shown.find("a", href=newcomer_lv.get_url()) is not None
    assert shown.find("a", href=newcomer.get_url()) is None  # not the English profile

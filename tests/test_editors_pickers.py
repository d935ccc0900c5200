"""Choice lists in the editor list each record once, in the editor's language (issue 24)."""

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


def test_people_and_organisations_are_listed_once_not_once_per_language(client, moderator):
    practice = PracticePage.objects.filter(locale=Locale.get_default(), live=True).order_by("pk").first()
    client_for(client, moderator)
    page = html(client.get(f"/admin/pages/{practice.pk}/edit/"))
    default = Locale.get_default()

    people = options(page, "contacts")
    english_people = PractitionerPage.objects.filter(locale=default).count()
    assert len(people) == english_people
    assert len(people) < PractitionerPage.objects.count()  # the demo translates the profiles
    assert set(
        PractitionerPage.objects.filter(pk__in=[int(v) for v, _ in people]).values_list(
            "locale_id", flat=True
        )
    ) == {default.pk}
    organisations = options(page, "organisations")
    assert len(organisations) == Organisation.objects.filter(locale=default).count()


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
        int(option["value"])
        for option in page.find("select", attrs={"name": "contacts"}).find_all("option", selected=True)
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

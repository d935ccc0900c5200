"""The dashboard lists each person's own work (issue 24: roles that fit the work): outdated
translations in a translator's language, profiles not confirmed for a year and guides and help
points due for review in a country editor's countries. Read as the person reads the page."""

from __future__ import annotations

import datetime

import pytest
from django.test import TestCase
from django.utils import timezone
from wagtail.models import Locale

from editorial import roles
from guides.models import HelpPoint
from network.models import PractitionerPage

from .conftest import html
from .test_admin_catalogue import speaking
from .test_editorial import client_for, make_user
from .test_editors_sync import published_practice_with_translations

pytestmark = pytest.mark.django_db

LONG_AGO = datetime.date(2020, 1, 15)


def panel(client, panel_id: str):
    response = client.get("/admin/")
    assert response.status_code == 200
    return html(response).find(id=f"{panel_id}-section")


def everything_up_to_date() -> None:
    today = timezone.localdate()
    PractitionerPage.objects.update(last_confirmed=today)
    HelpPoint.objects.update(last_verified=today)
    from guides.models import GuidePage

    GuidePage.objects.update(last_verified=today)


def profile_in(country_code: str) -> PractitionerPage:
    return PractitionerPage.objects.filter(
        locale__language_code="en", city__country__code=country_code
    ).order_by("pk")[0]


def test_a_translator_sees_the_outdated_translations_in_their_language_and_reaches_them(
    client, django_user_model
):
    translator = speaking(make_user(django_user_model, "ru-translator-dash", roles.TRANSLATORS), "ru")
    client_for(client, translator)
    assert panel(client, "my-translations") is None  # nothing to do: no panel at all

    page = published_practice_with_translations()
    page.title = page.title + " (corrected)"
    with TestCase.captureOnCommitCallbacks(execute=True):
        page.save_revision().publish()

    found = panel(client, "my-translations")
    assert found is not None
    rows = found.select("tbody tr")
    assert [row.th.get_text(strip=True) for row in rows] == [
        Locale.objects.get(language_code="ru").get_display_name()
    ]
    link = rows[0].find("a")
    assert link.get_text(strip=True).startswith("1")
    assert "language=ru" in link["href"] and "status=outdated" in link["href"]
    report = html(client.get(link["href"]))
    assert page.title in report.get_text()
    russian = page.get_translation(Locale.objects.get(language_code="ru"))
    edit = report.find("a", href=f"/admin/pages/{russian.pk}/edit/")
    assert edit is not None and client.get(edit["href"]).status_code == 200  # the translator may open it


def test_a_moderator_working_in_english_sees_every_language(client, django_user_model):
    moderator = make_user(django_user_model, "moderator-dash", roles.MODERATORS)
    client_for(client, moderator)
    page = published_practice_with_translations()
    page.title = page.title + " (corrected)"
    with TestCase.captureOnCommitCallbacks(execute=True):
        page.save_revision().publish()
    rows = panel(client, "my-translations").select("tbody tr")
    assert len(rows) >= 4  # lv, lt, et, ru at least: every language it is translated into


def test_a_country_editor_sees_the_records_to_check_in_their_country_only(client, django_user_model):
    everything_up_to_date()
    editor = make_user(django_user_model, "lv-editor-dash", "Editors: Latvia")
    client_for(client, editor)
    assert panel(client, "my-records") is None

    latvian, lithuanian = profile_in("LV"), profile_in("LT")
    PractitionerPage.objects.filter(
        translation_key__in=[latvian.translation_key, lithuanian.translation_key]
    ).update(last_confirmed=LONG_AGO)
    point = HelpPoint.objects.filter(locale__language_code="en", city__country__code="LV").first()
    HelpPoint.objects.filter(pk=point.pk).update(last_verified=None)

    found = panel(client, "my-records")
    text = found.get_text(" ", strip=True)
    assert latvian.title in text and lithuanian.title not in text
    assert "1 profile not confirmed" in text and "1 help point to verify again" in text
    assert "guide" not in text.split("help point")[0].lower().replace("guides to review", "")
    assert "never" in text  # the help point nobody ever verified says so, not "None"
    assert "None" not in text
    links = {a.get_text(strip=True): a["href"] for a in found.find_all("a")}
    assert client.get(links[latvian.title]).status_code == 200  # the editor may open it
    assert client.get(links[str(point)]).status_code == 200

    moderator = make_user(django_user_model, "moderator-dash-2", roles.MODERATORS)
    client_for(client, moderator)
    text = panel(client, "my-records").get_text(" ", strip=True)
    assert latvian.title in text and lithuanian.title in text and "2 profiles not confirmed" in text


def test_the_records_panel_lists_a_few_and_counts_them_all(client, django_user_model):
    everything_up_to_date()
    PractitionerPage.objects.update(last_confirmed=LONG_AGO)
    total = PractitionerPage.objects.filter(locale__language_code="en", alias_of__isnull=True).count()
    admin = django_user_model.objects.create_superuser(
        "admin-dash", "admin-dash@example.org", "pw-not-secret-123"
    )
    client_for(client, admin)
    found = panel(client, "my-records")
    assert f"{total} profiles not confirmed" in found.get_text(" ", strip=True)
    assert len(found.select("li")) == 5


def test_people_without_an_editorial_role_get_no_work_panels(client, django_user_model):
    PractitionerPage.objects.update(last_confirmed=LONG_AGO)
    user = make_user(django_user_model, "staff-dash")
    user.user_permissions.add(
        *__import__("django.contrib.auth.models", fromlist=["Permission"]).Permission.objects.filter(
            codename="access_admin"
        )
    )
    client_for(client, user)
    response = client.get("/admin/")
    assert response.status_code == 200
    page = html(response)
    assert page.find(id="my-records-section") is None and page.find(id="my-translations-section") is None

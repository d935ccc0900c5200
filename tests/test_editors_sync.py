"""Languages in step: a fact changed in English reaches every translation by itself (issue 24).

The sync runs as a background task (``editorial.tasks.sync_translations``) once the change is
committed; the test settings' immediate backend runs it at once, and
``captureOnCommitCallbacks(execute=True)`` plays the commit that a test's transaction holds back.
"""

from __future__ import annotations

import datetime
import decimal

import pytest
from django.test import TestCase
from django.utils import timezone
from wagtail.models import Locale, Page
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from editorial import roles, sync
from editorial.translation_status import OUTDATED, statuses_for
from guides.models import GuidePage, HelpPoint
from practices.models import PracticePage

from .conftest import html
from .test_editorial import client_for, make_user

pytestmark = pytest.mark.django_db

NEW_HOURS = "Mon–Fri 9:00–18:00"
NEW_PHONE = "+371 6700 1234"


def admin_form_data(response, marker: str) -> dict:
    """What a browser sends back from the admin form holding the field ``marker``, unchanged."""
    page = html(response)
    field = page.find(attrs={"name": marker})
    form = field.find_parent("form")
    data: dict = {}
    for element in form.find_all(["input", "select", "textarea"]):
        name = element.get("name")
        if not name or "__prefix__" in name or element.get("type") == "submit":
            continue
        if element.get("type") in ("checkbox", "radio"):
            if element.has_attr("checked"):
                data.setdefault(name, []).append(element.get("value", "on"))
            continue
        if element.name == "textarea":
            data[name] = element.text
        elif element.name == "select":
            chosen = [option["value"] for option in element.find_all("option", selected=True)]
            if element.has_attr("multiple"):
                data[name] = chosen
            elif chosen and chosen[0]:
                data[name] = chosen[0]
        else:
            data[name] = element.get("value", "")
    return data


def latvian_guide_point() -> tuple[GuidePage, HelpPoint]:
    """A help point in Latvia that the Latvian guide's checklist lists, in English."""
    guide = GuidePage.objects.get(locale__language_code="en", slug="latvia")
    for step in guide.steps.all():
        for point in step.help_points.filter(city__country__code="LV"):
            return guide, point
    raise AssertionError("the demo's Latvian guide lists no help point in Latvia")


def test_help_point_hours_changed_in_english_reach_the_latvian_checklist(client, django_user_model):
    """A Latvia editor (who may not run wagtail-localize's sync) corrects a help point in English;
    the Latvian checklist shows the new hours, phone and date, and keeps the Latvian text."""
    guide, point = latvian_guide_point()
    latvian_point = point.get_translation(Locale.objects.get(language_code="lv"))
    assert latvian_point.opening_hours != NEW_HOURS
    kept_text = latvian_point.helps_with
    assert kept_text and kept_text != point.helps_with  # translated by translators: must stay
    today = timezone.localdate()

    editor = make_user(django_user_model, "lv-editor-sync", "Editors: Latvia")
    assert not editor.has_perm(roles.SUBMIT_TRANSLATION)  # cannot press "Sync" themselves
    client_for(client, editor)
    url = f"/admin/snippets/guides/helppoint/edit/{point.pk}/"
    data = admin_form_data(client.get(url), "opening_hours")
    data.update(opening_hours=NEW_HOURS, phone=NEW_PHONE, last_verified=today.isoformat())
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302, html(response).select(".error-message, .help-critical")

    latvian_point.refresh_from_db()
    assert latvian_point.opening_hours == NEW_HOURS
    assert latvian_point.phone == NEW_PHONE
    assert latvian_point.last_verified == today
    assert latvian_point.helps_with == kept_text

    client.logout()
    lv_guide = guide.get_translation(Locale.objects.get(language_code="lv"))
    page = html(client.get(lv_guide.get_url()))
    card = page.find(id=f"help-point-{point.translation_key}") or next(
        item for item in page.select(".help-points li") if NEW_PHONE in item.get_text()
    )
    text = card.get_text(" ", strip=True)
    assert NEW_HOURS in text and NEW_PHONE in text
    assert kept_text.split("\n")[0][:40] in text
    # The list of every help point, in Latvian, too.
    listing = html(client.get("/lv/guides/help-points/"))
    card = listing.find(id=f"help-point-{point.translation_key}")
    assert NEW_HOURS in card.get_text() and NEW_PHONE in card.get_text()


def published_practice_with_translations() -> PracticePage:
    for page in PracticePage.objects.filter(locale__language_code="en", live=True).order_by("pk"):
        source = TranslationSource.objects.get_for_instance_or_none(page)
        if not source or Translation.objects.filter(source=source, enabled=True).count() != len(_others()):
            continue
        translations = [page.get_translation_or_none(locale) for locale in _others()]
        if all(t is not None and t.live and not t.alias_of_id for t in translations):
            return page
    raise AssertionError("the demo has no practice translated into every language")


def _others() -> list[Locale]:
    """The languages the demo translates practices into (not the newcomers-only ones)."""
    from home.seeding import NEWCOMER_ONLY_LANGUAGES

    return list(
        Locale.objects.exclude(language_code__in=["en", *NEWCOMER_ONLY_LANGUAGES]).order_by("language_code")
    )


def test_publishing_a_page_updates_published_translations_and_drafts_stay_drafts(client):
    page = published_practice_with_translations()
    lv, lt = Locale.objects.get(language_code="lv"), Locale.objects.get(language_code="lt")
    latvian, lithuanian = page.get_translation(lv), page.get_translation(lt)
    lithuanian.unpublish()  # the Lithuanian translation is back to a draft
    latvian_title = latvian.title

    page.cost = decimal.Decimal("43210.00")
    page.start_date = datetime.date(2021, 9, 1)
    with TestCase.captureOnCommitCallbacks(execute=True):
        page.save_revision().publish()

    latvian = Page.objects.get(pk=latvian.pk).specific
    assert latvian.live and latvian.cost == decimal.Decimal("43210.00")
    assert latvian.start_date == datetime.date(2021, 9, 1)
    assert latvian.title == latvian_title  # the translated text stays
    assert not latvian.has_unpublished_changes

    lithuanian = Page.objects.get(pk=lithuanian.pk).specific
    assert not lithuanian.live  # still a draft
    draft = lithuanian.get_latest_revision_as_object()
    assert draft.cost == decimal.Decimal("43210.00")

    body = html(client.get(latvian.get_url())).get_text(" ")
    assert "43,210.00" in body or "43 210,00" in body or "43210" in body.replace("\xa0", "").replace(" ", "")
    assert lithuanian.get_url() is None or client.get(lithuanian.get_url()).status_code == 404


def test_new_english_text_alone_leaves_translations_as_they_are_and_is_reported_outdated(client):
    """A corrected title changes nothing translators have not translated yet: the Estonian
    page keeps its Estonian title (not re-published four times over), and the report says
    the translation is outdated."""
    page = published_practice_with_translations()
    et = Locale.objects.get(language_code="et")
    estonian_before = page.get_translation(et)
    page.title = page.title + " (updated)"
    with TestCase.captureOnCommitCallbacks(execute=True):
        page.save_revision().publish()
    estonian = page.get_translation(et)
    assert estonian.title == estonian_before.title
    assert estonian.last_published_at == estonian_before.last_published_at
    (row,) = statuses_for([page], [et])
    assert OUTDATED in row.languages[0].statuses


def test_a_source_read_from_memory_does_not_make_a_title_change_a_fact_change():
    """The seed and imports read a source from the object in memory, with the cost as typed
    ("3000"); read again from the database it is "3000.00" (PostgreSQL's numeric column).
    That is the same fact: a title change alone still leaves the translations alone."""
    import json

    from django.core.serializers.json import DjangoJSONEncoder

    page = published_practice_with_translations()
    page.cost = decimal.Decimal("3000")
    page.save(update_fields=["cost"])
    typed = page.serializable_data()
    stored = PracticePage.objects.get(pk=page.pk).serializable_data()
    assert str(typed["cost"]) != str(stored["cost"])  # "3000" and "3000.00": the case at hand
    source = TranslationSource.objects.get_for_instance(page)
    source.content_json = json.dumps(typed, cls=DjangoJSONEncoder)
    source.save(update_fields=["content_json"])
    assert not sync._synchronised_change(
        PracticePage, source.content_json, json.dumps(stored, cls=DjangoJSONEncoder)
    )
    stored["cost"] = "3100.00"
    assert sync._synchronised_change(
        PracticePage, source.content_json, json.dumps(stored, cls=DjangoJSONEncoder)
    )

    et = Locale.objects.get(language_code="et")
    estonian_before = page.get_translation(et)
    page = PracticePage.objects.get(pk=page.pk)
    page.title = page.title + " (updated)"
    with TestCase.captureOnCommitCallbacks(execute=True):
        page.save_revision().publish()
    estonian = page.get_translation(et)
    assert estonian.title == estonian_before.title


def test_an_editors_first_save_of_imported_rich_text_leaves_the_translations_alone(admin_client):
    """Imports and the seed write rich text as ``<p>``; the admin's editor sends it back as
    ``<p data-block-key="…">`` (an empty field as an empty paragraph). An editor who corrects
    only the title of such a page changes no fact: the four translations are not written and
    published again."""
    page = published_practice_with_translations()
    assert "data-block-key" not in page.goals  # as imported
    et = Locale.objects.get(language_code="et")
    estonian_before = page.get_translation(et)
    url = f"/admin/pages/{page.pk}/edit/"
    data = admin_form_data(admin_client.get(url), "title")
    assert not page.body  # the demo's practices: what the admin's script sends is an empty body
    data.update({"title": page.title + " (corrected)", "action-publish": "1", "body-count": "0"})
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = admin_client.post(url, data)
    assert response.status_code == 302, html(response).select(".error-message, .help-critical")
    page = PracticePage.objects.get(pk=page.pk)
    assert page.title.endswith(" (corrected)")
    assert "data-block-key" in page.goals  # the editor's form did write its paragraph keys
    estonian = page.get_translation(et)
    assert estonian.last_published_at == estonian_before.last_published_at
    assert estonian.title == estonian_before.title

    # A real change of the same rich text is still a change the translations receive.
    source = TranslationSource.objects.get_for_instance(page)
    before = source.content_json
    page.goals = page.goals.replace("</p>", " A new sentence.</p>", 1)
    page.save(update_fields=["goals"])
    source.update_from_db()
    assert sync._synchronised_change(PracticePage, before, source.content_json)


def test_new_english_text_shows_in_english_until_translated_and_is_reported_outdated(client):
    page = published_practice_with_translations()
    et = Locale.objects.get(language_code="et")
    page.title = page.title + " (updated)"
    page.cost = decimal.Decimal("999.00")  # with a synchronised fact: the translation is written
    with TestCase.captureOnCommitCallbacks(execute=True):
        page.save_revision().publish()
    estonian = page.get_translation(et)
    assert estonian.title == page.title  # the original's words until a translator translates them
    assert estonian.cost == decimal.Decimal("999.00")
    (row,) = statuses_for([page], [et])
    assert OUTDATED in row.languages[0].statuses
    # Once the translator has translated the new title, it is up to date again.
    source = TranslationSource.objects.get_for_instance(page)
    segment = source.stringsegment_set.get(context__path="title")
    StringTranslation.objects.create(
        translation_of=segment.string, locale=et, context=segment.context, data="Uuendatud"
    )
    (row,) = statuses_for([page], [et])
    assert OUTDATED not in row.languages[0].statuses


def test_a_translation_someone_stopped_synchronising_is_left_alone():
    _guide, point = latvian_guide_point()
    ru = Locale.objects.get(language_code="ru")
    source = TranslationSource.objects.get_for_instance(point)
    Translation.objects.filter(source=source, target_locale=ru).update(enabled=False)
    point.phone = NEW_PHONE
    with TestCase.captureOnCommitCallbacks(execute=True):
        point.save()
    assert point.get_translation(ru).phone != NEW_PHONE
    assert point.get_translation(Locale.objects.get(language_code="et")).phone == NEW_PHONE


def test_saving_a_translation_or_an_untranslated_original_queues_nothing():
    _guide, point = latvian_guide_point()
    latvian = point.get_translation(Locale.objects.get(language_code="lv"))
    assert not sync.schedule(latvian)
    assert sync.schedule(point)
    fresh = HelpPoint.objects.create(
        organisation=point.organisation, city=point.city, address="Brīvības iela 1", locale=point.locale
    )
    assert not sync.schedule(fresh)


def test_a_task_queued_twice_for_one_change_writes_the_translations_once():
    _guide, point = latvian_guide_point()
    changed_at = timezone.now().isoformat()
    point.phone = NEW_PHONE
    point.save()  # outside captureOnCommitCallbacks: the test's transaction holds the task back
    from django.contrib.contenttypes.models import ContentType

    content_type = ContentType.objects.get_for_model(HelpPoint).pk
    first = sync.synchronise(content_type, point.pk, changed_at)
    # Help points are translated into every language, the newcomers' Ukrainian too.
    assert sorted(first["published"]) == sorted(
        Locale.objects.exclude(language_code="en").values_list("language_code", flat=True)
    )
    assert {"et", "lt", "lv", "ru", "uk"} <= set(first["published"])
    assert sync.synchronise(content_type, point.pk, changed_at) == {
        "published": [],
        "drafts": [],
        "skipped": [],
        "failed": [],
    }


def test_the_models_kept_in_step():
    labels = {model._meta.label for model in sync.translatable_snippet_models()}
    assert {"guides.HelpPoint", "network.Organisation", "network.City", "network.Country"} <= labels


def test_a_translation_published_from_the_old_source_meanwhile_still_gets_the_new_facts():
    """A translator publishes the Latvian help point between the English change and the task:
    that publication used the source read before the change, so the task still updates it."""
    _guide, point = latvian_guide_point()
    lv = Locale.objects.get(language_code="lv")
    changed_at = timezone.now().isoformat()
    point.phone = NEW_PHONE
    point.save()  # the task is held back by the test's transaction
    source = TranslationSource.objects.get_for_instance(point)
    Translation.objects.get(source=source, target_locale=lv).save_target(publish=True)
    assert point.get_translation(lv).phone != NEW_PHONE  # written from the old source
    from django.contrib.contenttypes.models import ContentType

    result = sync.synchronise(ContentType.objects.get_for_model(HelpPoint).pk, point.pk, changed_at)
    assert "lv" in result["published"]
    assert point.get_translation(lv).phone == NEW_PHONE

"""Editors, moderators and translators: roles, moderation, translation status, machine translation."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.test import TestCase
from django.utils import translation
from wagtail.models import Locale, Page, PageLogEntry
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from editorial import roles
from editorial.translation_status import MACHINE, MISSING, OUTDATED, UP_TO_DATE, statuses_for
from network.models import Country, Organisation
from practices.factories import PracticePageFactory
from practices.models import PracticeIndexPage, PracticePage

from .conftest import html

pytestmark = pytest.mark.django_db


def make_user(django_user_model, name: str, *groups: str):
    user = django_user_model.objects.create_user(
        username=name, email=f"{name}@example.org", password="pw-not-secret-123"
    )
    for group in groups:
        user.groups.add(Group.objects.get(name=group))
    return user


def denied(response) -> bool:
    """Wagtail answers a forbidden admin page with 403, or a redirect to the dashboard and a message."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"].rstrip("/").endswith("/admin")
    )


def client_for(client, user):
    client.force_login(user)
    return client


def practice_in(country_code: str, language: str = "en") -> PracticePage:
    return (
        PracticePage.objects.filter(locale__language_code=language, country__code=country_code, live=True)
        .order_by("pk")
        .first()
    )


@pytest.fixture
def lv_editor(django_user_model):
    return make_user(django_user_model, "lv-editor", "Editors: Latvia")


@pytest.fixture
def moderator(django_user_model):
    return make_user(django_user_model, "moderator", roles.MODERATORS)


@pytest.fixture
def translator(django_user_model):
    return make_user(django_user_model, "translator", roles.TRANSLATORS)


# --- Roles ------------------------------------------------------------------------------


def test_roles_exist_and_the_command_is_idempotent():
    def snapshot():
        return {
            group.name: (
                sorted(group.permissions.values_list("codename", flat=True)),
                sorted(group.page_permissions.values_list("page_id", "permission__codename")),
                sorted(group.collection_permissions.values_list("permission__codename", flat=True)),
            )
            for group in Group.objects.order_by("name")
        }

    before = snapshot()
    for name in [
        roles.ADMINISTRATORS,
        roles.MODERATORS,
        roles.TRANSLATORS,
        roles.PRACTITIONERS,
        *roles.COUNTRY_TEAMS,
    ]:
        assert name in before
    call_command("setup_roles", verbosity=0)
    assert snapshot() == before
    # Someone granted an extra permission by hand: the command puts the role back as defined.
    Group.objects.get(name=roles.TRANSLATORS).permissions.add(
        *Group.objects.get(name=roles.ADMINISTRATORS).permissions.filter(codename="delete_user")
    )
    call_command("setup_roles", verbosity=0)
    assert snapshot() == before


def test_practitioners_have_no_admin_access(client, django_user_model):
    practitioner = make_user(django_user_model, "practitioner", roles.PRACTITIONERS)
    response = client_for(client, practitioner).get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    practice = practice_in("LV")
    assert client.get(f"/admin/pages/{practice.pk}/edit/").status_code == 302


def test_country_editor_edits_own_country_only(client, lv_editor):
    client_for(client, lv_editor)
    latvian, lithuanian = practice_in("LV"), practice_in("LT")
    assert client.get(f"/admin/pages/{latvian.pk}/edit/").status_code == 200
    assert denied(client.get(f"/admin/pages/{lithuanian.pk}/edit/"))
    assert denied(client.get(f"/admin/pages/{lithuanian.pk}/delete/"))
    # Pages shared by every country (an index) stay open to them, to add pages under.
    index = PracticeIndexPage.objects.get(locale__language_code="en")
    assert index.permissions_for_user(lv_editor).can_add_subpage()


def test_country_editor_cannot_publish_only_submit(client, lv_editor):
    latvian = practice_in("LV")
    permissions = latvian.permissions_for_user(lv_editor)
    assert permissions.can_edit() and not permissions.can_publish() and not permissions.can_unpublish()
    page = html(client_for(client, lv_editor).get(f"/admin/pages/{latvian.pk}/edit/"))
    assert page.find(attrs={"name": "action-submit"}) is not None
    assert page.find(attrs={"name": "action-publish"}) is None
    assert denied(client.post(f"/admin/pages/{latvian.pk}/unpublish/"))


def form_data(response) -> dict:
    """What a browser would send back from the admin's page form, unchanged."""
    form = html(response).find("form", id="page-edit-form")
    data = {}
    for element in form.find_all(["input", "select", "textarea"]):
        name = element.get("name")
        if not name or "__prefix__" in name or element.get("type") in ("checkbox", "submit"):
            continue
        if element.name == "textarea":
            data[name] = element.text
        elif element.name == "select":
            chosen = element.find("option", selected=True)
            if chosen is not None and chosen.get("value"):
                data[name] = chosen["value"]
        else:
            data[name] = element.get("value", "")
    return data


def add_practice(client, country: Country, action: str):
    index = PracticeIndexPage.objects.get(locale__language_code="en")
    url = f"/admin/pages/add/practices/practicepage/{index.pk}/"
    data = form_data(client.get(url))
    data.update(
        title=f"Neighbourhood mentors in {country.code}",
        slug=f"neighbourhood-mentors-{country.code.lower()}",
        country=str(country.pk),
        start_date="2024-03-01",
        status="ongoing",
        **{action: "1"},
    )
    data.setdefault("body-count", "0")  # what the admin's script sends for an empty body
    return client.post(url, data)


def test_country_editor_cannot_give_a_page_another_country(client, lv_editor):
    client_for(client, lv_editor)
    lithuania = Country.objects.get(code="LT", locale__language_code="en")
    response = add_practice(client, lithuania, "action-submit")
    assert response.status_code == 200  # the form again, with what was typed
    assert "only save pages about your country (LV)" in response.content.decode()
    assert html(response).find("input", attrs={"name": "title"})["value"] == "Neighbourhood mentors in LT"
    assert not PracticePage.objects.filter(slug="neighbourhood-mentors-lt").exists()


def test_submission_goes_to_moderators_by_email_and_goes_live_on_approval(client, lv_editor, moderator):
    latvia = Country.objects.get(code="LV", locale__language_code="en")
    mail.outbox.clear()
    response = add_practice(client_for(client, lv_editor), latvia, "action-submit")
    assert response.status_code == 302, response.content.decode()[:3000]
    page = PracticePage.objects.get(slug="neighbourhood-mentors-lv", locale__language_code="en")
    assert not page.live
    state = page.current_workflow_state
    assert state is not None and state.status == "in_progress"
    assert state.workflow.name == roles.WORKFLOW_NAME
    assert any(moderator.email in message.to for message in mail.outbox)  # moderators are told

    # The moderator's queue: the dashboard lists what awaits their review.
    client.logout()
    client_for(client, moderator)
    assert "Neighbourhood mentors in LV" in client.get("/admin/").content.decode()
    task_state = state.current_task_state
    mail.outbox.clear()
    response = client.post(
        f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/", {"comment": "Good"}
    )
    assert response.status_code in (200, 302), response.content.decode()[:500]
    page.refresh_from_db()
    assert page.live
    assert any(lv_editor.email in message.to for message in mail.outbox)  # the submitter is told
    actions = set(PageLogEntry.objects.filter(page=page).values_list("action", "user__username"))
    assert ("wagtail.workflow.start", "lv-editor") in actions
    assert ("wagtail.workflow.approve", "moderator") in actions


def test_moderators_publish_every_country_and_administrators_everything(django_user_model, moderator):
    administrator = make_user(django_user_model, "administrator-2", roles.ADMINISTRATORS)
    for code in ("LV", "LT", "EE", "FI"):
        page = practice_in(code)
        assert page is not None, code
        assert page.permissions_for_user(moderator).can_publish()
        assert page.permissions_for_user(administrator).can_delete()


def test_editor_of_another_country_cannot_approve(client, django_user_model, lv_editor):
    from home.moderation import submit_for_moderation

    latvian = practice_in("LV")
    submit_for_moderation(latvian, lv_editor)
    task_state = latvian.current_workflow_task_state
    lt_editor = make_user(django_user_model, "lt-editor", "Editors: Lithuania")
    client_for(client, lt_editor)
    client.post(f"/admin/pages/workflow/action/{latvian.pk}/approve/{task_state.pk}/")
    task_state.refresh_from_db()
    assert task_state.status == "in_progress"


# --- Translators ----------------------------------------------------------------------------


def test_translator_translates_but_cannot_touch_originals(client, translator):
    client_for(client, translator)
    original = practice_in("LV", "en")
    latvian = original.get_translation(Locale.objects.get(language_code="lv"))
    assert denied(client.get(f"/admin/pages/{original.pk}/edit/"))
    assert not original.permissions_for_user(translator).can_publish()
    assert client.get(f"/admin/pages/{latvian.pk}/edit/").status_code == 200  # the translation editor
    assert latvian.permissions_for_user(translator).can_publish()
    # Snippets: the translations, not the English originals.
    english = Organisation.objects.filter(locale__language_code="en").first()
    lithuanian = english.get_translation(Locale.objects.get(language_code="lt"))
    assert denied(client.get(f"/admin/snippets/network/organisation/edit/{english.pk}/"))
    assert client.get(f"/admin/snippets/network/organisation/edit/{lithuanian.pk}/").status_code == 200


def test_administrator_sees_who_did_what(client, django_user_model, lv_editor, moderator):
    from home.moderation import submit_for_moderation

    administrator = make_user(django_user_model, "administrator", roles.ADMINISTRATORS)
    latvian = practice_in("LV")
    submit_for_moderation(latvian, lv_editor)
    latvian.current_workflow_task_state.approve(user=moderator)
    client_for(client, administrator)
    history = client.get("/admin/reports/site-history/")
    assert history.status_code == 200
    text = html(history).get_text(" ")
    assert latvian.title in text
    assert client.get(f"/admin/pages/{latvian.pk}/history/").status_code == 200
    assert client.get("/admin/users/").status_code == 200
    client.logout()
    # Nobody but administrators manages accounts.
    assert denied(client_for(client, moderator).get("/admin/users/"))


# --- Translation status, machine translation -------------------------------------------------


def new_translated_practice(user, machine: bool):
    """An English practice translated into Latvian with wagtail-localize, by hand or by machine."""
    index = PracticeIndexPage.objects.get(locale__language_code="en")
    latvia = Country.objects.get(code="LV", locale__language_code="en")
    page = index.add_child(instance=PracticePageFactory.build(title="Library language cafés", country=latvia))
    page.save_revision(user=user).publish()
    source, _ = TranslationSource.get_or_create_from_instance(page)
    lv = Locale.objects.get(language_code="lv")
    record = Translation.objects.create(source=source, target_locale=lv)
    for segment in source.stringsegment_set.all():
        StringTranslation.objects.create(
            translation_of=segment.string,
            locale=lv,
            context=segment.context,
            data=f"LV {segment.string.data}",
            translation_type="machine" if machine else "manual",
            last_translated_by=user,
        )
    with TestCase.captureOnCommitCallbacks(execute=True):  # wagtail-localize publishes on commit
        record.save_target(user=user, publish=True)
    return page, page.get_translation(lv), record


def status_of(page, language):
    locale = Locale.objects.get(language_code=language)
    (row,) = statuses_for([page], [locale])
    return row.languages[0].statuses


def test_changing_the_english_source_marks_translations_outdated(translator):
    page, _latvian, _record = new_translated_practice(translator, machine=False)
    assert status_of(page, "lv") == {UP_TO_DATE}
    assert status_of(page, "et") == {MISSING}
    page.title = "Library language cafés for newcomers"
    page.save_revision().publish()
    page.refresh_from_db()
    assert status_of(page, "lv") == {OUTDATED}


def test_machine_translation_shows_readers_a_notice_until_reviewed(client, translator):
    page, latvian, _record = new_translated_practice(translator, machine=True)
    assert status_of(page, "lv") == {MACHINE}
    notice = html(client.get(latvian.get_url())).find(class_="notice--machine")
    assert notice is not None
    with translation.override("lv"):
        expected = translation.gettext(
            "This page was translated by a machine and nobody has reviewed the translation yet: "
            "it may contain mistakes."
        )
    assert expected in " ".join(notice.get_text(" ").split()) and "machine" not in expected
    assert html(client.get(page.get_url())).find(class_="notice--machine") is None  # not on the original

    client_for(client, translator)
    response = client.post(f"/admin/translations/review/{latvian.pk}/", {"next": "/admin/"})
    assert response.status_code == 302
    assert status_of(page, "lv") == {UP_TO_DATE}
    client.logout()
    assert html(client.get(latvian.get_url())).find(class_="notice--machine") is None
    entry = PageLogEntry.objects.filter(page=latvian, action="editorial.translation_reviewed").get()
    assert entry.user == translator


def test_only_someone_who_may_edit_the_translation_marks_it_reviewed(client, django_user_model, translator):
    _page, latvian, _record = new_translated_practice(translator, machine=True)
    lt_editor = make_user(django_user_model, "lt-editor-2", "Editors: Lithuania")
    response = client_for(client, lt_editor).post(f"/admin/translations/review/{latvian.pk}/")
    assert denied(response)
    assert html(client.get(latvian.get_url())).find(class_="notice--machine") is not None


def test_machine_translate_button_uses_the_configured_translator_and_is_audited(client, translator):
    page, latvian, record = new_translated_practice(translator, machine=False)
    strings = StringTranslation.objects.filter(
        locale__language_code="lv", context__object_id=page.translation_key
    )
    strings.delete()
    client_for(client, translator)
    response = client.post(f"/admin/localize/translate/{record.pk}/machine_translate/?next=/admin/")
    assert response.status_code == 302
    assert strings.exists() and all(item.translation_type == "machine" for item in strings)
    # wagtail-localize's dummy translator reverses the words.
    assert strings.filter(data="cafés language Library").exists()
    entries = PageLogEntry.objects.filter(page=latvian, action="editorial.machine_translated")
    assert [entry.user for entry in entries] == [translator]  # one entry for the whole page
    assert status_of(page, "lv") == {MACHINE}


def test_translation_status_report_filters_by_language_and_status(client, translator, moderator):
    page, _latvian, _record = new_translated_practice(translator, machine=True)
    client_for(client, moderator)
    response = client.get("/admin/translations/status/?language=lv&status=machine")
    assert response.status_code == 200
    rows = html(response).find_all("tr", attrs={"data-page": True})
    assert [row["data-page"] for row in rows] == [str(page.pk)]
    cells = rows[0].find_all("td", attrs={"data-language": True})
    assert [cell["data-language"] for cell in cells] == ["lv"]
    response = client.get("/admin/translations/status/?language=et&status=missing")
    assert str(page.pk) in [
        row["data-page"] for row in html(response).find_all("tr", attrs={"data-page": True})
    ]
    # Hostile filters are ignored, never an error.
    assert client.get("/admin/translations/status/?language=%00&status=%22%3E&p=-1").status_code == 200


def test_demo_translations_are_up_to_date():
    english = list(Page.objects.filter(locale__language_code="en", depth__gt=1).specific())
    locales = list(Locale.objects.exclude(language_code="en"))
    from guides.models import GuideIndexPage, GuidePage
    from home.seeding import NEWCOMER_ONLY_LANGUAGES

    for row in statuses_for(english, locales):
        for item in row.languages:
            wanted = {UP_TO_DATE}
            if item.locale.language_code in NEWCOMER_ONLY_LANGUAGES and not isinstance(
                row.page, GuideIndexPage | GuidePage
            ):
                wanted = {MISSING}  # Ukrainian: only the guides are translated; readers see the original
            assert item.statuses == wanted, (row.page.title, item.locale.language_code, item.statuses)


# --- Translatable fields are declared, the admin speaks the editor's language -----------------


def test_every_translatable_model_declares_its_fields():
    from django.apps import apps
    from wagtail.models import TranslatableMixin

    ours = {"home", "network", "practices", "guides"}
    checked = 0
    for model in apps.get_models():
        if model._meta.app_label in ours and issubclass(model, TranslatableMixin):
            declared_in = next(klass for klass in model.__mro__ if "translatable_fields" in klass.__dict__)
            # Declared by the model or an abstract base of ours, never wagtail-localize's guesses.
            assert declared_in.__module__.split(".")[0] in ours, f"{model.__name__} relies on defaults"
            checked += 1
    assert checked >= 15


@pytest.mark.parametrize("language", ["lv", "lt", "et", "ru"])
def test_admin_panels_and_help_texts_are_in_the_editors_language(client, lv_editor, language):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(lv_editor)
    profile.preferred_language = language
    profile.save()
    latvian = practice_in("LV")
    text = client_for(client, lv_editor).get(f"/admin/pages/{latvian.pk}/edit/").content.decode()
    for field in ("start_date", "cost", "status"):
        english = str(PracticePage._meta.get_field(field).verbose_name)
        with translation.override(language):
            translated = str(PracticePage._meta.get_field(field).verbose_name)
        assert translated != english
        assert translated.lower() in text.lower()
    with translation.override(language):
        help_text = str(PracticePage._meta.get_field("intro").help_text)
        choice = str(PracticePage._meta.get_field("status").choices[0][1])
    assert help_text in text and choice in text


def test_import_is_for_those_who_may_publish_and_private_export_for_administrators(
    client, django_user_model, lv_editor, moderator
):
    administrator = make_user(django_user_model, "administrator-3", roles.ADMINISTRATORS)
    assert denied(client_for(client, lv_editor).get("/admin/exchange/import/"))
    client.logout()
    assert client_for(client, moderator).get("/admin/exchange/import/").status_code == 200
    public = client.get("/admin/exchange/export/?format=json&kind=practitioner")
    assert public.status_code == 200 and b"@example.org" not in public.content
    refused = client.get("/admin/exchange/export/?format=json&kind=practitioner&private=on")
    assert denied(refused) and b"@example.org" not in refused.content
    client.logout()
    client_for(client, administrator)
    private = client.get("/admin/exchange/export/?format=json&kind=practitioner&private=on")
    assert private.status_code == 200 and b"@example.org" in private.content


def test_a_country_editor_who_also_translates_keeps_the_country_limit(client, django_user_model):
    both = make_user(django_user_model, "lv-editor-translator", "Editors: Latvia", roles.TRANSLATORS)
    lithuanian = practice_in("LT")
    assert not lithuanian.permissions_for_user(both).can_edit()
    lt_translation = lithuanian.get_translation(Locale.objects.get(language_code="lt"))
    assert lt_translation.permissions_for_user(both).can_edit()  # as a translator
    assert practice_in("LV").permissions_for_user(both).can_edit()  # as the Latvian editor


def test_country_editors_do_not_start_or_sync_translations(client, lv_editor):
    latvian = practice_in("LV")
    client_for(client, lv_editor)
    assert denied(client.get(f"/admin/localize/submit/page/{latvian.pk}/"))
    source = TranslationSource.objects.get_for_instance_or_none(latvian)
    assert denied(client.get(f"/admin/localize/update/{source.pk}/"))


def test_a_country_editor_cannot_save_a_page_about_no_country(client, lv_editor):
    client_for(client, lv_editor)
    response = add_practice(
        client, Country.objects.get(code="LV", locale__language_code="en"), "action-submit"
    )
    assert response.status_code == 302  # about Latvia: fine
    index = PracticeIndexPage.objects.get(locale__language_code="en")
    url = f"/admin/pages/add/practices/practicepage/{index.pk}/"
    data = form_data(client.get(url))
    data.update(title="Nowhere", slug="nowhere", start_date="2024-03-01", status="ongoing", country="")
    data.setdefault("body-count", "0")
    response = client.post(url, {**data, "action-submit": "1"})
    assert response.status_code == 200
    assert not PracticePage.objects.filter(slug="nowhere").exists()


def test_country_editors_change_only_their_countries_directory_entries(client, lv_editor):
    client_for(client, lv_editor)
    latvian = Organisation.objects.filter(locale__language_code="en", country__code="LV").first()
    estonian = Organisation.objects.filter(locale__language_code="en", country__code="EE").first()
    assert client.get(f"/admin/snippets/network/organisation/edit/{latvian.pk}/").status_code == 200
    assert denied(client.get(f"/admin/snippets/network/organisation/edit/{estonian.pk}/"))


def test_a_draft_translation_counts_as_missing_and_stale_machine_strings_do_not_count(translator):
    page, latvian, _record = new_translated_practice(translator, machine=True)
    assert status_of(page, "lv") == {MACHINE}
    # The English text changes: the old machine-made strings no longer belong to it.
    page.title = "Language cafés in libraries"
    page.slug = "language-cafes-in-libraries"
    page.save_revision().publish()
    source = TranslationSource.objects.get_for_instance(page)
    source.update_from_db()
    page.refresh_from_db()
    assert MACHINE not in status_of(page, "lv")
    latvian.unpublish()
    assert status_of(page, "lv") == {MISSING}

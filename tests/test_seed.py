"""The demo seed: complete in five languages, made of real wagtail-localize translations, idempotent."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import Page, Revision
from wagtail_localize.models import LocaleSynchronization, StringTranslation, Translation

from home.demo import MEMORY
from home.models import HomePage, StandardPage
from home.seeding import MissingDemoTranslation, lookup

from .conftest import LANGUAGES

pytestmark = pytest.mark.django_db


def test_every_language_has_the_home_and_about_pages_live():
    for model in (HomePage, StandardPage):
        pages = model.objects.live().filter(alias_of__isnull=True)
        assert sorted(pages.values_list("locale__language_code", flat=True)) == sorted(LANGUAGES)
        # One translation group: the same content in five languages
        assert pages.values("translation_key").distinct().count() == 1


def test_translations_are_wagtail_localize_translations_with_translated_text():
    about_en = StandardPage.objects.get(locale__language_code="en")
    translations = Translation.objects.filter(source__object_id=about_en.translation_key)
    assert sorted(translations.values_list("target_locale__language_code", flat=True)) == sorted(
        LANGUAGES[1:]
    )
    for language in LANGUAGES[1:]:
        page = about_en.get_translation(about_en.locale.__class__.objects.get(language_code=language))
        assert page.title == MEMORY["About the network"][language]
        assert page.intro and page.intro != about_en.intro
        assert MEMORY["What we do"][language] in str(page.body)
    assert not StringTranslation.objects.exclude(translation_type="manual").exists()


def test_new_english_pages_are_synchronised_into_every_language():
    # Ukrainian too: its untranslated pages are the English originals, with a notice.
    assert sorted(LocaleSynchronization.objects.values_list("locale__language_code", flat=True)) == sorted(
        [*LANGUAGES[1:], "uk"]
    )


def test_second_run_changes_nothing():
    pages, revisions = Page.objects.count(), Revision.objects.count()
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert "already up to date" in out.getvalue()
    assert (Page.objects.count(), Revision.objects.count()) == (pages, revisions)


def test_a_missing_demo_translation_is_reported_not_guessed():
    with pytest.raises(MissingDemoTranslation, match="'lt'"):
        lookup({"Roma mediation": {"lv": "Romu mediācija"}}, "Roma mediation", "lt")
    assert lookup({}, "149", "lt") == "149"

"""Organisations link to and from the practices, projects and events that name them (issue 24):
a partner named on a practice, a project or an event leads to the organisation's page in the
reader's language, and that page lists the practices, projects and events that name it."""

from __future__ import annotations

import pytest
from wagtail.models import Locale

from network.models import Organisation
from practices.models import EventPage, PracticePage, ProjectPage

from .conftest import html

pytestmark = pytest.mark.django_db

LANGUAGES = ("en", "lv")


def translated(page, language: str):
    if language == Locale.get_default().language_code:
        return page
    translation = page.get_translation_or_none(Locale.objects.get(language_code=language))
    assert translation is not None and translation.live, (page, language)
    return translation.specific


def organisation_in(organisation: Organisation, language: str) -> Organisation:
    return Organisation.objects.get(slug=organisation.slug, locale__language_code=language)


def organisation_url(organisation: Organisation, language: str) -> str:
    return f"/{language}/network/organisations/{organisation.slug}/"


def named(model, field: str):
    """An English page of ``model`` naming an organisation in ``field``, translated into Latvian,
    and that organisation."""
    lv = Locale.objects.get(language_code="lv")
    for page in model.objects.live().filter(locale=Locale.get_default()).order_by("pk"):
        value = getattr(page, field)
        organisations = list(value.all()) if hasattr(value, "all") else [value] if value else []
        translation = page.get_translation_or_none(lv)
        if organisations and translation is not None and translation.live:
            return page, organisations[0]
    raise AssertionError(f"the demo has no {model.__name__} naming an organisation in {field}")


def assert_links_to(page_html, organisation: Organisation, language: str) -> None:
    shown = organisation_in(organisation, language)
    link = page_html.find("a", href=organisation_url(organisation, language))
    assert link is not None, (organisation.slug, language)
    assert link.get_text(strip=True) == shown.name  # named in the reader's language


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    "model, field", [(PracticePage, "organisations"), (ProjectPage, "partners"), (EventPage, "organiser")]
)
def test_pages_link_the_organisations_they_name(client, model, field, language):
    page, organisation = named(model, field)
    shown = html(client.get(translated(page, language).url))
    assert_links_to(shown, organisation, language)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    "model, field, heading",
    [
        (PracticePage, "organisations", "practices-heading"),
        (ProjectPage, "partners", "projects-heading"),
        (EventPage, "organiser", "events-heading"),
    ],
)
def test_organisation_pages_list_what_names_them(client, model, field, heading, language):
    page, organisation = named(model, field)
    response = client.get(organisation_url(organisation, language))
    assert response.status_code == 200
    section = html(response).find(attrs={"aria-labelledby": heading})
    assert section is not None, heading
    item = translated(page, language)
    link = section.find("a", href=item.url)
    assert link is not None and link.get_text(strip=True) == item.title
    # Only pages in the reader's language.
    other = "lv" if language == "en" else "en"
    assert section.find("a", href=translated(page, other).url) is None


def test_a_new_event_appears_on_its_organisers_page_and_links_back(
    client, django_capture_on_commit_callbacks
):
    organisation = Organisation.objects.get(locale=Locale.get_default(), slug="providus")
    url = organisation_url(organisation, "en")
    before = html(client.get(url)).find(attrs={"aria-labelledby": "events-heading"})
    known = {a["href"] for a in before.find_all("a")} if before else set()
    event = (
        EventPage.objects.live()
        .filter(locale=Locale.get_default())
        .exclude(organiser__slug=organisation.slug)
        .order_by("pk")
        .first()
    )
    assert event.url not in known
    event.organiser = organisation
    with django_capture_on_commit_callbacks(execute=True):  # the publish commits, as on the site
        event.save_revision().publish()
    section = html(client.get(url)).find(attrs={"aria-labelledby": "events-heading"})
    assert section.find("a", href=event.url) is not None
    assert_links_to(html(client.get(event.url)), organisation, "en")

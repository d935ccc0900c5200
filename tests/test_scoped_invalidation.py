"""A change renews exactly what shows it (nbnet/invalidation.py), against a real Redis.

Each test stores a set of pages in two languages, changes one record as an editor does (the
admin's publish, a snippet saved), and asks again: the pages that show the record are built
anew (``X-Page-Cache: miss``, the new text in them), the others are still served from the
cache (``hit``).
"""

from __future__ import annotations

import uuid

import pytest
from django.test import override_settings
from wagtail.models import Locale

from nbnet.settings.environment import redis_cache
from network.models import Organisation, PractitionerPage, Theme, TwinningPage
from practices.models import EventPage, PracticePage, ProjectPage

from .conftest import html, redis_up, require_service
from .test_live_editing import edit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def real_redis():
    """The production cache backend on Debian's Redis, under keys of this test's own."""
    require_service(redis_up(), "Redis on 127.0.0.1:6379 (Debian package redis-server)")
    prefix = f"test-scoped-{uuid.uuid4().hex[:8]}"
    with override_settings(CACHES={"default": redis_cache("redis://127.0.0.1:6379/9", key_prefix=prefix)}):
        yield


def store(client, urls) -> None:
    for url in urls:
        first = client.get(url)
        assert first.status_code == 200, url
        assert client.get(url)["X-Page-Cache"] == "hit", url


def urls_of(model, **filters) -> list[str]:
    """The URLs, in English and Latvian, of the live pages of ``model`` matching ``filters``."""
    return [
        page.url for page in model.objects.live().filter(locale__language_code__in=["en", "lv"], **filters)
    ]


def publish(admin_client, page, django_capture_on_commit_callbacks, **changes) -> None:
    url, data = edit(admin_client, page, **changes)
    data["action-publish"] = ["1"]
    with django_capture_on_commit_callbacks(execute=True):
        assert admin_client.post(url, data).status_code == 302


def test_publishing_a_practitioner_renews_the_pages_that_show_them_and_no_other(
    client, admin_client, django_capture_on_commit_callbacks
):
    person = PractitionerPage.objects.live().get(locale__language_code="en", slug="kadri-tamm")
    key = person.translation_key
    showing = [
        # Pages that show her, in English and in Latvian (each shows its own translation).
        *urls_of(PracticePage, contacts__translation_key=key),
        *urls_of(EventPage, people__translation_key=key),
        *urls_of(TwinningPage, people__translation_key=key),
        # Her organisation's page lists its people.
        f"/en/network/organisations/{person.organisation.slug}/",
        # The directory's listings that show her card (the others stay stored unless her
        # place in them changes: tests/test_listing_renewal.py).
        "/en/network/?country=EE",
        "/lv/network/?country=EE",
    ]
    unrelated = [
        "/lv/guides/",
        "/en/guides/",
        "/lt/guides/help-points/",
        "/en/practices/",
        "/lv/events/",
        *urls_of(PracticePage, country__code="LV")[:2],  # practices in Latvia: she is in Estonia
    ]
    assert len(showing) >= 7 and not set(showing) & set(unrelated)
    store(client, showing + unrelated)

    publish(admin_client, person, django_capture_on_commit_callbacks, title="Kadri Tamm-Renamed")

    for url in showing:
        response = client.get(url)
        assert response["X-Page-Cache"] == "miss", url
        if url.startswith("/en/") and "/network/?" not in url and url != "/en/network/":
            assert "Kadri Tamm-Renamed" in response.content.decode(), url
    for url in unrelated:
        assert client.get(url)["X-Page-Cache"] == "hit", url


def test_the_new_name_is_on_every_english_page_at_once(
    client, admin_client, django_capture_on_commit_callbacks
):
    """Nothing stale: the practice, event, twinning and project pages that show her, the
    directory listing her, her organisation's page."""
    person = PractitionerPage.objects.live().get(locale__language_code="en", slug="kadri-tamm")
    key = person.translation_key
    pages = [
        *PracticePage.objects.live().filter(locale__language_code="en", contacts__translation_key=key),
        *ProjectPage.objects.live().filter(locale__language_code="en", contact_persons__translation_key=key),
        *EventPage.objects.live().filter(locale__language_code="en", people__translation_key=key),
        *TwinningPage.objects.live().filter(locale__language_code="en", people__translation_key=key),
    ]
    urls = [page.url for page in pages] + [f"/en/network/organisations/{person.organisation.slug}/"]
    store(client, urls)
    publish(admin_client, person, django_capture_on_commit_callbacks, title="Kadri Newname")
    for url in urls:
        assert "Kadri Newname" in client.get(url).content.decode(), url


def test_leaving_an_organisation_renews_the_old_one_too(
    client, admin_client, django_capture_on_commit_callbacks
):
    """A change renews what showed the record before it as well as after it."""
    person = PractitionerPage.objects.live().get(locale__language_code="en", slug="kadri-tamm")
    old = person.organisation
    new = Organisation.objects.filter(locale=old.locale).exclude(pk=old.pk).first()
    urls = [f"/en/network/organisations/{old.slug}/", f"/en/network/organisations/{new.slug}/"]
    store(client, urls)
    publish(admin_client, person, django_capture_on_commit_callbacks, organisation=str(new.pk))
    assert person.title not in client.get(urls[0]).content.decode()
    assert person.title in client.get(urls[1]).content.decode()


def test_a_practice_moving_in_the_listings_renews_its_organisations_page_and_no_other(
    client, django_capture_on_commit_callbacks
):
    """A practice with a new status renews every practice listing (a field they filter by), but
    of the organisations' pages only those that list it, in every language: they depend on
    their organisation, which the practice links to, not on the practices' listings."""
    practice = next(
        page
        for page in PracticePage.objects.live().filter(locale__language_code="en").order_by("pk")
        if page.organisations.exists()
    )
    partner = practice.organisations.first()
    other = Organisation.objects.filter(locale=partner.locale).exclude(
        slug__in=practice.organisations.values("slug")
    )[0]
    listing = ["/en/practices/", "/lv/practices/"]
    its = [f"/en/network/organisations/{partner.slug}/", f"/lv/network/organisations/{partner.slug}/"]
    others = [f"/en/network/organisations/{other.slug}/", f"/lv/network/organisations/{other.slug}/"]
    store(client, listing + its + others)
    statuses = [value for value, _label in PracticePage._meta.get_field("status").choices]
    practice.status = next(value for value in statuses if value != practice.status)
    practice.title = "Aaa renamed practice"
    with django_capture_on_commit_callbacks(execute=True):
        practice.save_revision().publish()
    for url in listing + its:
        assert client.get(url)["X-Page-Cache"] == "miss", url
    assert "Aaa renamed practice" in client.get(its[0]).content.decode()
    for url in others:
        assert client.get(url)["X-Page-Cache"] == "hit", url


def test_publishing_a_practice_renews_its_contacts_profiles_listing_and_not_guides(
    client, django_capture_on_commit_callbacks
):
    practice = PracticePage.objects.live().filter(locale__language_code="en", contacts__isnull=False).first()
    contact = practice.contacts.first()
    showing = ["/en/practices/", "/lv/practices/", *urls_of(ProjectPage, pk=practice.project_id)]
    unrelated = ["/lv/guides/", "/en/network/", "/et/guides/"]
    store(client, showing + unrelated)
    practice.title = "A Renamed Practice"
    with django_capture_on_commit_callbacks(execute=True):
        practice.save_revision().publish()
    for url in showing:
        assert client.get(url)["X-Page-Cache"] == "miss", url
    for url in unrelated:
        assert client.get(url)["X-Page-Cache"] == "hit", url
    # Profiles carry a contact form and are never stored whole; what they list is renewed.
    assert "A Renamed Practice" in client.get(contact.url).content.decode()


def test_a_contact_published_rebuilds_the_practice_but_not_its_language_links(
    client, admin_client, django_capture_on_commit_callbacks, monkeypatch
):
    """The language links read the page's own translations: a record the page shows, published
    again, rebuilds the page without asking for its translations again (3–5 ms of each page
    rebuilt after a publish); its own translation unpublished does (tests/test_page_cache.py)."""
    from home import i18n

    practice = PracticePage.objects.live().filter(locale__language_code="en", contacts__isnull=False).first()
    person = practice.contacts.live().filter(locale__language_code="en").order_by("pk").first()
    store(client, [practice.url])
    built = []
    build = i18n._language_links

    def counted(request, page):
        built.append(page.pk)
        return build(request, page)

    monkeypatch.setattr(i18n, "_language_links", counted)

    publish(admin_client, person, django_capture_on_commit_callbacks, title=f"{person.title} Renamed")

    response = client.get(practice.url)
    assert response["X-Page-Cache"] == "miss"
    assert f"{person.title} Renamed" in response.content.decode()
    assert practice.pk not in built
    links = html(response).select('.language-switcher a[hreflang="lv"]')
    latvian = practice.get_translation(Locale.objects.get(language_code="lv"))
    assert links and links[0]["href"] == latvian.url


def test_a_theme_renamed_renews_what_shows_themes_and_leaves_guides(
    client, django_capture_on_commit_callbacks
):
    """A snippet shown everywhere (a theme) renews everything that shows it, nothing else."""
    theme = Theme.objects.get(locale__language_code="en", slug="roma-inclusion")
    showing = ["/en/network/", "/en/practices/"]
    unrelated = ["/lv/guides/", "/en/guides/"]
    store(client, showing + unrelated)
    with django_capture_on_commit_callbacks(execute=True):
        theme.name = "Roma Inclusion Renamed"
        theme.save()
    for url in showing:
        response = client.get(url)
        assert response["X-Page-Cache"] == "miss" and "Roma Inclusion Renamed" in response.content.decode(), (
            url
        )
    for url in unrelated:
        assert client.get(url)["X-Page-Cache"] == "hit", url


def test_a_signed_in_reader_gets_renewed_fragments_too(
    client, admin_client, django_capture_on_commit_callbacks
):
    """Readers the page cache cannot serve use the fragments, renewed by the same tags."""
    person = PractitionerPage.objects.live().get(locale__language_code="en", slug="kadri-tamm")
    practice = PracticePage.objects.live().filter(locale__language_code="en", contacts=person).first()
    assert person.title in admin_client.get(practice.url).content.decode()
    publish(admin_client, person, django_capture_on_commit_callbacks, title="Kadri Signed-In View")
    assert "Kadri Signed-In View" in admin_client.get(practice.url).content.decode()


def test_a_practitioner_published_leaves_other_organisations_pages_stored(
    client, admin_client, django_capture_on_commit_callbacks
):
    """An organisation's page shows its own people: another member's change does not renew it."""
    person = PractitionerPage.objects.live().get(locale__language_code="en", slug="kadri-tamm")
    other = Organisation.objects.filter(locale=person.organisation.locale).exclude(pk=person.organisation_id)[
        0
    ]
    urls = [f"/en/network/organisations/{other.slug}/", f"/lv/network/organisations/{other.slug}/"]
    store(client, urls)
    publish(admin_client, person, django_capture_on_commit_callbacks, title="Kadri Elsewhere")
    for url in urls:
        assert client.get(url)["X-Page-Cache"] == "hit", url


def test_peers_are_shown_as_they_are_now(
    client, admin_client, django_capture_on_commit_callbacks, monkeypatch
):
    """A profile's peers are ranked once (costly at 100k) but shown fresh: a peer renamed is
    renamed there at once, a peer unpublished leaves at once, and another practitioner's
    publish does not rank everyone again."""
    from nbnet import page_cache

    profile = PractitionerPage.objects.live().get(locale__language_code="en", slug="kadri-tamm")
    client.get(profile.url)  # ranked and remembered
    peers = profile.find_peers()
    assert len(peers) >= 2
    first, second = peers[0], peers[1]
    stored = []
    original = page_cache._store
    monkeypatch.setattr(
        page_cache, "_store", lambda name, *args: (stored.append(name), original(name, *args))[1]
    )
    publish(admin_client, first, django_capture_on_commit_callbacks, title="Peer Renamed Now")
    assert "Peer Renamed Now" in shown_peers(client, profile.url)
    assert not any(name.startswith("peer-ids:") for name in stored)  # not ranked again
    with django_capture_on_commit_callbacks(execute=True):
        PractitionerPage.objects.get(pk=second.pk).unpublish()
    assert second.title not in shown_peers(client, profile.url)


def test_peers_are_ranked_again_only_when_what_ranks_them_changes(
    client, admin_client, django_capture_on_commit_callbacks, monkeypatch
):
    """Ranking peers scores every practitioner (1–3 s at 100k on PostgreSQL). A practice that
    names the person published, or the person's own page published with a new title, leaves
    the ranking as it was; a new theme of theirs ranks them again, and the page shows it."""
    from nbnet import page_cache
    from network.models import Theme

    profile = PractitionerPage.objects.live().get(locale__language_code="en", slug="kadri-tamm")
    client.get(profile.url)  # ranked and remembered
    ranked = []
    original = page_cache._store
    monkeypatch.setattr(
        page_cache,
        "_store",
        lambda name, *args: (
            ranked.append(name) if name.startswith("peer-ids:") else None,
            original(name, *args),
        )[1],
    )
    practice = PracticePage.objects.live().filter(contacts=profile).first()
    assert practice is not None
    practice.title = practice.title + " (revised)"
    with django_capture_on_commit_callbacks(execute=True):
        practice.save_revision().publish()
    publish(admin_client, profile, django_capture_on_commit_callbacks, title="Kadri Tamm-Renamed")
    assert "Kadri Tamm-Renamed" in client.get(profile.url).content.decode()
    assert ranked == []  # neither ranked them again

    new_theme = Theme.objects.filter(locale=profile.locale).exclude(pk__in=profile.themes.all()).first()
    profile = PractitionerPage.objects.get(pk=profile.pk)
    profile.themes.add(new_theme)
    with django_capture_on_commit_callbacks(execute=True):
        profile.save_revision().publish()
    shown = shown_peers(client, profile.url)
    assert len(ranked) == 1  # ranked again, once, for the new theme
    expected = [peer.title for peer in PractitionerPage.objects.get(pk=profile.pk).find_peers()]
    assert expected and all(title in shown for title in expected)


def shown_peers(client, url: str) -> str:
    section = html(client.get(url)).select_one('section[aria-labelledby="peers-heading"]')
    return section.get_text(" ", strip=True)


def test_a_publish_renews_the_page_and_its_aliases_together_once(
    monkeypatch, django_capture_on_commit_callbacks
):
    """Publishing saves the page and then each alias: what they all renew is bumped once, when
    the publish commits, not once per saved page (a reader in between would build the page
    again for nothing)."""
    from nbnet import page_cache
    from nbnet.invalidation import renewed_by
    from nbnet.page_cache import object_tag

    alias = PractitionerPage.objects.filter(alias_of__isnull=False, live=True).first()
    assert alias is not None, "the demo keeps a synchronised language tree: its pages have aliases"
    page = alias.alias_of.specific
    renewals = []
    monkeypatch.setattr(page_cache, "_bump_now", renewals.append)
    with django_capture_on_commit_callbacks(execute=True):
        page.title = f"{page.title} (renamed)"
        page.save_revision().publish()
        assert renewals == []  # nothing before the commit
    own = object_tag("page", page.translation_key)
    with_page = [tags for tags in renewals if own in tags]
    assert len(with_page) == 1, f"{len(with_page)} renewals of the page's tag"
    alias.refresh_from_db()
    assert renewed_by(alias) <= with_page[0], "what the alias renews comes with the page's"


def test_the_links_translation_keys_are_read_with_the_links():
    """A change's tags name linked pages and terms by translation key: read in the query that
    finds each link, not asked for again per model (22 queries a practitioner, now 15)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from nbnet import invalidation
    from nbnet.page_cache import object_tag

    person = PractitionerPage.objects.get(
        pk=PractitionerPage.objects.live().get(locale__language_code="en", slug="kadri-tamm").pk
    )
    invalidation.renewed_by(person)  # the content types, cached once per process
    with CaptureQueriesContext(connection) as queries:
        tags = invalidation.renewed_by(person)
    assert len(queries) <= 15, [query["sql"] for query in queries.captured_queries]
    shown_on = [
        *PracticePage.objects.filter(contacts=person),
        *EventPage.objects.filter(people=person),
        *TwinningPage.objects.filter(people=person),
    ]
    assert shown_on
    assert {object_tag("page", page.translation_key) for page in shown_on} <= tags
    assert {object_tag("network.Theme", theme.translation_key) for theme in person.themes.all()} <= tags
    assert object_tag("network.Organisation", person.organisation.translation_key) in tags
    assert object_tag("page", person.get_parent().translation_key) not in tags  # the directory lists by kind

"""The anonymous page cache: served from the cache, invalidated by any change shown on the
page, and never for signed-in users, forms, previews or personal pages."""

from __future__ import annotations

import pytest
from django.test import override_settings
from wagtail.models import Locale

from network.models import PractitionerPage
from practices.models import PracticePage

from .conftest import html

pytestmark = pytest.mark.django_db


def test_anonymous_pages_are_served_from_the_cache_until_content_changes(
    client, django_capture_on_commit_callbacks
):
    url = "/en/practices/roma-mediation-latvia/"
    first = client.get(url)
    assert first["X-Page-Cache"] == "miss"
    second = client.get(url)
    assert second["X-Page-Cache"] == "hit" and second.content == first.content
    # A practitioner shown on the practice is renamed: the practice page changes at once.
    practice = PracticePage.objects.get(
        url_path__endswith="/roma-mediation-latvia/", locale__language_code="en"
    )
    person = practice.contacts.first()
    person.title = "Renamed Person"
    with django_capture_on_commit_callbacks(execute=True):  # invalidation waits for the commit
        person.save_revision().publish()
    third = client.get(url)
    assert third["X-Page-Cache"] == "miss"
    assert "Renamed Person" in third.content.decode()


def test_unpublishing_removes_the_page_from_the_cache(client, django_capture_on_commit_callbacks):
    page = PractitionerPage.objects.filter(locale__language_code="lv").live().first()
    directory = "/lv/network/"
    assert page.title in client.get(directory).content.decode()
    assert client.get(directory)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert page.title not in client.get(directory).content.decode()


def test_languages_and_query_strings_are_cached_apart(client):
    a = client.get("/lv/guides/latvia/?status=refugee&city=riga")
    b = client.get("/lv/guides/latvia/?status=asylum-seeker&city=riga")
    c = client.get("/ru/guides/latvia/?status=refugee&city=riga")
    assert len({a.content, b.content, c.content}) == 3
    assert client.get("/lv/guides/latvia/?status=asylum-seeker&city=riga").content == b.content


def test_signed_in_users_never_get_or_fill_the_shared_cache(client, admin_user):
    url = "/en/network/"
    client.force_login(admin_user)
    signed_in = client.get(url)
    assert "X-Page-Cache" not in signed_in
    client.logout()
    anonymous = client.get(url)
    assert anonymous["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"


def test_pages_with_forms_or_personal_answers_are_not_stored(client):
    # A practitioner page carries the contact form (a CSRF token): never shared.
    person = PractitionerPage.objects.filter(locale__language_code="en").live().first()
    first = client.get(person.url)
    assert "csrfmiddlewaretoken" in first.content.decode() and "X-Page-Cache" not in first
    assert "X-Page-Cache" not in client.get(person.url)
    for url in ("/en/search/?q=roma", "/en/account/login/", "/health/", "/api/search/?q=roma"):
        client.get(url)
        assert "X-Page-Cache" not in client.get(url), url


def test_previews_and_the_admin_are_not_cached(admin_client):
    admin_client.get("/admin/")
    assert "X-Page-Cache" not in admin_client.get("/admin/")


@override_settings(PAGE_CACHE_SECONDS=0)
def test_page_cache_can_be_turned_off(client):
    client.get("/en/")
    assert "X-Page-Cache" not in client.get("/en/")


def test_cached_page_keeps_its_security_headers(client):
    client.get("/et/guides/")
    hit = client.get("/et/guides/")
    assert hit["X-Page-Cache"] == "hit"
    assert "default-src 'self'" in hit["Content-Security-Policy"]
    assert hit["X-Frame-Options"] == "DENY"
    assert html(hit).html["lang"] == "et"


def test_pages_are_renewed_once_when_the_change_commits(client, django_capture_on_commit_callbacks):
    """Until the change commits readers are served the stored page (what they would read from
    the database is the same); the commit renews it, once: a renewal before it as well would
    only have readers in between build and store the old page again, to be renewed again."""
    from network.models import Organisation

    organisation = Organisation.objects.filter(locale__language_code="en").first()
    url = f"/en/network/organisations/{organisation.slug}/"
    client.get(url)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        organisation.name = "Renamed Organisation"
        organisation.save()
        assert client.get(url)["X-Page-Cache"] == "hit"  # not yet committed: nothing renewed
    assert callbacks
    for callback in callbacks:
        callback()  # the commit
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss" and "Renamed Organisation" in response.content.decode()
    assert client.get(url)["X-Page-Cache"] == "hit"


def test_made_up_query_strings_are_not_stored(client):
    for url in ("/en/?utm_source=x", "/en/guides/?status=refugee&foo=1", "/en/?" + "page=1&" * 100):
        client.get(url)
        assert "X-Page-Cache" not in client.get(url), url
    client.get("/en/network/?country=LV&theme=roma-inclusion")
    assert client.get("/en/network/?country=LV&theme=roma-inclusion")["X-Page-Cache"] == "hit"


def _practice() -> PracticePage:
    return PracticePage.objects.get(url_path__endswith="/roma-mediation-latvia/", locale__language_code="en")


# Routing, view restrictions and language links are remembered per content version
# (home/routing.py, home/restrictions.py, home/i18n.py): each must follow a change at once.


@override_settings(PAGE_CACHE_SECONDS=0)  # the remembered parts alone, not whole pages
def test_remembered_routes_follow_a_renamed_page(client, django_capture_on_commit_callbacks):
    old = "/en/practices/roma-mediation-latvia/"
    assert client.get(old).status_code == 200
    assert client.get(old).status_code == 200  # now from the remembered route
    practice = _practice()
    practice.slug = "roma-mediators-latvia"
    with django_capture_on_commit_callbacks(execute=True):
        practice.save_revision().publish()
    moved = client.get(old)  # not the remembered page: Wagtail's redirect to the new slug
    assert moved.status_code == 301 and moved["Location"] == "/en/practices/roma-mediators-latvia/"
    renamed = client.get("/en/practices/roma-mediators-latvia/")
    assert renamed.status_code == 200 and practice.title in renamed.content.decode()


@override_settings(PAGE_CACHE_SECONDS=0)
def test_remembered_routes_keep_sub_urls_and_unpublishing(client, django_capture_on_commit_callbacks):
    # A routable page's own sub-URL (the feed) is still routed by the page.
    for _ in range(2):
        feed = client.get("/en/practices/feed/")
        assert feed.status_code == 200 and feed["Content-Type"].startswith("application/rss+xml")
    url = "/en/practices/roma-mediation-latvia/"
    client.get(url)
    practice = _practice()
    with django_capture_on_commit_callbacks(execute=True):
        practice.unpublish()
    assert client.get(url).status_code == 404
    assert client.get("/en/practices/no-such-practice/").status_code == 404


@override_settings(PAGE_CACHE_SECONDS=0)
def test_a_new_view_restriction_applies_at_once(client, django_capture_on_commit_callbacks):
    from wagtail.models import PageViewRestriction

    url = "/en/practices/roma-mediation-latvia/"
    practice = _practice()
    assert client.get(url).status_code == 200
    assert practice.title in client.get("/en/practices/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=practice, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(url).status_code == 302  # to the sign-in page
    assert practice.title not in client.get("/en/practices/").content.decode()  # .public() listings
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.filter(page=practice).delete()
    assert client.get(url).status_code == 200


@override_settings(PAGE_CACHE_SECONDS=0)
def test_language_switcher_follows_a_new_translation(client, django_capture_on_commit_callbacks):
    url = "/en/practices/roma-mediation-latvia/"
    practice = _practice()
    estonian = practice.get_translation(Locale.objects.get(language_code="et"))

    def estonian_link():
        return html(client.get(url)).select_one('.language-switcher a[hreflang="et"]')["href"]

    assert estonian_link() == estonian.url
    with django_capture_on_commit_callbacks(execute=True):
        estonian.unpublish()
    assert estonian_link() == "/et/"  # that language's home page now


# What a page shows beside its own fields (related records, a checklist's steps) is
# remembered per content version too (nbnet.page_cache.for_page), for the readers the
# page cache does not serve: a change must show at once, a preview must never see it.


@override_settings(PAGE_CACHE_SECONDS=0)
def test_remembered_related_records_follow_content_changes(client, django_capture_on_commit_callbacks):
    from guides.models import GuidePage, GuideStep, LegalStatus
    from network.models import Organisation

    url = "/en/practices/roma-mediation-latvia/"
    practice = _practice()
    partner = Organisation.objects.filter(locale=practice.locale).exclude(
        pk__in=practice.organisations.values("pk")
    )[0]
    for _ in range(2):  # the second from what was remembered
        assert partner.name not in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        practice.organisations.add(partner)
        practice.save_revision().publish()
    assert partner.name in client.get(url).content.decode()

    checklist = "/en/guides/latvia/?status=refugee&city=riga"
    for _ in range(2):
        assert "Register the new step" not in client.get(checklist).content.decode()
    guide = GuidePage.objects.get(slug="latvia", locale=practice.locale)
    with django_capture_on_commit_callbacks(execute=True):
        step = GuideStep.objects.create(guide=guide, topic="work", title="Register the new step")
        step.statuses.set([LegalStatus.objects.get(locale=practice.locale, slug="refugee")])
    assert "Register the new step" in client.get(checklist).content.decode()


def test_a_preview_shows_the_editors_unsaved_links(client, admin_user, rf):
    from network.models import Organisation

    url = "/en/practices/roma-mediation-latvia/"
    practice = _practice()
    partner = Organisation.objects.filter(locale=practice.locale).exclude(
        pk__in=practice.organisations.values("pk")
    )[0]
    with override_settings(PAGE_CACHE_SECONDS=0):
        client.get(url)  # the live page's partners are remembered now
    practice.organisations = [*practice.organisations.all(), partner]  # in the editor, not saved
    request = rf.get("/admin/")
    request.user = admin_user
    preview = practice.make_preview_request(request, practice.default_preview_mode)
    assert preview.status_code == 200
    assert partner.name in preview.content.decode()
    with override_settings(PAGE_CACHE_SECONDS=0):
        assert partner.name not in client.get(url).content.decode()  # the live page is unchanged


def test_each_worker_keeps_the_fragments_it_used_last(monkeypatch):
    """The worker's own copy of fragments is bounded, least recently used out first; what
    it dropped is still read from the shared cache."""
    from nbnet import page_cache

    monkeypatch.setattr(page_cache, "LOCAL_FRAGMENTS", 3)
    page_cache._local.clear()
    for name in ("a", "b", "c"):
        page_cache.remember(f"lru-{name}", name)
    assert page_cache.remembered("lru-a") == "a"  # used again: now the most recent
    page_cache.remember("lru-d", "d")
    kept = set(page_cache._local)
    assert kept == {"lru-a", "lru-c", "lru-d"}
    assert page_cache.remembered("lru-b") == "b"  # from the shared cache
    assert len(page_cache._local) == 3


def test_pages_and_fragments_stored_by_other_code_are_not_served(client, monkeypatch):
    """After a deploy (new templates, views or translations) nothing rendered by the previous
    code is served, with no step to remember: keys name the code's digest."""
    from nbnet import page_cache

    url = "/en/practices/"
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    page_cache.remember("deploy-probe", "old code's")
    page_cache._local.clear()  # a new worker starts with nothing of its own
    monkeypatch.setattr(page_cache, "code_version", lambda: "a-new-deploy")
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert page_cache.remembered("deploy-probe") is None


def test_the_code_digest_follows_code_templates_and_translations_only(tmp_path):
    from nbnet.page_cache import code_digest

    (tmp_path / "app" / "templates").mkdir(parents=True)
    (tmp_path / "app" / "views.py").write_text("x = 1\n")
    (tmp_path / "app" / "templates" / "page.html").write_text("<p>{{ x }}</p>")
    (tmp_path / "locale" / "lv" / "LC_MESSAGES").mkdir(parents=True)
    (tmp_path / "locale" / "lv" / "LC_MESSAGES" / "django.mo").write_bytes(b"\x00one")
    (tmp_path / "media").mkdir()
    (tmp_path / "tests").mkdir()
    first = code_digest(tmp_path)
    # Uploads, tests, databases and the virtual environment do not change what pages look like.
    (tmp_path / "media" / "photo.py").write_text("not code")
    (tmp_path / "tests" / "test_x.py").write_text("assert True")
    (tmp_path / "db.sqlite3").write_bytes(b"rows")
    (tmp_path / ".venv").mkdir()
    (tmp_path / ".venv" / "site.py").write_text("y = 2")
    assert code_digest(tmp_path) == first
    seen = {first}
    for path, text in [
        ("app/templates/page.html", "<p>{{ x|upper }}</p>"),
        ("app/views.py", "x = 2\n"),
        ("locale/lv/LC_MESSAGES/django.mo", "\x00two"),
    ]:
        (tmp_path / path).write_text(text)
        seen.add(code_digest(tmp_path))
    assert len(seen) == 4


def test_pages_are_stored_gzip_compressed_for_readers_who_accept_it(client):
    import gzip

    url = "/lv/guides/latvia/?status=refugee&city=riga"
    plain = client.get(url)
    assert "Content-Encoding" not in plain and "Accept-Encoding" in plain["Vary"]
    compressed = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert compressed["X-Page-Cache"] == "miss" and compressed["Content-Encoding"] == "gzip"
    assert gzip.decompress(compressed.content) == plain.content
    assert len(compressed.content) * 3 < len(plain.content)  # a checklist is mostly markup
    hit = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert hit["X-Page-Cache"] == "hit" and hit.content == compressed.content
    # A reader without gzip never gets the compressed copy.
    again = client.get(url)
    assert again["X-Page-Cache"] == "hit" and again.content == plain.content
    assert "Content-Encoding" not in again


def test_a_compressed_page_with_a_form_is_not_stored(client):
    person = PractitionerPage.objects.filter(locale__language_code="en").live().first()
    client.cookies["csrftoken"] = "x" * 32  # a returning visitor: no new cookie is set
    for _ in range(2):
        response = client.get(person.url, HTTP_ACCEPT_ENCODING="gzip")
        assert response["Content-Encoding"] == "gzip"
        assert "X-Page-Cache" not in response


def test_only_text_answers_are_compressed(rf):
    from django.http import HttpResponse

    from nbnet.middleware import TextGZipMiddleware

    request = rf.get("/", HTTP_ACCEPT_ENCODING="gzip")
    body = b"<p>" + b"Rezekne " * 200 + b"</p>"
    for content_type, compressed in [
        ("text/html; charset=utf-8", True),
        ("application/json", True),
        ("text/calendar", True),
        ("image/png", False),
        ("application/pdf", False),
    ]:
        middleware = TextGZipMiddleware(lambda request, t=content_type: HttpResponse(body, content_type=t))
        response = middleware(request)
        assert (response.get("Content-Encoding") == "gzip") is compressed, content_type

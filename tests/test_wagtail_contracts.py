"""What the wrappers of Wagtail internals rely on, asserted against Wagtail itself.

Three places step into Wagtail where it offers no setting or hook: routing
(``home/routing.py``), view restrictions (``home/restrictions.py``) and locales and sites
(``home/locales.py``). They are still needed with scoped invalidation: they spare the queries
of every page the page cache cannot serve (signed-in readers, a new choice of filters, the
first view after a change). Each test here checks, with the wrapper out of the way, the
behaviour of Wagtail that the wrapper depends on, so a Wagtail upgrade that changes it fails
here by name rather than serving a wrong page.
"""

from __future__ import annotations

import pytest
from django.db.models import Q
from django.test import RequestFactory, override_settings
from django.urls import reverse
from django.utils import translation
from wagtail import views as wagtail_views
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.query import PageQuerySet

from home import restrictions
from practices.models import PracticePage

pytestmark = pytest.mark.django_db


def _practices(language: str = "en") -> list[PracticePage]:
    return list(PracticePage.objects.live().filter(locale__language_code=language).order_by("pk")[:2])


def test_wagtail_serves_the_route_memoised_on_the_request():
    """home/routing.py hands its cached route to Wagtail as ``request._wagtail_route_for_request``:
    Wagtail's ``serve`` must take the page from there, not route the path again."""
    first, second = _practices()
    request = RequestFactory().get(first.url)
    request._wagtail_site = Site.objects.get(is_default_site=True)
    request._wagtail_route_for_request = second.specific.route(request, [])
    assert Page.route_for_request(request, first.url).page.pk == second.pk
    with translation.override("en"):
        request.user = __import__("django.contrib.auth.models", fromlist=["AnonymousUser"]).AnonymousUser()
        response = wagtail_views.serve(request, first.url.lstrip("/en"))
    response.render()
    assert second.title in response.content.decode() and first.title not in response.content.decode()


def test_the_remembered_route_is_the_page_wagtail_finds(client):
    """Every public page, in every language, is served as Wagtail's own router finds it."""
    for page in Page.objects.live().filter(depth__gte=2).specific()[:200]:
        request = RequestFactory().get(page.url)
        request._wagtail_site = Site.objects.get(is_default_site=True)
        path = page.url.split("/", 2)[2] if page.url.count("/") > 1 else ""
        found = Page.route_for_request(request, "/" + path)
        response = client.get(page.url)
        if response.status_code == 200 and found is not None:
            assert found.page.pk == page.pk or found.page.translation_key == page.translation_key


def test_public_querysets_filter_through_private_q(monkeypatch):
    """home/restrictions.py replaces ``PageQuerySet.private_q``: ``public()`` must build its
    filter from it."""
    monkeypatch.setattr(PageQuerySet, "private_q", lambda self: Q(pk__in=[p.pk for p in _practices()]))
    public = set(
        PracticePage.objects.live().filter(locale__language_code="en").public().values_list("pk", flat=True)
    )
    assert public and not public & {p.pk for p in _practices()}


@override_settings(PAGE_CACHE_SECONDS=0)  # the answer of each request, not a stored one
def test_wagtail_checks_view_restrictions_through_get_view_restrictions(client):
    """home/restrictions.py wraps ``Page.get_view_restrictions``: Wagtail's serving hook must
    ask it (a restriction it returns applies, one it hides does not)."""
    practice = _practices()[0]
    restriction = PageViewRestriction.objects.create(
        page=practice, restriction_type=PageViewRestriction.LOGIN
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Page, "get_view_restrictions", lambda self: PageViewRestriction.objects.none())
        assert client.get(practice.url).status_code == 200
    assert client.get(practice.url).status_code == 302
    restriction.delete()
    assert restrictions.restricted_paths() == ()  # the wrapper's own memory follows the delete


def test_locale_get_active_goes_through_get_for_language(monkeypatch):
    """home/locales.py memoises ``LocaleManager.get_for_language``: ``Locale.get_active()``
    must call it."""
    asked = []
    original = type(Locale.objects).get_for_language

    def spy(self, code):
        asked.append(code)
        return original(self, code)

    monkeypatch.setattr(type(Locale.objects), "get_for_language", spy)
    with translation.override("lv"):
        assert Locale.get_active().language_code == "lv"
    assert asked == ["lv"]


def test_site_find_for_request_uses_the_request_memo_and_the_private_finder():
    """home/locales.py sets ``request._wagtail_site`` from a cached ``Site._find_for_request``."""
    site = Site.objects.get(is_default_site=True)
    request = RequestFactory().get("/en/")
    assert Site._find_for_request(request) == site
    other = Site(hostname="elsewhere.example", root_page=site.root_page)
    request._wagtail_site = other
    assert Site.find_for_request(request) is other


def test_admin_and_api_routes_are_outside_the_wrapped_serve(client):
    """The wrapped serve is the catch-all of public pages only."""
    assert reverse("wagtail_serve", args=[""]).startswith("/")

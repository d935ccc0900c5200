"""Whole-page cache for anonymous readers, invalidated by any content change.

Django's cache middleware keys on the Vary headers and cookies, so a visitor with any
cookie misses, and it has no notion of "something shown on this page changed". This
one serves a stored page to any request without a session or messages cookie, and
stores only what is safe to share: a 200 answer to a GET from such a request (so the
page was rendered for an anonymous reader: the header's "Sign in" link reads the empty
session, which is why Django adds ``Vary: Cookie`` to every page), that set no cookie,
used no CSRF token (every page with a POST form does) and is not private or no-cache.
Invalidation is one version number in the cache: any save or delete of content (pages,
revisions published or not, snippets, images, documents, contact details) bumps it, so
a practitioner renamed on their profile is never shown under the old name on a
practice page. Coarse, but correct, and content changes are rare next to reads.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

VERSION_KEY = "page-cache:version"
PERSONAL_COOKIES = ("sessionid", "messages")
# Apps whose models are shown on public pages.
CONTENT_APPS = {
    "home",
    "network",
    "practices",
    "guides",
    "wagtailcore",
    "wagtailimages",
    "wagtaildocs",
    "wagtail_localize",
    "wagtailredirects",
    "taggit",
}
NEVER = ("/api/", "/health/", "/documents/", "/static/", "/media/")


def version() -> int:
    return cache.get_or_set(VERSION_KEY, 1, None)


def bump(**kwargs) -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not set yet (or evicted): any new value invalidates
        cache.set(VERSION_KEY, 2, None)


def connect() -> None:
    from django.apps import apps

    for model in apps.get_models():
        if model._meta.app_label in CONTENT_APPS:
            uid = f"page_cache_{model._meta.label}"
            post_save.connect(bump, sender=model, weak=False, dispatch_uid=f"{uid}_save")
            post_delete.connect(bump, sender=model, weak=False, dispatch_uid=f"{uid}_delete")


def _key(request) -> str:
    digest = hashlib.sha256(f"{request.get_host()}{request.get_full_path()}".encode()).hexdigest()
    return f"page-cache:{version()}:{digest}"


def _cacheable_request(request) -> bool:
    if request.method not in ("GET", "HEAD") or settings.PAGE_CACHE_SECONDS <= 0:
        return False
    path = request.path_info
    if path.startswith((f"/{settings.ADMIN_PATH}/", *NEVER)) or "/account/" in path or "/search/" in path:
        return False
    return not any(name in request.COOKIES for name in PERSONAL_COOKIES)


def _storable(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return False  # the page holds a form with this visitor's CSRF token
    control = response.get("Cache-Control", "").lower()
    return not any(word in control for word in ("private", "no-cache", "no-store"))


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        key = _key(request)
        cached = cache.get(key)
        if cached is not None:
            cached["X-Page-Cache"] = "hit"
            return cached
        response = self.get_response(request)
        if _storable(request, response):
            if hasattr(response, "render") and callable(response.render):
                response.render()
            cache.set(key, response, settings.PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response

"""Whole-page cache for anonymous readers, invalidated by any content change.

Django's cache middleware keys on the Vary headers and cookies, so a visitor with any
cookie misses, and it has no notion of "something shown on this page changed". This
one serves a stored page to any request without a session or messages cookie, and
stores only what is safe to share: a 200 answer to a GET from such a request (so the
page was rendered for an anonymous reader: the header's "Sign in" link reads the empty
session, which is why Django adds ``Vary: Cookie`` to every page), that set no cookie,
holds no CSRF token (every page with a POST form does) and is not private or no-cache;
only URLs whose query parameters are the site's own filters are stored, so made-up
query strings cannot fill the cache.

Invalidation is one version number in the cache (each stored page names the version it
was built under, and both are read in one round trip): any save, delete or many-to-many
change of content (pages, revisions, snippets, images, documents, contact details)
bumps it (at once, and again when the transaction commits), so a practitioner renamed on their profile is
never shown under the old name on a practice page. Coarse, but correct, and content
changes are rare next to reads. The cache must be shared by all workers (Redis in
production: ``CACHE_URL``); if it fails, pages are served uncached.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable
from contextvars import ContextVar
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse

logger = logging.getLogger(__name__)
T = TypeVar("T")

VERSION_KEY = "page-cache:version"
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
# The query parameters of the site's own listings, filters, guides and feeds.
KNOWN_PARAMETERS = {
    "page", "country", "city", "type", "theme", "group", "lang", "open", "status", "year",
    "kind", "language", "with",
}  # fmt: skip
MAX_QUERY_LENGTH = 300


# The version as read once for the current request (PageCacheMiddleware opens it): a page
# asks for a dozen fragments, and each would otherwise read the version from the cache
# again. A change made during the request updates it (see _bump_now).
_request_version: ContextVar[dict | None] = ContextVar("page_cache_version", default=None)


def version() -> int:
    memo = _request_version.get()
    if memo and "version" in memo:
        return memo["version"]
    # A timestamp, not 1: if the key is evicted, old pages stored under earlier versions
    # stay unreachable.
    value = cache.get_or_set(VERSION_KEY, time.time_ns, None)
    if memo is not None:
        memo["version"] = value
    return value


def _bump_now() -> None:
    new = time.time_ns()
    memo = _request_version.get()
    if memo is not None:
        memo["version"] = new
    try:
        cache.set(VERSION_KEY, new, None)
    except Exception:  # a cache that does not answer holds nothing to invalidate
        logger.warning("page cache: could not invalidate", exc_info=True)


def bump(**kwargs) -> None:
    """Invalidate every stored page now, and again once the transaction has committed: a
    reader arriving between the two may have stored the old page under the new version."""
    _bump_now()
    transaction.on_commit(_bump_now)


# Fragments this process has already read, for the version it last saw: a worker reads
# the version once per request and the fragments themselves from its own memory, instead
# of one cache round trip each (a page asks for about ten, a listing twenty more for its
# cards). Keyed by version, so a bump seen by any request makes them unreachable at once;
# bounded, least recently used first out, as a made-up URL can ask for a new route
# fragment and 100k profiles have 100k cards.
_local: dict[tuple[int, str], object] = {}
_local_version: list[int | None] = [None]
LOCAL_FRAGMENTS = 2000  # most are under 1 kB (a card, a route); a page's records some kB


def _remembered(name: str, local: bool = True):
    """The fragment ``name`` under the current version, or None (raises if the cache fails)."""
    current = version()
    value = _local.pop((current, name), None)
    if value is not None:
        _local[(current, name)] = value  # now the most recently used (dicts keep order)
        return value
    value = cache.get(f"fragment:{current}:{name}")
    if value is not None and local:
        _keep_locally((current, name), value)
    return value


def _keep_locally(key: tuple[int, str], value) -> None:
    if _local_version[0] != key[0]:  # the content changed: what is kept is for another version
        _local.clear()
        _local_version[0] = key[0]
    while len(_local) >= LOCAL_FRAGMENTS:
        try:
            del _local[next(iter(_local))]  # the least recently used
        except (KeyError, StopIteration, RuntimeError):  # another thread got there first
            break
    _local[key] = value


def _remember(name: str, value, seconds: int, local: bool = True) -> None:
    current = version()
    cache.set(f"fragment:{current}:{name}", value, seconds)
    if local:
        _keep_locally((current, name), value)


def fragment(name: str, build: Callable[[], T], local: bool = True) -> T:
    """``build()``, kept in the cache under the current version: parts shared by many pages
    (the menu, the home links) are built once per content change, not once per request,
    and are invalidated by the same bump as whole pages. Uncached when
    ``FRAGMENT_CACHE_SECONDS`` is 0 (production without a shared cache) or the cache fails.
    Callers must not change what they get: it is shared by the requests of this process.
    ``local=False`` keeps a large value (a listing's ids) in the shared cache only.
    """
    value = remembered(name, local)
    if value is None:
        value = build()
        remember(name, value, local)
    return value


def for_page(request, name: str, build: Callable[[], T]) -> T:
    """``fragment(name, build)`` for what a page shows beside its own fields (its related
    records, a checklist's steps), so that readers the page cache cannot serve (signed-in
    people, a new choice of filters) do not query them again. Built fresh in a preview:
    there the page's id names a saved page but the content is the editor's unsaved one.
    ``build`` must return plain values or evaluated lists, never a lazy queryset.
    """
    if getattr(request, "is_preview", False):
        return build()
    return fragment(name, build)


def remembered(name: str, local: bool = True):
    """The fragment ``name`` if one is stored (None when not, or when the cache is off or
    fails): for callers that store only some answers (see ``remember``)."""
    if settings.FRAGMENT_CACHE_SECONDS <= 0:
        return None
    try:
        return _remembered(name, local)
    except Exception:
        logger.warning("fragment cache unavailable", exc_info=True)
        return None


def remember(name: str, value, local: bool = True) -> None:
    if settings.FRAGMENT_CACHE_SECONDS <= 0:
        return
    try:
        _remember(name, value, settings.FRAGMENT_CACHE_SECONDS, local)
    except Exception:
        logger.warning("fragment cache: could not store %s", name, exc_info=True)


def connect() -> None:
    from django.apps import apps

    for model in apps.get_models():
        if model._meta.app_label in CONTENT_APPS:
            uid = f"page_cache_{model._meta.label}"
            post_save.connect(bump, sender=model, weak=False, dispatch_uid=f"{uid}_save")
            post_delete.connect(bump, sender=model, weak=False, dispatch_uid=f"{uid}_delete")
            for field in model._meta.local_many_to_many:
                m2m_changed.connect(
                    bump, sender=field.remote_field.through, weak=False, dispatch_uid=f"{uid}_{field.name}"
                )


def _cacheable_request(request) -> bool:
    if request.method not in ("GET", "HEAD") or settings.PAGE_CACHE_SECONDS <= 0:
        return False
    path = request.path_info
    if path.startswith((f"/{settings.ADMIN_PATH}/", *NEVER)) or "/account/" in path or "/search/" in path:
        return False
    if (
        len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_LENGTH
        or not set(request.GET) <= KNOWN_PARAMETERS
    ):
        return False
    personal = (settings.SESSION_COOKIE_NAME, getattr(settings, "MESSAGE_COOKIE_NAME", "messages"))
    return not any(name in request.COOKIES for name in personal)


def _storable(response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    control = response.get("Cache-Control", "").lower()
    if any(word in control for word in ("private", "no-cache", "no-store")):
        return False
    # A form's CSRF token belongs to one visitor (normally a cookie is set too; this
    # also holds when the visitor already had the cookie).
    return b'name="csrfmiddlewaretoken"' not in response.content


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_version.set({})
        try:
            return self._respond(request)
        finally:
            _request_version.reset(token)

    def _respond(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        digest = hashlib.sha256(f"{request.get_host()}{request.get_full_path()}".encode()).hexdigest()
        key = f"page-cache:{digest}"
        try:
            # One round trip for both: the stored page names the version it was built under.
            found = cache.get_many([VERSION_KEY, key])
            current = found.get(VERSION_KEY) or version()
            _request_version.get()["version"] = current
        except Exception:
            logger.warning("page cache unavailable; serving uncached", exc_info=True)
            return self.get_response(request)
        entry = found.get(key)
        if entry is not None and entry[0] == current:
            _stored_version, status, headers, content = entry
            response = HttpResponse(content, status=status, headers=headers)
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if hasattr(response, "render") and callable(response.render) and not response.is_rendered:
            response.render()
        if _storable(response):
            # Plain values, not the response object: cheaper to unpickle on every hit.
            entry = (current, response.status_code, dict(response.headers), response.content)
            try:
                cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
                response["X-Page-Cache"] = "miss"
            except Exception:
                logger.warning("page cache: could not store", exc_info=True)
        return response

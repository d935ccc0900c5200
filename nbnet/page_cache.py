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
change of what readers see (a published page, a snippet, an image, a document, a contact
detail, a view restriction, a site or locale) bumps it (at once, and again when the
transaction commits), so a practitioner renamed on their profile is never shown under the
old name on a practice page. What readers never see leaves it alone (``_invisible``): draft
revisions and the page fields a draft save writes (Wagtail 8 autosaves a draft about every
half second while an editor types), locks, workflow and moderation states, comments, audit
entries, the reference index, image renditions made while a page is viewed, contact-form
records and link-check results. Coarse, but correct. The cache must be shared by all workers (Redis in
production: ``CACHE_URL``); if it fails, pages are served uncached.

Under gunicorn and runserver (both load ``nbnet.wsgi.application``) a stored page is
answered by ``StoredPagesFront``, a WSGI front ahead of Django's handler; the middleware
stores pages, and answers them where there is no front (ASGI, Django's test client). Both
key a request with ``page_key``.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import hashlib
import logging
import os
import time
from collections.abc import Callable
from contextvars import ContextVar
from http import HTTPStatus
from pathlib import Path
from typing import TypeVar
from urllib.parse import parse_qsl

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.gzip import re_accepts_gzip

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


# What shapes a page besides content: the project's code, templates, styles and compiled
# translations. Stored pages and fragments are keyed by a digest of them, so after a deploy
# no reader gets a page rendered by the previous templates, with no step to remember; the
# version number stays shared, so a content change reaches old and new workers alike.
CODE_SUFFIXES = {".py", ".html", ".txt", ".mo", ".css", ".js", ".svg", ".json"}
NOT_CODE_ANYWHERE = {"__pycache__", "node_modules", "site-packages", "build", "dist"}
# Top-level folders only: uploads, collected static files, tests, benchmarks, documentation.
NOT_CODE = {"media", "staticfiles", "tests", "bench", "docs", "test-results", *NOT_CODE_ANYWHERE}


def code_digest(root: Path) -> str:
    import django
    import wagtail

    digest = hashlib.sha256(f"{django.__version__} {wagtail.__version__}".encode())
    for folder, folders, files in os.walk(root):
        skipped = NOT_CODE if folder == str(root) else NOT_CODE_ANYWHERE
        folders[:] = sorted(
            name
            for name in folders
            if name not in skipped
            and not name.startswith(".")
            and not os.path.exists(os.path.join(folder, name, "pyvenv.cfg"))  # a virtualenv
        )
        for name in sorted(files):
            if os.path.splitext(name)[1] in CODE_SUFFIXES:
                path = Path(folder, name)
                digest.update(str(path.relative_to(root)).encode())
                with contextlib.suppress(OSError):  # unreadable or gone: its name still counts
                    digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


# Settings that decide what a stored page may be served to, or that shape its headers: a
# restart with other values (a host no longer allowed, HTTPS now required) must not serve
# what was stored under the old ones, since the front answers before Django checks them.
FRONT_SETTINGS = (
    "ALLOWED_HOSTS", "USE_X_FORWARDED_HOST", "SECURE_PROXY_SSL_HEADER", "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD",
    "SESSION_COOKIE_NAME", "X_FRAME_OPTIONS", "CONTENT_SECURITY_POLICY",
)  # fmt: skip


@functools.cache
def code_version() -> str:
    """The code's digest and that of the settings in FRONT_SETTINGS, once per process."""
    front = repr([getattr(settings, name, None) for name in FRONT_SETTINGS])
    return code_digest(settings.BASE_DIR) + hashlib.sha256(front.encode()).hexdigest()[:6]


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


def _fragment_key(current: int, name: str) -> str:
    return f"fragment:{code_version()}:{current}:{name}"


def _remembered(name: str, local: bool = True):
    """The fragment ``name`` under the current version, or None (raises if the cache fails)."""
    current = version()
    value = _local.pop((current, name), None)
    if value is not None:
        _local[(current, name)] = value  # now the most recently used (dicts keep order)
        return value
    value = cache.get(_fragment_key(current, name))
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
    cache.set(_fragment_key(current, name), value, seconds)
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


# Models of the content apps that readers never see: their saves leave stored pages valid.
INVISIBLE_MODELS = {
    # Editors' drafts, moderation, comments, subscriptions, audit and bookkeeping.
    "wagtailcore.Revision", "wagtailcore.WorkflowState", "wagtailcore.TaskState",
    "wagtailcore.Workflow", "wagtailcore.WorkflowTask", "wagtailcore.WorkflowPage",
    "wagtailcore.WorkflowContentType", "wagtailcore.Task", "wagtailcore.GroupApprovalTask",
    "wagtailcore.Comment", "wagtailcore.CommentReply", "wagtailcore.PageSubscription",
    "wagtailcore.PageLogEntry", "wagtailcore.ModelLogEntry", "wagtailcore.ReferenceIndex",
    "wagtailcore.UploadedFile", "wagtailcore.APIToken", "wagtailcore.GroupPagePermission",
    "wagtailcore.GroupCollectionPermission", "wagtailcore.GroupSitePermission",
    # Made while a reader views a page: the page that shows it is already built.
    "wagtailimages.Rendition",
    # Records for moderators and editors' reports.
    "network.ContactMessage", "guides.LinkCheck",
    # wagtail-localize's working copies: a translation reaches readers when it is published
    # (a page save). StringTranslation stays visible: it decides the machine-translation notice.
    "wagtail_localize.TranslationLog", "wagtail_localize.TranslationSource",
    "wagtail_localize.TranslationContext", "wagtail_localize.String",
    "wagtail_localize.StringSegment", "wagtail_localize.Template",
    "wagtail_localize.TemplateSegment", "wagtail_localize.RelatedObjectSegment",
    "wagtail_localize.OverridableSegment",
}  # fmt: skip
# The page fields Wagtail writes alone when it saves a draft revision (``save_revision``:
# every autosave) or locks a page: the live page readers see is unchanged.
DRAFT_FIELDS = frozenset(
    {
        "latest_revision", "latest_revision_created_at", "draft_title", "has_unpublished_changes",
        "wagtail_admin_comments", "locked", "locked_by", "locked_at",
    }
)  # fmt: skip


def _invisible(update_fields) -> bool:
    return bool(update_fields) and DRAFT_FIELDS.issuperset(update_fields)


def bump_on_save(sender, update_fields=None, **kwargs) -> None:
    """``post_save``: a draft save writes only DRAFT_FIELDS and changes nothing readers see."""
    if not _invisible(update_fields):
        bump()


def connect() -> None:
    from django.apps import apps

    for model in apps.get_models():
        if model._meta.app_label in CONTENT_APPS and model._meta.label not in INVISIBLE_MODELS:
            uid = f"page_cache_{model._meta.label}"
            post_save.connect(bump_on_save, sender=model, weak=False, dispatch_uid=f"{uid}_save")
            post_delete.connect(bump, sender=model, weak=False, dispatch_uid=f"{uid}_delete")
            for field in model._meta.local_many_to_many:
                m2m_changed.connect(
                    bump, sender=field.remote_field.through, weak=False, dispatch_uid=f"{uid}_{field.name}"
                )


def _secure(environ) -> bool:
    """``HttpRequest.is_secure()`` read off a WSGI environ (the front below runs before Django
    builds a request); ``test_the_front_reads_the_scheme_as_django_does`` holds them together."""
    if settings.SECURE_PROXY_SSL_HEADER:
        header, secure_value = settings.SECURE_PROXY_SSL_HEADER
        value = environ.get(header)
        if value is not None:
            return value.split(",", 1)[0].strip() == secure_value
    return environ.get("wsgi.url_scheme") == "https"


def page_key(environ, secure: bool) -> str | None:
    """The key of the stored page for a request (its WSGI environ, which is ``request.META``),
    or None when such a request is never served from the shared cache nor stored in it. The
    front and the middleware both ask here, so they cannot disagree on what is shared."""
    if environ.get("REQUEST_METHOD") not in ("GET", "HEAD") or settings.PAGE_CACHE_SECONDS <= 0:
        return None
    # Django redirects it to HTTPS (SecurityMiddleware): nothing is ever stored for it.
    if settings.SECURE_SSL_REDIRECT and not secure:
        return None
    path = environ.get("PATH_INFO", "")
    if path.startswith((f"/{settings.ADMIN_PATH}/", *NEVER)) or "/account/" in path or "/search/" in path:
        return None
    query = environ.get("QUERY_STRING", "")
    if len(query) > MAX_QUERY_LENGTH:
        return None
    names = {name for name, _value in parse_qsl(query, keep_blank_values=True)} if query else set()
    if not names <= KNOWN_PARAMETERS:
        return None
    # The cookie names looked for in the header as sent, not parsed: Django decodes the header
    # as UTF-8 and strips each name, so "sessionid\xc2\xa0" is a session for Django and would
    # not be one for a parser of the Latin-1 text. Whatever Django reads as one of these names
    # has its letters in the raw header too; a value that merely contains them is not shared.
    cookies = environ.get("HTTP_COOKIE", "")
    personal = (settings.SESSION_COOKIE_NAME, getattr(settings, "MESSAGE_COOKIE_NAME", "messages"))
    if cookies and any(name in cookies for name in personal):
        return None
    # The host as Django reads it (HttpRequest.get_host), as sent: Django answers 400 to a host
    # it does not allow, so nothing is ever stored under one.
    if settings.USE_X_FORWARDED_HOST and "HTTP_X_FORWARDED_HOST" in environ:
        host = environ["HTTP_X_FORWARDED_HOST"]
    elif "HTTP_HOST" in environ:
        host = environ["HTTP_HOST"]
    else:
        host = f"{environ.get('SERVER_NAME', '')}:{environ.get('SERVER_PORT', '')}"
    # Two copies of a page: gzip-compressed (TextGZipMiddleware) for the readers who accept it.
    encoding = "gzip" if re_accepts_gzip.search(environ.get("HTTP_ACCEPT_ENCODING", "")) else "identity"
    # Each part apart (a joined URL would let "/en" + "/a/" and "" + "/en/a/" meet), the path
    # as the server decoded it (Latin-1 code points per byte), the method too (Django may
    # answer HEAD otherwise than GET).
    parts = (
        environ.get("REQUEST_METHOD"),
        encoding,
        "https" if secure else "http",
        host,
        environ.get("SCRIPT_NAME", ""),
        path,
        query,
    )
    digest = hashlib.sha256(repr(parts).encode("utf-8", "backslashreplace")).hexdigest()
    return f"page-cache:{code_version()}:{digest}"


# What the front found for a request it passed on (``lookup``'s answer), so the middleware
# neither asks the cache again nor builds the key again.
LOOKED_UP = "nbnet.page_cache.looked_up"
UNAVAILABLE = "unavailable"


def lookup(environ, secure: bool):
    """``(key, version, stored entry or None)`` for a request that may share pages, None for
    one that may not, UNAVAILABLE when the cache does not answer."""
    try:
        key = page_key(environ, secure)
        if key is None:
            return None
        # One round trip for both: the stored page names the version it was built under.
        found = cache.get_many([VERSION_KEY, key])
        current = found.get(VERSION_KEY) or version()
    except Exception:
        logger.warning("page cache unavailable; serving uncached", exc_info=True)
        return UNAVAILABLE
    entry = found.get(key)
    return key, current, (entry if entry is not None and entry[0] == current else None)


class StoredPagesFront:
    """WSGI front of the site (``nbnet/wsgi.py``): answers a stored page before Django builds
    a request or runs its middleware and signals, which cost several times the lookup.

    The stored headers are the final ones (PageCacheMiddleware runs first, so they include
    what SecurityMiddleware, CSP and the rest added); what Django would do before them for
    such a request (the HTTPS redirect, host validation) leaves nothing stored to find, so a
    hit here is the answer Django would give. Anything else is handed to Django, with what
    was looked up, so the middleware does not ask the cache again. Written by hand: the
    maintained caches (Django's cache middleware, wagtail-cache) run inside Django's handler.
    """

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        found = lookup(environ, _secure(environ))
        if found is None or found == UNAVAILABLE or found[2] is None:
            if found is not None:
                environ[LOOKED_UP] = found
            return self.app(environ, start_response)
        _version, status, headers, content = found[2]
        start_response(
            f"{status} {HTTPStatus(status).phrase}",
            [*headers.items(), ("X-Page-Cache", "hit")],
        )
        return [] if environ.get("REQUEST_METHOD") == "HEAD" else [content]


def _storable(response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    control = response.get("Cache-Control", "").lower()
    if any(word in control for word in ("private", "no-cache", "no-store")):
        return False
    # A form's CSRF token belongs to one visitor (normally a cookie is set too; this
    # also holds when the visitor already had the cookie).
    content = response.content
    if response.get("Content-Encoding") == "gzip":
        try:
            content = gzip.decompress(content)
        except (OSError, EOFError):
            return False
    return b'name="csrfmiddlewaretoken"' not in content


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
        found = request.META.pop(LOOKED_UP, None) or lookup(request.META, request.is_secure())
        if found is None or found == UNAVAILABLE:
            return self.get_response(request)
        key, current, entry = found
        _request_version.get()["version"] = current
        if entry is not None:
            _stored_version, status, headers, content = entry
            response = HttpResponse(content, status=status, headers=headers)
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if hasattr(response, "render") and callable(response.render) and not response.is_rendered:
            response.render()
        if _storable(response):
            # Plain values, not the response object: cheaper to unpickle on every hit. The
            # headers are final: this middleware runs first.
            entry = (current, response.status_code, dict(response.headers), response.content)
            try:
                cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
                response["X-Page-Cache"] = "miss"
            except Exception:
                logger.warning("page cache: could not store", exc_info=True)
        return response

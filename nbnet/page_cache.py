"""Whole-page cache for anonymous readers, and fragments, renewed by what they show.

Django's cache middleware keys on the Vary headers and cookies, so a visitor with any
cookie misses, and it has no notion of "something shown on this page changed". This
one serves a stored page to any request without a session or messages cookie, and
stores only what is safe to share: a 200 answer to a GET from such a request (so the
page was rendered for an anonymous reader: the header's "Sign in" link reads the empty
session, which is why Django adds ``Vary: Cookie`` to every page), that set no cookie,
holds no CSRF token (every page with a POST form does) and is not private or no-cache;
only URLs whose query parameters are the site's own filters are stored, so made-up
query strings cannot fill the cache.

Invalidation is by tags, each with a version number in the cache: a stored page or fragment
names the tags it depends on with the versions it was built under, and is served only while
they are current. A page depends on its own record in every language (``page_tag``), the
tree (its URL, the menu), what its type lists (``cache_lists``: the directory lists
practitioners, ``list_tag``) and the tags of every fragment it used; a fragment on what its caller names
(``depends``). A change bumps the tags of what it touches, once its transaction commits
(``nbnet/invalidation.py`` decides which: a practitioner published renews their pages, the
pages linked to them and the listings of practitioners; a draft saved renews nothing), so a
renamed practitioner is never shown under the old name and a guide that does not show them
stays stored. The cache must be shared by all workers (Redis in production: ``CACHE_URL``);
if it fails, pages are served uncached.

PageCacheMiddleware, first in MIDDLEWARE, answers a stored page before any other middleware
or view runs (no session, database or template is touched), with the final headers the
rest of the middleware added when it was stored. A hand-written WSGI front ahead of Django
answered hits 0.14 ms of CPU sooner (of about 0.9 ms per hit behind nginx), at the price
of re-implementing Django's secure-request, host and cookie reading; it was removed, and
caches in front (nginx, Varnish) cannot renew the filtered listings and the pages that show
a changed record (README, "Page cache").
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import hashlib
import logging
import os
import time
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from functools import partial
from pathlib import Path
from typing import TypeVar
from urllib.parse import parse_qsl

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.middleware.gzip import re_accepts_gzip

logger = logging.getLogger(__name__)
T = TypeVar("T")

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
# what was stored under the old ones, since stored pages are answered before Django's other
# middleware checks them.
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


# Tags: what a stored page or fragment depends on. Each has a version number in the cache;
# a change bumps the versions of the tags it touches (``nbnet/invalidation.py`` decides
# which), and whatever was built under another version of one of its tags is not served.
SITE = "site"  # everything depends on it: sites, locales, view restrictions, redirects, erasure
ANY = "any"  # bumped by every change readers see: what declares no tags depends on it
TREE = "tree"  # which page a URL leads to, the menu, language links: pages added, moved, renamed
TAG_KEY = "page-cache:tag:"


def kind_tag(model) -> str:
    """Any record of ``model`` (its concrete class: ``network.PractitionerPage``) published,
    changed or deleted: what lists or counts such records depends on it."""
    return f"kind:{model._meta.label}"


def list_tag(model) -> str:
    """What listings of ``model``'s records read of them changed: a record added, removed, moved
    in their order or changed in a field they filter or count by (``listing_fields`` on the
    model; every change of a model that declares none). What lists such records (a directory,
    a practice index) depends on it, and shows each record's own fields in a card renewed with
    that record (``record_tag``): a profile's new photo renews its card, not every directory
    page (``nbnet/invalidation.py``)."""
    label = model if isinstance(model, str) else model._meta.label
    return f"list:{label}"


def object_tag(label: str, key) -> str:
    """One record in all its languages: pages by their translation key (``label`` is
    ``page``), other models by their label and translation key, or primary key."""
    return f"obj:{label}:{key}"


class _Request:
    """What one request has read of the tags (PageCacheMiddleware opens it): their versions,
    read once (a page asks for a dozen fragments), and those its answer depends on."""

    __slots__ = ("scoped", "used", "versions")

    def __init__(self):
        self.versions: dict[str, int] = {}
        self.used: set[str] = {SITE}
        # Whether a page declared what it shows (``depends``); an answer that did not (a
        # feed, a view outside the page tree) depends on every change (ANY).
        self.scoped = False


_request: ContextVar[_Request | None] = ContextVar("page_cache_request", default=None)


def _read_versions(tags, known: dict[str, int]) -> dict[str, int]:
    """The versions of ``tags``, from ``known`` or the cache (raises if the cache fails). A tag
    never bumped, or evicted, gets a new version now: what was stored under an older one
    stays unreachable."""
    missing = [tag for tag in tags if tag not in known]
    if missing:
        found = cache.get_many([TAG_KEY + tag for tag in missing])
        for tag in missing:
            value = found.get(TAG_KEY + tag)
            if value is None:
                now = time.time_ns()
                value = now if cache.add(TAG_KEY + tag, now, None) else cache.get(TAG_KEY + tag, now)
            known[tag] = value
    return {tag: known[tag] for tag in tags}


def versions(tags) -> dict[str, int]:
    """The current versions of ``tags``, remembered for the rest of the request; those a
    stored answer depends on (raises if the cache fails)."""
    state = _request.get()
    if state is None:
        return _read_versions(tags, {})
    found = _read_versions(tags, state.versions)
    state.used.update(found)
    return found


def depends(*tags: str) -> None:
    """The current request's answer shows what these tags stand for: a page declares its own
    record and what it lists (``home.models.BasePage.cache_tags``)."""
    state = _request.get()
    if state is None:
        return
    state.scoped = True
    try:
        versions(tags)
    except Exception:  # the cache does not answer: nothing will be stored either
        logger.warning("page cache unavailable", exc_info=True)


def renew(tags) -> None:
    """Renew what depends on ``tags`` now (``bump`` when the change has yet to commit)."""
    _bump_now(frozenset(tags))


def _bump_now(tags: frozenset[str]) -> None:
    _new_versions(tags | {ANY})  # every change readers see renews what declared nothing


def mark(tag: str) -> None:
    """A new version of ``tag`` now and again once the transaction has committed (as ``bump``),
    for something a process keeps beside the pages and checks with ``versions`` (the search
    vocabulary): no page is renewed by it."""
    tags = frozenset({tag})
    _new_versions(tags)
    transaction.on_commit(partial(_new_versions, tags))


def _new_versions(tags: frozenset[str]) -> None:
    new = time.time_ns()
    state = _request.get()
    if state is not None:
        state.versions.update(dict.fromkeys(tags, new))
    try:
        cache.set_many({TAG_KEY + tag: new for tag in tags}, None)
    except Exception:  # a cache that does not answer holds nothing to invalidate
        logger.warning("page cache: could not invalidate", exc_info=True)


def bump(*tags: str, **_signal) -> None:
    """Renew what depends on ``tags`` (everything, SITE, when none is named), now and again
    once the transaction has committed: a reader arriving between the two may have stored
    the old page under the new version."""
    renewed = frozenset(tags or (SITE,))
    _bump_now(renewed)
    transaction.on_commit(partial(_bump_now, renewed))


# Fragments this process has already read, with the versions they were built under: a
# worker reads the tags' versions once per request and the fragments themselves from its
# own memory, instead of one cache round trip each (a page asks for about ten, a listing
# twenty more for its cards). Bounded, least recently used first out, as a made-up URL can
# ask for a new route fragment and 100k profiles have 100k cards.
_local: dict[str, tuple[dict[str, int], object]] = {}
LOCAL_FRAGMENTS = 2000  # most are under 1 kB (a card, a route); a page's records some kB


def _fragment_key(name: str) -> str:
    return f"fragment:{code_version()}:{name}"


def _tags(depends) -> tuple[str, ...]:
    return (SITE, ANY) if depends is None else (SITE, *depends)


def _remembered(name: str, tags: tuple[str, ...], local: bool = True):
    """The fragment ``name`` if it was built under the current versions of ``tags``, or None
    (raises if the cache fails)."""
    current = versions(tags)
    entry = _local.pop(name, None)
    if entry is not None and entry[0] == current:
        _local[name] = entry  # now the most recently used (dicts keep order)
        return entry[1]
    entry = cache.get(_fragment_key(name))
    if entry is None or entry[0] != current:
        return None
    if local:
        _keep_locally(name, entry)
    return entry[1]


def _keep_locally(name: str, entry) -> None:
    while len(_local) >= LOCAL_FRAGMENTS:
        try:
            del _local[next(iter(_local))]  # the least recently used
        except (KeyError, StopIteration, RuntimeError):  # another thread got there first
            break
    _local[name] = entry


def fragment(
    name: str, build: Callable[[], T], local: bool = True, depends: Iterable[str] | None = None
) -> T:
    """``build()``, kept in the cache until what ``depends`` names changes (tags: ``kind_tag``,
    ``object_tag``, TREE; SITE always; every change readers see when it names nothing).
    Parts shared by many pages (the menu, the home links) are built once per change of what
    they show, not once per request, and a page that uses a fragment depends on its tags
    too. The versions are read before ``build`` runs, so a change during the build leaves
    what it made stale at once. Uncached when ``FRAGMENT_CACHE_SECONDS`` is 0 (production
    without a shared cache) or the cache fails. Callers must not change what they get: it is
    shared by the requests of this process. ``local=False`` keeps a large value (a listing's
    ids) in the shared cache only.
    """
    value = remembered(name, local, depends)
    if value is None:
        tags = _tags(depends)
        try:
            current = versions(tags)  # read before the build: see above
        except Exception:
            return build()
        value = build()
        _store(name, current, value, local)
    return value


def for_page(
    request, name: str, build: Callable[[], T], depends: Iterable[str] = (), local: bool = True
) -> T:
    """``fragment(name, build)`` for what a page shows beside its own fields (its related
    records, a checklist's steps), so that readers the page cache cannot serve (signed-in
    people, a new choice of filters) do not query them again. Renewed with the page being
    served (``request._page_cache_tags``: its record, whose tag any change of a record it
    links to bumps, see ``nbnet/invalidation.py``, and what it lists) and with ``depends``.
    Built fresh in a preview: there the page's id names a saved page but the content is the
    editor's unsaved one. ``build`` must return plain values or evaluated lists, never a
    lazy queryset.
    """
    if getattr(request, "is_preview", False):
        return build()
    own = getattr(request, "_page_cache_tags", None) or (ANY,)
    return fragment(name, build, local, depends=(*own, *depends))


def serving(request, page) -> None:
    """Wagtail is about to serve ``page`` (the ``before_serve_page`` hook): the answer depends
    on what the page declares (``cache_tags``; its record and the tree for any other page)."""
    tags = page.cache_tags() if hasattr(page, "cache_tags") else (page_tag(page), TREE)
    request._page_cache_tags = tags
    depends(*tags)


def serving_only(request, *tags: str) -> None:
    """A routable page's sub-view shows less than the page declares (one organisation of the
    directory, not the directory): its answer depends on ``tags`` and what it uses from now
    on, not on what the page declared."""
    request._page_cache_tags = tags
    state = _request.get()
    if state is not None:
        state.used = {SITE}
    depends(*tags)


def page_tag(page) -> str:
    return object_tag("page", page.translation_key)


def record_tag(page) -> str:
    """The page's own fields only, in every language: bumped when it is published, not when a
    record it links to changes (what a card of it shows, ``{% fragment … of=page %}``)."""
    return f"rec:page:{page.translation_key}"


def remembered(name: str, local: bool = True, depends: Iterable[str] | None = None):
    """The fragment ``name`` if one is stored under the current versions of its tags (None when
    not, or when the cache is off or fails): for callers that store only some answers (see
    ``remember``)."""
    if settings.FRAGMENT_CACHE_SECONDS <= 0:
        return None
    try:
        return _remembered(name, _tags(depends), local)
    except Exception:
        logger.warning("fragment cache unavailable", exc_info=True)
        return None


def remember(name: str, value, local: bool = True, depends: Iterable[str] | None = None) -> None:
    """Store ``value`` as the fragment ``name``, under the versions of ``depends`` as this
    request read them (before it built the value, if it asked ``remembered`` first)."""
    if settings.FRAGMENT_CACHE_SECONDS <= 0:
        return
    try:
        _store(name, versions(_tags(depends)), value, local)
    except Exception:
        logger.warning("fragment cache: could not store %s", name, exc_info=True)


def _store(name: str, current: dict[str, int], value, local: bool) -> None:
    if settings.FRAGMENT_CACHE_SECONDS <= 0:
        return
    entry = (current, value)
    try:
        cache.set(_fragment_key(name), entry, settings.FRAGMENT_CACHE_SECONDS)
    except Exception:
        logger.warning("fragment cache: could not store %s", name, exc_info=True)
        return
    if local:
        _keep_locally(name, entry)


def page_key(environ, secure: bool) -> str | None:
    """The key of the stored page for a request (its WSGI environ, which is ``request.META``),
    or None when such a request is never served from the shared cache nor stored in it."""
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


UNAVAILABLE = "unavailable"


def lookup(environ, secure: bool):
    """``(key, versions, stored entry or None)`` for a request that may share pages, None for
    one that may not, UNAVAILABLE when the cache does not answer. ``versions`` is what was
    read of the tags, for the rest of the request."""
    try:
        key = page_key(environ, secure)
        if key is None:
            return None
        # The tags every page depends on come with the page; those it names besides (its own
        # record, what it lists) in a second round trip, and only for a page that is stored.
        known: dict[str, int] = {}
        found = cache.get_many([key, *(TAG_KEY + tag for tag in ALWAYS)])
        for tag in ALWAYS:
            if TAG_KEY + tag in found:
                known[tag] = found[TAG_KEY + tag]
        entry = found.get(key)
        if entry is not None and _read_versions(entry[0], known) != entry[0]:
            entry = None
    except Exception:
        logger.warning("page cache unavailable; serving uncached", exc_info=True)
        return UNAVAILABLE
    return key, known, entry


ALWAYS = (SITE, ANY, TREE)


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
        state = _Request()
        token = _request.set(state)
        try:
            return self._respond(request, state)
        finally:
            _request.reset(token)

    def _respond(self, request, state: _Request):
        found = lookup(request.META, request.is_secure())
        if found is None or found == UNAVAILABLE:
            return self.get_response(request)
        key, known, entry = found
        state.versions.update(known)
        if entry is not None:
            _versions, status, headers, content = entry
            # A HEAD gets the headers (Content-Length included) and no body, as from Django.
            body = b"" if request.method == "HEAD" else content
            response = HttpResponse(body, status=status, headers=headers)
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if hasattr(response, "render") and callable(response.render) and not response.is_rendered:
            response.render()
        if _storable(response):
            try:
                if not state.scoped:  # no page said what it shows: any change renews it
                    versions((ANY,))
                # The versions as this request first read them, before it read the content.
                depends_on = {tag: state.versions[tag] for tag in state.used}
                # Plain values, not the response object: cheaper to unpickle on every hit. The
                # headers are final: this middleware runs first.
                entry = (depends_on, response.status_code, dict(response.headers), response.content)
                cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
                response["X-Page-Cache"] = "miss"
            except Exception:
                logger.warning("page cache: could not store", exc_info=True)
        return response

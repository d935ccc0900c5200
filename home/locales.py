"""Locales and the site looked up once per change of them instead of once per call.

``Locale.get_active()`` and ``Locale.get_default()`` each run a query, and Wagtail,
wagtail-localize and our templates call them dozens of times while rendering one page
(every term label, every ``.localized``). Locales change only when a language is added,
so a request takes them all together from the fragment cache (``nbnet.page_cache``;
adding a locale invalidates it) into a memo for its length; outside
a request (commands, the admin's background work, tests that call models directly)
nothing changes. ``LocaleManager.get_for_language`` is the one place both class methods
go through, so that is where the memo is consulted (see ``install``).

The request's ``Site`` (a query on every page) is kept in the fragment cache, which any
change to a site or locale invalidates (``nbnet/invalidation.py``), and handed to Wagtail the
way it memoises it itself, as ``request._wagtail_site``. Still needed with scoped
invalidation: the pages the page cache cannot serve would pay these queries every time;
``tests/test_wagtail_contracts.py`` checks that Wagtail still goes through both.
"""

from __future__ import annotations

from contextlib import suppress
from contextvars import ContextVar

from django.db import DatabaseError
from django.http.request import split_domain_port
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Site
from wagtail.models.i18n import LocaleManager

_memo: ContextVar[dict[str, Locale] | None] = ContextVar("locale_memo", default=None)
_UNSET: dict[str, Locale] = {}


class LocaleMemoMiddleware:
    """Opens a memo for the request; it is dropped when the response is returned."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _memo.set(_UNSET)
        try:
            # If the database is down, leave it to what needs it: /health/ and the 503 page say so.
            with suppress(DatabaseError):
                request._wagtail_site = _site_for(request)
            return self.get_response(request)
        finally:
            _memo.reset(token)


def _site_for(request) -> Site | None:
    from nbnet.page_cache import fragment

    hostname = split_domain_port(request._get_raw_host())[0]
    port = request.get_port()
    # A tuple, so that "no site" (None) is cached too.
    # Sites and locales are not scoped: a change to one renews everything (nbnet/invalidation.py).
    return fragment(f"site:{hostname}:{port}", lambda: (Site._find_for_request(request),), depends=())[0]


def _for_language(manager: LocaleManager, language_code: str, original) -> Locale:
    from nbnet.page_cache import fragment

    memo = _memo.get()
    if memo is None:
        return original(manager, language_code)
    if memo is _UNSET:
        # One query for all of them (there are as many locales as site languages), kept
        # in the fragment cache until the content changes (adding a locale does).
        memo = fragment(
            "locales", lambda: {locale.language_code: locale for locale in Locale.objects.all()}, depends=()
        )
        _memo.set(memo)
    code = get_supported_content_language_variant(language_code)
    if code in memo:
        return memo[code]
    return original(manager, language_code)  # added during this request, or none: ask the database


def install() -> None:
    """Route ``LocaleManager.get_for_language`` through the per-request memo (idempotent)."""
    original = getattr(LocaleManager.get_for_language, "_original", LocaleManager.get_for_language)

    def get_for_language(self, language_code):
        return _for_language(self, language_code, original)

    get_for_language._original = original
    LocaleManager.get_for_language = get_for_language

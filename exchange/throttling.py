"""Rate limit of the open API (DRF's throttling, on the default cache).

Apart from ``exchange.api`` because DRF imports its default throttle classes while
Wagtail's API views are still being imported."""

import math
from functools import wraps

from django.conf import settings
from django.http import JsonResponse
from django.utils import translation
from django.utils.translation import gettext
from rest_framework.throttling import SimpleRateThrottle

from nbnet.client import client_key


class ApiRateThrottle(SimpleRateThrottle):
    """Requests per client address, or per account when signed in; the rate is the setting
    ``API_RATE_LIMIT`` read on each request, so it can be changed without a restart of DRF's
    class-level defaults."""

    scope = "api"

    def get_rate(self) -> str:
        return settings.API_RATE_LIMIT

    def get_ident(self, request) -> str:
        # DRF's own reads X-Forwarded-For by NUM_PROXIES, unvalidated, and trusts the whole
        # header when it is None; every limit of the site takes the address from one place.
        return client_key(request)

    def get_cache_key(self, request, view):
        user = getattr(request, "user", None)
        ident = f"user-{user.pk}" if user is not None and user.is_authenticated else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


class SearchRateThrottle(ApiRateThrottle):
    """The search API's own budget (``SEARCH_API_RATE_LIMIT``): searching costs more than
    reading a page from the open API, and autocomplete asks while people type."""

    scope = "search"

    def get_rate(self) -> str:
        return settings.SEARCH_API_RATE_LIMIT


def throttled(throttle_class, language=None):
    """Apply a DRF throttle to a plain Django view (the search API is not a DRF view): over
    the limit it answers 429 with ``Retry-After`` and a JSON ``message``, in the language
    ``language(request)`` names (the search API's ``lang``), else the request's."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            throttle = throttle_class()
            if throttle.allow_request(request, None):
                return view(request, *args, **kwargs)
            seconds = max(1, math.ceil(throttle.wait() or 1))
            with translation.override(language(request) if language else translation.get_language()):
                message = gettext("Too many requests. Please wait a little and try again.")
            response = JsonResponse(
                {"message": message, "retry_after": seconds},
                status=429,
                json_dumps_params={"ensure_ascii": False},
            )
            response["Retry-After"] = str(seconds)
            response["Cache-Control"] = "no-cache"
            return response

        return wrapper

    return decorator

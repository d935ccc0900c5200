"""Rate limit of the open API (DRF's throttling, on the default cache).

Apart from ``exchange.api`` because DRF imports its default throttle classes while
Wagtail's API views are still being imported."""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle


class ApiRateThrottle(SimpleRateThrottle):
    """Requests per client address, or per account when signed in; the rate is the setting
    ``API_RATE_LIMIT`` read on each request, so it can be changed without a restart of DRF's
    class-level defaults."""

    scope = "api"

    def get_rate(self) -> str:
        return settings.API_RATE_LIMIT

    def get_cache_key(self, request, view):
        user = getattr(request, "user", None)
        ident = f"user-{user.pk}" if user is not None and user.is_authenticated else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}

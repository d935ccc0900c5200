import logging
import sys

from django.core.cache import cache
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse, HttpResponseNotFound, HttpResponseServerError, JsonResponse
from django.template import loader
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_safe

from background import queue

logger = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 60


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    # LocaleMiddleware has already activated the language of the URL prefix
    # (/lv/missing/ answers in Latvian); unprefixed URLs fall back to the
    # visitor's Accept-Language.
    if not translation.get_language_from_path(request.path_info):
        translation.activate(translation.get_language_from_request(request))
    request.page_not_found = True  # the language switcher leads to each language's home
    template = loader.get_template("404.html")
    return HttpResponseNotFound(template.render({"request_path": request.path}, request))


def _language(request: HttpRequest) -> str:
    return translation.get_language_from_path(request.path_info) or translation.get_language_from_request(
        request
    )


def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without a RequestContext: context processors may touch the
    # database, which may be the very thing that failed.
    language = _language(request)
    error = sys.exc_info()[1]
    with translation.override(language):
        if isinstance(error, OperationalError | InterfaceError):
            # The database is down or unreachable: a temporary state, said as such.
            response = HttpResponse(
                loader.get_template("503.html").render({"LANGUAGE_CODE": language}), status=503
            )
            response["Retry-After"] = str(RETRY_AFTER_SECONDS)
            return response
        template = loader.get_template("500.html")
        return HttpResponseServerError(template.render({"LANGUAGE_CODE": language}))


def login_locked_out(request: HttpRequest, credentials: dict | None = None, *args, **kwargs) -> HttpResponse:
    """Too many failed sign-ins for this user name from this address (django-axes)."""
    from django.conf import settings

    language = _language(request)
    with translation.override(language):
        body = loader.get_template("429_login.html").render(
            {"LANGUAGE_CODE": language, "minutes": round(settings.AXES_COOLOFF_TIME * 60)}
        )
    response = HttpResponse(body, status=429)
    response["Retry-After"] = str(round(settings.AXES_COOLOFF_TIME * 3600))
    return response


@never_cache
@require_safe
def health(request: HttpRequest) -> JsonResponse:
    """For load balancers: 200 when the database and the cache answer, 503 otherwise; with the
    task queue's state (waiting tasks and how long the oldest has waited) for monitoring."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = "ok"
    except DatabaseError as error:
        logger.warning("health check: database failed: %s", error)
        checks["database"] = "unavailable"
    try:
        cache.set("health-check", "1", 10)
        checks["cache"] = "ok" if cache.get("health-check") == "1" else "unavailable"
    except Exception as error:  # any cache client error means the cache is not usable
        logger.warning("health check: cache failed: %s", error)
        checks["cache"] = "unavailable"
    healthy = all(value == "ok" for value in checks.values())
    # The task queue is reported, not judged: a web server whose workers are behind still serves
    # pages, so a load balancer keeps it; monitoring alerts on "queue.status": "stalled".
    try:
        tasks = queue.state()
        checks["queue"] = {
            "backend": tasks.backend,
            "status": "stalled" if tasks.stalled else "ok",
            "waiting": tasks.waiting,
            "running": tasks.running,
            "oldest_age_seconds": tasks.age_seconds,
        }
    except DatabaseError:
        checks["queue"] = {"status": "unavailable"}
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", **checks}, status=200 if healthy else 503
    )


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    # Search result pages are endless combinations of the same content.
    lines = ["User-agent: *", "Disallow: /*/search/"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")

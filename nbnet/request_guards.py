"""Requests the site cannot read are refused with a 400 before any view sees them.

**Form posts in another character set.** Django accepts form data in UTF-8 only: a POST with
``Content-Type: application/x-www-form-urlencoded; charset=utf-16`` raises ``BadRequest`` when
``request.POST`` is first read (by the CSRF check). Django then renders its 400 page through
``django.views.defaults.bad_request``, which is wrapped in ``requires_csrf_token``: the CSRF
middleware reads ``request.POST`` a second time, the same ``BadRequest`` is raised inside the
error handler, and the visitor gets a 500. A charset naming something that is not a text
encoding at all (``rot13``, ``zlib``, ``base64``: Python's codec registry knows them) makes
every decoding of the query string or the body fail with ``LookupError``, on any method.

So this middleware looks at the declared charset of every request once, before any view or
``process_view`` (the CSRF check) reads the data: a form post (urlencoded or multipart) must be
UTF-8 (an alias such as ``utf8`` is accepted and normalised), and any other request's charset
must be a text encoding. Otherwise the answer is a 400: JSON ``{"message": ...}`` under
``/api/``, and elsewhere a page in the reader's language (``400.html``; LocaleMiddleware, above
this one in ``MIDDLEWARE``, has activated it). Written by hand because Django has no setting for
it and its own path ends in the 500 above.

It sits low in ``MIDDLEWARE`` so that the headers the middleware above adds (security headers,
CSP, X-Frame-Options) are on its answers too; it still runs before every ``process_view``.

``axes_username`` is django-axes' ``AXES_USERNAME_CALLABLE``: the user name a failed sign-in is
recorded under, cut to the length of axes' column (255). Django's ``AuthenticationForm`` sets
its ``max_length`` without a validator, so a 256-character name reached ``authenticate()`` and
axes' INSERT failed on PostgreSQL (a 500). No account has a name that long (150 at most), so the
cut merges nothing that matters; the form answers as for any wrong name.
"""

from __future__ import annotations

import codecs

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.template import loader
from django.utils import translation

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _codec(name: str) -> codecs.CodecInfo | None:
    try:
        return codecs.lookup(name)
    except LookupError:
        return None


def unreadable_charset(request: HttpRequest) -> str | None:
    """Why the request's declared charset cannot be read, or None when it can (or none is given)."""
    charset = request.content_params.get("charset") if hasattr(request, "content_params") else None
    if not charset:
        return None
    codec = _codec(charset.strip())
    if codec is None:
        return None  # Django ignores a charset it does not know and reads UTF-8
    if not getattr(codec, "_is_text_encoding", True):
        return f"charset {charset[:40]!r} is not a text encoding"
    if request.content_type in FORM_TYPES:
        if codec.name != "utf-8":
            return "form data must be UTF-8 encoded"
        if request.encoding != "utf-8":
            request.encoding = "utf-8"  # "utf8", "UTF_8": the same codec, said otherwise
    return None


def bad_request(request: HttpRequest, message: str) -> HttpResponse:
    if request.path_info.startswith("/api/"):
        return JsonResponse({"message": message}, status=400)
    body = loader.get_template("400.html").render({"LANGUAGE_CODE": translation.get_language()})
    return HttpResponseBadRequest(body)


class RequestGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        problem = request.META.get(UNREADABLE_CHARSET) or unreadable_charset(request)
        if problem is not None:
            return bad_request(request, problem)
        return self.get_response(request)


UNREADABLE_CHARSET = "nbnet.unreadable_charset"


class CharsetFront:
    """WSGI wrapper for the one case the middleware cannot reach: a charset that is no text
    encoding *and* a query string. Django's ``WSGIRequest`` decodes the query string while it
    is being built (setting ``encoding`` evaluates ``GET``), so ``LookupError`` is raised
    before any middleware runs and the server answers 500. Here the charset is taken out of
    the environ and the fact noted, and ``RequestGuardMiddleware`` answers the 400."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        content_type = environ.get("CONTENT_TYPE", "")
        if "charset" in content_type.lower():
            main, _, params = content_type.partition(";")
            kept = []
            for param in params.split(";"):
                name, _, value = param.partition("=")
                codec = _codec(value.strip().strip('"')) if name.strip().lower() == "charset" else None
                if codec is not None and not getattr(codec, "_is_text_encoding", True):
                    environ[UNREADABLE_CHARSET] = f"charset {value.strip()[:40]!r} is not a text encoding"
                    continue
                kept.append(param)
            if UNREADABLE_CHARSET in environ:
                environ["CONTENT_TYPE"] = ";".join([main, *kept])
        return self.application(environ, start_response)


def axes_username(request: HttpRequest, credentials: dict | None = None) -> str | None:
    """django-axes' user name for a sign-in attempt, at most as long as its column."""
    from axes.conf import settings as axes_settings
    from axes.models import AccessAttempt

    field = axes_settings.AXES_USERNAME_FORM_FIELD
    source = credentials if credentials else getattr(request, "data", request.POST)
    username = source.get(field)
    if username is None:
        return None
    username = str(username)
    if "@" in username:
        # As the sign-in form reads it (network.forms.SignInForm): "Anna@x" and "anna@x" are one
        # account, so they count as one user name towards its lockout.
        from network.emails import normalize_email

        username = normalize_email(username)
    return username[: AccessAttempt._meta.get_field("username").max_length]

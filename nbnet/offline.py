"""Save for offline (README): the service worker, the web app manifest and the offline page.

The worker is the static file ``nbnet/static/sw.js``, served at ``/sw.js`` so that its scope
covers the whole site (a worker under /static/ could only control /static/). Its cache is
named after ``worker_version()``, the digest of the code and templates the page cache already
keys on: a deploy that changes what pages look like gives the worker a new cache name, and the
new worker moves what readers kept into it and deletes the old one.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_safe

from .page_cache import code_version

WORKER = Path(__file__).resolve().parent / "static" / "sw.js"
THEME_COLOR = "#0b4f6c"  # the icon's background (nbnet/static/favicon.svg)


def worker_version() -> str:
    return code_version()


@require_safe
def service_worker(request: HttpRequest) -> HttpResponse:
    """The worker with its version filled in; revalidated on every check for an update."""
    body = WORKER.read_text(encoding="utf-8").replace("__VERSION__", worker_version(), 1)
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = "/"
    return response


def _start_url(request: HttpRequest, language: str) -> str:
    """Where the home-screen shortcut opens: the page it was added from (``?start=``, a path
    of this site in this language), else the home page in this language."""
    home = f"/{language}/"
    start = request.GET.get("start", "")
    if start.startswith(home) and "//" not in start and "\\" not in start and len(start) <= 500:
        return start
    return home


@require_safe
def web_manifest(request: HttpRequest) -> HttpResponse:
    """The web app manifest in the reader's language (the URL's prefix)."""
    language = translation.get_language()
    data = {
        "name": _("Nordic-Baltic Integration Network"),
        "short_name": pgettext("short name under the icon on a phone's home screen", "NB Network"),
        "description": _(
            "A network of people who help refugees, immigrants and Roma settle in across Latvia, "
            "Lithuania, Estonia and the Nordic countries."
        ),
        "lang": language,
        "dir": "rtl" if translation.get_language_bidi() else "ltr",
        "start_url": _start_url(request, language),
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOR,
        "icons": [
            {"src": static("favicon.svg"), "sizes": "any", "type": "image/svg+xml"},
            {"src": static("icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
        ],
    }
    body = json.dumps(data, ensure_ascii=False, indent=1)
    response = HttpResponse(body, content_type="application/manifest+json; charset=utf-8")
    response["Cache-Control"] = "public, max-age=86400"
    return response


@require_safe
def offline_page(request: HttpRequest) -> TemplateResponse:
    """What the worker shows for a page not kept on the phone when there is no connection."""
    return TemplateResponse(request, "offline.html", {})

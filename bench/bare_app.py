"""The yardstick: a bare Django view returning fixed bytes (the home page's), served by the
same gunicorn as the site. ``BARE_BODY_FILE`` names the file with the bytes."""

import os
from pathlib import Path

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

BODY = Path(os.environ["BARE_BODY_FILE"]).read_bytes()


def bare(request):
    return HttpResponse(BODY, content_type="text/html; charset=utf-8")


settings.configure(
    DEBUG=False,
    SECRET_KEY="bench-only",  # noqa: S106
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
)
urlpatterns = [path("", bare)]
application = get_wsgi_application()

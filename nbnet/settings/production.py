"""Production: secrets are required, HTTPS only, compressed static files."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .environment import ENV

DEBUG = False if ENV.debug is None else ENV.debug
if not ENV.secret_key:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. Production settings refuse to start without a secret key: "
        "export SECRET_KEY (50+ random characters) in the environment."
    )
SECRET_KEY = ENV.secret_key

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = ENV.secure_ssl_redirect
SECURE_HSTS_SECONDS = ENV.secure_hsts_seconds
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"

# Several workers each with its own memory cache would invalidate only their own copy:
# the page cache is on only with a shared cache (CACHE_URL, e.g. Redis).
if not ENV.cache_url:
    PAGE_CACHE_SECONDS = 0
    FRAGMENT_CACHE_SECONDS = 0

# Tasks go to the database queue and `make worker` runs them, unless TASK_BACKEND says otherwise.
TASKS = {"default": {"BACKEND": TASK_BACKENDS[ENV.task_backend or "database"]}}

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

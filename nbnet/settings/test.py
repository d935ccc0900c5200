"""Tests: fast hashing, in-memory mail and cache, no manifest for static files."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key-not-secret"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Queued mail is delivered into django.core.mail.outbox (pytest-django also sets
# EMAIL_BACKEND to the in-memory backend for mail sent without the queue).
EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# The cache is chosen by CACHE_URL as everywhere (memory unless a Redis URL is given).
ALLOWED_HOSTS = ["*"]
WAGTAILADMIN_BASE_URL = "http://testserver"
# Static files straight from the apps' folders: no collectstatic needed to run the tests.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# wagtail-localize's offline machine translator (reverses words): no network in tests.
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {"CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator"}

"""Local development: DEBUG on, mail printed to the console, a fixed insecure key."""

from .base import *  # noqa: F403
from .environment import ENV

DEBUG = True if ENV.debug is None else ENV.debug
# Only ever used on a developer's machine; production refuses to start without its own.
SECRET_KEY = ENV.secret_key or "django-insecure-dev-only-nordic-baltic-network"
EMAIL_DELIVERY_BACKEND = ENV.email_backend or "django.core.mail.backends.console.EmailBackend"
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver"]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

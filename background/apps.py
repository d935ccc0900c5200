from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackgroundConfig(AppConfig):
    """Work that does not belong in a web request: e-mail delivery with retries, imports, the
    weekly link check, and the worker that runs them (Django's task framework)."""

    name = "background"
    verbose_name = _("Background work")
    default_auto_field = "django.db.models.BigAutoField"

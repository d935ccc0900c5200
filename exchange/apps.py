from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    """Import, export and the open API: bringing lists in and letting others build on the data."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "exchange"
    verbose_name = _("Import and export")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    """The practitioners' directory: people, organisations, twinning cities."""

    name = "network"
    verbose_name = _("Practitioner network")

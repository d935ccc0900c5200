from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuidesConfig(AppConfig):
    """First-aid guides for newcomers: steps by legal status and municipality, and help points."""

    name = "guides"
    verbose_name = _("First-aid guides")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    """The knowledge base: good practices, projects, meetings and publications."""

    name = "practices"
    verbose_name = _("Knowledge base")

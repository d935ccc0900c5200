from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    """Roles, moderation workflow, translation status and the audit of editors' work."""

    name = "editorial"
    verbose_name = _("Editorial work")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals, sync

        signals.connect()
        sync.connect()

"""What the importer remembers between runs.

``ImportedRecord`` ties the stable external key of a record in a partner's file to the
``translation_key`` its translations share in the site, so a second import of the same
file updates the records instead of duplicating them. ``PendingImport`` keeps an upload
between the admin's dry run and the confirmed run, so the editor does not upload twice.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportedRecord(models.Model):
    kind = models.CharField(_("kind"), max_length=20)
    key = models.CharField(_("external key"), max_length=200)
    translation_key = models.UUIDField(_("translation key"))
    first_imported_at = models.DateTimeField(_("first imported"), auto_now_add=True)
    last_imported_at = models.DateTimeField(_("last imported"), auto_now=True)

    class Meta:
        verbose_name = _("imported record")
        verbose_name_plural = _("imported records")
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="unique_imported_key_per_kind")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.key}"


class PendingImport(models.Model):
    """An uploaded file waiting for the editor to confirm its import (deleted once run)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    filename = models.CharField(_("file name"), max_length=255)
    content = models.BinaryField(_("content"))
    kind = models.CharField(_("kind"), max_length=20, blank=True)
    publish = models.BooleanField(_("publish"), default=False)
    strict = models.BooleanField(_("all or nothing"), default=False)
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("pending import")
        verbose_name_plural = _("pending imports")

    def __str__(self) -> str:
        return self.filename

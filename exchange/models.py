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
    """One import from the admin's screen: the uploaded file, its dry run, then the import
    itself, each run by the background worker (``exchange.tasks.run_import_job``).

    The file is kept in the database (not under MEDIA_ROOT, which the web server publishes)
    until the import has run or the editor cancels it; the report stays for the editor.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting for the worker")
        RUNNING = "running", _("running")
        CHECKED = "checked", _("checked, waiting for confirmation")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    filename = models.CharField(_("file name"), max_length=255)
    content = models.BinaryField(_("content"))
    kind = models.CharField(_("kind"), max_length=20, blank=True)
    publish = models.BooleanField(_("publish"), default=False)
    strict = models.BooleanField(_("all or nothing"), default=False)
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    # Which run is queued or running (or ran last): the dry run, or the import itself.
    dry_run = models.BooleanField(_("dry run"), default=True)
    queued_at = models.DateTimeField(_("queued at"), null=True, blank=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    report = models.JSONField(_("report"), null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.filename

    @property
    def active(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)


class ExportJob(models.Model):
    """A large export, prepared by the background worker (``exchange.jobs.run_export_job``) and
    downloaded by the editor who asked for it; deleted a day after it is ready."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting for the worker")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=20, blank=True)
    format = models.CharField(_("format"), max_length=4)
    private = models.BooleanField(_("private contact details"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    filename = models.CharField(_("file name"), max_length=100, blank=True)
    content = models.BinaryField(_("content"), default=b"")
    error = models.CharField(_("error"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.filename or f"{self.kind or 'records'}.{self.format}"

    @property
    def active(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

"""The outbox: every e-mail the site sends, until it is delivered or given up."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutgoingMail(models.Model):
    """One e-mail waiting for delivery (``background.mail``).

    The message itself (recipients, subject, text) is kept only until it is delivered or given
    up; what stays is the record moderators read: what kind of mail, when, how many tries, and
    how it ended.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting to be sent")
        FAILING = "failing", _("failing, will be tried again")
        DELIVERED = "delivered", _("delivered")
        GIVEN_UP = "given_up", _("given up")

    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    # What the moderators' log says about it ("contact", "contact copy", "account", "wagtail").
    kind = models.CharField(_("kind"), max_length=20, default="other")
    contact_message = models.ForeignKey(
        "network.ContactMessage",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="mails",
        verbose_name=_("contact form message"),
    )
    # The message, serialised (background.mail.serialise); emptied once it is delivered or given up.
    message = models.JSONField(_("message"), default=dict, blank=True)
    attempts = models.PositiveIntegerField(_("tries"), default=0)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("queued at"), default=timezone.now, db_index=True)
    next_attempt_at = models.DateTimeField(_("next try at"), default=timezone.now, db_index=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.get_status_display()})"

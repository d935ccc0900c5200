"""What a signed-in practitioner follows, how often they want the digest, and the digests sent.

Private by design: nothing here is shown publicly; editors see counts only
(``follows.wagtail_hooks``). Removed with the account (``follows.privacy.erase_for``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Follow(models.Model):
    class Kind(models.TextChoices):
        LISTING = "listing", _("Listing")
        SEARCH = "search", _("Search")
        RECORD = "record", _("Record")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    # For a listing: practices, projects, events or directory (follows.listings.LISTINGS).
    listing = models.CharField(max_length=20, blank=True)
    # Normalised filters, {"theme": ["roma-inclusion"], "country": ["EE", "LT"]}; for a search,
    # the facets of the search page.
    filters = models.JSONField(default=dict, blank=True)
    query = models.CharField(max_length=200, blank=True)
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    language = models.CharField(max_length=10, default="en")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("follow")
        verbose_name_plural = _("follows")

    def __str__(self) -> str:
        return f"{self.kind} {self.pk}"


class DigestSettings(models.Model):
    class Frequency(models.TextChoices):
        DAILY = "daily", _("Daily")
        WEEKLY = "weekly", _("Weekly")
        NEVER = "never", _("Never (no e-mail)")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_settings"
    )
    frequency = models.CharField(max_length=10, choices=Frequency.choices, default=Frequency.WEEKLY)
    language = models.CharField(max_length=10, default="en")
    # Items published after this are news for the next digest.
    last_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("digest settings")
        verbose_name_plural = _("digest settings")

    def __str__(self) -> str:
        return f"{self.frequency} {self.user_id}"


class SentDigest(models.Model):
    """One row per person and period: the unique constraint is what makes a digest go out
    once, whichever worker gets there first."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    period = models.CharField(max_length=20)  # "d2026-12-06" or "w2026-49"
    items = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "period"], name="one_digest_per_period")]

    def __str__(self) -> str:
        return f"{self.period} {self.user_id}"

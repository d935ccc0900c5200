"""What editors must look at again: guides and help points not verified for six months,
and external links that failed the last ``manage.py check_links``."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import Max, Q
from django.utils import timezone
from wagtail.models import Locale

from .models import VERIFY_EVERY, GuidePage, HelpPoint, LinkCheck


def stale_before(today: datetime.date | None = None) -> datetime.date:
    return (today or timezone.localdate()) - VERIFY_EVERY


def due_guides(today: datetime.date | None = None):
    """Original-language guides (translations share the date) not verified since the cut-off."""
    cutoff = stale_before(today)
    return (
        GuidePage.objects.filter(locale=Locale.get_default(), alias_of__isnull=True)
        .filter(Q(last_verified__lt=cutoff) | Q(last_verified__isnull=True))
        .order_by("last_verified", "title")
    )


def due_help_points(today: datetime.date | None = None):
    cutoff = stale_before(today)
    return (
        HelpPoint.objects.filter(locale=Locale.get_default())
        .filter(Q(last_verified__lt=cutoff) | Q(last_verified__isnull=True))
        .select_related("organisation", "city")
        .order_by("last_verified")
    )


def broken_links():
    return LinkCheck.objects.filter(ok=False).order_by("url")


def last_link_check() -> datetime.datetime | None:
    """When the link check last ran (its results are kept per address), or None if never:
    "no broken link" must not be said of links nobody has checked."""
    return LinkCheck.objects.aggregate(last=Max("checked_at"))["last"]


def link_check_overdue(last: datetime.datetime | None, now: datetime.datetime | None = None) -> bool:
    """The weekly check should have run again by now (twice its interval): the background
    worker may not be running."""
    if last is None:
        return False
    return (now or timezone.now()) - last > datetime.timedelta(days=2 * settings.LINK_CHECK_DAYS)

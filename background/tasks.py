"""The site's own background tasks (Django's task framework; ``TASKS`` in the settings)."""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.db.models import Max
from django.utils import timezone
from django_tasks import task

from . import mail

logger = logging.getLogger(__name__)


@task()
def deliver_mail(mail_id: int) -> str:
    """Send one e-mail of the outbox; a failure schedules the next try (``background.mail``)."""
    return mail.deliver(mail_id)


@task()
def sweep_mail() -> int:
    """Queue the deliveries that are overdue (their own retry was lost)."""
    return mail.sweep()


def next_link_check_at() -> datetime.datetime:
    from guides.models import LinkCheck

    last = LinkCheck.objects.aggregate(last=Max("checked_at"))["last"]
    if last is None:
        return timezone.now()
    return max(timezone.now(), last + datetime.timedelta(days=settings.LINK_CHECK_DAYS))


@task()
def check_links(timeout: float = 10.0, reschedule: bool = True) -> dict:
    """Check every external link of guides and help points (``manage.py check_links`` does the
    same by hand), then plan the next check LINK_CHECK_DAYS later."""
    from guides import link_checker

    urls = link_checker.collect()
    results = link_checker.check_all(urls, timeout=timeout)
    broken = sum(1 for result in results if not result.ok)
    if reschedule and check_links.get_backend().supports_defer:
        check_links.using(run_after=next_link_check_at()).enqueue()
    return {"checked": len(results), "broken": broken}

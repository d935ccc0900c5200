"""The digest task, planned by the worker's housekeeping (``ensure_digests_scheduled``)."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django_tasks import task

from . import digest

# The task runs every hour; each person is due once per day or week (their choice).
INTERVAL = datetime.timedelta(hours=1)


@task()
def send_digests(now: str | None = None, reschedule: bool = True) -> dict:
    """Send every digest that is due (``now``: an ISO time, for tests and catching up)."""
    moment = datetime.datetime.fromisoformat(now) if now else timezone.now()
    counts = digest.send_due(moment)
    if reschedule and send_digests.get_backend().supports_defer:
        send_digests.using(run_after=timezone.now() + INTERVAL).enqueue()
    return counts


def ensure_digests_scheduled() -> None:
    """One planned run of ``send_digests`` (called from ``background.queue.ensure_scheduled``)."""
    from background.queue import uses_database_queue

    if not uses_database_queue():
        return
    from django.db.models import Q
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    planned = DBTaskResult.objects.filter(
        Q(status=TaskResultStatus.READY) | Q(status=TaskResultStatus.RUNNING),
        task_path="follows.tasks.send_digests",
    )
    if not planned.exists():
        send_digests.using(run_after=timezone.now()).enqueue()

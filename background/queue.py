"""What the queue looks like from outside: waiting tasks and their age (for /health/ and the
admin), tasks left behind by a worker that died, and the tasks that schedule themselves."""

from __future__ import annotations

import datetime
import logging
import os
import socket
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db.models import Min, Q
from django.utils import timezone
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends

logger = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 15
# A worker whose heartbeat is older than this is taken for dead.
HEARTBEAT_TIMEOUT = 90


def uses_database_queue() -> bool:
    return type(task_backends[DEFAULT_TASK_BACKEND_ALIAS]).__module__.startswith("django_tasks_db")


@dataclass
class QueueState:
    backend: str
    waiting: int = 0
    running: int = 0
    oldest_waiting_since: datetime.datetime | None = None

    @property
    def age_seconds(self) -> int:
        if self.oldest_waiting_since is None:
            return 0
        return max(0, int((timezone.now() - self.oldest_waiting_since).total_seconds()))

    @property
    def stalled(self) -> bool:
        return self.age_seconds > settings.TASK_QUEUE_MAX_AGE


def state() -> QueueState:
    """Tasks that are due and not started; the oldest one's due time (enqueued, or its
    ``run_after`` when later)."""
    if not uses_database_queue():
        return QueueState(backend="immediate")
    from django_tasks_db.models import DBTaskResult

    now = timezone.now()
    ready = DBTaskResult.objects.ready().filter(run_after__lte=now)
    undeferred = DBTaskResult.objects.ready().exclude(run_after__lte=now)
    first_due = ready.aggregate(first=Min("run_after"))["first"]
    first_enqueued = undeferred.aggregate(first=Min("enqueued_at"))["first"]
    oldest = min((t for t in (first_due, first_enqueued) if t is not None), default=None)
    return QueueState(
        backend="database",
        waiting=ready.count() + undeferred.count(),
        running=DBTaskResult.objects.running().count(),
        oldest_waiting_since=oldest,
    )


# Workers ------------------------------------------------------------------------------------


def make_worker_id() -> str:
    # Host and process: a worker starting on the same machine can tell a dead one at once.
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{os.urandom(3).hex()}"


def beat(worker_id: str) -> None:
    cache.set(f"worker-beat:{worker_id}", timezone.now().timestamp(), HEARTBEAT_TIMEOUT * 2)


def _shared_cache() -> bool:
    return "locmem" not in settings.CACHES["default"]["BACKEND"].lower()


def _alive(worker_id: str) -> bool:
    host, _, rest = worker_id.partition(":")
    pid = rest.partition(":")[0]
    if host == socket.gethostname()[:40] and pid.isdigit():
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            pass  # another user's process: alive
        return True
    last = cache.get(f"worker-beat:{worker_id}")
    if last is None:
        # Another machine's worker and no heartbeat: dead, when the cache is shared (the
        # heartbeat would be there); unknown, and left alone, when each process has its own.
        return not _shared_cache()
    return timezone.now().timestamp() - float(last) < HEARTBEAT_TIMEOUT


def recover_abandoned() -> int:
    """Tasks marked running by a worker that is gone (killed, the machine restarted) are put
    back in the queue. Imports run in one transaction, so a killed import left nothing
    written and simply runs again; an e-mail may at worst be sent twice."""
    if not uses_database_queue():
        return 0
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    recovered = 0
    for result in DBTaskResult.objects.running():
        workers = result.worker_ids or []
        if workers and _alive(workers[-1]):
            continue
        updated = DBTaskResult.objects.filter(pk=result.pk, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.READY, started_at=None, run_after=timezone.now()
        )
        if updated:
            recovered += 1
            logger.warning("task %s (%s) of a stopped worker queued again", result.pk, result.task_path)
    return recovered


def ensure_scheduled() -> None:
    """The tasks that plan themselves (the link check) have one planned run."""
    if not uses_database_queue():
        return
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from .tasks import check_links, next_link_check_at

    planned = DBTaskResult.objects.filter(
        Q(status=TaskResultStatus.READY) | Q(status=TaskResultStatus.RUNNING),
        task_path="background.tasks.check_links",
    )
    if not planned.exists():
        check_links.using(run_after=next_link_check_at()).enqueue()
    from follows.tasks import ensure_digests_scheduled  # the e-mail digests (follows/)

    ensure_digests_scheduled()


# Finished task rows are kept this long for the admin and debugging (django-tasks-db's own
# default for its ``prune_db_task_results`` command).
TASK_RESULT_DAYS = 14


def prune_finished(now: datetime.datetime | None = None) -> dict[str, int]:
    """Delete what the queue no longer needs: e-mail delivered or given up longer ago than
    ``CONTACT_LOG_DAYS`` (their text is gone already; the addresses go with the rows), and
    finished task rows older than ``TASK_RESULT_DAYS``. Run by the worker's housekeeping
    every hour and by ``expire_personal_data``."""
    from .models import OutgoingMail

    now = now or timezone.now()
    finished = [OutgoingMail.Status.DELIVERED, OutgoingMail.Status.GIVEN_UP]
    mails, _ = OutgoingMail.objects.filter(
        status__in=finished,
        finished_at__lt=now - datetime.timedelta(days=settings.CONTACT_LOG_DAYS),
    ).delete()
    tasks = 0
    if uses_database_queue():
        from django_tasks_db.models import DBTaskResult

        tasks, _ = (
            DBTaskResult.objects.finished()
            .filter(finished_at__lt=now - datetime.timedelta(days=TASK_RESULT_DAYS))
            .delete()
        )
    return {"e-mail records": mails, "finished task records": tasks}

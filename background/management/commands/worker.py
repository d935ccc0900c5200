"""``make worker``: run the background tasks, and keep the queue in order while doing so."""

from __future__ import annotations

import datetime
import logging
import threading
import time

from django.db import close_old_connections
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from background import mail, queue

logger = logging.getLogger("background.worker")

HOUSEKEEPING_SECONDS = 60
PRUNE_SECONDS = 3600
_last_prune = {"at": None}


def housekeeping(worker_id: str | None = None) -> None:
    """Once a minute: tasks of dead workers back in the queue, the weekly link check planned,
    overdue e-mail sent again; once an hour, finished e-mail and task rows past their time
    deleted."""
    try:
        queue.recover_abandoned()
        queue.ensure_scheduled()
        # With the immediate queue nothing else retries a failed delivery: sweep when due.
        mail.sweep() if queue.uses_database_queue() else mail.sweep(grace=datetime.timedelta(0))
        if _last_prune["at"] is None or time.monotonic() - _last_prune["at"] >= PRUNE_SECONDS:
            queue.prune_finished()
            _last_prune["at"] = time.monotonic()
    except Exception:  # a locked SQLite database during a long import, a lost connection
        logger.warning("worker housekeeping failed; trying again in a minute", exc_info=True)
    finally:
        close_old_connections()


class Command(DatabaseWorkerCommand):
    help = (
        "Run the background worker (e-mail delivery, imports, the weekly link check, Wagtail's search "
        "and reference index updates). With TASK_BACKEND=immediate, tasks run in the web request and "
        "this only retries e-mail that could not be delivered."
    )

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        # Host and process in the id, so that a worker restarted on the same machine knows at
        # once that the tasks its predecessor left running are abandoned.
        parser.set_defaults(worker_id=queue.make_worker_id(), reload=False)

    def handle(self, *args, **options) -> None:
        worker_id = options["worker_id"]
        stop = threading.Event()

        def beat_and_keep_house() -> None:
            last = 0.0
            while not stop.is_set():
                queue.beat(worker_id)
                if time.monotonic() - last >= HOUSEKEEPING_SECONDS:
                    housekeeping(worker_id)
                    last = time.monotonic()
                stop.wait(queue.HEARTBEAT_SECONDS)

        queue.beat(worker_id)
        housekeeping(worker_id)
        if not queue.uses_database_queue():
            self.stdout.write("TASK_BACKEND is immediate: retrying undelivered e-mail once a minute.")
            try:
                while True:
                    time.sleep(HOUSEKEEPING_SECONDS)
                    housekeeping(worker_id)
            except KeyboardInterrupt:
                return
        thread = threading.Thread(target=beat_and_keep_house, name="worker-housekeeping", daemon=True)
        thread.start()
        try:
            super().handle(*args, **options)
        finally:
            stop.set()

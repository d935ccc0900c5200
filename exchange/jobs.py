"""Imports from the admin's screen run in the background worker, with their progress shown.

The request stores the upload (``PendingImport``) and answers at once; the task runs the dry
run, then, once the editor confirms, the import itself, in the importer's one transaction (a
worker killed half way leaves nothing written, and the import runs again when a worker takes
it up). Progress goes to the cache, which the web servers share with the workers (CACHE_URL),
because the import's own writes are invisible to other connections until they commit.
"""

from __future__ import annotations

import logging
import time

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from .importer import Report, RowResult, run_import
from .models import PendingImport

logger = logging.getLogger(__name__)

PROGRESS_SECONDS = 0.5


def progress_key(job_id: int) -> str:
    return f"import-progress:{job_id}"


def progress_of(job: PendingImport) -> tuple[int, int] | None:
    """(rows done, rows in all) of a running job, when the worker has said."""
    value = cache.get(progress_key(job.pk))
    if not value:
        return None
    done, total = value
    return int(done), int(total)


def report_of(job: PendingImport) -> Report | None:
    if not job.report:
        return None
    data = job.report
    rows = [RowResult(**row) for row in data.get("rows", [])]
    return Report(
        filename=data.get("filename", job.filename),
        dry_run=data.get("dry_run", job.dry_run),
        committed=data.get("committed", False),
        file_error=data.get("file_error", ""),
        warnings=data.get("warnings", []),
        rows=rows,
        seconds=data.get("seconds", 0.0),
    )


def enqueue(job: PendingImport, *, dry_run: bool) -> None:
    """Queue one run of the job. Raises when the queue cannot take it."""
    PendingImport.objects.filter(pk=job.pk).update(
        status=PendingImport.Status.QUEUED, dry_run=dry_run, queued_at=timezone.now(), started_at=None
    )
    run_import_job.enqueue(job.pk)


@task()
def run_import_job(job_id: int) -> str:
    job = PendingImport.objects.filter(pk=job_id).select_related("user").first()
    if job is None:
        return "gone"  # cancelled, or its editor's account deleted, meanwhile
    if not job.active:
        return "skipped"
    PendingImport.objects.filter(pk=job.pk).update(
        status=PendingImport.Status.RUNNING, started_at=timezone.now()
    )
    last = 0.0

    def progress(done: int, total: int) -> None:
        nonlocal last
        now = time.monotonic()
        if done == total or now - last >= PROGRESS_SECONDS:
            last = now
            cache.set(progress_key(job.pk), (done, total), 24 * 3600)

    try:
        report = run_import(
            bytes(job.content),
            user=job.user,
            filename=job.filename,
            kind=job.kind,
            dry_run=job.dry_run,
            publish=job.publish,
            strict=job.strict,
            progress=progress,
        )
    except Exception as error:  # the importer reports what is wrong in a file; this is the rest
        logger.exception("import job %s failed", job.pk)
        report = Report(filename=job.filename, dry_run=job.dry_run)
        report.file_error = _(
            "The import stopped on an unexpected error and nothing was saved: %(error)s"
        ) % {"error": str(error)[:200]}
    data = report.as_dict()
    data["seconds"] = round(report.seconds, 1)
    if report.file_error:
        status = PendingImport.Status.FAILED
    elif job.dry_run:
        status = PendingImport.Status.CHECKED
    else:
        status = PendingImport.Status.DONE
    changes = {
        "status": status,
        "report": data,
        "finished_at": timezone.now(),
        "rows_total": len(report.rows),
    }
    if status != PendingImport.Status.CHECKED:
        changes["content"] = b""  # imported (or failed): the file is not needed any more
    PendingImport.objects.filter(pk=job.pk).update(**changes)
    cache.delete(progress_key(job.pk))
    return status


# Exports ----------------------------------------------------------------------------------------


def export_body(kind: str, fmt: str, private: bool) -> tuple[str, str, str]:
    """(body, content type, file name) of one export, as the export screen downloads it."""
    from .exporter import export_csv, export_json

    stamp = timezone.localdate().isoformat()
    if fmt == "csv":
        return export_csv(kind, private=private), "text/csv; charset=utf-8", f"{kind}s-{stamp}.csv"
    body = export_json([kind] if kind else None, private=private)
    return body, "application/json; charset=utf-8", f"{kind or 'records'}-{stamp}.json"


@task()
def run_export_job(job_id: int) -> str:
    from .models import ExportJob

    job = ExportJob.objects.filter(pk=job_id).first()
    if job is None or not job.active:
        return "gone"
    ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.Status.RUNNING)
    try:
        body, _content_type, filename = export_body(job.kind, job.format, job.private)
    except Exception as error:
        logger.exception("export job %s failed", job.pk)
        ExportJob.objects.filter(pk=job.pk).update(
            status=ExportJob.Status.FAILED, error=str(error)[:300], finished_at=timezone.now()
        )
        return "failed"
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportJob.Status.DONE, content=body.encode(), filename=filename, finished_at=timezone.now()
    )
    return "done"

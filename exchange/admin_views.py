"""The editors' import screen (upload, dry run, confirm, each run by the background worker
with a progress page) and the export screen."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from background import queue

from . import jobs
from .formats import FileError, parse
from .forms import ExportForm, ImportForm
from .models import ExportJob, PendingImport

# A queued import nobody has picked up for this long: the page says no worker seems to run.
WORKER_LATE = datetime.timedelta(seconds=30)


def can_import(user) -> bool:
    return user.is_superuser or user.has_perm("exchange.add_importedrecord")


def _tidy() -> None:
    now = timezone.now()
    # Uploads nobody confirmed within a day are dropped; reports are kept for a month.
    PendingImport.objects.filter(
        status=PendingImport.Status.CHECKED, finished_at__lt=now - datetime.timedelta(days=1)
    ).delete()
    PendingImport.objects.filter(
        status__in=(PendingImport.Status.DONE, PendingImport.Status.FAILED),
        finished_at__lt=now - datetime.timedelta(days=30),
    ).delete()


def _busy() -> PendingImport | None:
    return PendingImport.objects.filter(
        status__in=(PendingImport.Status.QUEUED, PendingImport.Status.RUNNING)
    ).first()


@require_http_methods(["GET", "POST"])
def import_view(request):
    if not can_import(request.user):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        _tidy()
        upload = form.cleaned_data["file"]
        content = upload.read()
        busy = _busy()
        try:
            parse(content, upload.name)  # a file that is not CSV or JSON is refused here, at once
        except FileError as error:
            form.add_error("file", str(error))
        else:
            if busy:
                # One import at a time: two would wait on each other's locks and their
                # reports would not say what the other changed.
                form.add_error(
                    "file",
                    _(
                        "Another import is running (%(file)s, started by %(user)s at %(time)s). "
                        "Wait until it has finished, then upload this file again."
                    )
                    % {
                        "file": busy.filename,
                        "user": busy.user.get_full_name() or busy.user.get_username(),
                        "time": timezone.localtime(busy.queued_at or busy.created_at).strftime("%H:%M"),
                    },
                )
            else:
                job = PendingImport.objects.create(
                    user=request.user,
                    filename=upload.name[:255],
                    content=content,
                    kind=form.cleaned_data["kind"],
                    publish=form.cleaned_data["publish"],
                    strict=form.cleaned_data["strict"],
                )
                try:
                    jobs.enqueue(job, dry_run=True)
                except Exception:
                    job.delete()
                    form.add_error(
                        "file",
                        _(
                            "The background queue cannot take the import just now; nothing was saved. "
                            "Please try again in a few minutes."
                        ),
                    )
                else:
                    return redirect("exchange_import_job", job.pk)
    return TemplateResponse(request, "exchange/admin/import.html", {"form": form})


@require_http_methods(["GET"])
def import_job(request, pk: int):
    if not can_import(request.user):
        raise PermissionDenied
    job = get_object_or_404(PendingImport.objects.select_related("user"), pk=pk, user=request.user)
    if job.active:
        progress = jobs.progress_of(job) if job.status == PendingImport.Status.RUNNING else None
        state = queue.state()
        late = (
            job.status == PendingImport.Status.QUEUED
            and job.queued_at is not None
            and timezone.now() - job.queued_at > WORKER_LATE
        )
        context = {
            "job": job,
            "done": progress[0] if progress else None,
            "total": progress[1] if progress else None,
            "late": late,
            "queue": state,
        }
        response = TemplateResponse(request, "exchange/admin/progress.html", context)
        response["Cache-Control"] = "no-store"
        return response
    report = jobs.report_of(job)
    pending = job if job.status == PendingImport.Status.CHECKED else None
    return TemplateResponse(request, "exchange/admin/report.html", {"report": report, "pending": pending})


@require_POST
def import_confirm(request, pk: int):
    if not can_import(request.user):
        raise PermissionDenied
    job = get_object_or_404(PendingImport, pk=pk, user=request.user)
    if job.status == PendingImport.Status.CHECKED:
        try:
            jobs.enqueue(job, dry_run=False)
        except Exception:
            PendingImport.objects.filter(pk=job.pk).update(status=PendingImport.Status.CHECKED)
            report = jobs.report_of(job)
            report.warnings.insert(
                0,
                _("The background queue cannot take the import just now. Please try again in a few minutes."),
            )
            return TemplateResponse(
                request, "exchange/admin/report.html", {"report": report, "pending": job}, status=503
            )
    # Confirmed twice (a double click, the back button): the page of the one import.
    return redirect("exchange_import_job", job.pk)


@require_POST
def import_cancel(request, pk: int):
    PendingImport.objects.filter(pk=pk, user=request.user).exclude(
        status__in=(PendingImport.Status.QUEUED, PendingImport.Status.RUNNING)
    ).delete()
    form = ImportForm()
    return TemplateResponse(request, "exchange/admin/import.html", {"form": form, "cancelled": True})


# Exports of more records than this (pages in every language, organisations, help points) are
# prepared by the background worker and downloaded from their own page.
EXPORT_INLINE_RECORDS = 5000


def _export_size(kind: str) -> int:
    from guides.models import HelpPoint
    from network.models import Organisation, PractitionerPage
    from practices.models import PracticePage

    models = {
        "organisation": [Organisation],
        "help_point": [HelpPoint],
        "practitioner": [PractitionerPage],
        "practice": [PracticePage],
    }
    chosen = models.get(kind, []) if kind else [m for group in models.values() for m in group]
    return sum(model.objects.count() for model in chosen)


def _download(body: bytes | str, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET"])
def export_view(request):
    form = ExportForm(request.GET or None)
    # Administrators (superusers, or the Administrators role, which alone may see contact records).
    is_admin = _is_admin(request.user)
    if request.GET and form.is_valid():
        private = form.cleaned_data["private"]
        if private and not is_admin:
            raise PermissionDenied(_("Only administrators can export private contact details."))
        kind, fmt = form.cleaned_data["kind"], form.cleaned_data["format"]
        if _export_size(kind) > EXPORT_INLINE_RECORDS:
            ExportJob.objects.filter(finished_at__lt=timezone.now() - datetime.timedelta(days=1)).delete()
            # The same export asked for again while it is prepared (a reload): the same job.
            job = ExportJob.objects.filter(
                user=request.user,
                kind=kind,
                format=fmt,
                private=private,
                status__in=(ExportJob.Status.QUEUED, ExportJob.Status.RUNNING),
            ).first()
            if job is None:
                job = ExportJob.objects.create(user=request.user, kind=kind, format=fmt, private=private)
                try:
                    jobs.run_export_job.enqueue(job.pk)
                except Exception:
                    job.delete()
                    form.add_error(
                        None,
                        _(
                            "The background queue cannot take the export just now. "
                            "Please try again in a few minutes."
                        ),
                    )
                    return TemplateResponse(
                        request,
                        "exchange/admin/export.html",
                        {"form": form, "is_admin": is_admin},
                        status=503,
                    )
            return redirect("exchange_export_job", job.pk)
        body, content_type, name = jobs.export_body(kind, fmt, private)
        return _download(body, content_type, name)
    return TemplateResponse(request, "exchange/admin/export.html", {"form": form, "is_admin": is_admin})


def _is_admin(user) -> bool:
    # Deleting contact details is the administrators' alone (editorial/roles.py): country
    # editors and moderators may add and change them, never export them all.
    return user.is_superuser or user.has_perm("network.delete_practitionercontact")


@require_http_methods(["GET"])
def export_job(request, pk: int):
    job = get_object_or_404(ExportJob, pk=pk, user=request.user)
    if job.private and not _is_admin(request.user):
        raise PermissionDenied
    if job.status == ExportJob.Status.DONE and request.GET.get("download"):
        content_type = "text/csv; charset=utf-8" if job.format == "csv" else "application/json; charset=utf-8"
        return _download(bytes(job.content), content_type, job.filename)
    response = TemplateResponse(request, "exchange/admin/export_job.html", {"job": job})
    response["Cache-Control"] = "no-store"
    return response

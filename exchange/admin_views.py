"""The editors' import screen (upload, dry run, confirm) and the export screen."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .exporter import export_csv, export_json
from .forms import ExportForm, ImportForm
from .importer import run_import
from .models import PendingImport


def can_import(user) -> bool:
    return user.is_superuser or user.has_perm("exchange.add_importedrecord")


@require_http_methods(["GET", "POST"])
def import_view(request):
    if not can_import(request.user):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        # Uploads nobody confirmed within a day are dropped.
        PendingImport.objects.filter(created_at__lt=timezone.now() - datetime.timedelta(days=1)).delete()
        upload = form.cleaned_data["file"]
        pending = PendingImport.objects.create(
            user=request.user,
            filename=upload.name[:255],
            content=upload.read(),
            kind=form.cleaned_data["kind"],
            publish=form.cleaned_data["publish"],
            strict=form.cleaned_data["strict"],
        )
        report = _run(pending, dry_run=True)
        if report.file_error:
            pending.delete()
            form.add_error("file", report.file_error)
        else:
            return TemplateResponse(
                request, "exchange/admin/report.html", {"report": report, "pending": pending}
            )
    return TemplateResponse(request, "exchange/admin/import.html", {"form": form})


def _run(pending: PendingImport, *, dry_run: bool):
    return run_import(
        bytes(pending.content),
        user=pending.user,
        filename=pending.filename,
        kind=pending.kind,
        dry_run=dry_run,
        publish=pending.publish,
        strict=pending.strict,
    )


@require_POST
def import_confirm(request, pk: int):
    if not can_import(request.user):
        raise PermissionDenied
    pending = get_object_or_404(PendingImport, pk=pk, user=request.user)
    report = _run(pending, dry_run=False)
    pending.delete()
    return TemplateResponse(request, "exchange/admin/report.html", {"report": report, "pending": None})


@require_POST
def import_cancel(request, pk: int):
    PendingImport.objects.filter(pk=pk, user=request.user).delete()
    form = ImportForm()
    return TemplateResponse(request, "exchange/admin/import.html", {"form": form, "cancelled": True})


@require_http_methods(["GET"])
def export_view(request):
    form = ExportForm(request.GET or None)
    # Administrators (superusers, or the Administrators role, which alone may see contact records).
    is_admin = request.user.is_superuser or request.user.has_perm("network.view_practitionercontact")
    if request.GET and form.is_valid():
        private = form.cleaned_data["private"]
        if private and not is_admin:
            raise PermissionDenied(_("Only administrators can export private contact details."))
        kind = form.cleaned_data["kind"]
        stamp = timezone.localdate().isoformat()
        if form.cleaned_data["format"] == "csv":
            body, content_type, name = (
                export_csv(kind, private=private),
                "text/csv; charset=utf-8",
                f"{kind}s-{stamp}.csv",
            )
        else:
            kinds = [kind] if kind else None
            body, content_type = export_json(kinds, private=private), "application/json; charset=utf-8"
            name = f"{kind or 'records'}-{stamp}.json"
        response = HttpResponse(body, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        response["Cache-Control"] = "no-store"
        return response
    return TemplateResponse(request, "exchange/admin/export.html", {"form": form, "is_admin": is_admin})

"""Admin views: the translation status of every page, and marking a machine translation reviewed."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Locale, Page

from . import translation_status as ts
from .permissions import CountryScopedPermissionTester, record_countries

PER_PAGE = 50


def translation_status_view(request):
    default = Locale.get_default()
    locales = list(Locale.objects.exclude(pk=default.pk).order_by("language_code"))
    codes = {locale.language_code for locale in locales}
    language = request.GET.get("language", "")
    language = language if language in codes else ""
    status = request.GET.get("status", "")
    status = status if status in ts.STATUS_LABELS else ""

    rows = ts.statuses_for(list(ts.original_pages()), locales)
    totals = ts.counts(rows)
    rows = ts.filter_pages(rows, language, status)
    shown_locales = [locale for locale in locales if not language or locale.language_code == language]
    for row in rows:
        row.languages = [item for item in row.languages if item.locale in shown_locales]
    page_number = request.GET.get("p", "1")
    paginator = Paginator(rows, PER_PAGE)
    listing = paginator.get_page(page_number)
    mark_editable(listing.object_list, request.user)
    return TemplateResponse(
        request,
        "editorial/translation_status.html",
        {
            "rows": listing,
            "paginator": paginator,
            "locales": locales,
            "shown_locales": shown_locales,
            "language": language,
            "status": status,
            "statuses": ts.STATUS_LABELS,
            "totals": [(locale, totals.get(locale.language_code, {})) for locale in locales],
            "language_names": dict(settings.LANGUAGES),
        },
    )


def mark_editable(rows, user) -> None:
    """Which of the listed pages ``user`` may open in the editor: a link leads only there (a
    translator gets the translation editor of a translation, never a "no permission" page for
    the English original). Only the rows shown are tested, and what the testers would read
    for each translation (its countries, that it is a translation) is known from its original."""
    for row in rows:
        original = row.page
        row.can_edit = original.permissions_for_user(user).can_edit()
        countries = record_countries(original)
        for item in row.languages:
            item.can_edit = False
            if item.page is None:
                continue
            item.page._editorial_is_translation = True  # shares the original's translation key
            item.page._editorial_countries = countries  # a translation is about the same countries
            item.can_edit = CountryScopedPermissionTester(user, item.page).can_edit()


@require_POST
def mark_reviewed_view(request, page_id: int):
    page = get_object_or_404(Page, pk=page_id).specific
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    reviewed = ts.mark_reviewed(page, request.user)
    if reviewed:
        messages.success(
            request,
            _("The machine translation of “%(title)s” is marked as reviewed.") % {"title": page.title},
        )
    else:
        messages.info(
            request, _("“%(title)s” has no machine translation left to review.") % {"title": page.title}
        )
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    return redirect(next_url or "editorial_translation_status")

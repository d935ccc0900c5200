"""Follow and unfollow (signed in, POST with CSRF), the "what I follow" page of the account
area, and the one-click unsubscribe from a digest (signed token, works signed out)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, gettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.models import Page

from search.query import clean_query

from .digest import user_from_token
from .listings import LISTINGS, describe, normalise
from .models import DigestSettings, Follow


def _back(request: HttpRequest, default: str = "follows_mine") -> HttpResponse:
    target = request.POST.get("next", "")
    # A path of this site only: ``redirect`` would take any other text for a view name.
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, request.is_secure()
    ):
        return HttpResponseRedirect(target)
    return redirect(default)


def _schedule(request: HttpRequest) -> DigestSettings:
    schedule, _created = DigestSettings.objects.get_or_create(
        user=request.user, defaults={"language": get_language() or "en"}
    )
    return schedule


def _params(request: HttpRequest) -> QueryDict:
    # The listing's own query string, posted by the Follow button as it was.
    return QueryDict(request.POST.get("query_string", "")[:2000])


@login_required
@require_POST
def follow_listing(request: HttpRequest) -> HttpResponse:
    listing = LISTINGS.get(request.POST.get("listing", ""))
    if listing is None:
        messages.error(request, gettext("This list cannot be followed."))
        return _back(request)
    filters, ignored = normalise(listing, _params(request))
    _schedule(request)
    _follow, created = Follow.objects.get_or_create(
        user=request.user,
        kind=Follow.Kind.LISTING,
        listing=listing.name,
        filters=filters,
        defaults={"language": get_language() or "en"},
    )
    if ignored:
        messages.warning(
            request,
            gettext("Some filter values are unknown and were left out: %(values)s. You follow the rest.")
            % {"values": ", ".join(ignored[:10])},
        )
    messages.success(
        request, gettext("You follow this list now.") if created else gettext("You already follow this list.")
    )
    return _back(request)


@login_required
@require_POST
def follow_search(request: HttpRequest) -> HttpResponse:
    params = _params(request)
    query = clean_query(params.get("q", "") or request.POST.get("q", ""))
    if not query:
        messages.error(request, gettext("Type some words to search for first."))
        return _back(request)
    from home.facets import clean_values
    from search.engine import FACETS

    filters = {name: sorted(clean_values(params, name)) for name in FACETS if clean_values(params, name)}
    _schedule(request)
    _follow, created = Follow.objects.get_or_create(
        user=request.user,
        kind=Follow.Kind.SEARCH,
        query=query[:200],
        filters=filters,
        defaults={"language": get_language() or "en"},
    )
    messages.success(
        request,
        gettext("You follow this search now.") if created else gettext("You already follow this search."),
    )
    return _back(request)


@login_required
@require_POST
def follow_record(request: HttpRequest) -> HttpResponse:
    page_id = request.POST.get("page", "")
    page = (
        Page.objects.live().public().filter(pk=int(page_id)).first()
        if page_id.isdigit() and len(page_id) < 12
        else None
    )
    if page is None:
        messages.error(request, gettext("This page cannot be followed."))
        return _back(request)
    _schedule(request)
    # One follow per record, whichever language it was followed in.
    existing = Follow.objects.filter(
        user=request.user, kind=Follow.Kind.RECORD, page__translation_key=page.translation_key
    ).exists()
    if not existing:
        Follow.objects.create(
            user=request.user, kind=Follow.Kind.RECORD, page=page, language=get_language() or "en"
        )
    messages.success(
        request,
        gettext("You already follow this page.") if existing else gettext("You follow this page now."),
    )
    return _back(request)


@login_required
@require_POST
def unfollow(request: HttpRequest, follow_id: int) -> HttpResponse:
    deleted = Follow.objects.filter(pk=follow_id, user=request.user).delete()[0]
    if deleted:
        messages.success(request, gettext("You no longer follow it."))
    return _back(request)


def _described(follow: Follow) -> dict:
    if follow.kind == Follow.Kind.LISTING:
        listing = LISTINGS.get(follow.listing)
        return {
            "follow": follow,
            "title": str(listing.label) if listing else follow.listing,
            "filters": describe(listing, follow.filters) if listing else [],
        }
    if follow.kind == Follow.Kind.SEARCH:
        return {"follow": follow, "title": follow.query, "filters": []}
    page = follow.page
    local = page.get_translations(inclusive=True).live().filter(locale__language_code=get_language()).first()
    return {"follow": follow, "title": (local or page).title, "page": local or page, "filters": []}


@login_required
@require_http_methods(["GET", "POST"])
def mine(request: HttpRequest) -> HttpResponse:
    schedule = _schedule(request)
    if request.method == "POST":
        frequency = request.POST.get("frequency", "")
        if frequency in DigestSettings.Frequency.values:
            schedule.frequency = frequency
            schedule.language = get_language() or schedule.language
            schedule.save(update_fields=["frequency", "language"])
            messages.success(request, gettext("Your choice is saved."))
            return redirect("follows_mine")
        messages.error(request, gettext("Choose how often you want the e-mail."))
    follows = [
        _described(follow) for follow in Follow.objects.filter(user=request.user).select_related("page")
    ]
    return render(
        request,
        "follows/mine.html",
        {"follows": follows, "schedule": schedule, "frequencies": DigestSettings.Frequency.choices},
    )


# A mail client's one-click unsubscribe (RFC 8058) posts without a session or CSRF token;
# the signed token is the authority, and it only ever turns digests off.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    user = user_from_token(token)
    if user is None:
        return render(request, "follows/unsubscribe_invalid.html", status=400)
    # One click from the mail (GET), or the mail client's own one-click POST: both only ever
    # turn digests off, so a link scanner opening it can do no harm beyond that.
    DigestSettings.objects.update_or_create(user=user, defaults={"frequency": DigestSettings.Frequency.NEVER})
    response = render(request, "follows/unsubscribed.html")
    response["Cache-Control"] = "no-store"
    return response

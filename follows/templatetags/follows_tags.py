"""``{% follow_button %}``: the Follow button of listings, searches and records.

On a listing: ``{% follow_button listing="practices" %}`` (the current filters are the query
string); on a search page: ``{% follow_button search=True %}``; on a record:
``{% follow_button page=page %}``. Anonymous visitors see a "Sign in to follow" link.
"""

from __future__ import annotations

from django import template
from django.utils.http import urlencode

register = template.Library()


@register.inclusion_tag("follows/includes/follow_button.html", takes_context=True)
def follow_button(context, listing: str = "", search: bool = False, page=None) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None)
    path = request.get_full_path() if request is not None else "/"
    if page is not None:
        kind = "record"
    elif search:
        kind = "search"
    else:
        kind = "listing"
    return {
        "request": request,
        "signed_in": bool(user and user.is_authenticated),
        "kind": kind,
        "listing": listing,
        "page": page,
        "query_string": request.META.get("QUERY_STRING", "") if request is not None else "",
        "next": path,
        "login_query": urlencode({"next": path}),
        "csrf_token": context.get("csrf_token"),
    }

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from wagtail.models import Locale, Page
from wagtail.search.utils import parse_query_string

from .query import clean_query

RESULTS_PER_PAGE = 10


@require_GET
@never_cache
def search(request: HttpRequest) -> HttpResponse:
    """Full-text search over the live public pages of the active language."""
    query = clean_query(request.GET.get("q"))
    results = Page.objects.none()
    if query:
        # parse_query_string turns balanced quotes into phrases and drops the
        # unbalanced ones that SQLite FTS5 would choke on.
        _filters, parsed = parse_query_string(query, operator="and")
        results = (
            Page.objects.live()
            .public()
            .filter(locale=Locale.get_active())
            .specific()
            .search(parsed, operator="and")
        )
    paginator = Paginator(results, RESULTS_PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("page"))
    response = TemplateResponse(
        request,
        "search/search.html",
        {"search_query": query, "search_results": page_obj, "paginator": paginator},
    )
    response["X-Robots-Tag"] = "noindex"
    return response

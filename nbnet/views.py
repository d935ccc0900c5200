from django.http import HttpRequest, HttpResponse, HttpResponseNotFound, HttpResponseServerError
from django.template import loader
from django.utils import translation
from django.views.decorators.http import require_GET


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    # LocaleMiddleware has already activated the language of the URL prefix
    # (/lv/missing/ answers in Latvian); unprefixed URLs fall back to the
    # visitor's Accept-Language.
    if not translation.get_language_from_path(request.path_info):
        translation.activate(translation.get_language_from_request(request))
    template = loader.get_template("404.html")
    return HttpResponseNotFound(template.render({"request_path": request.path}, request))


def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without a RequestContext: context processors may touch the
    # database, which may be the very thing that failed.
    language = translation.get_language_from_path(request.path_info) or (
        translation.get_language_from_request(request)
    )
    with translation.override(language):
        template = loader.get_template("500.html")
        return HttpResponseServerError(template.render({"LANGUAGE_CODE": language}))


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    # Search result pages are endless combinations of the same content.
    lines = ["User-agent: *", "Disallow: /*/search/"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
